/**
 * Test helpers: what a run may leave behind on the host (containers, processes, cgroups,
 * mounts) so tests can assert that nothing is.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Docker from "dockerode";
import { detectCgroupLayout } from "./cgroups";
import { isAlive } from "./util";

/** Host uids that sandboxed code runs as (Docker: 1001/1002; bubblewrap: 65534). */
const SANDBOX_HOST_UIDS = ["1001", "1002", "65534"];

export interface HostTraces {
  containers: string[];
  processes: string[];
  cgroups: string[];
  mounts: number;
}

export async function hostTraces(): Promise<HostTraces> {
  const docker = new Docker();
  // Boxes of this process, or of a process that is gone; another live Arbiter process on the
  // same host (a dev server, a worker) owns its boxes and is not this test's business.
  const containers = await docker
    .listContainers({ all: true, filters: { label: ["arbiter.box=1"] } })
    .then((list) =>
      list
        .filter((c) => {
          const owner = Number(c.Labels["arbiter.owner-pid"]);
          return owner === process.pid || !isAlive(owner);
        })
        .map((c) => c.Names.join(",")),
    )
    .catch(() => []);
  const processes = SANDBOX_HOST_UIDS.flatMap((uid) => {
    try {
      return execFileSync("pgrep", ["-a", "-u", uid], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    } catch {
      return []; // pgrep exits 1 when nothing matches
    }
  });
  const layout = detectCgroupLayout();
  const cgroups = layout
    ? [...new Set(Object.values(layout.mounts))].flatMap((mount) => {
        const dir = path.join(mount, "arbiter");
        return existsSync(dir) ? readdirSync(dir).filter((e) => e.startsWith("box-")).map((e) => path.join(dir, e)) : [];
      })
    : [];
  const mounts = readFileSync("/proc/self/mountinfo", "utf8").split("\n").length;
  return { containers, processes, cgroups, mounts };
}

/** Polls briefly: the kernel and Docker finish tearing down a moment after destroy() returns. */
export async function expectNoTraces(baseline: HostTraces, timeoutMs = 5000): Promise<HostTraces> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await hostTraces();
    const clean = now.containers.length === 0 && now.processes.length === 0 && now.cgroups.length === 0 && now.mounts <= baseline.mounts;
    if (clean || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
