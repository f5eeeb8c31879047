/**
 * Judging one submission, without a database: compile once, run every test in the same
 * sandbox session, check each output, score. Events stream through `onEvent` as tests finish.
 * The Kattis tools and the DB worker both call `judgeSubmission`.
 */
import type { Sandbox, SandboxSession } from "../sandbox";
import type { LanguageId } from "../sandbox/languages";
import type { RunResult } from "../sandbox/types";
import { checkBuiltin, CustomChecker } from "./checkers";
import { runMessage, scoreOutcome, shouldSkip, verdictOfRun } from "./verdict";
import {
  OUTPUT_KEEP_BYTES,
  type CheckResult,
  type JudgeEvent,
  type JudgeOutcome,
  type JudgeProblem,
  type JudgeTest,
  type TestOutcome,
  type TestVerdict,
} from "./types";

export type { JudgeEvent, JudgeOutcome, JudgeProblem, JudgeTest, TestOutcome } from "./types";

export interface JudgeInput {
  sandbox: Sandbox;
  problem: JudgeProblem;
  tests: JudgeTest[];
  language: LanguageId;
  source: string;
  onEvent?: (event: JudgeEvent) => void | Promise<void>;
  /**
   * Aborting stops judging: the outcome is IE ("judging was stopped"). An error thrown by
   * onEvent stops judging too and is rethrown by judgeSubmission.
   */
  signal?: AbortSignal;
}

/** Wall-clock limit for a CPU limit: 2 × CPU + 1 s (waiting on input is not free). */
export function wallLimitFor(cpuMs: number): number {
  return cpuMs * 2 + 1000;
}

/** Wraps an error thrown by the caller's onEvent, so it is rethrown instead of becoming IE. */
class EventHandlerError extends Error {
  constructor(readonly original: unknown) {
    super("onEvent failed");
  }
}

type Check = (test: JudgeTest, output: string) => Promise<CheckResult>;

export async function judgeSubmission(input: JudgeInput): Promise<JudgeOutcome> {
  const { problem, sandbox, signal } = input;
  const tests = [...input.tests].sort((a, b) => a.ordinal - b.ordinal);
  const emit = async (e: JudgeEvent) => {
    try {
      await input.onEvent?.(e);
    } catch (error) {
      throw new EventHandlerError(error);
    }
  };
  const finish = async (outcome: JudgeOutcome) => {
    await emit({ type: "done", outcome });
    return outcome;
  };

  if (problem.interactive && problem.checker.kind !== "custom") return finish(ieOutcome(problem, tests, "an interactive problem needs a custom checker (the interactor)"));

  let session: SandboxSession | undefined;
  let checker: CustomChecker | undefined;
  try {
    await emit({ type: "compiling" });
    const limits = { cpuMs: problem.timeLimitMs, wallMs: wallLimitFor(problem.timeLimitMs), memoryMb: problem.memoryLimitMb };
    // The submission and a custom checker compile side by side.
    const [opened, checkerOrError] = await Promise.all([
      sandbox.openSession({ language: input.language, source: input.source, limits, pythonPolicy: problem.pythonPolicy ?? undefined }).then(async (s) => {
        session = s;
        return { session: s, compile: await s.compile() };
      }),
      problem.checker.kind === "custom"
        ? CustomChecker.open(sandbox, { language: problem.checker.language, source: problem.checker.source, cpuMs: Math.max(10_000, problem.timeLimitMs * 2) })
        : Promise.resolve(undefined),
    ]);
    if (checkerOrError && "error" in checkerOrError) {
      await emit({ type: "compiled", ok: true, message: null });
      return finish(ieOutcome(problem, tests, checkerOrError.error));
    }
    checker = checkerOrError;
    const compile = opened.compile;
    if (compile && compile.status !== "OK") {
      const ie = compile.status === "IE";
      await emit({ type: "compiled", ok: false, message: compile.message });
      if (ie) return finish(ieOutcome(problem, tests, `compiling failed in the sandbox: ${compile.message}`));
      return finish({ ...emptyOutcome(problem, tests), verdict: "CE", compileMessage: compile.message, cpuTotalMs: compile.cpuMs });
    }
    // A successful compile's record says only "exited normally": no compiler message to keep.
    await emit({ type: "compiled", ok: true, message: null });

    const customChecker = checker;
    const check: Check = customChecker
      ? (test, output) => customChecker.check(test.input, test.expectedOutput, output)
      : async (test, output) => checkBuiltin(problem.checker as Exclude<typeof problem.checker, { kind: "custom" }>, test.expectedOutput, output);

    const results: TestOutcome[] = [];
    const done: { verdict: TestVerdict; group: string }[] = [];
    for (const [index, test] of tests.entries()) {
      if (signal?.aborted) return finish(ieOutcome(problem, tests, "judging was stopped"));
      let result: TestOutcome;
      if (shouldSkip(problem, test, done)) {
        result = skipped(test.ordinal);
      } else {
        await emit({ type: "test-start", ordinal: test.ordinal, index, total: tests.length });
        if (problem.interactive && customChecker) {
          const { run, check: checked } = await customChecker.interact(test.input, test.expectedOutput, opened.session, signal);
          result = interactiveResult(test, run, checked);
        } else {
          const run = await opened.session.run({ stdin: test.input, signal });
          result = await judgeRun(test, run, check);
        }
      }
      results.push(result);
      done.push({ verdict: result.verdict, group: test.group ?? "" });
      await emit({ type: "test", result, index, total: tests.length });
    }
    const score = scoreOutcome(problem.scoring, tests, results);
    const ran = results.filter((r) => r.verdict !== "SKIPPED");
    const ieTest = results.find((r) => r.verdict === "IE");
    return finish({
      ...score,
      compileMessage: null,
      judgeMessage: ieTest ? `test ${ieTest.ordinal}: ${ieTest.checkerMessage}` : null,
      tests: results,
      cpuMs: Math.max(0, ...ran.map((r) => r.cpuMs)),
      wallMs: Math.max(0, ...ran.map((r) => r.wallMs)),
      memoryKb: Math.max(0, ...ran.map((r) => r.memoryKb)),
      cpuTotalMs: (compile?.cpuMs ?? 0) + ran.reduce((sum, r) => sum + r.cpuMs, 0),
    });
  } catch (error) {
    // The caller's onEvent failed (e.g. its database write): judging stops, the caller decides.
    if (error instanceof EventHandlerError) throw error.original;
    return finish(ieOutcome(problem, tests, `sandbox failure: ${(error as Error).message}`)).catch((e: unknown) => {
      throw e instanceof EventHandlerError ? e.original : e;
    });
  } finally {
    await Promise.all([session?.close().catch(() => {}), checker?.close().catch(() => {})]);
  }
}

