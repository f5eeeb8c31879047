/**
 * A session is one box for one program: write the source, compile once, run it as many times
 * as there are tests (fresh CPU/wall/output limits each time), then destroy the box.
 * A one-off run (the IDE's Run button) is a session with one run.
 */
import type { Logger } from "pino";
import type { Box, BoxOptions } from "./backend";
import { getLanguage, type Language, type LanguageId } from "./languages";
import { COMPILE_LIMITS, DEFAULT_LIMITS, resolveLimits, SERVER_MAXIMA, type RequestedLimits } from "./limits";
import { classify, type RunKind } from "./classify";
import { isEmptyPolicy, POLICY_CHECKER, policyFile, pythonPolicySchema, type PythonPolicy } from "./policy/python-policy";
import type { RunRequest, SupervisorResult } from "./supervisor/client";
import { POLICY_VERSION, type RunLimits, type RunResult } from "./types";

const BUILD_UID = 1001;
const RUN_UID = 1002;
/** Writable places a run may leave files in; emptied after every run. */
const SCRATCH_DIRS = ["/tmp", "/dev/shm"];
/** Where the Python teaching policy's checker is written. */
const POLICY_DIR = "/box/.policy";
/** Stack size when memory is limited by RLIMIT_DATA (see execute). */
const RLIMIT_MODE_STACK = 8 * 1024 * 1024;
/** What of a compiler's output goes into a CE message. */
const COMPILE_MESSAGE_BYTES = 16 * 1024;

export interface SessionOptions {
  language: LanguageId;
  source: string;
  /** Limits for every run of the session; memory, processes and tmp size are fixed per session. */
  limits?: RequestedLimits;
  /** Server-side ceiling the requested limits are checked against. */
  maxima?: RunLimits;
  /** Python only: imports and names the program may not use (checked before compiling). */
  pythonPolicy?: PythonPolicy;
}

export interface RunOptions {
  /** Whole input, or nothing; use `start()` and writeStdin for live input. */
  stdin?: string | Buffer;
  /** Per-run overrides of CPU, wall, output, file size and open files (lower only). */
  limits?: RequestedLimits;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
  /** Command to run instead of the language's run command (e.g. a checker with its arguments). */
  argv?: string[];
}

export interface RunHandle {
  writeStdin(data: string | Buffer): void;
  endStdin(): void;
  result: Promise<RunResult>;
}

export class SandboxSession {
  private compiled: RunResult | null | undefined;
  private pythonPolicy: PythonPolicy | null = null;
  private busy = false;
  private closed = false;

  private constructor(
    private readonly box: Box,
    readonly language: Language,
    private readonly source: string,
    readonly limits: RunLimits,
    private readonly maxima: RunLimits,
    private readonly logger: Logger | undefined,
  ) {}

