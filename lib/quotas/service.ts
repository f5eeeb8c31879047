/**
 * Quota decisions for runs and submissions. Every check is made before any work starts and
 * every refusal says which limit, the usage, the maximum and when it resets, so the UI can show
 * it before the user hits the wall (HTTP 429 + Retry-After, or a WebSocket error).
 */
import type { Db } from "../db";
import { dayWindow, decrement, increment, minuteWindow, NO_WINDOW, readCounter, tryIncrement, type CounterKind } from "./counters";
import type { Quota, Role } from "./defaults";
import { effectiveQuota } from "./policy";

export interface QuotaUser {
  id: string;
  role: Role;
}

export interface QuotaRefusal {
  ok: false;
  limit: keyof Quota;
  used: number;
  max: number;
  /** When the limit frees up by itself; null for limits that free up when work finishes. */
  resetsAt: Date | null;
  retryAfterSeconds: number;
  message: string;
}

export type Admission = { ok: true; quota: Quota } | QuotaRefusal;

const LIVE_RETRY_SECONDS = 5;

function refuse(limit: keyof Quota, used: number, max: number, resetsAt: Date | null, now: Date, what: string): QuotaRefusal {
  const retryAfterSeconds = resetsAt ? Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)) : LIVE_RETRY_SECONDS;
  const when = resetsAt ? `resets in ${retryAfterSeconds} s` : "frees up when one finishes";
  return { ok: false, limit, used, max, resetsAt, retryAfterSeconds, message: `${what}: ${used} of ${max} used; ${when}` };
}

/** A request that can never pass as it is: retrying does not help, so no Retry-After. */
function tooLarge(limit: keyof Quota, used: number, max: number, message: string): QuotaRefusal {
  return { ok: false, limit, used, max, resetsAt: null, retryAfterSeconds: 0, message };
}

/** Checks that need no counter: source size and the per-run limits asked for. */
function checkRequest(quota: Quota, request: { sourceBytes: number; cpuMs?: number; memoryMb?: number }): QuotaRefusal | null {
  if (request.sourceBytes > quota.maxSourceBytes) {
    return tooLarge("maxSourceBytes", request.sourceBytes, quota.maxSourceBytes, `Source is ${request.sourceBytes} bytes; at most ${quota.maxSourceBytes} allowed`);
  }
  if (request.cpuMs !== undefined && request.cpuMs > quota.maxCpuMsPerRun) {
    return tooLarge("maxCpuMsPerRun", request.cpuMs, quota.maxCpuMsPerRun, `A CPU limit of ${request.cpuMs} ms was asked for; at most ${quota.maxCpuMsPerRun} ms allowed`);
  }
  if (request.memoryMb !== undefined && request.memoryMb > quota.maxMemoryMbPerRun) {
    return tooLarge("maxMemoryMbPerRun", request.memoryMb, quota.maxMemoryMbPerRun, `A memory limit of ${request.memoryMb} MiB was asked for; at most ${quota.maxMemoryMbPerRun} MiB allowed`);
  }
  return null;
}

async function checkCpuBudget(db: Db, user: QuotaUser, quota: Quota, now: Date): Promise<QuotaRefusal | null> {
  const day = dayWindow(now);
  const usedMs = await readCounter(db, user.id, "cpu_ms", day);
  if (usedMs < quota.cpuSecondsPerDay * 1000) return null;
  const tomorrow = new Date(day.getTime() + 86_400_000);
  return refuse("cpuSecondsPerDay", Math.round(usedMs / 1000), quota.cpuSecondsPerDay, tomorrow, now, "Daily CPU time used up");
}

/**
 * Admit an IDE run: source size, asked-for limits, daily CPU, concurrent runs, runs per minute.
 * On success the caller must call `finishRun` when the run ends (whatever its outcome).
 */
export async function admitRun(
  db: Db,
  user: QuotaUser,
  request: { sourceBytes: number; cpuMs?: number; memoryMb?: number },
  now = new Date(),
  /** `replacing`: runs of this user that this one stops (the IDE's one-run-per-user rule). */
  { replacing = 0 }: { replacing?: number } = {},
): Promise<Admission> {
  const quota = await effectiveQuota(db, user);
  const early = checkRequest(quota, request) ?? (await checkCpuBudget(db, user, quota, now));
  if (early) return early;
  if (!(await tryIncrement(db, user.id, "concurrent_runs", NO_WINDOW, quota.concurrentRuns + replacing))) {
    return refuse("concurrentRuns", quota.concurrentRuns, quota.concurrentRuns, null, now, "Too many runs at once");
  }
  const minute = minuteWindow(now);
  if (!(await tryIncrement(db, user.id, "runs", minute, quota.runsPerMinute))) {
    await decrement(db, user.id, "concurrent_runs", NO_WINDOW);
    return refuse("runsPerMinute", quota.runsPerMinute, quota.runsPerMinute, new Date(minute.getTime() + 60_000), now, "Too many runs this minute");
  }
  return { ok: true, quota };
}

