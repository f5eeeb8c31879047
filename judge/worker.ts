/**
 * The judge worker: N slots, each claiming one submission at a time from the queue, judging it
 * with the engine and writing progress under its lease. Idle slots sleep until the event bus
 * says work was enqueued, with a slow fallback poll for work enqueued by other processes or left
 * by a crash (expired leases are requeued on start and on every poll).
 *
 * Runs inside the web process (server.ts) or alone (`npm run worker`, judge/cli.ts).
 */
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Sandbox } from "../sandbox";
import { judgeSubmission } from "./engine";
import type { JudgeEventBus } from "./events";
import { DbSubmissionQueue, makeWorkerId, type SubmissionQueue } from "./queue";
import { failUnjudgeable, LeasedWriter, loadJob, LostLeaseError, toTestRow } from "./store";
import type { JudgeOutcome } from "./types";

export interface WorkerOptions {
  db: Db;
  sandbox: () => Promise<Sandbox>;
  bus: JudgeEventBus;
  logger: Logger;
  concurrency: number;
  /** Lease length; renewed every third of it (default 30 s). */
  leaseMs?: number;
  /** Fallback poll for other processes' work and expired leases (default 5 s). */
  pollMs?: number;
  queue?: SubmissionQueue;
  workerId?: string;
  /** Judging-time budget per submission (default judgingBudgetMs); past it: IE, never stuck. */
  budgetMs?: (timeLimitMs: number, tests: number) => number;
  /** Called once a verdict is final (quotas: free the queue slot, charge CPU). */
  onFinished?: (info: { submissionId: string; cpuMs: number; verdict: string }) => Promise<void>;
}

/** Worker ids alive in this process (a lease held by this pid but not in here is an orphan). */
const globalForWorkers = globalThis as unknown as { __arbiterWorkerIds?: Set<string> };
const liveWorkerIds = (globalForWorkers.__arbiterWorkerIds ??= new Set<string>());

class Stopped extends Error {}
/** Judging took far longer than its limits allow (a hung sandbox): never leave it stuck. */
class Overdue extends Error {}

/** Upper bound for judging one submission: compile, every test at its wall limit, checks. */
export function judgingBudgetMs(timeLimitMs: number, tests: number): number {
  return 60_000 + tests * (timeLimitMs * 2 + 1000 + 10_000);
}

export class JudgeWorker {
  readonly id: string;
  private readonly queue: SubmissionQueue;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly log: Logger;
  private running = false;
  private slots: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  /** Counts wake-ups, so a slot that was busy claiming when one came does not go to sleep. */
  private wakeups = 0;
  private unsubscribe: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  /** Abort controllers of submissions being judged (graceful stop aborts them after a grace period). */
  private readonly inFlight = new Map<string, AbortController>();

  constructor(private readonly options: WorkerOptions) {
    this.id = options.workerId ?? makeWorkerId("judge");
    this.queue = options.queue ?? new DbSubmissionQueue(options.db);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.log = options.logger.child({ component: "judge", worker: this.id });
  }

  get busy(): number {
    return this.inFlight.size;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    liveWorkerIds.add(this.id);
    await this.recover();
    this.unsubscribe = this.options.bus.onWork(() => this.wake());
    this.pollTimer = setInterval(() => {
      void this.recover().finally(() => this.wake());
    }, this.pollMs);
    this.pollTimer.unref();
    for (let i = 0; i < this.options.concurrency; i++) this.slots.push(this.slot(i));
    this.log.info({ event: "judge.worker.start", concurrency: this.options.concurrency, leaseMs: this.leaseMs }, "judge worker started");
  }

  /**
   * Stops claiming; waits up to `graceMs` for submissions being judged, then aborts the rest and
   * gives them back to the queue (another worker, or this server after a restart, judges them).
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.wake();
    const all = Promise.all(this.slots);
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
    if ((await Promise.race([all.then(() => "done" as const), timer])) === "timeout") {
      for (const controller of this.inFlight.values()) controller.abort(new Stopped("worker stopping"));
      await all;
    }
    liveWorkerIds.delete(this.id);
    this.log.info({ event: "judge.worker.stop" }, "judge worker stopped");
  }

  /** Requeue what crashed workers left behind. */
  private async recover(): Promise<void> {
    try {
      const r = await this.queue.requeueExpired({ liveWorkerIds });
      if (r.requeued.length || r.failed.length) {
        this.log.warn({ event: "judge.requeue", requeued: r.requeued, failed: r.failed }, "requeued submissions of lost workers");
        for (const id of r.requeued) this.options.bus.publish({ type: "reset", submissionId: id });
        for (const id of r.failed) await this.finished(id, 0, "IE");
      }
    } catch (error) {
      this.log.error({ err: error }, "requeueing expired leases failed");
    }
  }

  private async finished(submissionId: string, cpuMs: number, verdict: string): Promise<void> {
    await this.options.onFinished?.({ submissionId, cpuMs, verdict }).catch((err: unknown) => this.log.warn({ err, submissionId }, "onFinished hook failed"));
  }

