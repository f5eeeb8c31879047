/**
 * Bubblewrap backend, for hosts without a Docker daemon: the runner image's root filesystem
 * (unpacked by `npm run sandbox:image`) mounted read-only, every namespace unshared, the
 * supervisor as PID 1. Limits come from a per-box cgroup where the host lets us make one.
 *
 * bwrap itself runs as an unprivileged host uid (never as root: a root-launched bwrap leaves
 * the program able to read root-only files), so inside there is one uid only; see
 * sandbox/supervisor/PROTOCOL.md ("uids=single") for what protects the supervisor then.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmdirSync } from "node:fs";
import path from "node:path";
import type { Backend, Box, BoxOptions, HealthCheck } from "../backend";
import { CgroupSlot, detectCgroupLayout, type CgroupLayout } from "../cgroups";
import { readRunnerImageInfo, type RunnerImageInfo } from "../image-info";
import { SupervisorConnection } from "../supervisor/client";
import { isAlive, withTimeout } from "../util";

const MiB = 1024 * 1024;
const SUPERVISOR_PIDS = 8;
const SUPERVISOR_MEMORY = 16 * MiB;
/** The host uid bwrap runs as. */
const SANDBOX_HOST_UID = 65534;
/** The uid the sandbox sees itself as (the run user of the Docker backend). */
const SANDBOX_UID = 1002;
const READY_TIMEOUT_MS = 15_000;

export class BubblewrapBackend implements Backend {
  readonly name = "bubblewrap" as const;
  private readonly layout: CgroupLayout | null;
  private readonly image: RunnerImageInfo | null;
  private readonly isRoot = process.getuid?.() === 0;

  constructor(options: { image?: RunnerImageInfo | null; layout?: CgroupLayout | null } = {}) {
    this.image = options.image === undefined ? readRunnerImageInfo() : options.image;
    this.layout = options.layout === undefined ? (this.isRoot ? detectCgroupLayout() : null) : options.layout;
  }

  async healthChecks(): Promise<HealthCheck[]> {
    const checks: HealthCheck[] = [];
    const version = spawnSync("bwrap", ["--version"], { encoding: "utf8" });
    if (version.status !== 0) {
      checks.push({ name: "bubblewrap", ok: false, critical: true, detail: "bwrap not found: apt-get install bubblewrap" });
      return checks;
    }
    checks.push({ name: "bubblewrap", ok: true, critical: true, detail: version.stdout.trim() });
    checks.push({
      name: "runner root filesystem",
      ok: !!this.image && existsSync(path.join(this.image.rootfsDir, "opt/arbiter/supervisor")),
      critical: true,
      detail: this.image ? this.image.rootfsDir : "not built: run `npm run sandbox:image`",
    });
    if (this.image) {
      const probe = spawnSync(
        "setpriv",
        [...this.privDrop(), "bwrap", "--unshare-user", "--unshare-pid", "--unshare-net", "--ro-bind", this.image.rootfsDir, "/", "/bin/true"],
        { encoding: "utf8", timeout: 10_000 },
      );
      checks.push({
        name: "unprivileged user namespaces",
        ok: probe.status === 0,
        critical: true,
        detail: probe.status === 0 ? "bwrap starts as an unprivileged uid" : `bwrap failed: ${probe.stderr.trim()} (enable kernel.unprivileged_userns_clone)`,
      });
    }
    checks.push({
      name: "bubblewrap limits",
      ok: this.layout !== null,
      critical: false,
      detail: this.layout
        ? `cgroup v${this.layout.version}: memory, pids and CPU per box`
        : "no writable cgroups (not root, or controllers missing): rlimits only (RLIMIT_DATA, RLIMIT_NPROC, RLIMIT_CPU per process; 8 MiB stacks)",
    });
    checks.push({
      name: "bubblewrap uid separation",
      ok: false,
      critical: false,
      detail: "one uid inside: supervisor protected by PID-1 signal immunity, non-dumpable and seccomp (Docker separates uids)",
    });
    return checks;
  }

