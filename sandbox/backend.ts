/**
 * A backend makes boxes: one locked-down sandbox per session whose PID 1 is the supervisor.
 * Lifecycle (as in isolate): create the box, run many programs in it, destroy it.
 */
import type { SupervisorConnection } from "./supervisor/client";
import type { BackendName, Enforcement } from "./types";

export interface BoxOptions {
  memoryMb: number;
  processes: number;
  tmpMb: number;
}

export interface Box {
  readonly id: string;
  readonly backend: BackendName;
  readonly enforcement: Enforcement;
  readonly imageDigest: string;
  readonly connection: SupervisorConnection;
  /** Path, inside the box, of a cgroup CPU counter the supervisor can watch (or undefined). */
  readonly cpuUsageFile: string | undefined;
  /** How many times the kernel's OOM killer has fired in this box so far. */
  oomKills(): Promise<number>;
  /** Change the box's memory limit (compilers may need more than the program is allowed). */
  setMemoryLimit(memoryMb: number): Promise<void>;
  /** Kill everything and remove every trace of the box. Safe to call twice. */
  destroy(): Promise<void>;
}

export interface HealthCheck {
  name: string;
  ok: boolean;
  /** Failing this makes the backend unusable. */
  critical: boolean;
  detail: string;
}

export interface Backend {
  readonly name: BackendName;
  /** Cheap checks of the host for this backend (daemon, image, cgroups...). */
  healthChecks(): Promise<HealthCheck[]>;
  createBox(options: BoxOptions): Promise<Box>;
  /** Remove boxes left behind by a crashed process of this host. Returns how many. */
  reapOrphans(): Promise<number>;
}
