/**
 * `npm run bench:sandbox`: what one test costs in the sandbox, against a bare process and
 * against a naive `docker run` per test, for a Python and a C program; and a 20-test
 * submission end to end against docker-run-per-test. Medians of interleaved runs.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LANGUAGES, Sandbox, type BackendName, type SandboxSession } from "../sandbox";
import { readRunnerImageInfo } from "../sandbox/image-info";
import { median, writeBenchmarkSection } from "./report";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const PY = "print(1)\n";
const C = '#include <stdio.h>\nint main(void){puts("1");return 0;}\n';
/** Times `argv` started by fork/exec/wait from C: the least a process start can cost. */
const FORK_TIMER = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  for (int i = 0; i < n; i++) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t pid = fork();
    if (pid == 0) { int fd = open("/dev/null", O_RDWR); dup2(fd, 0); dup2(fd, 1); execv(argv[2], argv + 2); _exit(127); }
    int status; waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.3f\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
  }
  return 0;
}
`;

function forkTimes(rounds: number, argv: string[], timer: string): number[] {
  return execFileSync(timer, [String(rounds), ...argv], { encoding: "utf8" }).trim().split("\n").map(Number);
}

function timeProcess(command: string, args: string[], input = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
    child.stdout.resume();
    child.on("error", reject);
    child.stdin.on("error", () => {}); // a program that exits without reading its input
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
  chmodSync(dir, 0o755); // the naive docker run mounts it for uid 1002
  const pyFile = path.join(dir, "main.py");
  writeFileSync(pyFile, PY);
  writeFileSync(path.join(dir, "main.c"), C);
  execFileSync("gcc", ["-O2", "-o", path.join(dir, "main"), path.join(dir, "main.c")]);
  const pyArgs = LANGUAGES.python.run.slice(1).map((a) => (a === "main.py" ? pyFile : a));
  const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  writeFileSync(path.join(dir, "timer.c"), FORK_TIMER);
  const timer = path.join(dir, "timer");
  execFileSync("gcc", ["-O2", "-o", timer, path.join(dir, "timer.c")]);

  const backends: BackendName[] = ["docker", "bubblewrap"];
  const rows: string[] = [];
  const summary: string[] = [];
  for (const [label, language, source, bare, forkArgv] of [
    // Debian's python3, as in the runner image (a pyenv shim on PATH would add a shell start).
    ["Python hello", "python", PY, () => timeProcess(python, pyArgs), [python, ...pyArgs]],
    ["C hello", "c", C, () => timeProcess(path.join(dir, "main"), []), [path.join(dir, "main")]],
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
    const forkBare = median(forkTimes(ROUNDS, [...forkArgv], timer));
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    const signed = (ms: number) => `${ms >= 0 ? "+" : "−"}${Math.abs(ms).toFixed(1)} ms`;
    for (const backend of backends) {
      rows.push(`| ${label} | ${backend} (per test, warm session) | ${fmt(m[backend]!)} | ${fmt(m.bare!)} | ${(m[backend]! / m.bare!).toFixed(2)}× | ${signed(m[backend]! - m.bare!)} |`);
    }
    rows.push(`| ${label} | bare, fork/exec/wait from C (the floor) | ${fmt(forkBare)} | ${fmt(m.bare!)} | ${(forkBare / m.bare!).toFixed(2)}× | ${signed(forkBare - m.bare!)} |`);
    rows.push(`| ${label} | naive \`docker run\` per test | ${fmt(m.dockerRun!)} | ${fmt(m.bare!)} | ${(m.dockerRun! / m.bare!).toFixed(2)}× | ${signed(m.dockerRun! - m.bare!)} |`);
    summary.push(`${label}: docker ${(m.docker! / m.bare!).toFixed(2)}× bare (${signed(m.docker! - m.bare!)}), bubblewrap ${(m.bubblewrap! / m.bare!).toFixed(2)}×, docker run ${(m.dockerRun! / m.bare!).toFixed(1)}×`);
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
(${Math.min(ROUNDS, 10)} for \`docker run\`). "Bare" is the same program started directly by Node on the host
(\`child_process.spawn\`, pipes, wait for exit), which is what an unsandboxed judge would do; the
fork/exec/wait row shows the least any process start costs here. The sandbox rows are a full
round trip: host → supervisor → program → result back on the host.

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
