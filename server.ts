/**
 * Arbiter's HTTP + WebSocket server: Next.js and the /ws endpoint on ONE port.
 *   npm run dev    -> tsx server.ts            (development, hot reload)
 *   npm run serve  -> NODE_ENV=production tsx server.ts   (after npm run build)
 */
import "./lib/node/register-server-only.mjs";

const started = performance.now();
const dev = process.env.NODE_ENV !== "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

// Everything else is imported after the server-only hook is in place.
const { getEnvOrExit } = await import("./lib/env.ts");
// Cached on globalThis: Next's bundled copy of lib/env reuses this validated configuration.
const env = getEnvOrExit();
// The auth secret is deliberately NOT copied into process.env: child processes (compilers,
// sandboxes) would inherit it.
process.env.LOG_LEVEL = env.logLevel;

const { createServer } = await import("node:http");
const { parse } = await import("node:url");
const { default: next } = await import("next");
const { logger } = await import("./lib/logger.ts");

// Bring the database up to date before anything uses it (a no-op when it is): every way of
// starting the server (npm start, npm run dev, a new version) then runs on the current schema.
{
  const { deployMigrations, DbToolError } = await import("./scripts/db/index.ts");
  try {
    const result = await deployMigrations(env.databaseUrl);
    if (result.applied.length > 0) logger.info({ component: "db", applied: result.applied }, `applied ${result.applied.length} migration(s)`);
  } catch (err) {
    if (!(err instanceof DbToolError)) throw err;
    process.stderr.write(`Database error: ${err.message}${err.hint ? ` (${err.hint})` : ""}\n`);
    process.exit(1);
  }
}
const { createWebSocketServer, WS_PATH } = await import("./lib/ws/server.ts");
const { disconnectDb } = await import("./lib/db.ts");
const { getSandbox, closeSandbox } = await import("./lib/sandbox.ts");
const { startJudgeWorker } = await import("./judge/service.ts");
const { getDb } = await import("./lib/db.ts");
const { syncLiveCounters } = await import("./lib/quotas/service.ts");

const log = logger.child({ component: "server" });
const app = next({ dev, hostname: env.host, port: env.port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare();
const upgradeNext = app.getUpgradeHandler();
const ws = createWebSocketServer();

const server = createServer((req, res) => {
  handle(req, res, parse(req.url ?? "/", true)).catch((err: unknown) => {
    log.error({ err }, "request failed");
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.on("upgrade", (req, socket, head) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname === WS_PATH) {
    if (shuttingDown) return socket.destroy();
    ws.handleUpgrade(req, socket, head);
  } else {
    void upgradeNext(req, socket, head);
  }
});

// The judge runs in this process unless JUDGE_IN_PROCESS=false (then: `npm run worker`).
let judge: Promise<{ stop(graceMs?: number): Promise<void> }> | undefined;

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    log.warn("shutdown timed out; exiting");
    process.exit(0);
  }, 5000);
  force.unref();
  try {
    const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Judge: finish what is nearly done, give the rest back to the queue (judged after restart).
    await judge?.then((w) => w.stop(2500)).catch(() => {});
    await ws.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    await httpClosed;
    await app.close?.();
    await closeSandbox();
    await disconnectDb();
  } catch (err) {
    log.error({ err }, "error during shutdown");
  }
  log.info("bye");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

server.listen(env.port, env.host, () => {
  log.info(
    { url: env.publicUrl, port: env.port, host: env.host, dev, db: env.databaseProvider, startupMs: Math.round(performance.now() - started) },
    "Arbiter listening",
  );
  // Runs do not survive a restart and waiting submissions are what the queue holds: make the
  // quota counters say so (a crash must not leave anyone locked out).
  syncLiveCounters(getDb()).catch((err: unknown) => log.error({ err }, "could not resync the quota counters"));
  // Check the sandbox now, so a host that cannot run code says so at start-up, not on a click.
  getSandbox().then(
    (sandbox) => {
      log.info({ event: "sandbox.ok", backend: sandbox.backendName }, `sandbox ready (${sandbox.backendName})`);
      if (env.judgeInProcess && !shuttingDown) {
        judge = startJudgeWorker({ db: getDb(), sandbox: getSandbox, logger, concurrency: env.judgeConcurrency, leaseMs: env.judgeLeaseMs, pollMs: env.judgePollMs });
        judge.catch((err: unknown) => log.error({ err }, "judge worker failed to start"));
      }
    },
    (err: Error) => log.error({ event: "sandbox.unavailable" }, `running code is disabled: ${err.message}`),
  );
});
