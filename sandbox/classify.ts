/**
 * Turns what the supervisor saw (how the program ended) into a verdict status and a short
 * human message. Kept apart from the session so the mapping is easy to read and to test.
 */
import { constants } from "node:os";
import type { SupervisorResult } from "./supervisor/client";
import type { RunLimits, RunStatus } from "./types";

export type RunKind = "compile" | "run";

const SIGNAL_NAMES = new Map<number, string>(
  Object.entries(constants.signals).map(([name, number]) => [number, name]),
);

export function signalName(signal: number): string {
  return SIGNAL_NAMES.get(signal) ?? `signal ${signal}`;
}

/** A SIGKILL with peak memory this close to the limit is the OOM killer's, seen or not. */
const OOM_GUESS_RATIO = 0.95;

export interface ClassifyContext {
  limits: RunLimits;
  /** The OOM killer fired in the box's memory cgroup during the run. */
  oomKilled: boolean;
  /** Memory was limited by RLIMIT_DATA (no cgroup): allocations fail instead of an OOM kill. */
  memoryByRlimit?: boolean;
  stderrTail?: string;
}

/** What runtimes print when an allocation fails (recognised only without a memory cgroup). */
const OUT_OF_MEMORY = /MemoryError|std::bad_alloc|JavaScript heap out of memory|Cannot allocate memory|out of memory/;

export function classify(kind: RunKind, raw: SupervisorResult, context: ClassifyContext): { status: RunStatus; message: string } {
  const verdict = classifyRun(raw, context);
  if (kind === "run" || verdict.status === "OK" || verdict.status === "IE") return verdict;
  // Anything that stops the compiler is the submission's fault: a compile error.
  const why: Partial<Record<RunStatus, string>> = {
    TLE: "compilation exceeded its time limit",
    MLE: "compilation exceeded its memory limit",
    OLE: "compilation produced too much output",
    SV: "the compiler was stopped by the security policy",
  };
  return { status: "CE", message: why[verdict.status] ?? "compilation failed" };
}

function classifyRun(raw: SupervisorResult, { limits, oomKilled, memoryByRlimit, stderrTail = "" }: ClassifyContext): { status: RunStatus; message: string } {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  if (raw.outcome === "setup_error") return { status: "IE", message: `could not start the program: ${raw.message}` };
  if (oomKilled) return { status: "MLE", message: `memory limit of ${limits.memoryMb} MiB exceeded` };
  const failed = (raw.outcome === "exited" && raw.exitCode !== 0) || raw.outcome === "signaled";
  if (memoryByRlimit && failed && OUT_OF_MEMORY.test(stderrTail)) {
    return { status: "MLE", message: `memory limit of ${limits.memoryMb} MiB exceeded (allocation failed)` };
  }
  switch (raw.outcome) {
    case "cpu_limit":
      return { status: "TLE", message: `CPU time limit of ${seconds(limits.cpuMs)} exceeded` };
    case "wall_limit":
      return { status: "TLE", message: `wall-clock limit of ${seconds(limits.wallMs)} exceeded` };
    case "output_limit":
      return { status: "OLE", message: `output limit of ${limits.outputBytes} bytes exceeded` };
    case "cancelled":
      return { status: "RE", message: "stopped on request" };
    case "exited":
      return raw.exitCode === 0
        ? { status: "OK", message: "exited normally" }
        : { status: "RE", message: `exited with code ${raw.exitCode}` };
    case "signaled": {
      const signal = raw.signal ?? 0;
      const name = signalName(signal);
      if (name === "SIGSYS") return { status: "SV", message: "killed by the security policy (forbidden system call)" };
      if (name === "SIGXFSZ") return { status: "OLE", message: `file size limit of ${limits.fileSizeBytes} bytes exceeded` };
      if (name === "SIGXCPU") return { status: "TLE", message: `CPU time limit of ${seconds(limits.cpuMs)} exceeded` };
      if (name === "SIGKILL" && raw.maxRssKb >= limits.memoryMb * 1024 * OOM_GUESS_RATIO) {
        return { status: "MLE", message: `memory limit of ${limits.memoryMb} MiB exceeded` };
      }
      return { status: "RE", message: `killed by ${name}` };
    }
  }
}
