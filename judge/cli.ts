/**
 * `npm run worker`: a judging process of its own (scale-out, or JUDGE_IN_PROCESS=false on the
 * web server). Same configuration as the server (DATABASE_URL, JUDGE_CONCURRENCY,
 * JUDGE_LEASE_MS, JUDGE_POLL_MS, SANDBOX_BACKEND). SIGTERM/SIGINT: finish or requeue, then exit.
 *
 * Live events stay in this process; the web process shows progress from the database.
 */
import "../lib/node/register-server-only.mjs";

const { getEnvOrExit } = await import("../lib/env.ts");
const env = getEnvOrExit();
process.env.LOG_LEVEL = env.logLevel;

const { logger } = await import("../lib/logger.ts");
const { getDb, disconnectDb } = await import("../lib/db.ts");
const { getSandbox, closeSandbox } = await import("../lib/sandbox.ts");
const { startJudgeWorker } = await import("./service.ts");

const log = logger.child({ component: "judge-cli" });
try {
  await getSandbox();
} catch (err) {
  log.fatal({ event: "sandbox.unavailable" }, `cannot judge: ${(err as Error).message}`);
  process.exit(1);
}
const worker = await startJudgeWorker({
  db: getDb(),
  sandbox: getSandbox,
  logger,
  concurrency: env.judgeConcurrency,
  leaseMs: env.judgeLeaseMs,
  pollMs: env.judgePollMs,
});
log.info({ event: "judge.cli.ready", worker: worker.id, concurrency: env.judgeConcurrency }, "judge worker ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping judge worker");
  await worker.stop(Number(process.env.JUDGE_STOP_GRACE_MS ?? 10_000));
  await closeSandbox();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
