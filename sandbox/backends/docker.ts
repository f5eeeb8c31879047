/**
 * Docker backend: one locked-down container per box, the supervisor as its PID 1, talked to
 * over the container's attached stdin/stdout (no socket or host directory is mounted in).
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { PassThrough } from "node:stream";
import Docker from "dockerode";
import type { Backend, Box, BoxOptions, HealthCheck } from "../backend";
import { cgroupDirsOfPid, cpuUsageFileName, detectCgroupLayout, readOomKills, type CgroupLayout } from "../cgroups";
import { readRunnerImageInfo, type RunnerImageInfo } from "../image-info";
import { SupervisorConnection } from "../supervisor/client";
import { isAlive, withTimeout } from "../util";

const LABEL = "arbiter.box";
const LABEL_HOST = "arbiter.owner-host";
const LABEL_PID = "arbiter.owner-pid";
const MiB = 1024 * 1024;
/** The supervisor and its helper children need a few pids of their own. */
const SUPERVISOR_PIDS = 8;
/** Room for the supervisor's buffers on top of the program's memory. */
const SUPERVISOR_MEMORY = 16 * MiB;
const READY_TIMEOUT_MS = 15_000;

export class DockerBackend implements Backend {
  readonly name = "docker" as const;
  private readonly docker: Docker;
  private readonly layout: CgroupLayout | null = detectCgroupLayout();

  constructor(options: { docker?: Docker; image?: RunnerImageInfo | null } = {}) {
    this.docker = options.docker ?? new Docker();
    this.image = options.image === undefined ? readRunnerImageInfo() : options.image;
  }

  private readonly image: RunnerImageInfo | null;

  async healthChecks(): Promise<HealthCheck[]> {
    const checks: HealthCheck[] = [];
    let info: { SecurityOptions?: string[]; CgroupVersion?: string; CgroupDriver?: string; ServerVersion?: string } | null = null;
    try {
      info = await this.docker.info();
      checks.push({ name: "docker daemon", ok: true, critical: true, detail: `Docker ${info?.ServerVersion}` });
    } catch (error) {
      checks.push({
        name: "docker daemon",
        ok: false,
        critical: true,
        detail: `not reachable (${(error as Error).message}); start dockerd or install docker.io (scripts/setup-host.sh does both)`,
      });
      return checks;
    }
    const seccomp = (info?.SecurityOptions ?? []).some((o) => o.includes("seccomp"));
    checks.push({ name: "docker seccomp", ok: seccomp, critical: true, detail: seccomp ? "default profile active" : "daemon has no seccomp support" });
    checks.push({ name: "docker cgroups", ok: true, critical: false, detail: `cgroup v${info?.CgroupVersion} (${info?.CgroupDriver} driver)` });
    checks.push({
      name: "host cgroup access",
      ok: this.layout !== null,
      critical: false,
      detail: this.layout ? `v${this.layout.version}: OOM kills read from the container's cgroup` : "not readable: MLE is inferred from peak memory",
    });
    if (!this.image?.dockerImageId) {
      checks.push({ name: "runner image", ok: false, critical: true, detail: "not built for Docker: run `npm run sandbox:image`" });
    } else {
      const present = await this.docker
        .getImage(this.image.dockerImageId)
        .inspect()
        .then(() => true)
        .catch(() => false);
      checks.push({
        name: "runner image",
        ok: present,
        critical: true,
        detail: present ? `${this.image.dockerImage} ${this.image.dockerImageId.slice(0, 19)}` : "recorded but missing from Docker: run `npm run sandbox:image -- --force`",
      });
    }
    return checks;
  }