/** A run ended: free its concurrency slot and charge the CPU it used (compile included). */
export async function finishRun(db: Db, userId: string, cpuMs: number, now = new Date()): Promise<void> {
  await decrement(db, userId, "concurrent_runs", NO_WINDOW);
  if (cpuMs > 0) await increment(db, userId, "cpu_ms", dayWindow(now), Math.round(cpuMs));
}

/**
 * Admit a submission: source size, daily CPU, submissions per minute, submissions queued or
 * judging. On success the caller creates the submission with `quotaHeld: true`, and the judge
 * calls `submissionJudged` when its verdict is final.
 */
export async function admitSubmission(db: Db, user: QuotaUser, request: { sourceBytes: number }, now = new Date()): Promise<Admission> {
  const quota = await effectiveQuota(db, user);
  const early = checkRequest(quota, request) ?? (await checkCpuBudget(db, user, quota, now));
  if (early) return early;
  const minute = minuteWindow(now);
  if (!(await tryIncrement(db, user.id, "submissions", minute, quota.submissionsPerMinute))) {
    return refuse("submissionsPerMinute", quota.submissionsPerMinute, quota.submissionsPerMinute, new Date(minute.getTime() + 60_000), now, "Too many submissions this minute");
  }
  if (!(await tryIncrement(db, user.id, "queued_submissions", NO_WINDOW, quota.queuedSubmissions))) {
    return refuse("queuedSubmissions", quota.queuedSubmissions, quota.queuedSubmissions, null, now, "Too many submissions waiting for a verdict");
  }
  return { ok: true, quota };
}

/**
 * A submission got its final verdict: free its waiting slot and charge its CPU (compile
 * included) to its author. Only once, and only for a submission admitted by `admitSubmission`
 * (`quotaHeld`): a rejudge an instructor starts costs the student nothing.
 */
export async function submissionJudged(db: Db, submission: { id: string; userId: string }, cpuMs: number, now = new Date()): Promise<void> {
  const { count } = await db.submission.updateMany({ where: { id: submission.id, quotaHeld: true }, data: { quotaHeld: false } });
  if (count !== 1) return;
  await decrement(db, submission.userId, "queued_submissions", NO_WINDOW);
  if (cpuMs > 0) await increment(db, submission.userId, "cpu_ms", dayWindow(now), Math.round(cpuMs));
}

export interface UsageSnapshot {
  quota: Quota;
  runsThisMinute: number;
  submissionsThisMinute: number;
  concurrentRuns: number;
  queuedSubmissions: number;
  cpuSecondsToday: number;
  minuteResetsAt: Date;
  dayResetsAt: Date;
}

/** What the usage meter shows. */
export async function usageFor(db: Db, user: QuotaUser, now = new Date()): Promise<UsageSnapshot> {
  const minute = minuteWindow(now);
  const day = dayWindow(now);
  const read = (kind: CounterKind, window: Date) => readCounter(db, user.id, kind, window);
  const [quota, runs, submissions, concurrent, queued, cpuMs] = await Promise.all([
    effectiveQuota(db, user),
    read("runs", minute),
    read("submissions", minute),
    read("concurrent_runs", NO_WINDOW),
    read("queued_submissions", NO_WINDOW),
    read("cpu_ms", day),
  ]);
  return {
    quota,
    runsThisMinute: runs,
    submissionsThisMinute: submissions,
    concurrentRuns: concurrent,
    queuedSubmissions: queued,
    cpuSecondsToday: Math.round(cpuMs / 1000),
    minuteResetsAt: new Date(minute.getTime() + 60_000),
    dayResetsAt: new Date(day.getTime() + 86_400_000),
  };
}

/** Admin action: forget a user's rate and CPU usage (live counters stay true to what runs). */
export async function resetUsage(db: Db, userId: string): Promise<void> {
  await db.usageCounter.deleteMany({ where: { userId, kind: { in: ["runs", "submissions", "cpu_ms"] } } });
}

/**
 * At start-up: no run survives a restart, and queued submissions are whatever the queue holds.
 * Keeps the live counters true after a crash.
 */
export async function syncLiveCounters(db: Db): Promise<void> {
  await db.usageCounter.updateMany({ where: { kind: "concurrent_runs" }, data: { count: 0 } });
  await db.usageCounter.updateMany({ where: { kind: "queued_submissions" }, data: { count: 0 } });
  const waiting = await db.submission.groupBy({ by: ["userId"], where: { quotaHeld: true }, _count: { _all: true } });
  for (const row of waiting) await increment(db, row.userId, "queued_submissions", NO_WINDOW, row._count._all);
}
