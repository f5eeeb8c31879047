import "server-only";
/**
 * Submissions for pages, route handlers and the WebSocket: submit, read (filtered by who is
 * asking), history, rejudge. The judge itself is judge/ (queue + worker); this module only
 * writes queue entries (Submission rows) and wakes the worker through the event bus.
 */
import { z } from "zod";
import { DbSubmissionQueue, PRIORITY_FRESH, PRIORITY_REJUDGE_BULK, PRIORITY_REJUDGE_ONE } from "@/judge/queue";
import { getEventBus } from "@/judge/events";
import { VERDICT_FROM_DB, type DbVerdict } from "@/judge/store";
import { isLanguageId } from "@/sandbox/languages";
import type { SessionUser } from "../auth/guards";
import { prisma } from "../db";
import { canSeeDrafts } from "../problems";
import { canSeeCheckerMessage, canViewSubmission, isProblemInstructor, type Viewer } from "./access";
import { MAX_SUBMISSION_SOURCE_BYTES, type SampleDetail, type SubmissionView, type TestView, type VerdictCode } from "./views";

export const submitBodySchema = z
  .object({
    problem: z.string().min(1).max(200),
    language: z.string().min(1).max(32),
    source: z.string().max(MAX_SUBMISSION_SOURCE_BYTES * 4),
  })
  .strict();
export type SubmitBody = z.infer<typeof submitBodySchema>;

export type SubmitResult = { ok: true; id: string } | { ok: false; status: 400 | 404 | 413; error: string };

/** Validates and resolves a submission; the caller (route handler) checks quotas between. */
export async function prepareSubmission(user: SessionUser, body: SubmitBody) {
  const bytes = Buffer.byteLength(body.source, "utf8");
  if (bytes > MAX_SUBMISSION_SOURCE_BYTES) return { ok: false as const, status: 413 as const, error: `source is larger than ${MAX_SUBMISSION_SOURCE_BYTES / 1024} KiB` };
  if (body.source.trim() === "") return { ok: false as const, status: 400 as const, error: "source is empty" };
  const problem = await prisma.problem.findUnique({
    where: { slug: body.problem },
    select: { id: true, visibility: true, allowedLanguages: true },
  });
  if (!problem || (problem.visibility !== "published" && !canSeeDrafts(user))) return { ok: false as const, status: 404 as const, error: "No such problem" };
  if (!isLanguageId(body.language)) return { ok: false as const, status: 400 as const, error: `unknown language ${body.language}` };
  let allowed: string[] = [];
  try {
    const parsed: unknown = JSON.parse(problem.allowedLanguages);
    if (Array.isArray(parsed)) allowed = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    /* malformed: all languages */
  }
  if (allowed.length > 0 && !allowed.includes(body.language)) return { ok: false as const, status: 400 as const, error: `${body.language} is not allowed for this problem` };
  return { ok: true as const, problemId: problem.id, bytes };
}

/** Puts the submission in the queue (a database row) and wakes a judge. */
export async function enqueueSubmission(
  user: SessionUser,
  problemId: string,
  language: string,
  source: string,
  options: { quotaHeld?: boolean } = {},
): Promise<string> {
  const testsTotal = await prisma.testCase.count({ where: { problemId } });
  const row = await prisma.submission.create({
    // quotaHeld: admitted by lib/quotas; the judge frees the waiting slot on the final verdict.
    data: { userId: user.id, problemId, language, source, priority: PRIORITY_FRESH, testsTotal, quotaHeld: options.quotaHeld ?? false },
    select: { id: true },
  });
  getEventBus().signalWork();
  return row.id;
}

function verdictCode(v: string | null): VerdictCode | null {
  if (!v) return null;
  const code = VERDICT_FROM_DB[v as DbVerdict];
  return code && code !== "SKIPPED" ? code : null;
}

