/**
 * The judge's database side: turning rows into engine input, and writing progress and results
 * under the worker's lease (every write is fenced by `leasedBy`, so a worker that lost its
 * lease — rejudged, or expired and taken over — can never overwrite newer state).
 */
import type { Db } from "../lib/db";
import { isLanguageId, type LanguageId } from "../sandbox/languages";
import { parsePythonPolicy } from "../sandbox/policy/python-policy";
import type { SubmissionStatus, TestRow } from "./events";
import type { CheckerSpec, JudgeOutcome, JudgeProblem, JudgeTest, TestOutcome, TestVerdict, Verdict } from "./types";

/** Engine verdicts <-> the database's Verdict enum. */
export const VERDICT_TO_DB = {
  AC: "accepted",
  WA: "wrong_answer",
  TLE: "time_limit_exceeded",
  MLE: "memory_limit_exceeded",
  OLE: "output_limit_exceeded",
  RE: "runtime_error",
  CE: "compile_error",
  SV: "security_violation",
  IE: "judge_error",
  SKIPPED: "skipped",
} as const satisfies Record<TestVerdict, string>;
export type DbVerdict = (typeof VERDICT_TO_DB)[TestVerdict];
export const VERDICT_FROM_DB = Object.fromEntries(Object.entries(VERDICT_TO_DB).map(([k, v]) => [v, k])) as Record<DbVerdict, TestVerdict>;

/** Sample tests keep this much program output for the diff view. */
const SAMPLE_OUTPUT_BYTES = 64 * 1024;

export class LostLeaseError extends Error {
  constructor(id: string) {
    super(`lease on submission ${id} was lost`);
    this.name = "LostLeaseError";
  }
}

export interface Job {
  id: string;
  userId: string;
  problemId: string;
  language: LanguageId;
  source: string;
  priority: number;
  problem: JudgeProblem;
  tests: JudgeTest[];
}

export type LoadResult = { ok: true; job: Job } | { ok: false; id: string; reason: string };

export function checkerSpec(p: {
  checker: string;
  floatAbsTol: number | null;
  floatRelTol: number | null;
  checkerSource: string | null;
  checkerLanguage: string | null;
}): CheckerSpec | { error: string } {
  switch (p.checker) {
    case "exact":
      return { kind: "exact" };
    case "float":
      return { kind: "float", absTol: p.floatAbsTol, relTol: p.floatRelTol };
    case "custom":
      if (!p.checkerSource || !p.checkerLanguage || !isLanguageId(p.checkerLanguage)) return { error: "the problem's custom checker has no source or an unknown language" };
      return { kind: "custom", language: p.checkerLanguage, source: p.checkerSource };
    default:
      return { kind: "tokens" };
  }
}

export async function loadJob(db: Db, id: string): Promise<LoadResult> {
  const s = await db.submission.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      problemId: true,
      language: true,
      source: true,
      priority: true,
      problem: {
        select: {
          timeLimitMs: true,
          memoryLimitMb: true,
          checker: true,
          floatAbsTol: true,
          floatRelTol: true,
          checkerSource: true,
          checkerLanguage: true,
          interactive: true,
          pythonPolicy: true,
          scoring: true,
          stopAtFirstFailure: true,
          tests: {
            orderBy: { ordinal: "asc" },
            select: { id: true, ordinal: true, kind: true, groupName: true, points: true, input: true, expectedOutput: true },
          },
        },
      },
    },
  });
  if (!s) return { ok: false, id, reason: "submission not found" };
  if (!isLanguageId(s.language)) return { ok: false, id, reason: `unknown language ${s.language}` };
  const checker = checkerSpec(s.problem);
  if ("error" in checker) return { ok: false, id, reason: checker.error };
  return {
    ok: true,
    job: {
      id: s.id,
      userId: s.userId,
      problemId: s.problemId,
      language: s.language,
      source: s.source,
      priority: s.priority,
      problem: {
        timeLimitMs: s.problem.timeLimitMs,
        memoryLimitMb: s.problem.memoryLimitMb,
        checker,
        scoring: s.problem.scoring,
        stopAtFirstFailure: s.problem.stopAtFirstFailure,
        interactive: s.problem.interactive,
        pythonPolicy: parsePythonPolicy(s.problem.pythonPolicy),
      },
      tests: s.problem.tests.map((t) => ({
        id: t.id,
        ordinal: t.ordinal,
        kind: t.kind,
        group: t.groupName,
        points: t.points,
        input: t.input,
        expectedOutput: t.expectedOutput,
      })),
    },
  };
}

