/**
 * The submission queue. `SubmissionQueue` is the interface (a Redis/BullMQ one can replace it);
 * `DbSubmissionQueue` keeps the queue in the Submission rows themselves, so nothing is lost
 * when a process dies:
 *
 *   queued --claim--> compiling/running (leasedBy = worker, leaseExpiresAt = now + lease)
 *          <--lease expired / holder dead / released--
 *   compiling/running --finish--> done
 *
 * Claiming is a compare-and-set (`UPDATE ... WHERE id = ? AND status = 'queued' AND leasedBy IS
 * NULL`), atomic on SQLite and PostgreSQL alike: two workers can pick the same candidate, only
 * one update matches, the other tries the next candidate.
 *
 * Order: highest priority first (fresh submissions 0, rejudges below); within it, fairness
 * across users: the user with the fewest submissions being judged, then the one served least
 * recently (round robin), then that user's oldest submission.
 */
import { hostname } from "node:os";
import type { Db } from "../lib/db";

export const PRIORITY_FRESH = 0;
export const PRIORITY_REJUDGE_ONE = -1;
export const PRIORITY_REJUDGE_BULK = -2;
/** A submission whose judging was interrupted this many times becomes IE instead of looping. */
export const MAX_ATTEMPTS = 5;
const CLAIM_RETRIES = 8;
/** Fairness looks at this many waiting users at most (the oldest waiting first). */
const FAIRNESS_WINDOW = 200;

export interface Claim {
  id: string;
  attempts: number;
}

export interface RequeueResult {
  requeued: string[];
  /** Gave up after MAX_ATTEMPTS: finished as judge_error. */
  failed: string[];
}

