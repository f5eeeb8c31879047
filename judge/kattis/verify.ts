/**
 * Like problemtools' verifyproblem (the submissions part): every program kept under
 * submissions/<verdict folder>/ is judged with the problem's own tests, limits and checker, and
 * must get the verdict of its folder. DB-free: works on a parsed package or on a problem
 * loaded from the database (export.ts loadExportable), through the judge engine.
 */
import type { JudgeInput } from "../engine";
import type { JudgeOutcome, JudgeProblem, Verdict } from "../types";
import type { Sandbox } from "../../sandbox";
import type { LanguageId } from "../../sandbox/languages";
import type { ExportableProblem } from "./export";
import type { ExpectedVerdict } from "./parse";

/** The judge's verdicts each folder accepts. MLE is a run-time error, as in problemtools. */
export const ACCEPTED_VERDICTS: Record<ExpectedVerdict, Verdict[]> = {
  accepted: ["AC"],
  wrong_answer: ["WA"],
  time_limit_exceeded: ["TLE"],
  runtime_error: ["RE", "MLE"],
};

export interface VerifyRow {
  name: string;
  language: string;
  expected: ExpectedVerdict;
  got: Verdict;
  ok: boolean;
  /** Tests that got AC / tests run. */
  passed: number;
  ran: number;
  cpuMs: number;
  wallMs: number;
  /** Compiler or judge message, or the failing test's checker message (short). */
  message: string;
}

export interface VerifyReport {
  rows: VerifyRow[];
  ok: boolean;
  /** Slowest accepted submission (CPU ms), null without accepted submissions. */
  maxAcceptedCpuMs: number | null;
  /** Kattis' rule: ceil(slowest accepted × time_multiplier (default 5)) whole seconds. */
  suggestedTimeLimitMs: number | null;
  ms: number;
}

export type JudgeFn = (input: JudgeInput) => Promise<JudgeOutcome>;

export interface VerifyOptions {
  sandbox: Sandbox;
  /** The engine's judgeSubmission (injectable for tests of the report logic). */
  judge?: JudgeFn;
  /** Only submissions whose name contains this. */
  filter?: string;
  onRow?: (row: VerifyRow, index: number, total: number) => void;
  signal?: AbortSignal;
}

export function judgeProblemOf(p: ExportableProblem): JudgeProblem {
  const checker: JudgeProblem["checker"] =
    p.checker === "custom"
      ? { kind: "custom", language: (p.checkerLanguage ?? "cpp") as LanguageId, source: p.checkerSource ?? "" }
      : p.checker === "float"
        ? { kind: "float", absTol: p.floatAbsTol, relTol: p.floatRelTol }
        : { kind: p.checker };
  // Verify wants the verdict of the first failing test, as Kattis reports it.
  return { timeLimitMs: p.timeLimitMs, memoryLimitMb: p.memoryLimitMb, checker, scoring: p.scoring, stopAtFirstFailure: true };
}

export async function verifyProblem(p: ExportableProblem, options: VerifyOptions): Promise<VerifyReport> {
  const t0 = performance.now();
  const judge = options.judge ?? (await import("../engine")).judgeSubmission;
  const problem = judgeProblemOf(p);
  const tests = p.tests.map((t, i) => ({ ordinal: i + 1, input: t.input, expectedOutput: t.expectedOutput, kind: t.kind, group: t.groupName, points: t.points }));
  const subs = p.submissions.filter((s) => !options.filter || s.name.includes(options.filter));
  const rows: VerifyRow[] = [];
  for (const [i, s] of subs.entries()) {
    if (options.signal?.aborted) break;
    const outcome = await judge({ sandbox: options.sandbox, problem, tests, language: s.language as LanguageId, source: s.source, signal: options.signal });
    const ran = outcome.tests.filter((t) => t.verdict !== "SKIPPED");
    const firstBad = ran.find((t) => t.verdict !== "AC");
    const message =
      outcome.verdict === "CE"
        ? (outcome.compileMessage ?? "compilation failed")
        : outcome.verdict === "IE"
          ? (outcome.judgeMessage ?? "judge error")
          : firstBad
            ? `test ${firstBad.ordinal}: ${firstBad.verdict}${firstBad.checkerMessage ? ` (${firstBad.checkerMessage})` : ""}`
            : "";
    const row: VerifyRow = {
      name: s.name,
      language: s.language,
      expected: s.expectedVerdict,
      got: outcome.verdict,
      ok: ACCEPTED_VERDICTS[s.expectedVerdict].includes(outcome.verdict),
      passed: ran.filter((t) => t.verdict === "AC").length,
      ran: ran.length,
      cpuMs: outcome.cpuMs,
      wallMs: outcome.wallMs,
      message: message.length > 300 ? `${message.slice(0, 300)}…` : message,
    };
    rows.push(row);
    options.onRow?.(row, i, subs.length);
  }
  const ac = rows.filter((r) => r.expected === "accepted" && r.got === "AC");
  const maxAcceptedCpuMs = ac.length ? Math.max(...ac.map((r) => r.cpuMs)) : null;
  const multiplier = p.metadata.time_multiplier ?? 5;
  const suggestedTimeLimitMs = maxAcceptedCpuMs === null ? null : Math.max(1, Math.ceil((maxAcceptedCpuMs * multiplier) / 1000)) * 1000;
  return { rows, ok: rows.length > 0 && rows.every((r) => r.ok), maxAcceptedCpuMs, suggestedTimeLimitMs, ms: Math.round(performance.now() - t0) };
}

/** Plain-text table for the CLI. */
export function formatReport(report: VerifyReport): string {
  const head = ["submission", "lang", "expected", "got", "tests", "cpu ms", "result"];
  const body = report.rows.map((r) => [r.name, r.language, r.expected, r.got, `${r.passed}/${r.ran}`, String(r.cpuMs), r.ok ? "ok" : `MISMATCH${r.message ? `: ${r.message}` : ""}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (i === 6 ? 0 : row[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
  const bad = report.rows.filter((r) => !r.ok).length;
  out.push("");
  if (report.rows.length === 0) out.push("no submissions to verify (submissions/<verdict>/ is empty)");
  else out.push(`${report.rows.length - bad} of ${report.rows.length} submissions got the verdict of their folder${bad ? `; ${bad} did not` : ""} (${(report.ms / 1000).toFixed(1)} s)`);
  if (report.suggestedTimeLimitMs !== null) out.push(`slowest accepted: ${report.maxAcceptedCpuMs} ms CPU; Kattis' rule (× time_multiplier, rounded up) suggests a time limit of ${report.suggestedTimeLimitMs / 1000} s`);
  return out.join("\n");
}
