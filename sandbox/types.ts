/**
 * The sandbox's public vocabulary: limits a caller may ask for and the one flat result
 * record every run produces (modelled on isolate's meta file).
 */

/** Final status of one run. */
export type RunStatus =
  | "OK" // exited with code 0
  | "CE" // compilation failed (or compiler hit its limits)
  | "RE" // non-zero exit code or killed by a signal
  | "TLE" // CPU time or wall-clock limit exceeded
  | "MLE" // memory limit exceeded (OOM kill in the sandbox's cgroup)
  | "OLE" // output (or file size) limit exceeded
  | "SV" // killed by the security policy (seccomp)
  | "IE"; // the sandbox itself failed; never the user's fault

export const RUN_STATUSES: readonly RunStatus[] = ["OK", "CE", "RE", "TLE", "MLE", "OLE", "SV", "IE"];

export type BackendName = "docker" | "bubblewrap";

/** How the memory/process limits were enforced for a run. */
export type Enforcement = "cgroup" | "rlimit";

/** Per-run limits. All optional when requested; resolved against server maxima. */
export interface RunLimits {
  /** CPU time of all processes of the run together, milliseconds. */
  cpuMs: number;
  /** Wall-clock time, milliseconds. */
  wallMs: number;
  /** Memory of the whole sandbox, MiB (fixed per session: it is the box's cgroup). */
  memoryMb: number;
  /** Processes and threads alive at once (fixed per session: the box's pids cgroup). */
  processes: number;
  /** stdout + stderr bytes; more is OLE. */
  outputBytes: number;
  /** Largest file the program may write, bytes. */
  fileSizeBytes: number;
  /** Open file descriptors. */
  openFiles: number;
  /** Size of each writable tmpfs (/box, /tmp), MiB (fixed per session). */
  tmpMb: number;
}

/** One flat record per run. */
export interface RunResult {
  status: RunStatus;
  exitCode: number | null;
  signal: number | null;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  stdout: string;
  stderr: string;
  outputBytes: number;
  truncated: boolean;
  message: string;
  backend: BackendName;
  enforcement: Enforcement;
  imageDigest: string;
  policyVersion: number;
}

/** Bumped whenever the sandbox policy (filters, mounts, users, limits logic) changes. */
export const POLICY_VERSION = 1;

/** Thrown when no sandbox backend can run code; the message says how to fix it. */
export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxUnavailableError";
  }
}
