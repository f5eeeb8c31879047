/**
 * Quotas on both databases: atomic limits under concurrency, every limit's refusal with its
 * usage and reset time, the override order, usage charging, reset and crash recovery.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { createTestDatabase } = await import("../testing/test-databases");
const { tryIncrement, minuteWindow, NO_WINDOW, readCounter } = await import("./counters");
const { admitRun, admitSubmission, finishRun, resetUsage, submissionJudged, syncLiveCounters, usageFor } = await import("./service");
const { effectiveQuota } = await import("./policy");
const { DEFAULT_QUOTAS } = await import("./defaults");

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe.each(["sqlite", "postgresql"] as const)("quotas on %s", (provider) => {
  let t: TestDatabase;
  let n = 0;
  const newUser = async (role: "student" | "instructor" | "admin" = "student") => {
    const id = `u${++n}-${provider}`;
    await t.db.user.create({ data: { id, name: id, email: `${id}@test.local`, role } });
    return { id, role };
  };

  beforeAll(async () => {
    t = await createTestDatabase(provider);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("admits exactly five of twenty parallel requests at a limit of five", async () => {
    const user = await newUser();
    const window = minuteWindow(new Date());
    const results = await Promise.all(Array.from({ length: 20 }, () => tryIncrement(t.db, user.id, "runs", window, 5)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await readCounter(t.db, user.id, "runs", window)).toBe(5);
  });

  it("admits exactly the concurrent-run limit of parallel runs and frees slots when runs finish", async () => {
    const user = await newUser();
    await t.db.userQuota.create({ data: { userId: user.id, concurrentRuns: 5, runsPerMinute: 100 } });
    const admissions = await Promise.all(Array.from({ length: 20 }, () => admitRun(t.db, user, { sourceBytes: 10 })));
    expect(admissions.filter((a) => a.ok)).toHaveLength(5);
    const refusal = admissions.find((a) => !a.ok)!;
    expect(refusal).toMatchObject({ ok: false, limit: "concurrentRuns", used: 5, max: 5, resetsAt: null });
    // Refused runs must not count against the per-minute limit.
    expect(await readCounter(t.db, user.id, "runs", minuteWindow(new Date()))).toBe(5);
    await finishRun(t.db, user.id, 0);
    expect((await admitRun(t.db, user, { sourceBytes: 10 })).ok).toBe(true);
  });

  it("refuses runs past the per-minute limit with Retry-After until the next minute", async () => {
    const user = await newUser();
    await t.db.userQuota.create({ data: { userId: user.id, runsPerMinute: 2, concurrentRuns: 10 } });
    const now = new Date("2026-11-25T10:00:40Z");
    expect((await admitRun(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(true);
    expect((await admitRun(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(true);
    const refused = await admitRun(t.db, user, { sourceBytes: 1 }, now);
    expect(refused).toMatchObject({ ok: false, limit: "runsPerMinute", used: 2, max: 2, retryAfterSeconds: 20 });
    if (!refused.ok) expect(refused.resetsAt?.toISOString()).toBe("2026-11-25T10:01:00.000Z");
    expect((await admitRun(t.db, user, { sourceBytes: 1 }, new Date("2026-11-25T10:01:01Z"))).ok).toBe(true);
  });

  it("charges CPU time and refuses once the daily budget is used", async () => {
    const user = await newUser();
    await t.db.userQuota.create({ data: { userId: user.id, cpuSecondsPerDay: 2 } });
    const now = new Date("2026-11-25T12:00:00Z");
    expect((await admitRun(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(true);
    await finishRun(t.db, user.id, 2500, now); // compile + run, as measured by the sandbox
    const refused = await admitRun(t.db, user, { sourceBytes: 1 }, now);
    expect(refused).toMatchObject({ ok: false, limit: "cpuSecondsPerDay", max: 2, retryAfterSeconds: 12 * 3600 });
    expect((await admitSubmission(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(false);
    expect((await admitRun(t.db, user, { sourceBytes: 1 }, new Date("2026-11-26T00:00:01Z"))).ok).toBe(true);
  });

  it("refuses oversized sources and limits above the user's ceilings without retrying", async () => {
    const user = await newUser();
    const q = DEFAULT_QUOTAS.student;
    expect(await admitRun(t.db, user, { sourceBytes: q.maxSourceBytes + 1 })).toMatchObject({ ok: false, limit: "maxSourceBytes", retryAfterSeconds: 0 });
    expect(await admitRun(t.db, user, { sourceBytes: 1, cpuMs: q.maxCpuMsPerRun + 1 })).toMatchObject({ ok: false, limit: "maxCpuMsPerRun" });
    expect(await admitRun(t.db, user, { sourceBytes: 1, memoryMb: q.maxMemoryMbPerRun + 1 })).toMatchObject({ ok: false, limit: "maxMemoryMbPerRun" });
    expect(await admitSubmission(t.db, user, { sourceBytes: q.maxSourceBytes + 1 })).toMatchObject({ ok: false, limit: "maxSourceBytes" });
  });

  it("limits submissions per minute and waiting submissions", async () => {
    const user = await newUser();
    await t.db.userQuota.create({ data: { userId: user.id, submissionsPerMinute: 3, queuedSubmissions: 2 } });
    const now = new Date("2026-11-25T09:00:00Z");
    expect((await admitSubmission(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(true);
    expect((await admitSubmission(t.db, user, { sourceBytes: 1 }, now)).ok).toBe(true);
    expect(await admitSubmission(t.db, user, { sourceBytes: 1 }, now)).toMatchObject({ ok: false, limit: "queuedSubmissions", used: 2, max: 2 });
    const problem = await t.db.problem.create({ data: { slug: `q-${user.id}`, title: "Q", statement: "" } });
    const held = await t.db.submission.create({ data: { userId: user.id, problemId: problem.id, language: "python", source: "", quotaHeld: true } });
    await submissionJudged(t.db, held, 100, now);
    await submissionJudged(t.db, held, 100, now); // a rejudge later: no second release or charge
    expect(await readCounter(t.db, user.id, "queued_submissions", NO_WINDOW)).toBe(1);
    expect((await usageFor(t.db, user, now)).cpuSecondsToday).toBe(0); // 100 ms rounds to 0 s
    expect(await admitSubmission(t.db, user, { sourceBytes: 1 }, now)).toMatchObject({ ok: false, limit: "submissionsPerMinute", used: 3 });
  });

  it("takes a user override over a role setting over the built-in default, at once", async () => {
    const user = await newUser("instructor");
    expect((await effectiveQuota(t.db, user)).runsPerMinute).toBe(DEFAULT_QUOTAS.instructor.runsPerMinute);
    await t.db.roleQuota.upsert({ where: { role: "instructor" }, create: { role: "instructor", runsPerMinute: 7 }, update: { runsPerMinute: 7 } });
    expect((await effectiveQuota(t.db, user)).runsPerMinute).toBe(7);
    await t.db.userQuota.create({ data: { userId: user.id, runsPerMinute: 9 } });
    expect((await effectiveQuota(t.db, user)).runsPerMinute).toBe(9);
    await t.db.roleQuota.delete({ where: { role: "instructor" } });
  });

  it("reports usage and lets an admin reset it", async () => {
    const user = await newUser();
    const now = new Date();
    await admitRun(t.db, user, { sourceBytes: 1 }, now);
    await finishRun(t.db, user.id, 3000, now);
    const usage = await usageFor(t.db, user, now);
    expect(usage).toMatchObject({ runsThisMinute: 1, concurrentRuns: 0, cpuSecondsToday: 3 });
    await resetUsage(t.db, user.id);
    expect(await usageFor(t.db, user, now)).toMatchObject({ runsThisMinute: 0, cpuSecondsToday: 0 });
  });

  it("recovers live counters after a crash", async () => {
    const user = await newUser();
    await admitRun(t.db, user, { sourceBytes: 1 }); // a run that never finished: the server died
    const problem = await t.db.problem.create({ data: { slug: `p-${user.id}`, title: "P", statement: "" } });
    await t.db.submission.create({ data: { userId: user.id, problemId: problem.id, language: "python", source: "", status: "queued", quotaHeld: true } });
    await t.db.submission.create({ data: { userId: user.id, problemId: problem.id, language: "python", source: "", status: "queued" } }); // a rejudge: not the user's slot
    await syncLiveCounters(t.db);
    expect(await readCounter(t.db, user.id, "concurrent_runs", NO_WINDOW)).toBe(0);
    expect(await readCounter(t.db, user.id, "queued_submissions", NO_WINDOW)).toBe(1);
  });
});
