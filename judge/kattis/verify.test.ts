/**
 * verify: the report logic with a scripted judge, and the sumpairs package end to end through
 * the real judge engine and sandbox (Python and C++ submissions of every verdict folder, custom
 * Python output validator).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "../../sandbox";
import type { JudgeOutcome, Verdict } from "../types";
import { loadKattisPackage, parseKattisFiles, type ParsedProblem } from "./parse";
import { FIXTURES, minimalPackage, pkgOf } from "./test-support";
import { formatReport, judgeProblemOf, verifyProblem, type JudgeFn } from "./verify";

function outcome(verdict: Verdict, cpuMs: number): JudgeOutcome {
  return {
    verdict,
    score: verdict === "AC" ? 1 : 0,
    maxScore: 1,
    compileMessage: verdict === "CE" ? "main.py: SyntaxError" : null,
    judgeMessage: null,
    tests: [
      { ordinal: 1, verdict: "AC", cpuMs, wallMs: cpuMs, memoryKb: 1000, exitCode: 0, signal: null, checkerMessage: "", output: "" },
      { ordinal: 2, verdict: verdict === "AC" ? "AC" : verdict, cpuMs, wallMs: cpuMs, memoryKb: 1000, exitCode: 0, signal: null, checkerMessage: verdict === "WA" ? "1st token differs" : "", output: "" },
    ],
    groups: [],
    cpuMs,
    wallMs: cpuMs,
    memoryKb: 1000,
    cpuTotalMs: 2 * cpuMs,
  };
}

describe("report logic (scripted judge)", () => {
  const pkg = parseKattisFiles(
    pkgOf(
      minimalPackage({
        "problem.yaml": "name: X\nvalidator_flags: float_tolerance 1e-3\nlimits:\n  time_multiplier: 3\n",
        "submissions/accepted/a.py": "A",
        "submissions/accepted/b.cpp": "B",
        "submissions/wrong_answer/c.py": "C",
        "submissions/run_time_error/d.py": "D",
        "submissions/time_limit_exceeded/e.py": "E",
      }),
    ),
  );
  const script: Record<string, [Verdict, number]> = { A: ["AC", 120], B: ["AC", 700], C: ["AC", 10], D: ["MLE", 5], E: ["CE", 0] };
  const judge: JudgeFn = async (input) => outcome(...script[input.source]);

  it("compares each folder's verdict and suggests Kattis' time limit", async () => {
    const report = await verifyProblem(pkg, { sandbox: {} as Sandbox, judge });
    expect(report.rows.map((r) => [r.name, r.got, r.ok])).toEqual([
      ["accepted/a.py", "AC", true],
      ["accepted/b.cpp", "AC", true],
      ["run_time_error/d.py", "MLE", true], // MLE counts as a run-time error, as in problemtools
      ["time_limit_exceeded/e.py", "CE", false],
      ["wrong_answer/c.py", "AC", false],
    ]);
    expect(report.ok).toBe(false);
    expect(report.maxAcceptedCpuMs).toBe(700);
    expect(report.suggestedTimeLimitMs).toBe(3000); // ceil(0.7 s × 3)
    const table = formatReport(report);
    expect(table).toMatch(/time_limit_exceeded\/e\.py\s+python\s+time_limit_exceeded\s+CE\s+.*MISMATCH: main\.py: SyntaxError/);
    expect(table).toContain("3 of 5 submissions got the verdict of their folder; 2 did not");
  });

  it("passes the problem's limits and checker to the judge, stopping at the first failure", async () => {
    const seen: Parameters<JudgeFn>[0][] = [];
    await verifyProblem(pkg, { sandbox: {} as Sandbox, judge: async (i) => (seen.push(i), outcome("AC", 1)), filter: "a.py" });
    expect(seen).toHaveLength(1);
    expect(seen[0].problem).toEqual({ timeLimitMs: 1500, memoryLimitMb: 256, checker: { kind: "float", absTol: 1e-3, relTol: 1e-3 }, scoring: "icpc", stopAtFirstFailure: true });
    expect(seen[0].tests.map((t) => [t.ordinal, t.kind])).toEqual([
      [1, "sample"],
      [2, "hidden"],
    ]);
  });
});

describe("sumpairs end to end (real sandbox)", () => {
  let sandbox: Sandbox;
  let sumpairs: ParsedProblem;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ backend: "auto" });
    sumpairs = await loadKattisPackage(path.join(FIXTURES, "sumpairs"));
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("every submission gets the verdict of its folder", { timeout: 240_000 }, async () => {
    expect(judgeProblemOf(sumpairs).checker).toMatchObject({ kind: "custom", language: "python" });
    const report = await verifyProblem(sumpairs, { sandbox });
    const got = Object.fromEntries(report.rows.map((r) => [r.name, r.got]));
    expect(got).toEqual({
      "accepted/hash.py": "AC",
      "accepted/two_pointers.cpp": "AC",
      "wrong_answer/adjacent_only.py": "WA",
      "wrong_answer/zero_based.cpp": "WA",
      "time_limit_exceeded/brute.py": "TLE",
      "time_limit_exceeded/brute.cpp": "TLE",
      "run_time_error/recursive.py": "RE",
      "run_time_error/fixed_table.cpp": "RE",
    });
    expect(report.ok).toBe(true);
    // Accepted programs ran every test; the custom validator's message explains a WA.
    expect(report.rows.find((r) => r.name === "accepted/two_pointers.cpp")).toMatchObject({ passed: 9, ran: 9 });
    expect(report.rows.find((r) => r.name === "wrong_answer/zero_based.cpp")!.message).toMatch(/test 1: WA/);
    expect(report.suggestedTimeLimitMs).toBeGreaterThanOrEqual(1000);
  });
});
