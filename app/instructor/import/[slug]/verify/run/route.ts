import { authorize } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { isForbiddenCrossOrigin } from "@/lib/http/origin";
import { logger } from "@/lib/logger";
import { getSandbox } from "@/lib/sandbox";
import { loadExportable } from "@/judge/kattis/export";
import { verifyProblem } from "@/judge/kattis/verify";

export const dynamic = "force-dynamic";

/**
 * POST /instructor/import/<slug>/verify/run: judges every reference solution of the problem and
 * streams NDJSON lines: { type: "start", total } then { type: "row", row } per submission, then
 * { type: "done", ok, suggestedTimeLimitMs, maxAcceptedCpuMs, ms } (or { type: "error", message }).
 * One verify at a time per server process (it is CPU-heavy); 429 while another runs.
 */
const state = globalThis as unknown as { __arbiterVerifyBusy?: boolean };

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  if (isForbiddenCrossOrigin("POST", request.headers, getEnv().trustedOrigins)) return Response.json({ error: "Cross-origin request refused" }, { status: 403 });
  const auth = await authorize(request.headers, ["instructor", "admin"]);
  if (!auth.ok) return Response.json({ error: auth.status === 401 ? "Sign in first" : "Forbidden" }, { status: auth.status });
  const { slug } = await params;
  const problem = await loadExportable(prisma, slug);
  if (!problem) return Response.json({ error: "No such problem" }, { status: 404 });
  if (problem.submissions.length === 0) return Response.json({ error: "This problem has no reference submissions" }, { status: 409 });
  if (state.__arbiterVerifyBusy) return Response.json({ error: "Another verify is running; try again in a minute" }, { status: 429 });
  state.__arbiterVerifyBusy = true;
  const log = logger.child({ component: "kattis", userId: auth.user.id });
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => abort.abort());
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch {
          /* the client went away */
        }
      };
      try {
        send({ type: "start", total: problem.submissions.length });
        const sandbox = await getSandbox();
        const report = await verifyProblem(problem, { sandbox, signal: abort.signal, onRow: (row) => send({ type: "row", row }) });
        log.info({ event: "problem.verify", slug, submissions: report.rows.length, mismatches: report.rows.filter((r) => !r.ok).length, ms: report.ms }, `verified ${slug}`);
        send({ type: "done", ok: report.ok, suggestedTimeLimitMs: report.suggestedTimeLimitMs, maxAcceptedCpuMs: report.maxAcceptedCpuMs, ms: report.ms });
      } catch (error) {
        log.error({ event: "problem.verify.failed", slug, err: error }, "verify failed");
        send({ type: "error", message: (error as Error).message });
      } finally {
        state.__arbiterVerifyBusy = false;
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
}
