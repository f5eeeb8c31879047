/**
 * The runs of the IDE: start, live stdin, stop, and re-attach after a reload.
 *
 * Policy (docs/websocket-protocol.md):
 * - A run belongs to the user who started it; every message about it is checked against the
 *   signed-in user of the socket it arrives on.
 * - One run per user: a new run.start stops the user's previous run (it ends as STOPPED,
 *   "replaced by a newer run"), in any tab. This bounds a user to one box at a time.
 * - A run's output goes to the socket attached to it. When that socket closes, the run keeps
 *   going for `graceMs` (output is buffered, last 1 MiB by seq); run.attach from the same user
 *   within that window replays what was missed and re-attaches. Otherwise the run is stopped.
 *   A finished run is kept for the same window, so a reload right after it ended still shows
 *   the result.
 *
 * Sandbox, problem lookup, database recording and the quota check are injected (tests use
 * fakes); lib/runs/service.ts wires the real ones.
 */
import type { QuotaErrorBody } from "../quotas/http";
import type { Logger } from "pino";
import type { PythonPolicy, RunHandle, RunResult, SessionOptions, RunOptions } from "@/sandbox";
import {
  DETACHED_GRACE_MS,
  MAX_RUN_OUTPUT_BYTES,
  MAX_RUN_STDIN_BYTES,
  WALL_MS_BATCH,
  WALL_MS_INTERACTIVE,
  type RunClientMessage,
  type RunErrorCode,
  type RunExitResult,
  type RunLanguage,
  type RunServerMessage,
} from "./protocol";
import { RunOutput } from "./output";

/** A connection (socket) of a signed-in user. */
export interface RunConnection {
  readonly id: string;
  readonly userId: string;
  send(msg: RunServerMessage): void;
}

export interface SessionLike {
  compile(): Promise<RunResult | null>;
  start(options: Omit<RunOptions, "stdin">): RunHandle;
  close(): Promise<void>;
  readonly limits: { cpuMs: number; wallMs: number; memoryMb: number; outputBytes: number };
}
export interface SandboxLike {
  openSession(options: SessionOptions): Promise<SessionLike>;
}

export interface RunUser {
  id: string;
  role: string;
}

export interface RunRecord {
  userId: string;
  problemId: string | null;
  language: RunLanguage;
  sourceBytes: number;
}

export interface RunDeps {
  getSandbox(): Promise<SandboxLike>;
  /** The problem (if the user may see it) and its allowed languages ([] = all). */
  findProblem(slug: string, user: RunUser): Promise<{ id: string; allowedLanguages: string[]; pythonPolicy?: PythonPolicy | null } | null>;
  /** Creates the Run row; its id is the run id. */
  recordStart(run: RunRecord): Promise<string>;
  recordFinish(runId: string, result: RunExitResult): Promise<void>;
  /**
   * Quota (issue #6): admit or refuse a run before anything starts. `replacing` is how many of
   * the user's runs this one will stop (they still count until they end). An admitted run
   * calls `release` once, with the CPU it used (compile included), whatever its outcome.
   */
  checkQuota(user: RunUser, run: RunRecord, replacing: number): Promise<QuotaDecision>;
  logger?: Logger;
  graceMs?: number;
  flushMs?: number;
  maxOutputBytes?: number;
}

export type QuotaDecision =
  | { ok: true; release(cpuMs: number): Promise<void> }
  | { ok: false; message: string; quota?: QuotaErrorBody };

type StartMessage = Extract<RunClientMessage, { type: "run.start" }>;

class ActiveRun {
  connection: RunConnection | null;
  output: RunOutput;
  handle: RunHandle | null = null;
  pendingStdin: (string | null)[] = [];
  stdinBytes = 0;
  readonly abort = new AbortController();
  stopReason: string | null = null;
  result: RunExitResult | null = null;
  exitSeq = 0;
  graceTimer: NodeJS.Timeout | undefined;
  readonly startedAt = performance.now();

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly language: RunLanguage,
    readonly interactive: boolean,
    connection: RunConnection,
    flushMs: number,
    maxBytes: number,
  ) {
    this.connection = connection;
    this.output = new RunOutput({
      flushMs,
      maxBytes,
      replayBytes: maxBytes,
      emit: (chunk) => this.connection?.send({ type: "run.output", runId: this.id, ...chunk }),
    });
  }

  get running(): boolean {
    return this.result === null;
  }
}