  private privDrop(): string[] {
    if (!this.isRoot) return ["--"];
    return [`--reuid=${SANDBOX_HOST_UID}`, `--regid=${SANDBOX_HOST_UID}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"];
  }

  async createBox(options: BoxOptions): Promise<Box> {
    if (!this.image) throw new Error("runner root filesystem not built: run `npm run sandbox:image`");
    const image = this.image;
    const name = `box-${process.pid}-${randomBytes(4).toString("hex")}`;
    const slot = this.layout
      ? await CgroupSlot.create(this.layout, name, {
          memoryBytes: options.memoryMb * MiB + SUPERVISOR_MEMORY,
          pids: options.processes + SUPERVISOR_PIDS,
        })
      : null;
    const tmpBytes = String(options.tmpMb * MiB);
    const bwrapArgs = [
      "--unshare-user",
      "--unshare-ipc",
      "--unshare-pid",
      "--unshare-net",
      "--unshare-uts",
      "--unshare-cgroup",
      "--disable-userns",
      "--uid", String(SANDBOX_UID),
      "--gid", String(SANDBOX_UID),
      "--hostname", "sandbox",
      "--die-with-parent",
      "--new-session",
      "--as-pid-1",
      "--clearenv",
      "--ro-bind", image.rootfsDir, "/",
      "--proc", "/proc",
      "--dev", "/dev",
      "--size", tmpBytes, "--perms", "0755", "--tmpfs", "/box",
      "--size", tmpBytes, "--perms", "1777", "--tmpfs", "/tmp",
      "--size", String(16 * MiB), "--perms", "1777", "--tmpfs", "/dev/shm",
      ...(slot
        ? ["--tmpfs", "/sys", "--ro-bind", path.dirname(slot.cpuUsageFile), "/sys/fs/cgroup/cpu", "--remount-ro", "/sys"]
        : []),
      "--chdir", "/box",
      "/opt/arbiter/supervisor",
    ];
    // A root shell joins the box's cgroups, then becomes the unprivileged uid and execs bwrap.
    const joinCgroups = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 111; shift; done; shift; exec "$@"';
    const child = spawn(
      "/bin/sh",
      ["-c", joinCgroups, "arbiter-box", ...(slot?.procsFiles ?? []), "--", "setpriv", ...this.privDrop(), "bwrap", ...bwrapArgs],
      { stdio: ["pipe", "pipe", "pipe"], env: {} as NodeJS.ProcessEnv },
    );
    let diagnostics = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      if (diagnostics.length < 4096) diagnostics += chunk.toString("utf8");
    });
    const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
    const connection = new SupervisorConnection(child.stdin!, child.stdout!);
    let destroyed = false;
    const destroy = async () => {
      if (destroyed) return;
      destroyed = true;
      connection.quit();
      killTree(child);
      await exited;
      await slot?.remove();
    };
    try {
      await withTimeout(connection.ready(), READY_TIMEOUT_MS, "the supervisor did not start");
    } catch (error) {
      await destroy();
      throw new Error(`${(error as Error).message}${diagnostics ? `: ${diagnostics.trim()}` : ""}`);
    }
    return {
      id: name,
      backend: "bubblewrap",
      enforcement: slot ? "cgroup" : "rlimit",
      imageDigest: image.dockerImageId ?? `rootfs:${image.hash}`,
      connection,
      cpuUsageFile: slot ? `/sys/fs/cgroup/cpu/${path.basename(slot.cpuUsageFile)}` : undefined,
      oomKills: async () => (slot ? slot.oomKills().catch(() => 0) : 0),
      setMemoryLimit: async (memoryMb: number) => {
        if (slot) await slot.setMemoryLimit(memoryMb * MiB + SUPERVISOR_MEMORY);
      },
      destroy,
    };
  }

  /** bwrap dies with its parent; only cgroup directories of dead processes can be left. */
  async reapOrphans(): Promise<number> {
    if (!this.layout) return 0;
    let reaped = 0;
    for (const mount of new Set(Object.values(this.layout.mounts))) {
      const parent = path.join(mount, "arbiter");
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent)) {
        const pid = Number(/^box-(\d+)-/.exec(entry)?.[1]);
        if (!pid || pid === process.pid || isAlive(pid)) continue;
        try {
          rmdirSync(path.join(parent, entry));
          reaped++;
        } catch {
          /* still has processes: leave it for the next start */
        }
      }
    }
    return reaped;
  }
}

function killTree(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
