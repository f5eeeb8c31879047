/**
 * Custom checker (Kattis output-validator convention), compiled once per submission in its own
 * sandbox session and run once per test:
 *   <checker> /box/judge/input /box/judge/answer /tmp/feedback/  < team output
 * exit 42 = accepted, 43 = wrong answer; anything else (crash, TLE, MLE) is a judge error.
 * judgemessage.txt from the feedback dir (first 4 KiB) is the checker's message.
 */
import type { Sandbox, SandboxSession } from "../../sandbox";
import { getLanguage, type LanguageId } from "../../sandbox/languages";
import type { RunResult } from "../../sandbox/types";
import type { CheckResult } from "../types";

/** What an interactive run produced: the submission's run and the interactor's verdict. */
export interface Interaction {
  run: RunResult;
  check: CheckResult;
}

export const KATTIS_ACCEPT = 42;
export const KATTIS_REJECT = 43;
const INPUT_PATH = "/box/judge/input";
const ANSWER_PATH = "/box/judge/answer";
const FEEDBACK_DIR = "/tmp/feedback/";
const MESSAGE_BYTES = 4096;
const MARKER = "\n--arbiter-judgemessage--\n";

/**
 * The checker runs under a small sh wrapper that creates the feedback dir and, after the
 * checker exits, appends judgemessage.txt to stderr behind a marker, keeping the exit code.
 */
const WRAPPER = [
  `mkdir -p ${FEEDBACK_DIR} || exit 97`,
  `"$@"; rc=$?`,
  `if [ -s ${FEEDBACK_DIR}judgemessage.txt ]; then printf '${MARKER.replace(/\n/g, "\\n")}' >&2; head -c ${MESSAGE_BYTES} ${FEEDBACK_DIR}judgemessage.txt >&2; fi`,
  "exit $rc",
].join("; "); // the supervisor takes no newlines in arguments

export interface CustomCheckerOptions {
  language: LanguageId;
  source: string;
  /** CPU per check (default 10 s). */
  cpuMs?: number;
  memoryMb?: number;
}

export class CustomChecker {
  private constructor(
    private readonly session: SandboxSession,
    private readonly argv: string[],
    private readonly cpuMs: number,
  ) {}

  /**
   * Opens and compiles the checker. Returns the checker, or an error message (the checker did
   * not compile: a judge error, never the submitter's fault).
   */
  static async open(sandbox: Sandbox, options: CustomCheckerOptions): Promise<CustomChecker | { error: string }> {
    const cpuMs = options.cpuMs ?? 10_000;
    const session = await sandbox.openSession({
      language: options.language,
      source: options.source,
      limits: { cpuMs, wallMs: cpuMs * 2 + 1000, memoryMb: options.memoryMb ?? 512, outputBytes: 1024 * 1024 },
    });
    const compiled = await session.compile().catch((e: Error) => ({ status: "IE", message: e.message }) as const);
    if (compiled && compiled.status !== "OK") {
      await session.close();
      return { error: `checker failed to compile: ${compiled.message.slice(0, 2000)}` };
    }
    const argv = ["sh", "-c", WRAPPER, "sh", ...getLanguage(options.language).run, INPUT_PATH, ANSWER_PATH, FEEDBACK_DIR];
    return new CustomChecker(session, argv, cpuMs);
  }

  async check(input: string, answer: string, output: string): Promise<CheckResult> {
    await this.session.writeFile(INPUT_PATH, input);
    await this.session.writeFile(ANSWER_PATH, answer);
    const run = await this.session.run({ argv: this.argv, stdin: output, limits: { cpuMs: this.cpuMs } });
    return interpretCheckerRun(run);
  }

  /**
   * Interactive test: the checker (interactor) and the submission run at the same time, each
   * one's stdout piped by the host into the other's stdin. When either ends, the other's input
   * is closed.
   */
  async interact(input: string, answer: string, submission: SandboxSession, signal?: AbortSignal): Promise<Interaction> {
    await this.session.writeFile(INPUT_PATH, input);
    await this.session.writeFile(ANSWER_PATH, answer);
    // eslint-disable-next-line prefer-const -- assigned after the submission starts; callbacks run later
    let interactor: ReturnType<SandboxSession["start"]> | undefined;
    const program = submission.start({ signal, onStdout: (chunk) => interactor?.writeStdin(chunk) });
    interactor = this.session.start({ argv: this.argv, limits: { cpuMs: this.cpuMs }, onStdout: (chunk) => program.writeStdin(chunk) });
    const programDone = program.result.finally(() => interactor!.endStdin());
    const interactorDone = interactor.result.finally(() => program.endStdin());
    const [run, checkerRun] = await Promise.all([programDone, interactorDone]);
    return { run, check: interpretCheckerRun(checkerRun) };
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** Maps the checker's run to a verdict (exported for tests). */
export function interpretCheckerRun(run: Pick<RunResult, "status" | "exitCode" | "signal" | "stderr" | "stdout" | "message">): CheckResult {
  const at = run.stderr.lastIndexOf(MARKER);
  const feedback = at >= 0 ? run.stderr.slice(at + MARKER.length) : "";
  const ownOutput = (at >= 0 ? run.stderr.slice(0, at) : run.stderr).trim();
  const message = (feedback.trim() || ownOutput).slice(0, MESSAGE_BYTES);
  if (run.status === "RE" && run.signal === null && run.exitCode === KATTIS_ACCEPT) return { verdict: "AC", message };
  if (run.status === "RE" && run.signal === null && run.exitCode === KATTIS_REJECT) return { verdict: "WA", message };
  const how = run.status === "OK" ? "exit code 0" : run.status === "RE" ? (run.signal !== null ? `signal ${run.signal}` : `exit code ${run.exitCode}`) : run.status;
  return { verdict: "IE", message: `checker failed (${how}; expected exit 42 or 43)${message ? `: ${message.slice(0, 500)}` : ""}` };
}
