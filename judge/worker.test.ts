/**
 * The worker end to end (SQLite + the real sandbox): claims, judges, streams events, writes
 * per-test rows under its lease; a graceful stop gives unfinished work back to the queue.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pino from "pino";

vi.mock("server-only", () => ({}));
const { Sandbox } = await import("../sandbox");
const { InProcessEventBus } = await import("./events");
const { JudgeWorker } = await import("./worker");
const { DbSubmissionQueue } = await import("./queue");
const { createTestDatabase, makeProblem, makeSubmission, makeUser } = await import("./test-support");
type SubmissionEvent = import("./events").SubmissionEvent;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let sandbox: import("../sandbox").Sandbox;
const logger = pino({ level: "silent" });

beforeAll(async () => {
  [t, sandbox] = await Promise.all([createTestDatabase("sqlite"), Sandbox.create({ backend: "auto" })]);
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.drop();
});

function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      const v = await fn();
      if (v) return resolve(v);
      if (Date.now() > deadline) return reject(new Error("timed out"));
      setTimeout(tick, 50);
    };
    void tick();
  });
}

describe("JudgeWorker", () => {
  it("judges queued submissions, streams events and stores per-test rows", async () => {
    const bus = new InProcessEventBus();
    const finished: string[] = [];
    const onFinished = async ({ submissionId }: { submissionId: string }) => void finished.push(submissionId);
    const worker = new JudgeWorker({ db: t.db, sandbox: async () => sandbox, bus, logger, concurrency: 2, pollMs: 60_000, onFinished });
    await worker.start();
    try {
      const user = await makeUser(t.db);
      const problemId = await makeProblem(t.db, {
        tests: [
          { input: "1 2\n", expectedOutput: "3\n", kind: "sample" },
          { input: "5 5\n", expectedOutput: "10\n", kind: "hidden" },
        ],
      });
      const ac = await makeSubmission(t.db, { userId: user, problemId, source: "print(sum(map(int, input().split())))\n" });
      const wa = await makeSubmission(t.db, { userId: user, problemId, source: "print(3)\n" });
      const ce = await makeSubmission(t.db, { userId: user, problemId, source: "def (\n" });
      const events = new Map<string, SubmissionEvent[]>();
      for (const id of [ac, wa, ce]) {
        events.set(id, []);
        bus.subscribe(id, (e) => events.get(id)!.push(e));
      }
      bus.signalWork();
      await waitFor(async () => (await t.db.submission.count({ where: { id: { in: [ac, wa, ce] }, status: "done" } })) === 3);

      const rows = await t.db.submission.findMany({ where: { id: { in: [ac, wa, ce] } }, include: { tests: { orderBy: { ordinal: "asc" } } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(ac)).toMatchObject({ verdict: "accepted", score: 1, testsDone: 2, testsTotal: 2, leasedBy: null, attempts: 1 });
      expect(byId.get(ac)!.tests.map((x) => [x.ordinal, x.status, x.sample])).toEqual([
        [1, "accepted", true],
        [2, "accepted", false],
      ]);
      // Output is kept for sample tests only.
      expect(byId.get(ac)!.tests[0]!.output).toBe("3\n");
      expect(byId.get(ac)!.tests[1]!.output).toBeNull();
      expect(byId.get(wa)).toMatchObject({ verdict: "wrong_answer", score: 0 });
      expect(byId.get(wa)!.tests.map((x) => x.status)).toEqual(["accepted", "wrong_answer"]);
      expect(byId.get(ce)).toMatchObject({ verdict: "compile_error" });
      expect(byId.get(ce)!.compileMessage).toMatch(/SyntaxError|invalid syntax/);

      const acEvents = events.get(ac)!.map((e) => e.type);
      expect(acEvents).toEqual(["state", "state", "test", "test", "done"]);
      const lastTest = events.get(ac)!.filter((e) => e.type === "test").at(-1);
      expect(lastTest).toMatchObject({ testsDone: 2, testsTotal: 2, test: { ordinal: 2, status: "AC" } });
      expect(events.get(wa)!.at(-1)).toMatchObject({ type: "done", verdict: "WA" });
      // The quota hook runs once per final verdict.
      expect(finished.sort()).toEqual([ac, wa, ce].sort());
    } finally {
      await worker.stop(1000);
    }
  });

  it("never loses a wake-up that arrives while its slots are busy claiming (work and stop)", async () => {
    // Claims that come back slowly: the signal below arrives after the queue was found empty.
    class SlowQueue extends DbSubmissionQueue {
      async claim(workerId: string, leaseMs: number) {
        const c = await super.claim(workerId, leaseMs);
        await new Promise((r) => setTimeout(r, 300));
        return c;
      }
    }
    const bus = new InProcessEventBus();
    const worker = new JudgeWorker({ db: t.db, sandbox: async () => sandbox, bus, logger, concurrency: 2, pollMs: 60_000, queue: new SlowQueue(t.db) });
    const user = await makeUser(t.db);
    const problemId = await makeProblem(t.db);
    await worker.start();
    await new Promise((r) => setTimeout(r, 100)); // both slots are inside claim() now
    const id = await makeSubmission(t.db, { userId: user, problemId, source: "print(3)\n" });
    bus.signalWork();
    const started = Date.now();
    await waitFor(async () => (await t.db.submission.findUnique({ where: { id } }))?.status === "done", 10_000);
    expect(Date.now() - started).toBeLessThan(10_000); // far below the 60 s fallback poll
    // Stop while the slots are claiming: it must return, not wait for a wake-up that never comes.
    await new Promise((r) => setTimeout(r, 50));
    const stopping = Date.now();
    await worker.stop(5_000);
    expect(Date.now() - stopping).toBeLessThan(2_000);
  });

  it("a hung sandbox cannot leave a submission stuck: past its budget it ends as IE", async () => {
    const bus = new InProcessEventBus();
    const hung = { openSession: () => new Promise(() => {}) } as unknown as import("../sandbox").Sandbox;
    const worker = new JudgeWorker({ db: t.db, sandbox: async () => hung, bus, logger, concurrency: 1, pollMs: 60_000, budgetMs: () => 500 });
    const user = await makeUser(t.db);
    const problemId = await makeProblem(t.db);
    const id = await makeSubmission(t.db, { userId: user, problemId });
    await worker.start();
    try {
      const row = await waitFor(async () => {
        const r = await t.db.submission.findUnique({ where: { id } });
        return r?.status === "done" ? r : null;
      }, 10_000);
      expect(row).toMatchObject({ verdict: "judge_error", leasedBy: null });
      expect(row.judgeMessage).toContain("judging took longer than");
    } finally {
      await worker.stop(100);
    }
  });

  it("a graceful stop gives an unfinished submission back to the queue", async () => {
    const bus = new InProcessEventBus();
    const worker = new JudgeWorker({ db: t.db, sandbox: async () => sandbox, bus, logger, concurrency: 1, pollMs: 60_000 });
    const user = await makeUser(t.db);
    const problemId = await makeProblem(t.db, {
      timeLimitMs: 5000,
      tests: Array.from({ length: 5 }, () => ({ input: "\n", expectedOutput: "ok\n" })),
    });
    const id = await makeSubmission(t.db, { userId: user, problemId, source: "import time\ntime.sleep(1)\nprint('ok')\n" });
    await worker.start();
    await waitFor(async () => (await t.db.submission.findUnique({ where: { id } }))?.testsDone === 1);
    await worker.stop(100);
    const row = await t.db.submission.findUnique({ where: { id } });
    expect(row).toMatchObject({ status: "queued", leasedBy: null, attempts: 0, verdict: null });
  });
});