  async createBox(options: BoxOptions): Promise<Box> {
    const imageId = this.image?.dockerImageId;
    if (!imageId) throw new Error("runner image not built: run `npm run sandbox:image`");
    const memory = options.memoryMb * MiB + SUPERVISOR_MEMORY;
    const tmpfs = (extra: string) => `rw,exec,nosuid,nodev,size=${options.tmpMb}m,${extra}`;
    const container = await this.docker.createContainer({
      name: `arbiter-box-${randomUUID().slice(0, 12)}`,
      Image: imageId,
      Cmd: ["/opt/arbiter/supervisor"],
      User: "0:0",
      WorkingDir: "/box",
      Env: [],
      Hostname: "sandbox",
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: false,
      Tty: false,
      NetworkDisabled: true,
      Labels: { [LABEL]: "1", [LABEL_HOST]: os.hostname(), [LABEL_PID]: String(process.pid) },
      HostConfig: {
        NetworkMode: "none",
        ReadonlyRootfs: true,
        // The supervisor keeps only what it needs to start programs as other users and kill them.
        CapDrop: ["ALL"],
        CapAdd: ["CAP_SETUID", "CAP_SETGID", "CAP_KILL"],
        SecurityOpt: ["no-new-privileges:true"],
        Memory: memory,
        MemorySwap: memory,
        PidsLimit: options.processes + SUPERVISOR_PIDS,
        NanoCpus: 1_000_000_000,
        Tmpfs: {
          "/box": tmpfs("uid=1001,gid=1001,mode=0755"),
          "/tmp": tmpfs("mode=1777"),
        },
        ShmSize: 16 * MiB,
        IpcMode: "private",
        // The json-file driver would copy a flood of output to the host's disk.
        LogConfig: { Type: "none", Config: {} },
        Ulimits: [
          { Name: "nofile", Soft: 1024, Hard: 1024 },
          { Name: "core", Soft: 0, Hard: 0 },
        ],
        Init: false,
        Privileged: false,
        AutoRemove: false,
      },
    });
    try {
      const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      this.docker.modem.demuxStream(stream, stdout, stderr);
      stream.on("end", () => {
        stdout.end();
        stderr.end();
      });
      stderr.resume(); // supervisor diagnostics are not needed on the hot path
      const connection = new SupervisorConnection(stream, stdout);
      await container.start();
      await withTimeout(connection.ready(), READY_TIMEOUT_MS, "the supervisor did not start");
      const state = await container.inspect();
      const layout = this.layout;
      const dirs = layout && state.State.Pid ? cgroupDirsOfPid(state.State.Pid, layout) : null;
      let destroyed = false;
      return {
        id: container.id,
        backend: "docker",
        enforcement: "cgroup",
        imageDigest: imageId,
        connection,
        // Docker mounts the container's own cgroup at /sys/fs/cgroup (read-only).
        cpuUsageFile: layout ? (layout.version === 1 ? `/sys/fs/cgroup/cpuacct/${cpuUsageFileName(layout)}` : `/sys/fs/cgroup/${cpuUsageFileName(layout)}`) : undefined,
        oomKills: async () => (layout && dirs?.memory ? readOomKills(dirs.memory, layout).catch(() => 0) : 0),
        setMemoryLimit: async (memoryMb: number) => {
          const bytes = memoryMb * MiB + SUPERVISOR_MEMORY;
          await container.update({ Memory: bytes, MemorySwap: bytes });
        },
        destroy: async () => {
          if (destroyed) return;
          destroyed = true;
          connection.quit();
          (stream as unknown as { destroy(): void }).destroy();
          await container.remove({ force: true }).catch((error: { statusCode?: number }) => {
            if (error.statusCode !== 404) throw error;
          });
        },
      };
    } catch (error) {
      await container.remove({ force: true }).catch(() => {});
      throw error;
    }
  }

  async reapOrphans(): Promise<number> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL}=1`, `${LABEL_HOST}=${os.hostname()}`] } });
    let reaped = 0;
    for (const c of containers) {
      const pid = Number(c.Labels[LABEL_PID]);
      if (pid === process.pid || isAlive(pid)) continue;
      await this.docker
        .getContainer(c.Id)
        .remove({ force: true })
        .then(() => reaped++)
        .catch(() => {});
    }
    return reaped;
  }
}
