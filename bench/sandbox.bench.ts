/**
 * `npm run bench:sandbox`: what one test costs in the sandbox, against a bare process and
 * against a naive `docker run` per test, for a Python and a C program; and a 20-test
 * submission end to end against docker-run-per-test. Medians of interleaved runs.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LANGUAGES, Sandbox, type BackendName, type SandboxSession } from "../sandbox";
import { readRunnerImageInfo } from "../sandbox/image-info";
import { median, writeBenchmarkSection } from "./report";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const PY = "print(1)\n";
const C = '#include <stdio.h>\nint main(void){puts("1");return 0;}\n';

function timeProcess(command: string, args: string[], input = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", () => resolve(performance.now() - start));
    child.stdin.end(input);
  });
}

async function timeRun(session: SandboxSession): Promise<number> {
  const start = performance.now();
  const result = await session.run({ stdin: "" });
  if (result.status !== "OK") throw new Error(`bench run failed: ${result.status} ${result.message}`);
  return performance.now() - start;
}

const DOCKER_RUN_FLAGS = ["run", "--rm", "-i", "--network", "none", "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "64", "--memory", "256m", "--memory-swap", "256m", "--log-driver", "none", "--user", "1002:1002", "--tmpfs", "/tmp:rw,exec,size=64m"];

async function main(): Promise<void> {
  const image = readRunnerImageInfo();
  if (!image?.dockerImage) throw new Error("runner image not built: npm run sandbox:image");
  const dir = mkdtempSync(path.join(os.tmpdir(), "arbiter-bench-"));
  const pyFile = path.join(dir, "main.py");
  writeFileSync(pyFile, PY);
  writeFileSync(path.join(dir, "main.c"), C);
  execFileSync("gcc", ["-O2", "-o", path.join(dir, "main"), path.join(dir, "main.c")]);
  const pyArgs = LANGUAGES.python.run.slice(1).map((a) => (a === "main.py" ? pyFile : a));

  const backends: BackendName[] = ["docker", "bubblewrap"];
  const rows: string[] = [];
  const summary: string[] = [];
  for (const [label, language, source, bare] of [
    ["Python hello", "python", PY, () => timeProcess("python3", pyArgs)],
    ["C hello", "c", C, () => timeProcess(path.join(dir, "main"), [])],
  ] as const) {
    const sessions = new Map<BackendName, SandboxSession>();
    for (const backend of backends) {
      const sandbox = await Sandbox.create({ backend });
      const session = await sandbox.openSession({ language, source });
      await session.compile();
      await timeRun(session); // warm-up
      sessions.set(backend, session);
    }
    const times: Record<string, number[]> = { bare: [], docker: [], bubblewrap: [], dockerRun: [] };
    const dockerRunArgs =
      language === "python"
        ? [...DOCKER_RUN_FLAGS, image.dockerImage, "python3", "-S", "-c", PY]
        : [...DOCKER_RUN_FLAGS, "-v", `${dir}:/prog:ro`, image.dockerImage, "/prog/main"];
    for (let i = 0; i < ROUNDS; i++) {
      times.bare!.push(await bare());
      for (const backend of backends) times[backend]!.push(await timeRun(sessions.get(backend)!));
      if (i < Math.min(ROUNDS, 10)) times.dockerRun!.push(await timeProcess("docker", dockerRunArgs));
    }
    for (const s of sessions.values()) await s.close();
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    for (const backend of backends) {
      rows.push(`| ${label} | ${backend} (per test, warm session) | ${fmt(m[backend]!)} | ${fmt(m.bare!)} | ${(m[backend]! / m.bare!).toFixed(2)}× | +${fmt(m[backend]! - m.bare!)} |`);
    }
    rows.push(`| ${label} | naive \`docker run\` per test | ${fmt(m.dockerRun!)} | ${fmt(m.bare!)} | ${(m.dockerRun! / m.bare!).toFixed(2)}× | +${fmt(m.dockerRun! - m.bare!)} |`);
    summary.push(`${label}: docker ${(m.docker! / m.bare!).toFixed(2)}× bare (+${(m.docker! - m.bare!).toFixed(1)} ms), bubblewrap ${(m.bubblewrap! / m.bare!).toFixed(2)}×, docker run ${(m.dockerRun! / m.bare!).toFixed(1)}×`);
  }

  // A 20-test submission end to end: open a box, compile, run 20 tests, destroy; against one
  // `docker run` per test (compiling once on the host, which favours the naive way).
  const TESTS = 20;
  const cSum = '#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a+b);return 0;}\n';
  writeFileSync(path.join(dir, "sum.c"), cSum);
  execFileSync("gcc", ["-O2", "-o", path.join(dir, "sum"), path.join(dir, "sum.c")]);
  const submission: Record<string, number[]> = { docker: [], dockerRun: [] };
  const sandbox = await Sandbox.create({ backend: "docker" });
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    const session = await sandbox.openSession({ language: "c", source: cSum });
    await session.compile();
    for (let t = 0; t < TESTS; t++) await session.run({ stdin: `${t} ${t}\n` });
    await session.close();
    submission.docker!.push(performance.now() - start);
    start = performance.now();
    for (let t = 0; t < TESTS; t++) await timeProcess("docker", [...DOCKER_RUN_FLAGS, "-v", `${dir}:/prog:ro`, image.dockerImage, "/prog/sum"], `${t} ${t}\n`);
    submission.dockerRun!.push(performance.now() - start);
  }
  const sub = { docker: median(submission.docker!), dockerRun: median(submission.dockerRun!) };
  rmSync(dir, { recursive: true, force: true });

  const body = `## Sandbox (\`npm run bench:sandbox\`)

Wall time of one test as the host sees it (start to result), median of ${ROUNDS} interleaved rounds
(${Math.min(ROUNDS, 10)} for \`docker run\`). "Bare" is the same program started directly by Node on the host.

| program | way | median | bare | ratio | above bare |
|---|---|---|---|---|---|
${rows.join("\n")}

20-test C submission end to end (box, compile, 20 runs, destroy) on docker: **${sub.docker.toFixed(0)} ms**;
naive \`docker run\` per test (no compile): **${sub.dockerRun.toFixed(0)} ms**, so the session is
**${(sub.dockerRun / sub.docker).toFixed(1)}×** faster. Median of 3.

Targets (issue #2): Python ≤ 1.3× bare and C ≤ 2 ms above bare on docker; 20-test submission ≥ 10× faster than docker-run-per-test.`;
  writeBenchmarkSection("sandbox", body);
  console.log(summary.join("\n"));
  console.log(`20-test submission: ${sub.docker.toFixed(0)} ms vs ${sub.dockerRun.toFixed(0)} ms (${(sub.dockerRun / sub.docker).toFixed(1)}×)`);
}

main().catch((error: unknown) => {
  console.error(`bench:sandbox: ${(error as Error).message}`);
  process.exit(1);
});