export class RunRegistry {
  private readonly runs = new Map<string, ActiveRun>();
  /** Per user, the number of the latest run.start: an older start still opening its box gives way. */
  private readonly latestStart = new Map<string, number>();
  private startCounter = 0;
  private readonly graceMs: number;
  private readonly flushMs: number;
  private readonly maxOutputBytes: number;

  constructor(private readonly deps: RunDeps) {
    this.graceMs = deps.graceMs ?? DETACHED_GRACE_MS;
    this.flushMs = deps.flushMs ?? 20;
    this.maxOutputBytes = deps.maxOutputBytes ?? MAX_RUN_OUTPUT_BYTES;
  }

  /** Handles one validated run.* message from `conn` (whose user is `user`). */
  async handle(conn: RunConnection, user: RunUser, msg: RunClientMessage): Promise<void> {
    switch (msg.type) {
      case "run.start":
        return this.start(conn, user, msg);
      case "run.stdin":
      case "run.eof": {
        const run = this.owned(conn, user, msg.runId);
        if (!run) return;
        if (!run.running) return this.error(conn, "not_running", "The program has ended", msg.runId);
        const data = msg.type === "run.stdin" ? msg.data : null;
        if (data !== null) {
          run.stdinBytes += Buffer.byteLength(data);
          if (run.stdinBytes > MAX_RUN_STDIN_BYTES) {
            return this.error(conn, "bad_request", `A run takes at most ${MAX_RUN_STDIN_BYTES} bytes of typed input`, msg.runId);
          }
        }
        if (run.handle) {
          if (data === null) run.handle.endStdin();
          else run.handle.writeStdin(data);
        } else run.pendingStdin.push(data);
        return;
      }
      case "run.stop": {
        const run = this.owned(conn, user, msg.runId);
        if (run) this.stop(run, "stopped on request");
        return;
      }
      case "run.attach": {
        const run = this.owned(conn, user, msg.runId);
        if (run) this.attach(run, conn, msg.afterSeq ?? -1);
        return;
      }
    }
  }

  /** The socket closed: its runs wait `graceMs` for run.attach, then are stopped and dropped. */
  detach(conn: RunConnection): void {
    for (const run of this.runs.values()) {
      if (run.connection?.id !== conn.id) continue;
      run.connection = null;
      this.armGrace(run);
    }
  }

  /** Runs currently known (running or finished within the grace window). */
  get size(): number {
    return this.runs.size;
  }

  /** Stops every run (server shutdown). */
  async close(): Promise<void> {
    for (const run of this.runs.values()) {
      clearTimeout(run.graceTimer);
      this.stop(run, "the server is shutting down");
    }
  }