export interface SubmissionQueue {
  /** Takes the next submission for `workerId`, or null when none is waiting. */
  claim(workerId: string, leaseMs: number): Promise<Claim | null>;
  /** Extends the lease; false when the worker no longer holds it (rejudged, or expired and taken). */
  renew(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Gives a claimed submission back to the queue (graceful shutdown). */
  release(id: string, workerId: string): Promise<boolean>;
  /** Requeues submissions whose lease expired or whose holder is known dead. */
  requeueExpired(options?: { liveWorkerIds?: Set<string>; now?: Date }): Promise<RequeueResult>;
  /** Puts finished (or any) submissions back in the queue with the given priority. */
  requeue(ids: string[], priority: number): Promise<number>;
}

const ACTIVE = ["compiling", "running"] as const;

/** `host:pid:random`: lets a restarted process recognise leases of its dead predecessors. */
export function makeWorkerId(tag = "w"): string {
  return `${hostname()}:${process.pid}:${tag}-${Math.random().toString(36).slice(2, 10)}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Is the holder of a lease certainly dead? Only decidable for holders on this host. */
export function holderIsDead(leasedBy: string, liveWorkerIds: Set<string>): boolean {
  const [host, pidText] = leasedBy.split(":");
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !liveWorkerIds.has(leasedBy);
  return !pidAlive(pid);
}

export class DbSubmissionQueue implements SubmissionQueue {
  constructor(private readonly db: Db) {}

  async claim(workerId: string, leaseMs: number): Promise<Claim | null> {
    for (let attempt = 0; attempt < CLAIM_RETRIES; attempt++) {
      const candidate = await this.pickCandidate();
      if (!candidate) return null;
      const now = new Date();
      const { count } = await this.db.submission.updateMany({
        where: { id: candidate, status: "queued", leasedBy: null },
        data: {
          status: "compiling",
          leasedBy: workerId,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          attempts: { increment: 1 },
          startedAt: now,
        },
      });
      if (count === 1) {
        const row = await this.db.submission.findUnique({ where: { id: candidate }, select: { attempts: true } });
        return { id: candidate, attempts: row?.attempts ?? 1 };
      }
    }
    return null;
  }

  /** The next submission by priority, then fairness across users, then age. */
  async pickCandidate(): Promise<string | null> {
    const top = await this.db.submission.findFirst({
      where: { status: "queued" },
      orderBy: [{ priority: "desc" }],
      select: { priority: true },
    });
    if (!top) return null;
    const priority = top.priority;
    const waiting = await this.db.submission.groupBy({
      by: ["userId"],
      where: { status: "queued", priority },
      _min: { createdAt: true },
      orderBy: { _min: { createdAt: "asc" } },
      take: FAIRNESS_WINDOW,
    });
    if (waiting.length === 0) return null;
    const users = waiting.map((w) => w.userId);
    const [running, served] = await Promise.all([
      this.db.submission.groupBy({ by: ["userId"], where: { status: { in: [...ACTIVE] }, userId: { in: users } }, _count: { _all: true } }),
      this.db.submission.groupBy({ by: ["userId"], where: { userId: { in: users }, startedAt: { not: null } }, _max: { startedAt: true } }),
    ]);
    const runningBy = new Map(running.map((r) => [r.userId, r._count._all]));
    const servedBy = new Map(served.map((s) => [s.userId, s._max.startedAt?.getTime() ?? 0]));
    const ranked = waiting
      .map((w) => ({
        userId: w.userId,
        running: runningBy.get(w.userId) ?? 0,
        served: servedBy.get(w.userId) ?? 0,
        oldest: w._min.createdAt?.getTime() ?? 0,
      }))
      .sort((a, b) => a.running - b.running || a.served - b.served || a.oldest - b.oldest);
    const user = ranked[0]!.userId;
    const next = await this.db.submission.findFirst({
      where: { status: "queued", priority, userId: user },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    return next?.id ?? null;
  }

  async renew(id: string, workerId: string, leaseMs: number): Promise<boolean> {
    const { count } = await this.db.submission.updateMany({
      where: { id, leasedBy: workerId, status: { in: [...ACTIVE] } },
      data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
    });
    return count === 1;
  }

  async release(id: string, workerId: string): Promise<boolean> {
    const { count } = await this.db.submission.updateMany({
      where: { id, leasedBy: workerId },
      // The interrupted attempt does not count against MAX_ATTEMPTS: it was not the submission's fault.
      data: { status: "queued", leasedBy: null, leaseExpiresAt: null, testsDone: 0, attempts: { decrement: 1 } },
    });
    return count === 1;
  }

  async requeueExpired(options: { liveWorkerIds?: Set<string>; now?: Date } = {}): Promise<RequeueResult> {
    const now = options.now ?? new Date();
    const live = options.liveWorkerIds ?? new Set<string>();
    const held = await this.db.submission.findMany({
      where: { status: { in: [...ACTIVE] } },
      select: { id: true, leasedBy: true, leaseExpiresAt: true, attempts: true },
    });
    const result: RequeueResult = { requeued: [], failed: [] };
    for (const row of held) {
      const expired = !row.leasedBy || !row.leaseExpiresAt || row.leaseExpiresAt.getTime() < now.getTime();
      if (!expired && !holderIsDead(row.leasedBy!, live)) continue;
      const fence = { id: row.id, leasedBy: row.leasedBy, status: { in: [...ACTIVE] } };
      if (row.attempts >= MAX_ATTEMPTS) {
        const { count } = await this.db.submission.updateMany({
          where: fence,
          data: {
            status: "done",
            verdict: "judge_error",
            score: 0,
            judgeMessage: `judging was interrupted ${row.attempts} times; giving up`,
            leasedBy: null,
            leaseExpiresAt: null,
            finishedAt: now,
          },
        });
        if (count === 1) result.failed.push(row.id);
      } else {
        const { count } = await this.db.submission.updateMany({
          where: fence,
          data: { status: "queued", leasedBy: null, leaseExpiresAt: null, testsDone: 0 },
        });
        if (count === 1) result.requeued.push(row.id);
      }
    }
    return result;
  }

  async requeue(ids: string[], priority: number): Promise<number> {
    if (ids.length === 0) return 0;
    let total = 0;
    // Chunks keep the IN list small on both databases.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const [, updated] = await this.db.$transaction([
        this.db.submissionTest.deleteMany({ where: { submissionId: { in: chunk } } }),
        this.db.submission.updateMany({
          where: { id: { in: chunk } },
          data: {
            status: "queued",
            priority,
            verdict: null,
            score: null,
            testsDone: 0,
            cpuMs: null,
            wallMs: null,
            memoryKb: null,
            compileMessage: null,
            judgeMessage: null,
            attempts: 0,
            leasedBy: null,
            leaseExpiresAt: null,
            finishedAt: null,
          },
        }),
      ]);
      total += updated.count;
    }
    return total;
  }
}
