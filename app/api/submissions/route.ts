import { currentUser } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";
import { logger } from "@/lib/logger";
import { refusalResponse } from "@/lib/quotas/http";
import { admitSubmission } from "@/lib/quotas/service";
import { enqueueSubmission, listSubmissions, prepareSubmission, submitBodySchema } from "@/lib/submissions/service";

export const dynamic = "force-dynamic";

/**
 * Submissions.
 *   POST /api/submissions { problem: slug, language, source }  -> 201 { id }  (queued for judging)
 *   GET  /api/submissions?problem=<slug>&all=1                 -> { items }  (history; all = instructors)
 * Live progress: WebSocket `submission.watch` (docs/websocket-protocol.md).
 */
function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  if (isForbiddenCrossOrigin("POST", request.headers, getEnv().trustedOrigins)) return json(403, { error: "Cross-origin request refused" });
  const user = await currentUser();
  if (!user) return json(401, { error: "Sign in first" });
  const body = submitBodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return json(400, { error: body.error.issues[0]?.message ?? "Invalid request" });
  const prepared = await prepareSubmission(user, body.data);
  if (!prepared.ok) return json(prepared.status, { error: prepared.error });
  const admission = await admitSubmission(prisma, user, { sourceBytes: prepared.bytes });
  if (!admission.ok) return refusalResponse(admission);
  const id = await enqueueSubmission(user, prepared.problemId, body.data.language, body.data.source, { quotaHeld: true });
  logger.info({ event: "submission.created", submissionId: id, userId: user.id, problemId: prepared.problemId, language: body.data.language, sourceBytes: prepared.bytes }, "submission queued");
  return json(201, { id });
}

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return json(401, { error: "Sign in first" });
  const url = new URL(request.url);
  const problemSlug = url.searchParams.get("problem") ?? undefined;
  const all = url.searchParams.get("all") === "1";
  const { items } = await listSubmissions(user, { problemSlug, all });
  return json(200, { items });
}