  private async start(conn: RunConnection, user: RunUser, msg: StartMessage): Promise<void> {
    const log = this.deps.logger;
    const fail = (code: RunErrorCode, message: string) => conn.send({ type: "run.error", code, message, requestId: msg.requestId });

    let problemId: string | null = null;
    let pythonPolicy: PythonPolicy | undefined;
    if (msg.problemSlug) {
      const problem = await this.deps.findProblem(msg.problemSlug, user);
      if (!problem) return fail("problem_not_found", "No such problem");
      if (problem.allowedLanguages.length > 0 && !problem.allowedLanguages.includes(msg.language)) {
        return fail("language_not_allowed", `This problem accepts ${problem.allowedLanguages.join(", ")}`);
      }
      problemId = problem.id;
      pythonPolicy = problem.pythonPolicy ?? undefined;
    }
    const record: RunRecord = { userId: user.id, problemId, language: msg.language, sourceBytes: Buffer.byteLength(msg.source) };
    const replacing = [...this.runs.values()].filter((r) => r.userId === user.id && r.running).length;
    const quota = await this.deps.checkQuota(user, record, replacing);
    if (!quota.ok) return conn.send({ type: "run.error", code: "quota_exceeded", message: quota.message, requestId: msg.requestId, quota: quota.quota });
    let released = false;
    const release = (cpuMs: number) => {
      if (released) return;
      released = true;
      quota.release(cpuMs).catch((error: unknown) => log?.error({ err: error, userId: user.id }, "could not release the run's quota"));
    };

    // One run per user: the previous one (any tab) is stopped, finished ones are forgotten.
    for (const old of [...this.runs.values()]) {
      if (old.userId !== user.id) continue;
      if (old.running) this.stop(old, "replaced by a newer run");
      else this.forget(old);
    }

    const ticket = ++this.startCounter;
    this.latestStart.set(user.id, ticket);

    let sandbox: SandboxLike;
    try {
      sandbox = await this.deps.getSandbox();
    } catch (error) {
      release(0);
      return fail("sandbox_unavailable", (error as Error).message);
    }

    const interactive = msg.stdin === undefined;
    const wallMs = interactive ? WALL_MS_INTERACTIVE : WALL_MS_BATCH;
    // The box and the database row are prepared side by side: both are on the path to the first byte.
    const [sessionResult, idResult] = await Promise.allSettled([
      sandbox.openSession({ language: msg.language, source: msg.source, limits: { wallMs, outputBytes: this.maxOutputBytes }, pythonPolicy }),
      this.deps.recordStart(record),
    ]);
    if (sessionResult.status === "rejected" || idResult.status === "rejected") {
      if (sessionResult.status === "fulfilled") void sessionResult.value.close().catch(() => {});
      const error = sessionResult.status === "rejected" ? sessionResult.reason : (idResult as PromiseRejectedResult).reason;
      log?.error({ err: error, userId: user.id }, "ide run could not start");
      release(0);
      return fail("internal", "The run could not be started");
    }
    const session = sessionResult.value;
    const runId = idResult.value;
    if (this.latestStart.get(user.id) !== ticket) {
      // A newer run.start of this user arrived while this one was being prepared.
      void session.close().catch(() => {});
      const result = stoppedResult("replaced by a newer run");
      void this.deps.recordFinish(runId, result).catch(() => {});
      release(0);
      return fail("replaced", "Replaced by a newer run");
    }
    const run = new ActiveRun(runId, user.id, msg.language, interactive, conn, this.flushMs, this.maxOutputBytes);
    this.runs.set(runId, run);
    const { cpuMs, memoryMb, outputBytes } = session.limits;
    conn.send({
      type: "run.started",
      runId,
      requestId: msg.requestId,
      language: msg.language,
      interactive,
      limits: { cpuMs, wallMs: session.limits.wallMs, memoryMb, outputBytes },
    });

    let result: RunExitResult;
    let compileCpuMs = 0;
    try {
      const compiled = await session.compile();
      if (compiled?.status === "OK") compileCpuMs = compiled.cpuMs;
      if (compiled && compiled.status !== "OK") {
        result = toExit(compiled, false);
      } else if (run.stopReason) {
        result = stoppedResult(run.stopReason);
      } else {
        const handle = session.start({
          signal: run.abort.signal,
          onStdout: (chunk) => run.output.write("stdout", chunk),
          onStderr: (chunk) => run.output.write("stderr", chunk),
        });
        run.handle = handle;
        if (msg.stdin !== undefined) {
          if (msg.stdin) handle.writeStdin(msg.stdin);
          handle.endStdin();
        } else {
          for (const item of run.pendingStdin.splice(0)) {
            if (item === null) handle.endStdin();
            else handle.writeStdin(item);
          }
        }
        const raw = await handle.result;
        result = toExit(raw, run.output.truncated);
        if (run.stopReason && (raw.status === "RE" || raw.status === "OK")) result = { ...result, status: "STOPPED", message: run.stopReason };
      }
    } catch (error) {
      log?.error({ err: error, runId }, "ide run failed");
      result = { ...stoppedResult("internal error"), status: "IE" };
    } finally {
      await session.close().catch((error: unknown) => log?.warn({ err: error, runId }, "could not close the box"));
    }
    release(compileCpuMs + result.cpuMs);
    this.finish(run, result, { problemId, sourceBytes: record.sourceBytes, cpuLimitMs: cpuMs, wallLimitMs: session.limits.wallMs, memoryMb });
  }