async function judgeRun(test: JudgeTest, run: RunResult, check: Check): Promise<TestOutcome> {
  const base = {
    ordinal: test.ordinal,
    cpuMs: run.cpuMs,
    wallMs: run.wallMs,
    memoryKb: run.memoryKb,
    exitCode: run.exitCode,
    signal: run.signal,
    output: capOutput(run.stdout),
  };
  const failed = verdictOfRun(run);
  if (failed) return { ...base, verdict: failed, checkerMessage: runMessage(run) };
  let checked: CheckResult;
  try {
    checked = await check(test, run.stdout);
  } catch (error) {
    checked = { verdict: "IE", message: `checker failed: ${(error as Error).message}` };
  }
  return { ...base, verdict: checked.verdict, checkerMessage: checked.message };
}

/**
 * Interactive verdict: the submission's own failure first (TLE, MLE, OLE, SV, IE); then the
 * interactor: rejected = WA (even if the submission crashed on wrong data), accepted = AC
 * unless the submission exited with an error (RE); anything else from it = IE.
 */
function interactiveResult(test: JudgeTest, run: RunResult, checked: CheckResult): TestOutcome {
  const base = { ordinal: test.ordinal, cpuMs: run.cpuMs, wallMs: run.wallMs, memoryKb: run.memoryKb, exitCode: run.exitCode, signal: run.signal, output: "" };
  const failed = verdictOfRun(run);
  if (failed && failed !== "RE") return { ...base, verdict: failed, checkerMessage: runMessage(run) };
  if (checked.verdict !== "AC") return { ...base, verdict: checked.verdict, checkerMessage: checked.message };
  if (failed === "RE") return { ...base, verdict: "RE", checkerMessage: runMessage(run) };
  return { ...base, verdict: "AC", checkerMessage: checked.message };
}

function capOutput(s: string): string {
  if (s.length <= OUTPUT_KEEP_BYTES) return s;
  return s.slice(0, OUTPUT_KEEP_BYTES);
}

function skipped(ordinal: number): TestOutcome {
  return { ordinal, verdict: "SKIPPED", cpuMs: 0, wallMs: 0, memoryKb: 0, exitCode: null, signal: null, checkerMessage: "", output: "" };
}

function emptyOutcome(problem: JudgeProblem, tests: JudgeTest[]): JudgeOutcome {
  const score = scoreOutcome(problem.scoring, tests, []);
  return { ...score, compileMessage: null, judgeMessage: null, tests: [], cpuMs: 0, wallMs: 0, memoryKb: 0, cpuTotalMs: 0 };
}

function ieOutcome(problem: JudgeProblem, tests: JudgeTest[], message: string): JudgeOutcome {
  return { ...emptyOutcome(problem, tests), verdict: "IE", score: 0, judgeMessage: message };
}
