/**
 * How a refusal reaches a client: HTTP status and headers for route handlers, a message for the
 * WebSocket. Both say which limit, the usage, the maximum and when it resets.
 */
import type { QuotaRefusal } from "./service";

export interface QuotaErrorBody {
  error: "quota";
  limit: QuotaRefusal["limit"];
  used: number;
  max: number;
  resetsAt: string | null;
  retryAfterSeconds: number;
  message: string;
}

export function refusalBody(refusal: QuotaRefusal): QuotaErrorBody {
  return {
    error: "quota",
    limit: refusal.limit,
    used: refusal.used,
    max: refusal.max,
    resetsAt: refusal.resetsAt?.toISOString() ?? null,
    retryAfterSeconds: refusal.retryAfterSeconds,
    message: refusal.message,
  };
}

/**
 * 429 with Retry-After for limits that free up with time or when work finishes; 413 for a
 * source over the size limit and 400 for limits above the user's ceiling (retrying cannot help).
 */
export function refusalResponse(refusal: QuotaRefusal): Response {
  const status = refusal.limit === "maxSourceBytes" ? 413 : refusal.retryAfterSeconds === 0 ? 400 : 429;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 429) headers["retry-after"] = String(refusal.retryAfterSeconds);
  return new Response(JSON.stringify(refusalBody(refusal)), { status, headers });
}