  private wake(): void {
    this.wakeups++;
    for (const w of this.wakers) w();
    this.wakers.clear();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wakers.add(resolve);
    });
  }

  private async slot(index: number): Promise<void> {
    while (this.running) {
      const seen = this.wakeups;
      let claim;
      try {
        claim = await this.queue.claim(this.id, this.leaseMs);
      } catch (error) {
        this.log.error({ err: error, slot: index }, "claiming failed");
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (!claim) {
        // A wake-up (new work, or stop) that came while claiming must not be lost.
        if (this.running && this.wakeups === seen) await this.sleep();
        continue;
      }
      await this.judge(claim.id, claim.attempts);
    }
  }

  private async judge(id: string, attempts: number): Promise<void> {
    const { db, bus } = this.options;
    const started = Date.now();
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const renew = setInterval(() => {
      this.queue.renew(id, this.id, this.leaseMs).then(
        (ok) => {
          if (!ok) controller.abort(new LostLeaseError(id));
        },
        (err: unknown) => this.log.warn({ err, submissionId: id }, "lease renewal failed"),
      );
    }, Math.max(200, Math.floor(this.leaseMs / 3)));
    try {
      const loaded = await loadJob(db, id);
      if (!loaded.ok) {
        await failUnjudgeable(db, id, this.id, loaded.reason);
        await this.finished(id, 0, "IE");
        bus.publish({ type: "done", submissionId: id, verdict: "IE", score: 0, maxScore: null, cpuMs: null, memoryKb: null });
        this.log.warn({ event: "judge.submission", submissionId: id, verdict: "IE", reason: loaded.reason }, "submission cannot be judged");
        return;
      }
      const { job } = loaded;
      const writer = new LeasedWriter(db, id, this.id);
      const total = job.tests.length;
      await writer.begin(total);
      bus.publish({ type: "state", submissionId: id, status: "compiling", testsDone: 0, testsTotal: total });
      let done = 0;
      const budget = (this.options.budgetMs ?? judgingBudgetMs)(job.problem.timeLimitMs, total);
      const overdue = setTimeout(() => controller.abort(new Overdue(`judging took longer than ${Math.round(budget / 1000)} s`)), budget);
      overdue.unref();
      // Whatever the sandbox does, an abort ends the wait (the sessions are closed when it returns).
      const aborted = new Promise<never>((_, reject) => {
        const fail = () => reject(controller.signal.reason as Error);
        if (controller.signal.aborted) fail();
        else controller.signal.addEventListener("abort", fail, { once: true });
      });
      aborted.catch(() => {});
      const sandbox = await Promise.race([this.options.sandbox(), aborted]);
      const judging = judgeSubmission({
        sandbox,
        problem: job.problem,
        tests: job.tests,
        language: job.language,
        source: job.source,
        signal: controller.signal,
        onEvent: async (e) => {
          if (controller.signal.aborted) throw controller.signal.reason;
          if (e.type === "compiled" && e.ok) {
            await writer.status("running", { compileMessage: e.message?.slice(0, 16 * 1024) ?? null });
            bus.publish({ type: "state", submissionId: id, status: "running", testsDone: 0, testsTotal: total });
          } else if (e.type === "test") {
            done++;
            const test = job.tests.find((t) => t.ordinal === e.result.ordinal)!;
            await writer.test(e.result, test, done);
            bus.publish({ type: "test", submissionId: id, test: toTestRow(e.result), testsDone: done, testsTotal: total });
          }
        },
      });
      judging.catch(() => {});
      const outcome: JudgeOutcome = await Promise.race([judging, aborted])
        .catch((error: unknown) => {
          if (controller.signal.aborted) throw controller.signal.reason;
          throw error;
        })
        .finally(() => clearTimeout(overdue));
      if (controller.signal.aborted) throw controller.signal.reason;
      await writer.finish(outcome);
      await this.finished(id, outcome.cpuTotalMs, outcome.verdict);
      bus.publish({
        type: "done",
        submissionId: id,
        verdict: outcome.verdict,
        score: outcome.score,
        maxScore: outcome.maxScore,
        cpuMs: outcome.cpuMs,
        memoryKb: outcome.memoryKb,
      });
      // One line per submission: never source or test data.
      this.log.info(
        {
          event: "judge.submission",
          submissionId: id,
          userId: job.userId,
          problemId: job.problemId,
          language: job.language,
          limits: { timeLimitMs: job.problem.timeLimitMs, memoryLimitMb: job.problem.memoryLimitMb },
          verdict: outcome.verdict,
          score: outcome.score,
          maxScore: outcome.maxScore,
          tests: total,
          testsRun: outcome.tests.filter((t) => t.verdict !== "SKIPPED").length,
          maxCpuMs: outcome.cpuMs,
          maxMemoryKb: outcome.memoryKb,
          attempts,
          durationMs: Date.now() - started,
          judgeMessage: outcome.judgeMessage ?? undefined,
        },
        "submission judged",
      );
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof LostLeaseError) {
        this.log.warn({ event: "judge.lease_lost", submissionId: id }, "lease lost (rejudged or taken over); result dropped");
      } else if (reason instanceof Overdue) {
        await failUnjudgeable(db, id, this.id, reason.message).catch(() => {});
        await this.finished(id, 0, "IE");
        bus.publish({ type: "done", submissionId: id, verdict: "IE", score: 0, maxScore: null, cpuMs: null, memoryKb: null });
        this.log.error({ event: "judge.submission", submissionId: id, verdict: "IE", reason: reason.message }, "judging overdue");
      } else if (reason instanceof Stopped) {
        await this.queue.release(id, this.id).catch(() => false);
        bus.publish({ type: "reset", submissionId: id });
        this.log.info({ event: "judge.released", submissionId: id }, "worker stopping: submission returned to the queue");
      } else {
        // A database hiccup: leave the lease to expire; the submission is judged again.
        this.log.error({ err: reason, submissionId: id }, "judging failed; the lease will expire and it is judged again");
      }
    } finally {
      clearInterval(renew);
      this.inFlight.delete(id);
    }
  }
}
