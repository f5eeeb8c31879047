/**
 * The sandbox end to end on every backend: languages, compile errors, streaming, live stdin,
 * cancellation, many runs per session with fresh limits, and ten sessions in parallel leaving
 * nothing behind.
 */
import os from "node:os";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BubblewrapBackend } from "./backends/bubblewrap";
import { DockerBackend } from "./backends/docker";
import { readRunnerImageInfo } from "./image-info";
import { LANGUAGE_IDS, Sandbox, type BackendName } from "./index";
import { expectNoTraces, hostTraces, type HostTraces } from "./test-support";

const BACKENDS: BackendName[] = ["docker", "bubblewrap"];

describe.each(BACKENDS)("sandbox on %s", (backend) => {
  let sandbox: Sandbox;
  let baseline: HostTraces;

  beforeAll(async () => {
    baseline = await hostTraces();
    sandbox = await Sandbox.create({ backend });
  });

  afterAll(async () => {
    const left = await expectNoTraces(baseline);
    expect(left.containers).toEqual([]);
    expect(left.processes).toEqual([]);
    expect(left.cgroups).toEqual([]);
  });

  it("passes every language's self-test", async () => {
    const results = await sandbox.selfTest();
    expect(results.map((r) => r.language)).toEqual(LANGUAGE_IDS);
    for (const r of results) expect(r, r.detail).toMatchObject({ ok: true });
  });

  it("fills the result record", async () => {
    const { run } = await sandbox.runOnce({ language: "python", source: "import numpy\nprint(numpy.arange(4).sum())\n" });
    expect(run).toMatchObject({ status: "OK", exitCode: 0, signal: null, stdout: "6\n", stderr: "", truncated: false, backend, policyVersion: 1 });
    expect(run.cpuMs).toBeGreaterThan(0);
    expect(run.wallMs).toBeGreaterThan(0);
    expect(run.memoryKb).toBeGreaterThan(1000);
    expect(run.imageDigest).toMatch(/^(sha256:|rootfs:)/);
  });

  it("reports exit codes and signals as RE", async () => {
    const exit = await sandbox.runOnce({ language: "python", source: "import sys\nsys.exit(7)\n" });
    expect(exit.run).toMatchObject({ status: "RE", exitCode: 7 });
    const segv = await sandbox.runOnce({ language: "c", source: "int main(void){return *(volatile int*)0;}\n" });
    expect(segv.run).toMatchObject({ status: "RE", signal: 11, message: "killed by SIGSEGV" });
  });

  it("returns CE with the compiler's message, for C, C++, Python and JavaScript", async () => {
    for (const [language, source, needle] of [
      ["c", "int main(void){ return x; }\n", "undeclared"],
      ["cpp", "int main(){ undefined_fn(); }\n", "undefined_fn"],
      ["python", "def f(:\n", "SyntaxError"],
      ["javascript", "function (\n", "SyntaxError"],
    ] as const) {
      const { compile, run } = await sandbox.runOnce({ language, source });
      expect(compile?.status, language).toBe("CE");
      expect(run.status).toBe("CE");
      expect(run.message).toContain(needle);
    }
  });

  it("streams output while the program runs", async () => {
    const session = await sandbox.openSession({ language: "python", source: "import time\nprint('first', flush=True)\ntime.sleep(1)\nprint('second')\n" });
    try {
      const arrivals: { text: string; at: number }[] = [];
      const start = Date.now();
      const result = await session.run({ onStdout: (chunk) => arrivals.push({ text: chunk.toString(), at: Date.now() - start }) });
      expect(result.status).toBe("OK");
      // print() may write the text and the newline separately: look at when each line arrived.
      const lineAt = (line: string) => {
        let text = "";
        for (const a of arrivals) if ((text += a.text).includes(line)) return a.at;
        throw new Error(`${line} never arrived`);
      };
      expect(arrivals.map((a) => a.text).join("")).toBe("first\nsecond\n");
      expect(lineAt("second\n") - lineAt("first\n")).toBeGreaterThanOrEqual(800);
    } finally {
      await session.close();
    }
  });

  it("feeds live stdin to an interactive program", async () => {
    const session = await sandbox.openSession({
      language: "python",
      source: "while True:\n    try:\n        line = input()\n    except EOFError:\n        print('bye')\n        break\n    print('echo:', line.upper(), flush=True)\n",
    });
    try {
      let output = "";
      const waitFor = async (text: string) => {
        for (let i = 0; i < 100 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
        expect(output).toContain(text);
      };
      const handle = session.start({ onStdout: (chunk) => (output += chunk.toString()) });
      handle.writeStdin("hello\n");
      await waitFor("echo: HELLO");
      handle.writeStdin("again\n");
      await waitFor("echo: AGAIN");
      handle.endStdin();
      const result = await handle.result;
      expect(result.status).toBe("OK");
      expect(output).toBe("echo: HELLO\necho: AGAIN\nbye\n");
    } finally {
      await session.close();
    }
  });

  it("cancels a run through an AbortSignal", async () => {
    const session = await sandbox.openSession({ language: "python", source: "while True: pass\n", limits: { cpuMs: 10_000, wallMs: 20_000 } });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const result = await session.run({ signal: controller.signal });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.status).toBe("RE");
      expect(result.message).toBe("stopped on request");
    } finally {
      await session.close();
    }
  });

  it("compiles once and runs many tests with fresh limits each time", async () => {
    const session = await sandbox.openSession({
      language: "cpp",
      source: "#include <iostream>\nint main(){long n; std::cin>>n; if(n<0) for(;;); std::cout<<n*n<<std::endl;}\n",
      limits: { cpuMs: 500, wallMs: 2000 },
    });
    try {
      const compile = await session.compile();
      expect(compile?.status).toBe("OK");
      const statuses = [];
      for (const n of [1, 2, -1, 3, -1, 4]) {
        const r = await session.run({ stdin: `${n}\n` });
        statuses.push(r.status === "OK" ? r.stdout.trim() : r.status);
      }
      expect(statuses).toEqual(["1", "4", "TLE", "9", "TLE", "16"]);
      expect(await session.compile()).toBe(compile); // not compiled again
    } finally {
      await session.close();
    }
  });

  it("runs ten sessions in parallel with correct results and leaves nothing behind", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sandbox.runOnce({
          language: i % 2 ? "c" : "python",
          source: i % 2 ? "#include <stdio.h>\nint main(void){int n;scanf(\"%d\",&n);printf(\"%d\\n\",n*3);}\n" : "print(int(input())*3)\n",
          stdin: `${i}\n`,
        }),
      ),
    );
    expect(results.map((r) => r.run.stdout)).toEqual(Array.from({ length: 10 }, (_, i) => `${i * 3}\n`));
    const left = await expectNoTraces(baseline);
    expect(left).toMatchObject({ containers: [], processes: [], cgroups: [] });
  });
});

