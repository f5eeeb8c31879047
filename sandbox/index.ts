/**
 * Arbiter's sandbox: runs untrusted programs in locked-down boxes. It knows nothing of users,
 * HTTP or the database. Entry point: `Sandbox.create()`, then `openSession()` or `runOnce()`.
 */
import type { Logger } from "pino";
import type { Backend, BoxOptions, HealthCheck } from "./backend";
import { BubblewrapBackend } from "./backends/bubblewrap";
import { DockerBackend } from "./backends/docker";
import { LANGUAGES, LANGUAGE_IDS, type LanguageId } from "./languages";
import { resolveLimits, SERVER_MAXIMA } from "./limits";
import { BoxPool } from "./pool";
import { SandboxSession, type RunOptions, type SessionOptions } from "./session";
import { SandboxUnavailableError, type BackendName, type RunLimits, type RunResult } from "./types";

export * from "./types";
export { LANGUAGES, LANGUAGE_IDS, getLanguage, isLanguageId, type LanguageId } from "./languages";
export { DEFAULT_LIMITS, SERVER_MAXIMA, resolveLimits, LimitTooHighError, type RequestedLimits } from "./limits";
export { SandboxSession, type RunOptions, type SessionOptions, type RunHandle } from "./session";
export type { HealthCheck } from "./backend";
export { pythonPolicySchema, type PythonPolicy } from "./policy/python-policy";

export type BackendChoice = BackendName | "auto";

export interface SandboxOptions {
  /** A backend name, "auto", or a ready Backend object (tests use this for special setups). */
  backend?: BackendChoice | Backend;
  logger?: Logger;
  /** Server-side ceiling for every limit (callers may only ask for less). */
  maxima?: RunLimits;
  /** Boxes kept started for sessions with default memory/process/tmp limits (0: none). */
  warmBoxes?: number;
}

export function makeBackend(name: BackendName): Backend {
  return name === "docker" ? new DockerBackend() : new BubblewrapBackend();
}

export class Sandbox {
  private readonly pool: BoxPool | null;

  private constructor(
    readonly backend: Backend,
    readonly checks: HealthCheck[],
    private readonly logger: Logger | undefined,
    private readonly maxima: RunLimits,
    warmBoxes: number,
  ) {
    const { memoryMb, processes, tmpMb } = resolveLimits({}, maxima);
    this.pool = warmBoxes > 0 ? new BoxPool(backend, { memoryMb, processes, tmpMb }, warmBoxes, logger) : null;
  }

  /**
   * Pick a working backend (the configured one, or Docker then bubblewrap), after checking
   * the host. Throws SandboxUnavailableError, saying how to fix it, when none works: untrusted
   * code never runs outside a sandbox.
   */
  static async create(options: SandboxOptions = {}): Promise<Sandbox> {
    const choice = options.backend ?? "auto";
    const candidates: Backend[] =
      typeof choice === "object" ? [choice] : choice === "auto" ? [makeBackend("docker"), makeBackend("bubblewrap")] : [makeBackend(choice)];
    const problems: string[] = [];
    for (const backend of candidates) {
      const name = backend.name;
      const checks = await backend.healthChecks();
      const failed = checks.filter((c) => c.critical && !c.ok);
      if (failed.length > 0) {
        problems.push(`${name}: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
        continue;
      }
      const reaped = await backend.reapOrphans().catch(() => 0);
      options.logger?.info({ event: "sandbox.ready", backend: name, reaped }, `sandbox backend ${name} ready`);
      return new Sandbox(backend, checks, options.logger, options.maxima ?? SERVER_MAXIMA, options.warmBoxes ?? 0);
    }
    throw new SandboxUnavailableError(
      `No sandbox backend works, so no code will run. ${problems.join(" | ")}. ` +
        "Fix: run `bash scripts/setup-host.sh` as root, then `npm run sandbox:image`; `npm run sandbox:doctor` shows the details.",
    );
  }

  get backendName(): BackendName {
    return this.backend.name;
  }

  openSession(options: SessionOptions): Promise<SandboxSession> {
    const makeBox = (box: BoxOptions) => (this.pool ? this.pool.acquire(box) : this.backend.createBox(box));
    return SandboxSession.open(makeBox, { maxima: this.maxima, ...options }, this.logger);
  }

  /** Destroy warm boxes; open sessions stay usable until they are closed. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /**
   * Run every language's self-test program (it copies stdin to stdout) and check the output:
   * proves compilers, runtimes and the supervisor work before any submission is judged.
   */
  async selfTest(): Promise<{ language: LanguageId; ok: boolean; detail: string }[]> {
    const out = [];
    const input = "arbiter self-test\n";
    for (const language of LANGUAGE_IDS) {
      try {
        const { run } = await this.runOnce({ language, source: LANGUAGES[language].selfTest, stdin: input });
        const ok = run.status === "OK" && run.stdout === input;
        out.push({ language, ok, detail: ok ? `${run.wallMs} ms` : `${run.status}: ${run.message} ${run.stderr.slice(0, 200)}` });
      } catch (error) {
        out.push({ language, ok: false, detail: (error as Error).message });
      }
    }
    return out;
  }

  /** Compile and run once (the IDE's Run button); the box is destroyed afterwards. */
  async runOnce(options: SessionOptions & RunOptions): Promise<{ compile: RunResult | null; run: RunResult }> {
    const session = await this.openSession(options);
    try {
      const compile = await session.compile();
      const run = compile && compile.status !== "OK" ? compile : await session.run(options);
      return { compile, run };
    } finally {
      await session.close();
    }
  }
}