export function toTestRow(t: TestOutcome): TestRow {
  return {
    ordinal: t.ordinal,
    status: t.verdict,
    cpuMs: t.verdict === "SKIPPED" ? null : t.cpuMs,
    wallMs: t.verdict === "SKIPPED" ? null : t.wallMs,
    memoryKb: t.verdict === "SKIPPED" ? null : t.memoryKb,
    exitCode: t.exitCode,
    signal: t.signal,
    checkerMessage: t.checkerMessage || null,
  };
}

/** Writes made while holding a lease. */
export class LeasedWriter {
  constructor(
    private readonly db: Db,
    readonly submissionId: string,
    readonly workerId: string,
  ) {}

  private get fence() {
    return { id: this.submissionId, leasedBy: this.workerId };
  }

  /** Start of an attempt: forget what an interrupted attempt wrote. */
  async begin(testsTotal: number): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.submission.updateMany({
        where: this.fence,
        data: { status: "compiling", testsDone: 0, testsTotal, verdict: null, score: null, compileMessage: null, judgeMessage: null },
      });
      if (count !== 1) throw new LostLeaseError(this.submissionId);
      await tx.submissionTest.deleteMany({ where: { submissionId: this.submissionId } });
    });
  }

  async status(status: SubmissionStatus, extra: { compileMessage?: string | null } = {}): Promise<void> {
    const { count } = await this.db.submission.updateMany({ where: this.fence, data: { status, ...extra } });
    if (count !== 1) throw new LostLeaseError(this.submissionId);
  }

  async test(result: TestOutcome, test: JudgeTest, testsDone: number): Promise<void> {
    const sample = test.kind === "sample";
    const data = {
      testCaseId: test.id ?? null,
      status: VERDICT_TO_DB[result.verdict],
      cpuMs: result.verdict === "SKIPPED" ? null : result.cpuMs,
      wallMs: result.verdict === "SKIPPED" ? null : result.wallMs,
      memoryKb: result.verdict === "SKIPPED" ? null : result.memoryKb,
      exitCode: result.exitCode,
      signal: result.signal,
      checkerMessage: result.checkerMessage ? result.checkerMessage.slice(0, 4096) : null,
      sample,
      output: sample && result.verdict !== "SKIPPED" ? result.output.slice(0, SAMPLE_OUTPUT_BYTES) : null,
    };
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.submission.updateMany({ where: this.fence, data: { status: "running", testsDone } });
      if (count !== 1) throw new LostLeaseError(this.submissionId);
      await tx.submissionTest.upsert({
        where: { submissionId_ordinal: { submissionId: this.submissionId, ordinal: result.ordinal } },
        create: { submissionId: this.submissionId, ordinal: result.ordinal, ...data },
        update: data,
      });
    });
  }

  async finish(outcome: JudgeOutcome): Promise<void> {
    const { count } = await this.db.submission.updateMany({
      where: this.fence,
      data: {
        status: "done",
        verdict: VERDICT_TO_DB[outcome.verdict],
        score: outcome.score,
        maxScore: outcome.maxScore,
        cpuMs: outcome.cpuMs,
        wallMs: outcome.wallMs,
        memoryKb: outcome.memoryKb,
        compileMessage: outcome.compileMessage?.slice(0, 16 * 1024) ?? null,
        judgeMessage: outcome.judgeMessage?.slice(0, 4096) ?? null,
        testsDone: outcome.tests.length,
        leasedBy: null,
        leaseExpiresAt: null,
        finishedAt: new Date(),
      },
    });
    if (count !== 1) throw new LostLeaseError(this.submissionId);
  }
}

/** Finishes a submission that cannot be judged at all (missing language, broken problem). */
export async function failUnjudgeable(db: Db, id: string, workerId: string, reason: string): Promise<void> {
  await db.submission.updateMany({
    where: { id, leasedBy: workerId },
    data: { status: "done", verdict: "judge_error", score: 0, judgeMessage: reason, leasedBy: null, leaseExpiresAt: null, finishedAt: new Date() },
  });
}

export type { Verdict };
