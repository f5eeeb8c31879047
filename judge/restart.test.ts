/**
 * Restart safety: a worker process (`npm run worker`'s judge/cli.ts) is killed with SIGKILL in
 * the middle of judging; a new worker process finds the orphaned lease and the submission
 * still gets its verdict, judged from scratch.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { createTestDatabase, makeProblem, makeSubmission, makeUser } = await import("./test-support");

const ROOT = path.resolve(import.meta.dirname, "..");
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase("sqlite");
  dataDir = mkdtempSync(path.join(tmpdir(), "arbiter-worker-"));
}, 120_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): ChildProcess {
  // One process (no npx/tsx wrapper), so SIGKILL really kills the worker.
  const child = spawn(process.execPath, ["--import", "tsx", "judge/cli.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: t.url,
      DATA_DIR: dataDir,
      JUDGE_CONCURRENCY: "1",
      JUDGE_LEASE_MS: "60000", // long: the dead worker must be recognised by its pid, not by waiting
      JUDGE_POLL_MS: "300",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGKILL" && signal !== "SIGTERM") console.error(`worker exited ${code} ${signal}\n${log}`);
  });
  children.push(child);
  return child;
}

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("restart safety", () => {
  it("a submission whose worker was killed mid-judging is judged again and gets its verdict", async () => {
    const user = await makeUser(t.db);
    const problemId = await makeProblem(t.db, {
      timeLimitMs: 3000,
      tests: Array.from({ length: 4 }, (_, i) => ({ input: `${i}\n`, expectedOutput: `${i}\n` })),
    });
    const id = await makeSubmission(t.db, { userId: user, problemId, source: "import time\nn = input()\ntime.sleep(0.7)\nprint(n)\n" });

    const first = startWorker();
    const mid = await waitFor(async () => {
      const row = await t.db.submission.findUnique({ where: { id } });
      return row && row.status === "running" && row.testsDone >= 1 ? row : null;
    }, 60_000);
    expect(mid.leasedBy).toContain(`:${first.pid}:`);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const stuck = await t.db.submission.findUnique({ where: { id } });
    expect(stuck!.status).not.toBe("done");

    const second = startWorker();
    const done = await waitFor(async () => {
      const row = await t.db.submission.findUnique({ where: { id }, include: { tests: { orderBy: { ordinal: "asc" } } } });
      return row?.status === "done" ? row : null;
    }, 60_000);
    expect(done).toMatchObject({ verdict: "accepted", score: 1, testsDone: 4, attempts: 2, leasedBy: null });
    expect(done.tests.map((x) => x.status)).toEqual(["accepted", "accepted", "accepted", "accepted"]);

    second.kill("SIGTERM");
    await new Promise((r) => second.once("exit", r));
    expect(second.exitCode).toBe(0);
  });
});
