/**
 * The judge's vocabulary. DB-free: the engine, the Kattis tools and the worker all speak it.
 */
import type { PythonPolicy } from "../sandbox/policy/python-policy";
import type { LanguageId } from "../sandbox/languages";

/** Final verdict of a test or a submission. SKIPPED is per test only (stop at first failure). */
export type Verdict = "AC" | "WA" | "TLE" | "MLE" | "OLE" | "RE" | "CE" | "SV" | "IE";
export type TestVerdict = Verdict | "SKIPPED";
export const VERDICTS: readonly Verdict[] = ["AC", "WA", "TLE", "MLE", "OLE", "RE", "CE", "SV", "IE"];

export type CheckerSpec =
  | { kind: "exact" }
  | { kind: "tokens" }
  | { kind: "float"; absTol?: number | null; relTol?: number | null }
  | { kind: "custom"; language: LanguageId; source: string };

export interface JudgeProblem {
  /** CPU time per test; wall time is 2 × this + 1 s. */
  timeLimitMs: number;
  memoryLimitMb: number;
  checker: CheckerSpec;
  scoring: "icpc" | "subtasks";
  stopAtFirstFailure: boolean;
  /**
   * Interactive problem: the custom checker is the interactor (Kattis convention). It runs
   * beside the submission with the same arguments as an output validator; its stdout is the
   * submission's stdin and the submission's stdout its stdin; exit 42/43 as for a checker.
   */
  interactive?: boolean;
  /** Python only: the problem's teaching rules (sandbox/policy), checked before compiling. */
  pythonPolicy?: PythonPolicy | null;
}

export interface JudgeTest {
  ordinal: number;
  input: string;
  expectedOutput: string;
  kind?: "sample" | "hidden";
  /** Subtask group; "" = no group. */
  group?: string;
  /** Points of the group (set on any of its tests; the maximum counts). */
  points?: number;
  /** Opaque id of the caller (TestCase.id). */
  id?: string;
}

export interface TestOutcome {
  ordinal: number;
  verdict: TestVerdict;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  exitCode: number | null;
  signal: number | null;
  checkerMessage: string;
  /** Program stdout, capped at OUTPUT_KEEP_BYTES (the caller decides who may see it). */
  output: string;
}

export interface GroupScore {
  group: string;
  points: number;
  earned: number;
  passed: boolean;
}

export interface JudgeOutcome {
  verdict: Verdict;
  score: number;
  maxScore: number;
  compileMessage: string | null;
  /** IE only: what went wrong (no test data). */
  judgeMessage: string | null;
  tests: TestOutcome[];
  groups: GroupScore[];
  /** Maxima over the tests that ran. */
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** CPU the submission used in all: compiling plus every test (what quotas charge). */
  cpuTotalMs: number;
}

export type JudgeEvent =
  | { type: "compiling" }
  | { type: "compiled"; ok: boolean; message: string | null }
  | { type: "test-start"; ordinal: number; index: number; total: number }
  | { type: "test"; result: TestOutcome; index: number; total: number }
  | { type: "done"; outcome: JudgeOutcome };

/** What a checker says about one test. */
export interface CheckResult {
  verdict: "AC" | "WA" | "IE";
  message: string;
}

export const OUTPUT_KEEP_BYTES = 64 * 1024;
