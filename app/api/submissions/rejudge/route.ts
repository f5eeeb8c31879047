import { currentUser } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";
import { logger } from "@/lib/logger";
import { rejudge, rejudgeBodySchema } from "@/lib/submissions/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/submissions/rejudge (instructors of the problem; admins)
 *   { submissionId }            one submission
 *   { problem: slug, since? }   a whole problem (optionally only since an ISO date)
 *   { since }                   everything since an ISO date (instructors: their problems)
 * -> { count }. Reruns have a lower priority than fresh submissions.
 */
export async function POST(request: Request): Promise<Response> {
  if (isForbiddenCrossOrigin("POST", request.headers, getEnv().trustedOrigins)) return Response.json({ error: "Cross-origin request refused" }, { status: 403 });
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first" }, { status: 401 });
  const body = rejudgeBodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ error: "Give submissionId, problem (and since), or since" }, { status: 400 });
  const result = await rejudge(user, body.data);
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
  logger.info({ event: "submission.rejudge", userId: user.id, scope: body.data, count: result.count }, "rejudge queued");
  return Response.json({ count: result.count, summary: `/instructor/rejudges/${result.auditId}` });
}
