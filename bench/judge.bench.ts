/**
 * `npm run bench:judge`: the judge end to end, through the real queue (a fresh SQLite
 * database), worker and sandbox.
 *  1. A 20-test Python submission: submit -> verdict, against the sum of its 20 tests run as
 *     bare host processes (python3 directly, no sandbox, no judge).
 *  2. Throughput: submissions per second for a trivial problem (1 test) with 2 judging slots.
 */
import "../lib/node/register-server-only.mjs";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { median, writeBenchmarkSection } from "./report";

const { Sandbox } = await import("../sandbox/index.ts");
const { createPrismaClient } = await import("../lib/db.ts");
const { deployMigrations } = await import("../scripts/db/index.ts");
const { InProcessEventBus } = await import("../judge/events.ts");
const { JudgeWorker } = await import("../judge/worker.ts");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const THROUGHPUT_SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 40);
const SLOTS = 2;
/** The system Python (same Debian 3.11 as in the runner image), not a version-manager shim. */
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
// A realistic small program: parse input, compute, print.
const SOURCE = "import sys\nnums = list(map(int, sys.stdin.read().split()))\nprint(sum(x * x for x in nums))\n";

function bareRun(file: string, input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(PYTHON, ["-S", "-X", "utf8", file], { stdio: ["pipe", "pipe", "inherit"] });
    child.stdout.resume();
    child.on("error", reject);
    child.on("exit", () => resolve(performance.now() - start));
    child.stdin.end(input);
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-judge-"));
const url = `file:${path.join(dir, "bench.db")}`;
await deployMigrations(url);
const db = createPrismaClient(url);
const sandbox = await Sandbox.create({ backend: (process.env.SANDBOX_BACKEND as "docker" | undefined) ?? "auto", warmBoxes: SLOTS });
const bus = new InProcessEventBus();
const logger = pino({ level: process.env.BENCH_LOG ?? "silent" });

const user = await db.user.create({ data: { id: "bench-user", name: "bench", email: "bench@bench.local" } });
const tests = Array.from({ length: 20 }, (_, i) => {
  const nums = Array.from({ length: 1000 }, (_, j) => ((i + 1) * 7919 + j * 104729) % 100_000);
  return { ordinal: i + 1, input: `${nums.join(" ")}\n`, expectedOutput: `${nums.reduce((s, x) => s + x * x, 0)}\n`, kind: i < 2 ? ("sample" as const) : ("hidden" as const) };
});
const twenty = await db.problem.create({ data: { slug: "bench-20", title: "bench 20", statement: "", checker: "tokens", tests: { create: tests } } });
const trivial = await db.problem.create({
  data: { slug: "bench-trivial", title: "bench trivial", statement: "", checker: "tokens", tests: { create: [{ ordinal: 1, input: "1 2\n", expectedOutput: "3\n" }] } },
});

/** Submits `n` submissions and resolves when all are judged; returns wall ms. */
async function judgeBatch(problemId: string, source: string, n: number, users: string[]): Promise<{ ms: number; verdicts: string[] }> {
  const ids: string[] = [];
  const done = new Set<string>();
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const s = await db.submission.create({ data: { userId: users[i % users.length]!, problemId, language: "python", source, testsTotal: 1 } });
    ids.push(s.id);
    bus.subscribe(s.id, (e) => {
      if (e.type === "done") {
        done.add(s.id);
        if (done.size === n) resolveAll();
      }
    });
    bus.signalWork();
  }
  const timeout = setTimeout(() => {
    console.error(`bench: ${n - done.size} of ${n} submissions not judged after 180 s; aborting`);
    process.exit(1);
  }, 180_000);
  await all;
  clearTimeout(timeout);
  const ms = performance.now() - start;
  const rows = await db.submission.findMany({ where: { id: { in: ids } }, select: { verdict: true } });
  return { ms, verdicts: rows.map((r) => r.verdict ?? "none") };
}

const worker = new JudgeWorker({ db, sandbox: async () => sandbox, bus, logger, concurrency: SLOTS, pollMs: 5_000 });
await worker.start();
try {
  // Warm-up (first box, Python's caches).
  await judgeBatch(trivial.id, "print(3)\n", 2, [user.id]);

  // 1. 20-test Python submission end to end vs bare.
  const file = path.join(dir, "main.py");
  writeFileSync(file, SOURCE);
  const endToEnd: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let sum = 0;
    for (const t of tests) sum += await bareRun(file, t.input);
    bare.push(sum);
    const { ms, verdicts } = await judgeBatch(twenty.id, SOURCE, 1, [user.id]);
    if (verdicts[0] !== "accepted") throw new Error(`bench submission was ${verdicts[0]}`);
    endToEnd.push(ms);
  }
  const e2e = median(endToEnd);
  const bareSum = median(bare);

  // 2. Throughput on a trivial problem, 2 slots, several users.
  const users = [user.id];
  for (let i = 0; i < 4; i++) users.push((await db.user.create({ data: { id: `bench-${i}`, name: `b${i}`, email: `b${i}@bench.local` } })).id);
  const tp = await judgeBatch(trivial.id, "a, b = map(int, input().split())\nprint(a + b)\n", THROUGHPUT_SUBMISSIONS, users);
  if (tp.verdicts.some((v) => v !== "accepted")) throw new Error(`throughput run: ${tp.verdicts.join(",")}`);
  const perSecond = THROUGHPUT_SUBMISSIONS / (tp.ms / 1000);

  const body = `## Judge (\`npm run bench:judge\`)

Through the real path: a Submission row in a fresh SQLite database, the worker claiming it
(lease, fairness), the ${sandbox.backendName} sandbox (one box per submission: compile once, run
every test), the token checker, per-test rows written as each test finishes, final verdict.

| measurement | result |
|---|---|
| 20-test Python submission, submit -> verdict (median of ${ROUNDS}) | **${e2e.toFixed(0)} ms** |
| the same 20 tests as bare \`${PYTHON}\` processes on the host, summed | ${bareSum.toFixed(0)} ms |
| ratio judge / bare | **${(e2e / bareSum).toFixed(2)}×** (${((e2e - bareSum) / 20).toFixed(1)} ms per test above bare, compile and box included) |
| trivial problem (1 test, Python), ${THROUGHPUT_SUBMISSIONS} submissions from ${users.length} users, ${SLOTS} slots | **${perSecond.toFixed(1)} submissions/s** (${tp.ms.toFixed(0)} ms) |

Load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} (shared machine).
Per submission the fixed costs are a box (warm pool of ${SLOTS}), the Python byte-compile
step and about six small database writes; per test, one supervised run plus one row.`;
  writeBenchmarkSection("judge", body);
  console.log(body);
} finally {
  await worker.stop(1000);
  await sandbox.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
// Docker's keep-alive sockets would hold the event loop open.
process.exit(0);