  private finish(run: ActiveRun, result: RunExitResult, extra: Record<string, unknown>): void {
    run.exitSeq = run.output.finish();
    run.result = result;
    run.output.dispose();
    run.connection?.send({ type: "run.exit", runId: run.id, result, seq: run.exitSeq });
    this.deps.logger?.info(
      {
        event: "ide.run",
        runId: run.id,
        userId: run.userId,
        language: run.language,
        interactive: run.interactive,
        ...extra,
        status: result.status,
        exitCode: result.exitCode,
        cpuMs: result.cpuMs,
        wallMs: result.wallMs,
        memoryKb: result.memoryKb,
        truncated: result.truncated,
        totalMs: Math.round(performance.now() - run.startedAt),
      },
      "ide run finished",
    );
    void this.deps.recordFinish(run.id, result).catch((error: unknown) => this.deps.logger?.error({ err: error, runId: run.id }, "could not record the run"));
    // Kept for one grace window (a reload right after the end still shows the result), then forgotten.
    this.armGrace(run);
  }

  private stop(run: ActiveRun, reason: string): void {
    if (!run.running || run.stopReason) return;
    run.stopReason = reason;
    run.abort.abort();
  }

  private attach(run: ActiveRun, conn: RunConnection, afterSeq: number): void {
    clearTimeout(run.graceTimer);
    run.graceTimer = undefined;
    run.connection = conn;
    conn.send({
      type: "run.attached",
      runId: run.id,
      language: run.language,
      interactive: run.interactive,
      running: run.running,
      firstSeq: run.output.firstSeq,
    });
    for (const chunk of run.output.replay(afterSeq)) conn.send({ type: "run.output", runId: run.id, ...chunk });
    if (run.result) {
      conn.send({ type: "run.exit", runId: run.id, result: run.result, seq: run.exitSeq });
      this.armGrace(run);
    }
  }

  private armGrace(run: ActiveRun): void {
    clearTimeout(run.graceTimer);
    run.graceTimer = setTimeout(() => {
      if (run.running && !run.connection) {
        this.stop(run, "the browser went away");
        // finish() arms the timer again; the run is forgotten after it.
      } else if (!run.running) {
        this.forget(run);
      }
    }, this.graceMs);
    run.graceTimer.unref?.();
  }

  private forget(run: ActiveRun): void {
    clearTimeout(run.graceTimer);
    run.output.dispose();
    this.runs.delete(run.id);
  }

  private owned(conn: RunConnection, user: RunUser, runId: string): ActiveRun | null {
    const run = this.runs.get(runId);
    if (!run || run.userId !== user.id) {
      this.error(conn, "not_found", "No such run", runId);
      return null;
    }
    return run;
  }

  private error(conn: RunConnection, code: RunErrorCode, message: string, runId?: string): void {
    conn.send({ type: "run.error", code, message, runId });
  }
}

function toExit(r: RunResult, truncated: boolean): RunExitResult {
  return {
    status: r.status,
    exitCode: r.exitCode,
    signal: r.signal,
    cpuMs: r.cpuMs,
    wallMs: r.wallMs,
    memoryKb: r.memoryKb,
    message: r.message,
    truncated: truncated || r.truncated,
  };
}

function stoppedResult(message: string): RunExitResult {
  return { status: "STOPPED", exitCode: null, signal: null, cpuMs: 0, wallMs: 0, memoryKb: 0, message, truncated: false };
}