describe("bubblewrap without cgroups (rlimit fallback)", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ backend: new BubblewrapBackend({ layout: null }) });
  });

  it("still runs every language and says how limits were enforced", async () => {
    for (const r of await sandbox.selfTest()) expect(r, r.detail).toMatchObject({ ok: true });
    const { run } = await sandbox.runOnce({ language: "python", source: "print('hi')\n" });
    expect(run).toMatchObject({ status: "OK", enforcement: "rlimit", backend: "bubblewrap" });
  });

  it("limits memory per process (MLE from a failed allocation)", async () => {
    const python = await sandbox.runOnce({ language: "python", source: "a = []\nwhile True:\n    a.append(bytearray(1 << 24))\n", limits: { memoryMb: 64 } });
    expect(python.run.status).toBe("MLE");
    const cpp = await sandbox.runOnce({ language: "cpp", source: "#include <vector>\nint main(){std::vector<std::vector<char>> v; for(;;) v.emplace_back(1<<24, 1);}\n", limits: { memoryMb: 64 } });
    expect(cpp.run.status).toBe("MLE");
  });

  it("limits processes and CPU", async () => {
    const bomb = await sandbox.runOnce({ language: "c", source: "#include <unistd.h>\nint main(void){for(;;)fork();}\n", limits: { cpuMs: 1000, wallMs: 3000 } });
    expect(bomb.run.status).toBe("TLE");
  });
});

describe("crash recovery", () => {
  it("removes boxes left behind by a process that died", async () => {
    const docker = new Docker();
    const image = readRunnerImageInfo();
    // A box as a crashed Arbiter process would leave it: labelled with a pid that is gone.
    const orphan = await docker.createContainer({
      Image: image!.dockerImageId!,
      Cmd: ["/bin/sleep", "300"],
      Labels: { "arbiter.box": "1", "arbiter.owner-host": os.hostname(), "arbiter.owner-pid": "999999999" },
      HostConfig: { NetworkMode: "none", LogConfig: { Type: "none", Config: {} } },
    });
    await orphan.start();
    const reaped = await new DockerBackend().reapOrphans();
    expect(reaped).toBeGreaterThanOrEqual(1);
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
