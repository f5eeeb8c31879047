/**
 * `npm run bench:quotas`: what a quota check costs on the hot path (admitting a run and
 * finishing it), on SQLite and PostgreSQL, against a bare primary-key read on the same database.
 */
import "../lib/node/register-server-only.mjs";

const { performance } = await import("node:perf_hooks");
const { createTestDatabase } = await import("../lib/testing/test-databases.ts");
const { admitRun, finishRun } = await import("../lib/quotas/service.ts");
const { median, writeBenchmarkSection } = await import("./report.ts");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const rows: string[] = [];
for (const provider of ["sqlite", "postgresql"] as const) {
  const t = await createTestDatabase(provider);
  try {
    const user = { id: "bench-user", role: "student" as const };
    await t.db.user.create({ data: { id: user.id, name: "bench", email: "bench@bench.local" } });
    await t.db.userQuota.create({ data: { userId: user.id, runsPerMinute: 1_000_000, concurrentRuns: 1_000_000 } });
    const admit: number[] = [];
    const finish: number[] = [];
    const read: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let start = performance.now();
      await t.db.user.findUnique({ where: { id: user.id } });
      read.push(performance.now() - start);
      start = performance.now();
      const admission = await admitRun(t.db, user, { sourceBytes: 100 });
      admit.push(performance.now() - start);
      if (!admission.ok) throw new Error(admission.message);
      start = performance.now();
      await finishRun(t.db, user.id, 5);
      finish.push(performance.now() - start);
    }
    const m = { admit: median(admit), finish: median(finish), read: median(read) };
    rows.push(`| ${provider} | ${m.admit.toFixed(2)} ms | ${m.finish.toFixed(2)} ms | ${m.read.toFixed(2)} ms | ${(m.admit / m.read).toFixed(1)}× |`);
    console.log(`${provider}: admit ${m.admit.toFixed(2)} ms, finish ${m.finish.toFixed(2)} ms, one read ${m.read.toFixed(2)} ms`);
  } finally {
    await t.drop();
  }
}
writeBenchmarkSection(
  "quotas",
  `## Quotas (\`npm run bench:quotas\`)

Median over ${ROUNDS} rounds of admitting an IDE run (limits read fresh, CPU budget, atomic
concurrency and per-minute counters) and of finishing it (free the slot, charge CPU), against
one primary-key read on the same database. PostgreSQL is local, over TCP.

| database | admit a run | finish a run | one PK read | admit / read |
|---|---|---|---|---|
${rows.join("\n")}`,
);