  static async open(makeBox: (options: BoxOptions) => Promise<Box>, options: SessionOptions, logger?: Logger): Promise<SandboxSession> {
    const language = getLanguage(options.language);
    const maxima = options.maxima ?? SERVER_MAXIMA;
    const limits = resolveLimits(options.limits, maxima, DEFAULT_LIMITS);
    const box = await makeBox({ memoryMb: limits.memoryMb, processes: limits.processes, tmpMb: limits.tmpMb });
    const session = new SandboxSession(box, language, options.source, limits, maxima, logger);
    session.pythonPolicy = language.id === "python" && !isEmptyPolicy(options.pythonPolicy) ? pythonPolicySchema.parse(options.pythonPolicy) : null;
    try {
      await box.connection.writeFile(language.sourcePath, options.source, { mode: 0o644, uid: BUILD_UID });
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  get backend(): string {
    return this.box.backend;
  }

  /**
   * Compile once (a no-op returning null for languages without a compile step). The result is
   * CE with the compiler's message when it fails; later runs then refuse to start.
   */
  async compile(): Promise<RunResult | null> {
    if (this.compiled !== undefined) return this.compiled;
    const command = this.language.compile;
    if (!command) return (this.compiled = null);
    const limits: RunLimits = { ...COMPILE_LIMITS, memoryMb: Math.max(COMPILE_LIMITS.memoryMb, this.limits.memoryMb) };
    const raise = limits.memoryMb !== this.limits.memoryMb;
    if (raise) await this.box.setMemoryLimit(limits.memoryMb);
    const result = (await this.checkPolicy(limits)) ?? (await this.execute("compile", command, BUILD_UID, limits, {}));
    if (raise) await this.box.setMemoryLimit(this.limits.memoryMb);
    this.compiled = result;
    return result;
  }

  /** The teaching policy's AST pass, in the box; a violation is a CE naming the lines. */
  private async checkPolicy(limits: RunLimits): Promise<RunResult | null> {
    if (!this.pythonPolicy) return null;
    await this.box.connection.writeFile(`${POLICY_DIR}/checker.py`, POLICY_CHECKER, { mode: 0o644, uid: BUILD_UID });
    await this.box.connection.writeFile(`${POLICY_DIR}/policy.json`, policyFile(this.pythonPolicy), { mode: 0o644, uid: BUILD_UID });
    const argv = ["python3", "-I", `${POLICY_DIR}/checker.py`, `${POLICY_DIR}/policy.json`, this.language.sourcePath];
    const result = await this.execute("compile", argv, BUILD_UID, limits, {});
    if (result.status === "OK") return null;
    if (result.status !== "CE" || result.exitCode !== 1) return result; // the check itself failed
    return { ...result, message: `Not allowed by this problem's rules:\n${result.stderr.trim()}` };
  }

  /**
   * Write an extra file (e.g. a checker's input and answer) into the box, readable by runs.
   * Parent directories are created; the path must be under /box (scratch places like /tmp are
   * emptied after every run, the compile included).
   */
  async writeFile(path: string, content: string | Buffer): Promise<void> {
    if (this.closed) throw new Error("session is closed");
    if (!/^\/box\/[^\0]+$/.test(path) || path.split("/").includes("..")) throw new RangeError(`bad path ${path}`);
    await this.box.connection.writeFile(path, content, { mode: 0o644, uid: BUILD_UID });
  }

  /** Run the program to completion with the given input. */
  run(options: RunOptions = {}): Promise<RunResult> {
    const handle = this.start(options);
    if (options.stdin !== undefined) handle.writeStdin(options.stdin);
    handle.endStdin();
    return handle.result;
  }

  /** Start the program with live stdin (interactive use). */
  start(options: Omit<RunOptions, "stdin"> = {}): RunHandle {
    const pendingInput: (string | Buffer | null)[] = [];
    let write: ((data: string | Buffer) => void) | undefined;
    let end: (() => void) | undefined;
    const result = (async () => {
      const compiled = await this.compile();
      if (compiled && compiled.status !== "OK") return compiled;
      const limits = resolveLimits({ ...perRun(this.limits), ...perRun(options.limits ?? {}) }, this.maxima, this.limits);
      return this.execute("run", options.argv ?? this.language.run, RUN_UID, limits, options, (w, e) => {
        write = w;
        end = e;
        for (const item of pendingInput.splice(0)) {
          if (item === null) e();
          else w(item);
        }
      });
    })();
    return {
      writeStdin: (data) => (write ? write(data) : pendingInput.push(data)),
      endStdin: () => (end ? end() : pendingInput.push(null)),
      result,
    };
  }

  private async execute(
    kind: RunKind,
    argv: string[],
    uid: number,
    limits: RunLimits,
    io: Omit<RunOptions, "stdin" | "limits">,
    onStarted?: (write: (data: string | Buffer) => void, end: () => void) => void,
  ): Promise<RunResult> {
    if (this.closed) throw new Error("session is closed");
    if (this.busy) throw new Error("a session runs one program at a time");
    this.busy = true;
    const stdout = new OutputCollector(limits.outputBytes);
    const stderr = new OutputCollector(limits.outputBytes);
    let result: RunResult;
    try {
      const oomBefore = await this.box.oomKills();
      const request: RunRequest = {
        argv,
        env: this.language.environment,
        cwd: "/box",
        uid: uid as 1001 | 1002,
        cpuMs: limits.cpuMs,
        wallMs: limits.wallMs,
        outputBytes: limits.outputBytes,
        fsizeBytes: limits.fileSizeBytes,
        nofile: limits.openFiles,
        cpuUsageFile: this.box.cpuUsageFile,
        // No cgroup for the box: limit memory and processes per process instead. Thread stacks
        // count as data there, and glibc sizes them by RLIMIT_STACK: keep it at glibc's 8 MiB.
        ...(this.box.enforcement === "rlimit"
          ? { dataBytes: limits.memoryMb * 1024 * 1024, procs: limits.processes, stackBytes: RLIMIT_MODE_STACK }
          : {}),
      };
      const handle = this.box.connection.run(request, {
        onStdout: (chunk) => {
          stdout.add(chunk);
          if (kind === "run") io.onStdout?.(chunk);
        },
        onStderr: (chunk) => {
          stderr.add(chunk);
          if (kind === "run") io.onStderr?.(chunk);
        },
        signal: io.signal,
      });
      onStarted?.(
        (data) => handle.writeStdin(data),
        () => handle.endStdin(),
      );
      if (!onStarted) handle.endStdin();
      const raw: SupervisorResult = await handle.result;
      const oomKilled = (await this.box.oomKills()) > oomBefore;
      await this.box.connection.clean(SCRATCH_DIRS, uid);
      const memoryByRlimit = this.box.enforcement === "rlimit";
      result = this.record(classify(kind, raw, { limits, oomKilled, memoryByRlimit, stderrTail: stderr.tail() }), raw, stdout, stderr, kind);
    } catch (error) {
      result = this.record(
        { status: "IE", message: `sandbox failure: ${(error as Error).message}` },
        null,
        stdout,
        stderr,
        kind,
      );
    } finally {
      this.busy = false;
    }
    this.logger?.info(
      {
        event: kind === "compile" ? "sandbox.compile" : "sandbox.run",
        language: this.language.id,
        backend: result.backend,
        limits,
        status: result.status,
        exitCode: result.exitCode,
        signal: result.signal,
        cpuMs: result.cpuMs,
        wallMs: result.wallMs,
        memoryKb: result.memoryKb,
        outputBytes: result.outputBytes,
        truncated: result.truncated,
      },
      kind === "compile" ? "compile finished" : "run finished",
    );
    return result;
  }

  private record(
    verdict: { status: RunResult["status"]; message: string },
    raw: SupervisorResult | null,
    stdout: OutputCollector,
    stderr: OutputCollector,
    kind: RunKind,
  ): RunResult {
    let message = verdict.message;
    if (kind === "compile" && verdict.status === "CE") {
      const compilerSays = Buffer.concat([stderr.bytes(), stdout.bytes()]).subarray(0, COMPILE_MESSAGE_BYTES).toString("utf8").trim();
      message = compilerSays ? `${message}\n${compilerSays}` : message;
    }
    return {
      status: verdict.status,
      exitCode: raw?.exitCode ?? null,
      signal: raw?.signal ?? null,
      cpuMs: raw?.cpuMs ?? 0,
      wallMs: raw?.wallMs ?? 0,
      memoryKb: raw?.maxRssKb ?? 0,
      stdout: stdout.text(),
      stderr: stderr.text(),
      outputBytes: raw?.outputBytes ?? stdout.size + stderr.size,
      truncated: (raw?.truncated ?? false) || stdout.truncated || stderr.truncated,
      message,
      backend: this.box.backend,
      enforcement: this.box.enforcement,
      imageDigest: this.box.imageDigest,
      policyVersion: POLICY_VERSION,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.box.destroy();
  }
}

/** The limits a run may set for itself; memory, processes and tmp size belong to the box. */
function perRun(limits: RequestedLimits): RequestedLimits {
  const { cpuMs, wallMs, outputBytes, fileSizeBytes, openFiles } = limits;
  return Object.fromEntries(
    Object.entries({ cpuMs, wallMs, outputBytes, fileSizeBytes, openFiles }).filter(([, v]) => v !== undefined),
  );
}

/** Keeps at most `cap` bytes of a stream; the host never buffers more than the limit. */
class OutputCollector {
  private chunks: Buffer[] = [];
  size = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  add(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.truncated = true;
    this.chunks.push(Buffer.from(kept));
    this.size += kept.length;
  }
  /** The last bytes written, as text (to recognise a runtime's out-of-memory message). */
  tail(bytes = 2048): string {
    return this.bytes().subarray(-bytes).toString("utf8");
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
  /** UTF-8 with invalid sequences replaced (U+FFFD); NUL bytes are kept. */
  text(): string {
    return this.bytes().toString("utf8");
  }
}