/** The submission as `user` may see it, or null (missing or not theirs to see). */
export async function getSubmissionView(user: Viewer, id: string): Promise<SubmissionView | null> {
  const s = await prisma.submission.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      user: { select: { name: true } },
      problem: { select: { id: true, slug: true, title: true, scoring: true, checker: true, authorId: true } },
      language: true,
      status: true,
      verdict: true,
      score: true,
      maxScore: true,
      testsDone: true,
      testsTotal: true,
      cpuMs: true,
      wallMs: true,
      memoryKb: true,
      compileMessage: true,
      judgeMessage: true,
      createdAt: true,
      finishedAt: true,
      tests: {
        orderBy: { ordinal: "asc" },
        select: {
          ordinal: true,
          status: true,
          sample: true,
          cpuMs: true,
          wallMs: true,
          memoryKb: true,
          exitCode: true,
          signal: true,
          checkerMessage: true,
          testCaseId: true,
          testCase: { select: { groupName: true } },
        },
      },
    },
  });
  if (!s || !canViewSubmission(user, s, s.problem)) return null;
  const instructor = isProblemInstructor(user, s.problem);
  const failedSamples = s.tests.filter((t) => t.sample && t.status !== "accepted" && t.status !== "skipped").map((t) => t.ordinal);
  const details = await sampleDetails(s.id, failedSamples);
  return {
    id: s.id,
    userId: s.userId,
    userName: s.user.name,
    problem: { id: s.problem.id, slug: s.problem.slug, title: s.problem.title, scoring: s.problem.scoring },
    language: s.language,
    status: s.status,
    verdict: verdictCode(s.verdict),
    score: s.score,
    maxScore: s.maxScore,
    testsDone: s.testsDone,
    testsTotal: s.testsTotal,
    cpuMs: s.cpuMs,
    wallMs: s.wallMs,
    memoryKb: s.memoryKb,
    compileMessage: s.compileMessage,
    judgeMessage: instructor ? s.judgeMessage : null,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    tests: s.tests.map((t) => ({
      ordinal: t.ordinal,
      status: VERDICT_FROM_DB[t.status as DbVerdict] ?? "IE",
      sample: t.sample,
      group: t.testCase?.groupName ?? "",
      cpuMs: t.cpuMs,
      wallMs: t.wallMs,
      memoryKb: t.memoryKb,
      exitCode: t.exitCode,
      signal: t.signal,
      checkerMessage: canSeeCheckerMessage(instructor, t, s.problem.checker) ? t.checkerMessage : null,
      ...(details.has(t.ordinal) ? { detail: details.get(t.ordinal)! } : {}),
    })),
  };
}

/** Input, expected and actual output of failed SAMPLE tests (never hidden ones). */
export async function sampleDetails(submissionId: string, ordinals: number[]): Promise<Map<number, SampleDetail>> {
  if (ordinals.length === 0) return new Map();
  const rows = await prisma.submissionTest.findMany({
    where: { submissionId, ordinal: { in: ordinals }, sample: true, testCase: { kind: "sample" } },
    select: { ordinal: true, output: true, testCase: { select: { input: true, expectedOutput: true } } },
  });
  return new Map(rows.filter((r) => r.testCase).map((r) => [r.ordinal, { input: r.testCase!.input, expected: r.testCase!.expectedOutput, output: r.output ?? "" }]));
}

/** One test row for a live `submission.test` message, filtered like getSubmissionView. */
export async function liveTestView(
  user: Viewer,
  ctx: { submissionId: string; instructor: boolean; checker: string },
  row: Omit<TestView, "sample" | "group" | "detail">,
): Promise<TestView> {
  const t = await prisma.submissionTest.findUnique({
    where: { submissionId_ordinal: { submissionId: ctx.submissionId, ordinal: row.ordinal } },
    select: { sample: true, testCase: { select: { groupName: true } } },
  });
  const sample = t?.sample ?? false;
  const view: TestView = {
    ...row,
    sample,
    group: t?.testCase?.groupName ?? "",
    checkerMessage: canSeeCheckerMessage(ctx.instructor, { sample }, ctx.checker) ? row.checkerMessage : null,
  };
  if (sample && row.status !== "AC" && row.status !== "SKIPPED") {
    const detail = (await sampleDetails(ctx.submissionId, [row.ordinal])).get(row.ordinal);
    if (detail) view.detail = detail;
  }
  return view;
}

export interface SubmissionListItem {
  id: string;
  userId: string;
  userName: string;
  problemSlug: string;
  problemTitle: string;
  language: string;
  status: string;
  verdict: VerdictCode | null;
  score: number | null;
  maxScore: number | null;
  testsDone: number;
  testsTotal: number;
  cpuMs: number | null;
  memoryKb: number | null;
  createdAt: string;
}

/**
 * History: the user's own submissions (optionally for one problem); instructors may ask for
 * everyone's on a problem they teach (`all`).
 */
