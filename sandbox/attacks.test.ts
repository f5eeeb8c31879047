/**
 * The attack suite (sandbox/attacks) on every backend: each hostile program must be contained,
 * get its expected status and leave nothing behind on the host.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACKS, HOST_CANARY_ENV } from "./attacks";
import { runAttack } from "./attacks/run";
import { Sandbox, type BackendName } from "./index";
import { expectNoTraces, hostTraces, type HostTraces } from "./test-support";

const BACKENDS: BackendName[] = ["docker", "bubblewrap"];

describe.each(BACKENDS)("attacks on %s", (backend) => {
  let sandbox: Sandbox;
  let baseline: HostTraces;
  const canary = randomBytes(12).toString("hex");

  beforeAll(async () => {
    // A secret in the host's environment that no sandboxed program may see.
    process.env[HOST_CANARY_ENV] = canary;
    baseline = await hostTraces();
    sandbox = await Sandbox.create({ backend });
  });

  afterAll(async () => {
    const left = await expectNoTraces(baseline);
    expect(left).toMatchObject({ containers: [], processes: [], cgroups: [] });
  });

  it.each(ATTACKS.map((a) => [a.id, a] as const))("contains %s", async (_id, attack) => {
    const outcome = await runAttack(sandbox, attack, [canary]);
    expect(outcome.problems, `${attack.title}\nstdout:\n${outcome.result.stdout.slice(0, 2000)}\nstderr:\n${outcome.result.stderr.slice(0, 500)}`).toEqual([]);
    expect(attack.expect).toContain(outcome.result.status);
    const left = await expectNoTraces(baseline);
    expect(left.processes).toEqual([]);
  });

  it("keeps the session usable after kill(-1) and attacks on PID 1", async () => {
    const session = await sandbox.openSession({
      language: "c",
      source: "#include <signal.h>\n#include <stdio.h>\nint main(void){kill(-1,SIGKILL);kill(1,SIGKILL);puts(\"ok\");return 0;}\n",
    });
    try {
      for (let i = 0; i < 3; i++) expect((await session.run()).stdout).toBe("ok\n");
    } finally {
      await session.close();
    }
  });

  it("cleans up files a run planted, without following its symlinks", async () => {
    const session = await sandbox.openSession({
      language: "python",
      source: [
        "import os, sys",
        "mode = sys.stdin.read().strip()",
        "if mode == 'plant':",
        "    os.symlink('/box', '/tmp/box-link')",
        "    os.symlink('/', '/tmp/root-link')",
        "    os.makedirs('/tmp/a/b/c')",
        "    open('/tmp/a/b/c/secret', 'w').write('left over')",
        "    print('planted')",
        "else:",
        "    print(sorted(os.listdir('/tmp')), os.path.exists('/box/main.py'))",
      ].join("\n"),
    });
    try {
      expect((await session.run({ stdin: "plant" })).stdout).toBe("planted\n");
      expect((await session.run({ stdin: "look" })).stdout).toBe("[] True\n");
    } finally {
      await session.close();
    }
  });

  it("keeps neighbouring runs apart", async () => {
    const marker = randomBytes(8).toString("hex");
    const holder = await sandbox.openSession({
      language: "python",
      source: `import time\nopen('/tmp/${marker}', 'w').write('mine')\nprint('ready', flush=True)\ntime.sleep(3)\n`,
      limits: { wallMs: 10_000 },
    });
    const seeker = await sandbox.openSession({
      language: "python",
      source: [
        "import os",
        `found = os.path.exists('/tmp/${marker}')`,
        "pids = [p for p in os.listdir('/proc') if p.isdigit()]",
        "cmdlines = [open(f'/proc/{p}/cmdline','rb').read() for p in pids]",
        `print(found, any(b'${marker}' in c for c in cmdlines), len(pids))`,
      ].join("\n"),
    });
    try {
      let ready!: () => void;
      const started = new Promise<void>((resolve) => (ready = resolve));
      const holding = holder.run({ onStdout: () => ready() });
      await started;
      const seen = await seeker.run();
      expect(seen.stdout).toBe("False False 2\n");
      expect((await holding).status).toBe("OK");
    } finally {
      await Promise.all([holder.close(), seeker.close()]);
    }
  });

  it("keeps host memory flat during an output flood", async () => {
    const before = process.memoryUsage().rss;
    const { run } = await sandbox.runOnce({
      language: "c",
      source: "#include <stdio.h>\n#include <string.h>\nint main(void){char b[65536];memset(b,'x',sizeof b);for(;;)fwrite(b,1,sizeof b,stdout);}\n",
      limits: { outputBytes: 4 << 20 },
    });
    expect(run.status).toBe("OLE");
    expect(run.truncated).toBe(true);
    expect(run.stdout.length).toBeLessThanOrEqual(4 << 20);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
  });
});
