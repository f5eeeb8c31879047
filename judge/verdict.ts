/**
 * From sandbox results to verdicts, and from test verdicts to a submission's verdict and score
 * (ICPC: first failure; subtasks: a group's points only if all its tests pass).
 */
import type { RunResult } from "../sandbox/types";
import type { GroupScore, JudgeTest, TestOutcome, TestVerdict, Verdict } from "./types";

/** The verdict of a finished run before the checker looks at it; null = ran fine (check it). */
export function verdictOfRun(run: Pick<RunResult, "status">): Exclude<Verdict, "AC" | "WA"> | null {
  switch (run.status) {
    case "OK":
      return null;
    case "CE":
      return "CE";
    case "RE":
      return "RE";
    case "TLE":
      return "TLE";
    case "MLE":
      return "MLE";
    case "OLE":
      return "OLE";
    case "SV":
      return "SV";
    case "IE":
      return "IE";
  }
}

/** Short human text for a failed run (exit code or signal for RE). */
export function runMessage(run: Pick<RunResult, "status" | "exitCode" | "signal" | "message">): string {
  if (run.status === "RE") return run.signal !== null ? `killed by signal ${run.signal}` : `exit code ${run.exitCode}`;
  return run.message;
}

export function isFailure(v: TestVerdict): boolean {
  return v !== "AC" && v !== "SKIPPED";
}

/** Points of each group: the largest `points` set on any of its tests. Ungrouped tests: group "". */
export function groupPoints(tests: Pick<JudgeTest, "group" | "points">[]): Map<string, number> {
  const points = new Map<string, number>();
  for (const t of tests) {
    const g = t.group ?? "";
    points.set(g, Math.max(points.get(g) ?? 0, t.points ?? 0));
  }
  return points;
}

export interface Score {
  verdict: Verdict;
  score: number;
  maxScore: number;
  groups: GroupScore[];
}

/**
 * Overall verdict and score. Any IE makes the submission IE (not the user's fault). Otherwise
 * the verdict is that of the first failing test by ordinal (AC if none failed).
 * ICPC: score 1 or 0 of 1. Subtasks: sum of the points of groups whose tests all passed.
 */
export function scoreOutcome(scoring: "icpc" | "subtasks", tests: JudgeTest[], results: Pick<TestOutcome, "ordinal" | "verdict">[]): Score {
  const byOrdinal = new Map(results.map((r) => [r.ordinal, r.verdict]));
  const ordered = [...tests].sort((a, b) => a.ordinal - b.ordinal);
  const verdicts = ordered.map((t) => byOrdinal.get(t.ordinal) ?? "SKIPPED");
  const firstFailure = verdicts.find(isFailure) as Verdict | undefined;
  const allPassed = verdicts.every((v) => v === "AC");
  const verdict: Verdict = verdicts.includes("IE") ? "IE" : allPassed ? "AC" : (firstFailure ?? "IE");

  const points = groupPoints(ordered);
  const groups: GroupScore[] = [...points.entries()].map(([group, p]) => {
    const passed = ordered.every((t, i) => (t.group ?? "") !== group || verdicts[i] === "AC");
    return { group, points: p, earned: passed ? p : 0, passed };
  });
  if (scoring === "icpc") return { verdict, score: verdict === "AC" ? 1 : 0, maxScore: 1, groups };
  const score = verdict === "IE" ? 0 : groups.reduce((s, g) => s + g.earned, 0);
  return { verdict, score, maxScore: groups.reduce((s, g) => s + g.points, 0), groups };
}

/**
 * Should test `next` be skipped after the results so far? ICPC with stopAtFirstFailure: after
 * any failure. Subtasks: only the rest of a group that already failed (other groups still score).
 */
export function shouldSkip(
  problem: { scoring: "icpc" | "subtasks"; stopAtFirstFailure: boolean },
  next: Pick<JudgeTest, "group">,
  done: { verdict: TestVerdict; group: string }[],
): boolean {
  if (!problem.stopAtFirstFailure) return false;
  if (problem.scoring === "icpc") return done.some((d) => isFailure(d.verdict));
  const group = next.group ?? "";
  return done.some((d) => d.group === group && isFailure(d.verdict));
}
