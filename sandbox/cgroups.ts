/**
 * Host-side cgroup access: find where the controllers are mounted (v1, v2 or hybrid), read a
 * box's OOM-kill and CPU counters, and create per-box cgroups for the bubblewrap backend.
 * Docker creates its own cgroups; we only read them.
 */
import { mkdir, readFile, rmdir, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";

export type Controller = "memory" | "pids" | "cpuacct";
const CONTROLLERS: Controller[] = ["memory", "pids", "cpuacct"];

export interface CgroupLayout {
  version: 1 | 2;
  /** v1: mount point per controller. v2: every controller maps to the unified root. */
  mounts: Record<Controller, string>;
}

/** Reads /proc/self/mountinfo. Null when the controllers we need are not all mounted. */
export function detectCgroupLayout(mountinfo = readFileSync("/proc/self/mountinfo", "utf8")): CgroupLayout | null {
  const v1: Partial<Record<Controller, string>> = {};
  let v2Root: string | undefined;
  for (const line of mountinfo.split("\n")) {
    const [left, right] = line.split(" - ");
    if (!left || !right) continue;
    const mountPoint = left.split(" ")[4];
    const [fsType, , superOptions = ""] = right.split(" ");
    if (!mountPoint) continue;
    if (fsType === "cgroup2") v2Root ??= mountPoint;
    if (fsType === "cgroup") {
      const options = superOptions.split(",");
      for (const c of CONTROLLERS) if (options.includes(c)) v1[c] ??= mountPoint;
    }
  }
  if (CONTROLLERS.every((c) => v1[c])) return { version: 1, mounts: v1 as Record<Controller, string> };
  if (v2Root) {
    try {
      const available = readFileSync(path.join(v2Root, "cgroup.controllers"), "utf8").split(/\s+/);
      if (available.includes("memory") && available.includes("pids") && available.includes("cpu")) {
        return { version: 2, mounts: { memory: v2Root, pids: v2Root, cpuacct: v2Root } };
      }
    } catch {
      /* no controllers file: not usable */
    }
  }
  return null;
}

/** Host directories of the cgroups a process is in, per controller. */
export function cgroupDirsOfPid(pid: number, layout: CgroupLayout): Record<Controller, string> {
  const lines = readFileSync(`/proc/${pid}/cgroup`, "utf8").split("\n");
  const out = {} as Record<Controller, string>;
  for (const line of lines) {
    const [, controllers = "", rel = ""] = line.split(":");
    const names = controllers.split(",");
    for (const c of CONTROLLERS) {
      if (layout.version === 2 ? controllers === "" && line.startsWith("0::") : names.includes(c)) {
        out[c] = path.join(layout.mounts[c], rel);
      }
    }
  }
  return out;
}

async function readKeyed(file: string, key: string): Promise<number> {
  const text = await readFile(file, "utf8");
  const match = new RegExp(`^${key} (\\d+)$`, "m").exec(text);
  return match ? Number(match[1]) : 0;
}

export function readOomKills(memoryDir: string, layout: CgroupLayout): Promise<number> {
  return layout.version === 1
    ? readKeyed(path.join(memoryDir, "memory.oom_control"), "oom_kill")
    : readKeyed(path.join(memoryDir, "memory.events"), "oom_kill");
}

/** The file, relative to a box's cpu cgroup dir, that counts its CPU time. */
export function cpuUsageFileName(layout: CgroupLayout): string {
  return layout.version === 1 ? "cpuacct.usage" : "cpu.stat";
}

/**
 * A cgroup (one per controller on v1) made for one bubblewrap box: memory with swap equal to
 * memory, a pids limit, CPU accounting. The process that will become the box writes its pid
 * into every `procsFiles` entry before it execs bubblewrap.
 */
export class CgroupSlot {
  private constructor(
    readonly layout: CgroupLayout,
    readonly dirs: Record<Controller, string>,
  ) {}

  static async create(layout: CgroupLayout, name: string, limits: { memoryBytes: number; pids: number }): Promise<CgroupSlot> {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad cgroup name ${name}`);
    const dirs = {} as Record<Controller, string>;
    if (layout.version === 1) {
      for (const c of CONTROLLERS) {
        dirs[c] = path.join(layout.mounts[c], "arbiter", name);
        await mkdir(dirs[c], { recursive: true });
      }
      await writeFile(path.join(dirs.memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
      await writeFile(path.join(dirs.memory, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes)).catch(() => {
        /* no swap accounting on this kernel: there is no swap to limit either */
      });
      await writeFile(path.join(dirs.pids, "pids.max"), String(limits.pids));
    } else {
      const parent = path.join(layout.mounts.memory, "arbiter");
      await mkdir(parent, { recursive: true });
      // Controllers must be enabled on every level above a leaf that uses them.
      await writeFile(path.join(layout.mounts.memory, "cgroup.subtree_control"), "+memory +pids +cpu").catch(() => {});
      await writeFile(path.join(parent, "cgroup.subtree_control"), "+memory +pids +cpu");
      const dir = path.join(parent, name);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "memory.max"), String(limits.memoryBytes));
      await writeFile(path.join(dir, "memory.swap.max"), "0").catch(() => {});
      await writeFile(path.join(dir, "pids.max"), String(limits.pids));
      for (const c of CONTROLLERS) dirs[c] = dir;
    }
    return new CgroupSlot(layout, dirs);
  }

  get procsFiles(): string[] {
    return [...new Set(CONTROLLERS.map((c) => path.join(this.dirs[c], "cgroup.procs")))];
  }

  get cpuUsageFile(): string {
    return path.join(this.dirs.cpuacct, cpuUsageFileName(this.layout));
  }

  async setMemoryLimit(bytes: number): Promise<void> {
    if (this.layout.version === 2) {
      await writeFile(path.join(this.dirs.memory, "memory.max"), String(bytes));
      return;
    }
    // v1 refuses memory > memsw and memsw < memory: raise in the order that keeps them valid.
    const memory = path.join(this.dirs.memory, "memory.limit_in_bytes");
    const memsw = path.join(this.dirs.memory, "memory.memsw.limit_in_bytes");
    const current = Number(await readFile(memory, "utf8"));
    if (bytes > current) {
      await writeFile(memsw, String(bytes)).catch(() => {});
      await writeFile(memory, String(bytes));
    } else {
      await writeFile(memory, String(bytes));
      await writeFile(memsw, String(bytes)).catch(() => {});
    }
  }

  oomKills(): Promise<number> {
    return readOomKills(this.dirs.memory, this.layout);
  }

  /** Remove the cgroups; every process in them must be dead already (the box is PID 1). */
  async remove(): Promise<void> {
    for (const dir of new Set(Object.values(this.dirs))) {
      // A cgroup is busy for a moment after its last process exits.
      for (let attempt = 0; ; attempt++) {
        try {
          if (this.layout.version === 2) await writeFile(path.join(dir, "cgroup.kill"), "1").catch(() => {});
          await rmdir(dir);
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") break;
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }
  }
}
