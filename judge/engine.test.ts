/**
 * The engine end to end with the real sandbox: every verdict, every checker kind (custom
 * included, compiled once and run in its own box), subtasks and stop-at-first-failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "../sandbox";
import { judgeSubmission, type JudgeEvent, type JudgeProblem, type JudgeTest } from "./engine";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await Sandbox.create({ backend: "auto", warmBoxes: 1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const base: JudgeProblem = { timeLimitMs: 1000, memoryLimitMb: 128, checker: { kind: "tokens" }, scoring: "icpc", stopAtFirstFailure: false };
const sum: JudgeTest[] = [
  { ordinal: 1, input: "1 2\n", expectedOutput: "3\n", kind: "sample" },
  { ordinal: 2, input: "10 20\n", expectedOutput: "30\n" },
  { ordinal: 3, input: "-5 5\n", expectedOutput: "0\n" },
];
const SUM_PY = "a, b = map(int, input().split())\nprint(a + b)\n";

function judge(source: string, opts: { problem?: Partial<JudgeProblem>; tests?: JudgeTest[]; language?: "python" | "c" | "cpp"; events?: JudgeEvent[] } = {}) {
  return judgeSubmission({
    sandbox,
    problem: { ...base, ...opts.problem },
    tests: opts.tests ?? sum,
    language: opts.language ?? "python",
    source,
    onEvent: (e) => void opts.events?.push(e),
  });
}

describe("judgeSubmission verdicts", () => {
  it("AC, with events per test in order and resources recorded", async () => {
    const events: JudgeEvent[] = [];
    const out = await judge(SUM_PY, { events });
    expect(out.verdict).toBe("AC");
    expect(out.score).toBe(1);
    expect(out.tests.map((t) => t.verdict)).toEqual(["AC", "AC", "AC"]);
    expect(out.tests[0]!.output).toBe("3\n");
    expect(out.memoryKb).toBeGreaterThan(0);
    expect(events.map((e) => e.type)).toEqual(["compiling", "compiled", "test-start", "test", "test-start", "test", "test-start", "test", "done"]);
  });

  it("WA with the first failing test, later tests still run when stopAtFirstFailure is off", async () => {
    const out = await judge("a, b = map(int, input().split())\nprint(a + b if a != 10 else 0)\n");
    expect(out.verdict).toBe("WA");
    expect(out.tests.map((t) => t.verdict)).toEqual(["AC", "WA", "AC"]);
    expect(out.tests[1]!.checkerMessage).toContain('found "0"');
  });

  it("stopAtFirstFailure skips the rest", async () => {
    const out = await judge("print(0)\n", { problem: { stopAtFirstFailure: true } });
    expect(out.tests.map((t) => t.verdict)).toEqual(["WA", "SKIPPED", "SKIPPED"]);
  });

  it("TLE, MLE, OLE", async () => {
    const tle = await judge("while True: pass\n", { tests: [sum[0]!], problem: { timeLimitMs: 300 } });
    expect(tle.verdict).toBe("TLE");
    expect(tle.tests[0]!.cpuMs).toBeGreaterThanOrEqual(250);
    const mle = await judge("x = bytearray(400 * 1024 * 1024)\nprint(len(x))\n", { tests: [sum[0]!], problem: { memoryLimitMb: 64 } });
    expect(["MLE"]).toContain(mle.verdict);
    const ole = await judge("import sys\nwhile True: sys.stdout.write('x' * 65536)\n", { tests: [sum[0]!] });
    expect(ole.verdict).toBe("OLE");
  });

  it("RE with exit code and with signal", async () => {
    const code = await judge("import sys\nsys.exit(3)\n", { tests: [sum[0]!] });
    expect(code.verdict).toBe("RE");
    expect(code.tests[0]).toMatchObject({ exitCode: 3, checkerMessage: "exit code 3" });
    const sig = await judge("#include <signal.h>\nint main(){ raise(SIGSEGV); }\n", { tests: [sum[0]!], language: "c" });
    expect(sig.verdict).toBe("RE");
    expect(sig.tests[0]!.signal).toBe(11);
  });

  it("counts the CPU of the compile and of every test for quotas", async () => {
    const out = await judge("import time\nt = time.process_time()\nwhile time.process_time() - t < 0.05: pass\na, b = map(int, input().split())\nprint(a + b)\n");
    expect(out.verdict).toBe("AC");
    expect(out.cpuTotalMs).toBeGreaterThanOrEqual(out.tests.reduce((sum, t) => sum + t.cpuMs, 0));
    expect(out.cpuTotalMs).toBeGreaterThanOrEqual(150);
    expect(out.cpuMs).toBeLessThan(out.cpuTotalMs);
  });

  it("CE with the compiler's message, no tests run", async () => {
    const out = await judge("int main( {", { language: "c" });
    expect(out.verdict).toBe("CE");
    expect(out.compileMessage).toMatch(/error/);
    expect(out.tests).toEqual([]);
  });

  it("CE naming the line when a Python submission breaks the problem's teaching rules", async () => {
    const rules = { forbiddenNames: ["sum"] };
    const out = await judge("print(sum(map(int, input().split())))\n", { problem: { pythonPolicy: rules } });
    expect(out.verdict).toBe("CE");
    expect(out.compileMessage).toContain("line 1: use of 'sum' is not allowed");
    expect((await judge(SUM_PY, { problem: { pythonPolicy: rules } })).verdict).toBe("AC");
  });

  it("SV for a forbidden system call", async () => {
    const out = await judge("import ctypes\nlibc = ctypes.CDLL(None)\nlibc.syscall(101, 0, 0, 0, 0)\nprint(3)\n", { tests: [sum[0]!] });
    expect(out.verdict).toBe("SV");
  });

  it("IE when the checker is broken (never the user's fault)", async () => {
    const out = await judge(SUM_PY, { problem: { checker: { kind: "custom", language: "python", source: "import sys\nsys.exit(1)\n" } }, tests: [sum[0]!] });
    expect(out.verdict).toBe("IE");
    expect(out.judgeMessage).toContain("checker failed (exit code 1");
    const noCompile = await judge(SUM_PY, { problem: { checker: { kind: "custom", language: "c", source: "nope" } }, tests: [sum[0]!] });
    expect(noCompile.verdict).toBe("IE");
    expect(noCompile.judgeMessage).toContain("checker failed to compile");
  });
});

describe("checkers in the engine", () => {
  it("exact vs tokens", async () => {
    const spaced = "a, b = map(int, input().split())\nprint(' ', a + b)\n";
    expect((await judge(spaced, { problem: { checker: { kind: "tokens" } } })).verdict).toBe("AC");
    expect((await judge(spaced, { problem: { checker: { kind: "exact" } } })).verdict).toBe("WA");
  });

  it("float with tolerances", async () => {
    const tests = [{ ordinal: 1, input: "2\n", expectedOutput: "12.566371\n" }];
    const src = "r = float(input())\nprint(3.14159 * r * r)\n";
    expect((await judge(src, { tests, problem: { checker: { kind: "float", absTol: 1e-2, relTol: null } } })).verdict).toBe("AC");
    expect((await judge(src, { tests, problem: { checker: { kind: "float", absTol: 1e-6, relTol: 1e-7 } } })).verdict).toBe("WA");
  });

  it("custom checker (C++, Kattis convention) accepts any valid answer and reports its message", async () => {
    // Any pair (x, y) with x + y = n is correct.
    const checker = `#include <cstdio>
#include <fstream>
#include <string>
int main(int argc, char** argv) {
  std::ifstream in(argv[1]); long long n; in >> n;
  std::ifstream ans(argv[2]); long long judge; ans >> judge;
  long long x, y;
  if (scanf("%lld %lld", &x, &y) != 2 || x + y != n) {
    std::ofstream msg(std::string(argv[3]) + "judgemessage.txt"); msg << "pair does not sum to n";
    return 43;
  }
  return 42;
}`;
    const problem = { checker: { kind: "custom" as const, language: "cpp" as const, source: checker } };
    const tests = [
      { ordinal: 1, input: "5\n", expectedOutput: "2 3\n" },
      { ordinal: 2, input: "10\n", expectedOutput: "5 5\n" },
    ];
    const ok = await judge("n = int(input())\nprint(n - 1, 1)\n", { problem, tests });
    expect(ok.judgeMessage).toBe(null);
    expect(ok.verdict).toBe("AC");
    const bad = await judge("n = int(input())\nprint(n, 1)\n", { problem, tests });
    expect(bad.verdict).toBe("WA");
    expect(bad.tests[0]!.checkerMessage).toBe("pair does not sum to n");
  });
});

describe("interactive problems", () => {
  // The interactor (Kattis convention): secret number from the input file, answers higher/lower.
  const interactor = [
    "import sys",
    "n = int(open(sys.argv[1]).read())",
    "def reject(msg):",
    "    open(sys.argv[3] + 'judgemessage.txt', 'w').write(msg)",
    "    sys.exit(43)",
    "for _ in range(12):",
    "    line = sys.stdin.readline()",
    "    if not line: reject('no guess')",
    "    g = int(line)",
    "    if g == n:",
    "        print('correct', flush=True)",
    "        sys.exit(42)",
    "    print('higher' if g < n else 'lower', flush=True)",
    "reject('too many guesses')",
  ].join("\n");
  const problem = { interactive: true, checker: { kind: "custom" as const, language: "python" as const, source: interactor } };
  const tests = [
    { ordinal: 1, input: "1\n", expectedOutput: "1\n" },
    { ordinal: 2, input: "777\n", expectedOutput: "777\n" },
  ];
  it("a binary search talks to the interactor through pipes and is accepted", async () => {
    const src = "lo, hi = 1, 1000\nwhile True:\n    m = (lo + hi) // 2\n    print(m, flush=True)\n    r = input()\n    if r == 'correct': break\n    if r == 'higher': lo = m + 1\n    else: hi = m - 1\n";
    const out = await judge(src, { problem, tests });
    expect(out.tests.map((t) => t.verdict)).toEqual(["AC", "AC"]);
    expect(out.verdict).toBe("AC");
  });
  it("the interactor's rejection is WA with its message; a silent submission cannot hang the judge", async () => {
    const linear = await judge("i = 1\nwhile True:\n    print(i, flush=True)\n    if input() == 'correct': break\n    i += 1\n", { problem, tests });
    expect(linear.tests.map((t) => t.verdict)).toEqual(["AC", "WA"]);
    expect(linear.tests[1]!.checkerMessage).toBe("too many guesses");
    const quits = await judge("pass\n", { problem, tests: [tests[0]!] });
    expect(quits.verdict).toBe("WA");
    expect(quits.tests[0]!.checkerMessage).toBe("no guess");
    // Both sides waiting for each other: the submission's wall limit ends it (TLE), no hang.
    const deadlock = await judge("import sys\nsys.stdin.read()\n", { problem: { ...problem, timeLimitMs: 500 }, tests: [tests[0]!] });
    expect(deadlock.verdict).toBe("TLE");
  });
});

describe("subtasks in the engine", () => {
  it("scores groups and skips only the failing group's remaining tests", async () => {
    const tests: JudgeTest[] = [
      { ordinal: 1, input: "1\n", expectedOutput: "1\n", group: "small", points: 40 },
      { ordinal: 2, input: "1000\n", expectedOutput: "1000\n", group: "big", points: 60 },
      { ordinal: 3, input: "2000\n", expectedOutput: "2000\n", group: "big" },
      { ordinal: 4, input: "2\n", expectedOutput: "2\n", group: "small" },
    ];
    const src = "n = int(input())\nprint(n if n < 100 else -1)\n";
    const out = await judge(src, { tests, problem: { scoring: "subtasks", stopAtFirstFailure: true } });
    expect(out.tests.map((t) => t.verdict)).toEqual(["AC", "WA", "SKIPPED", "AC"]);
    expect(out).toMatchObject({ verdict: "WA", score: 40, maxScore: 100 });
  });
});