export async function listSubmissions(
  user: Viewer,
  options: { problemSlug?: string; all?: boolean; userId?: string; take?: number },
): Promise<{ items: SubmissionListItem[]; problem: { id: string; slug: string; title: string; instructor: boolean } | null }> {
  let problem: { id: string; slug: string; title: string; instructor: boolean } | null = null;
  if (options.problemSlug) {
    const p = await prisma.problem.findUnique({ where: { slug: options.problemSlug }, select: { id: true, slug: true, title: true, authorId: true } });
    if (p) problem = { id: p.id, slug: p.slug, title: p.title, instructor: isProblemInstructor(user, p) };
  }
  const mayViewOthers = problem ? problem.instructor : user.role === "admin";
  const everyone = options.all && mayViewOthers;
  // Instructors (of the problem) and admins may look at one user's history.
  const who = mayViewOthers && options.userId ? { userId: options.userId } : everyone ? {} : { userId: user.id };
  const rows = await prisma.submission.findMany({
    where: { ...who, ...(options.problemSlug ? { problemId: problem?.id ?? "-" } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 100, 500),
    select: {
      id: true,
      userId: true,
      user: { select: { name: true } },
      problem: { select: { slug: true, title: true } },
      language: true,
      status: true,
      verdict: true,
      score: true,
      maxScore: true,
      testsDone: true,
      testsTotal: true,
      cpuMs: true,
      memoryKb: true,
      createdAt: true,
    },
  });
  return {
    problem,
    items: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      userName: r.user.name,
      problemSlug: r.problem.slug,
      problemTitle: r.problem.title,
      language: r.language,
      status: r.status,
      verdict: verdictCode(r.verdict),
      score: r.score,
      maxScore: r.maxScore,
      testsDone: r.testsDone,
      testsTotal: r.testsTotal,
      cpuMs: r.cpuMs,
      memoryKb: r.memoryKb,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The owner's source code (page "code" section); same access rule as the view. */
export async function getSubmissionSource(user: Viewer, id: string): Promise<string | null> {
  const s = await prisma.submission.findUnique({ where: { id }, select: { userId: true, source: true, problem: { select: { authorId: true } } } });
  if (!s || !canViewSubmission(user, s, s.problem)) return null;
  return s.source;
}

export const rejudgeBodySchema = z.union([
  z.object({ submissionId: z.string().min(1).max(64) }).strict(),
  z.object({ problem: z.string().min(1).max(200), since: z.iso.datetime().optional() }).strict(),
  z.object({ since: z.iso.datetime() }).strict(),
]);
export type RejudgeBody = z.infer<typeof rejudgeBodySchema>;

export type RejudgeResult = { ok: true; count: number; auditId: string } | { ok: false; status: 403 | 404; error: string };

/** How many submissions' verdicts a rejudge remembers for its before/after summary. */
const REJUDGE_SUMMARY_LIMIT = 5000;

/**
 * Rejudge one submission, a whole problem (optionally only submissions since a date), or
 * everything since a date (admins; instructors: their problems). Reruns go in with a lower
 * priority than fresh submissions, so students are not kept waiting behind them.
 */
export async function rejudge(user: SessionUser, body: RejudgeBody): Promise<RejudgeResult> {
  if (user.role !== "instructor" && user.role !== "admin") return { ok: false, status: 403, error: "Only instructors can rejudge" };
  let ids: string[];
  let priority = PRIORITY_REJUDGE_BULK;
  if ("submissionId" in body) {
    const s = await prisma.submission.findUnique({ where: { id: body.submissionId }, select: { id: true, problem: { select: { authorId: true } } } });
    if (!s) return { ok: false, status: 404, error: "No such submission" };
    if (!isProblemInstructor(user, s.problem)) return { ok: false, status: 403, error: "Not an instructor of this problem" };
    ids = [s.id];
    priority = PRIORITY_REJUDGE_ONE;
  } else if ("problem" in body) {
    const p = await prisma.problem.findUnique({ where: { slug: body.problem }, select: { id: true, authorId: true } });
    if (!p) return { ok: false, status: 404, error: "No such problem" };
    if (!isProblemInstructor(user, p)) return { ok: false, status: 403, error: "Not an instructor of this problem" };
    const rows = await prisma.submission.findMany({
      where: { problemId: p.id, ...(body.since ? { createdAt: { gte: new Date(body.since) } } : {}) },
      select: { id: true },
    });
    ids = rows.map((r) => r.id);
  } else {
    const rows = await prisma.submission.findMany({
      where: {
        createdAt: { gte: new Date(body.since) },
        ...(user.role === "admin" ? {} : { problem: { OR: [{ authorId: user.id }, { authorId: null }] } }),
      },
      select: { id: true },
    });
    ids = rows.map((r) => r.id);
  }
  // The verdicts before, for the before/after summary (/instructor/rejudges/<audit id>).
  const before = Object.fromEntries(
    (await prisma.submission.findMany({ where: { id: { in: ids.slice(0, REJUDGE_SUMMARY_LIMIT) } }, select: { id: true, verdict: true } })).map((r) => [r.id, r.verdict]),
  );
  const count = await new DbSubmissionQueue(prisma).requeue(ids, priority);
  const audit = await prisma.auditEvent.create({
    data: { actorId: user.id, action: "submission.rejudge", targetType: "submission", targetId: ids.length === 1 ? ids[0] : null, data: JSON.stringify({ scope: body, count, before }) },
    select: { id: true },
  });
  const bus = getEventBus();
  for (const id of ids.slice(0, 1000)) bus.publish({ type: "reset", submissionId: id });
  bus.signalWork();
  return { ok: true, count, auditId: audit.id };
}
