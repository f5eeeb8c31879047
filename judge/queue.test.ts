/**
 * The DB queue on SQLite and PostgreSQL: atomic claiming, fairness across users, priority,
 * lease renewal/expiry/requeue, dead holders, attempts cap, rejudge.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { DbSubmissionQueue, MAX_ATTEMPTS, PRIORITY_REJUDGE_BULK, makeWorkerId } = await import("./queue");
const { createTestDatabase, makeProblem, makeSubmission, makeUser } = await import("./test-support");
type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe.each(["sqlite", "postgresql"] as const)("DbSubmissionQueue on %s", (provider) => {
  let t: TestDatabase;
  let problemId: string;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    problemId = await makeProblem(t.db);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** Marks everything finished so each test starts with an empty queue. */
  async function drain() {
    await t.db.submission.updateMany({ data: { status: "done", leasedBy: null, leaseExpiresAt: null } });
  }
  const finish = (id: string) => t.db.submission.update({ where: { id }, data: { status: "done", leasedBy: null, leaseExpiresAt: null } });

  it("claims each submission exactly once under concurrent claimers", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const user = await makeUser(t.db);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await makeSubmission(t.db, { userId: user, problemId }));
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => q.claim(`w${i}`, 30_000)));
    const got = claims.filter((c) => c !== null).map((c) => c.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual([...ids].sort());
    const rows = await t.db.submission.findMany({ where: { id: { in: ids } } });
    for (const r of rows) {
      expect(r.status).toBe("compiling");
      expect(r.leasedBy).toMatch(/^w\d$/);
      expect(r.attempts).toBe(1);
      expect(r.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(await q.claim("w-late", 30_000)).toBeNull();
  });

  it("is fair: one user's 50 submissions do not starve another's one", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const heavy = await makeUser(t.db, "heavy");
    const light = await makeUser(t.db, "light");
    const old = Date.now() - 60_000;
    for (let i = 0; i < 50; i++) await makeSubmission(t.db, { userId: heavy, problemId, createdAt: new Date(old + i) });
    const lone = await makeSubmission(t.db, { userId: light, problemId });
    // Two slots: the heavy user's first submission is being judged; the other slot goes to the light user.
    const first = await q.claim("slot-1", 30_000);
    const second = await q.claim("slot-2", 30_000);
    expect((await t.db.submission.findUnique({ where: { id: first!.id } }))!.userId).toBe(heavy);
    expect(second!.id).toBe(lone);
  });

  it("round-robins between users when one slot frees at a time", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const a = await makeUser(t.db, "a");
    const b = await makeUser(t.db, "b");
    const old = Date.now() - 60_000;
    for (let i = 0; i < 10; i++) await makeSubmission(t.db, { userId: a, problemId, createdAt: new Date(old + i) });
    for (let i = 0; i < 3; i++) await makeSubmission(t.db, { userId: b, problemId, createdAt: new Date(old + 1000 + i) });
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await q.claim("only-slot", 30_000);
      const row = await t.db.submission.findUnique({ where: { id: c!.id } });
      order.push(row!.userId === a ? "a" : "b");
      await finish(c!.id);
      await new Promise((r) => setTimeout(r, 5)); // distinct startedAt
    }
    expect(order).toEqual(["a", "b", "a", "b", "a", "b"]);
  });

  it("runs fresh submissions before lower-priority reruns", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const u = await makeUser(t.db);
    const rerun = await makeSubmission(t.db, { userId: u, problemId, priority: PRIORITY_REJUDGE_BULK, createdAt: new Date(Date.now() - 60_000) });
    const fresh = await makeSubmission(t.db, { userId: u, problemId });
    expect((await q.claim("w", 30_000))!.id).toBe(fresh);
    expect((await q.claim("w", 30_000))!.id).toBe(rerun);
  });

  it("renews only its own lease; requeues expired leases; fences the old holder out", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const u = await makeUser(t.db);
    const id = await makeSubmission(t.db, { userId: u, problemId });
    const c = await q.claim("holder", 30_000);
    expect(c!.id).toBe(id);
    expect(await q.renew(id, "holder", 30_000)).toBe(true);
    expect(await q.renew(id, "someone-else", 30_000)).toBe(false);
    expect((await q.requeueExpired()).requeued).not.toContain(id);
    const later = new Date(Date.now() + 60_000);
    expect((await q.requeueExpired({ now: later })).requeued).toEqual([id]);
    const row = await t.db.submission.findUnique({ where: { id } });
    expect(row).toMatchObject({ status: "queued", leasedBy: null, leaseExpiresAt: null });
    expect(await q.renew(id, "holder", 30_000)).toBe(false);
    const again = await q.claim("next", 30_000);
    expect(again).toEqual({ id, attempts: 2 });
  });

  it("requeues at once a lease held by a dead worker of this host", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const u = await makeUser(t.db);
    const id = await makeSubmission(t.db, { userId: u, problemId });
    const deadWorker = makeWorkerId("gone"); // this pid, but not a live worker of this process
    await q.claim(deadWorker, 600_000);
    const live = makeWorkerId("alive");
    const other = await makeSubmission(t.db, { userId: u, problemId });
    await q.claim(live, 600_000);
    const r = await q.requeueExpired({ liveWorkerIds: new Set([live]) });
    expect(r.requeued).toEqual([id]);
    expect((await t.db.submission.findUnique({ where: { id: other } }))!.leasedBy).toBe(live);
  });

  it("gives up after MAX_ATTEMPTS interrupted attempts (never stuck)", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const u = await makeUser(t.db);
    const id = await makeSubmission(t.db, { userId: u, problemId });
    await t.db.submission.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    await q.claim("w", 10);
    const r = await q.requeueExpired({ now: new Date(Date.now() + 1000) });
    expect(r.failed).toEqual([id]);
    const row = await t.db.submission.findUnique({ where: { id } });
    expect(row).toMatchObject({ status: "done", verdict: "judge_error", leasedBy: null });
  });

  it("release gives the submission back without counting the attempt; requeue resets a finished one", async () => {
    await drain();
    const q = new DbSubmissionQueue(t.db);
    const u = await makeUser(t.db);
    const id = await makeSubmission(t.db, { userId: u, problemId });
    await q.claim("w", 30_000);
    expect(await q.release(id, "w")).toBe(true);
    expect(await t.db.submission.findUnique({ where: { id } })).toMatchObject({ status: "queued", attempts: 0, leasedBy: null });
    await t.db.submission.update({ where: { id }, data: { status: "done", verdict: "accepted", score: 1 } });
    await t.db.submissionTest.create({ data: { submissionId: id, ordinal: 1, status: "accepted" } });
    expect(await q.requeue([id], PRIORITY_REJUDGE_BULK)).toBe(1);
    expect(await t.db.submission.findUnique({ where: { id } })).toMatchObject({ status: "queued", verdict: null, score: null, priority: PRIORITY_REJUDGE_BULK });
    expect(await t.db.submissionTest.count({ where: { submissionId: id } })).toBe(0);
  });
});
