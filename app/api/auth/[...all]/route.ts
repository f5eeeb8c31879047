import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

function handlers() {
  return toNextJsHandler(getAuth());
}

export async function GET(request: Request): Promise<Response> {
  return handlers().GET(request);
}

export async function POST(request: Request): Promise<Response> {
  if (isForbiddenCrossOrigin("POST", request.headers, getEnv().trustedOrigins)) {
    logger.warn({ component: "auth", origin: request.headers.get("origin"), path: new URL(request.url).pathname }, "cross-origin auth request refused");
    return Response.json({ code: "INVALID_ORIGIN", message: "Cross-origin request refused" }, { status: 403 });
  }
  return handlers().POST(request);
}
