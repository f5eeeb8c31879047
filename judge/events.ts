/**
 * Live judge events. `JudgeEventBus` is the interface; `InProcessEventBus` is the one used now
 * (an EventEmitter on globalThis, so the custom server and Next's bundled modules share it).
 * A PostgreSQL LISTEN/NOTIFY or Redis implementation can replace it later.
 *
 * Across processes (a worker started with `npm run worker`): the worker's events stay in its own
 * process; the web process learns of progress from the database (the Submission and
 * SubmissionTest rows are always the truth) — lib/submissions/watch.ts re-reads the rows of a
 * watched submission when no event arrived for a while, and the worker's own fallback poll
 * picks up work enqueued by another process.
 */
import { EventEmitter } from "node:events";
import type { TestVerdict, Verdict } from "./types";

export type SubmissionStatus = "queued" | "compiling" | "running" | "done";

/** One per-test row as the client sees it (no test data). */
export interface TestRow {
  ordinal: number;
  status: TestVerdict;
  cpuMs: number | null;
  wallMs: number | null;
  memoryKb: number | null;
  exitCode: number | null;
  signal: number | null;
  checkerMessage: string | null;
}

export type SubmissionEvent =
  | { type: "state"; submissionId: string; status: SubmissionStatus; testsDone: number; testsTotal: number }
  | { type: "test"; submissionId: string; test: TestRow; testsDone: number; testsTotal: number }
  | {
      type: "done";
      submissionId: string;
      verdict: Verdict;
      score: number | null;
      maxScore: number | null;
      cpuMs: number | null;
      memoryKb: number | null;
    }
  /** The submission was put back in the queue (rejudge, or its worker was lost). */
  | { type: "reset"; submissionId: string };

export interface JudgeEventBus {
  publish(event: SubmissionEvent): void;
  /** Events of one submission; returns the unsubscribe function. */
  subscribe(submissionId: string, listener: (event: SubmissionEvent) => void): () => void;
  /** Something was enqueued: wake a worker. */
  signalWork(): void;
  onWork(listener: () => void): () => void;
}

export class InProcessEventBus implements JudgeEventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: SubmissionEvent): void {
    this.emitter.emit(`submission:${event.submissionId}`, event);
  }
  subscribe(submissionId: string, listener: (event: SubmissionEvent) => void): () => void {
    const name = `submission:${submissionId}`;
    const safe = (e: SubmissionEvent) => {
      try {
        listener(e);
      } catch {
        /* a listener's failure must not break judging */
      }
    };
    this.emitter.on(name, safe);
    return () => this.emitter.off(name, safe);
  }
  signalWork(): void {
    this.emitter.emit("work");
  }
  onWork(listener: () => void): () => void {
    this.emitter.on("work", listener);
    return () => this.emitter.off("work", listener);
  }
}

const globalForBus = globalThis as unknown as { __arbiterJudgeBus?: JudgeEventBus };

/** The process's bus (shared by server.ts and the Next bundle through globalThis). */
export function getEventBus(): JudgeEventBus {
  return (globalForBus.__arbiterJudgeBus ??= new InProcessEventBus());
}
