import { describe, expect, it, vi } from "vitest";
import type { RunHandle, RunOptions, RunResult } from "@/sandbox";
import type { RunServerMessage } from "./protocol";
import { RunRegistry, type RunConnection, type RunDeps, type SessionLike } from "./registry";

/** A sandbox session driven by the test: it sees stdin and decides when the program prints and ends. */
class FakeProgram implements SessionLike {
  stdin: string[] = [];
  eof = false;
  closed = false;
  aborted = false;
  io: Omit<RunOptions, "stdin"> = {};
  private finish!: (r: RunResult) => void;
  readonly limits = { cpuMs: 2000, wallMs: 30000, memoryMb: 256, outputBytes: 1 << 20 };
  private markStarted!: () => void;
  readonly started = { promise: new Promise<void>((resolve) => (this.markStarted = resolve)) };
  constructor(private readonly compileResult: RunResult | null = null) {}
  async compile() {
    return this.compileResult;
  }
  start(io: Omit<RunOptions, "stdin">): RunHandle {
    this.io = io;
    const result = new Promise<RunResult>((resolve) => (this.finish = resolve));
    io.signal?.addEventListener("abort", () => {
      this.aborted = true;
      this.exit({ status: "RE", message: "stopped on request", exitCode: null, signal: 9 });
    });
    this.markStarted();
    return { writeStdin: (d) => this.stdin.push(String(d)), endStdin: () => (this.eof = true), result };
  }
  print(text: string, stream: "stdout" | "stderr" = "stdout") {
    (stream === "stdout" ? this.io.onStdout : this.io.onStderr)?.(Buffer.from(text));
  }
  exit(r: Partial<RunResult> = {}) {
    this.finish(result(r));
  }
  async close() {
    this.closed = true;
  }
}

function result(r: Partial<RunResult> = {}): RunResult {
  return {
    status: "OK",
    exitCode: 0,
    signal: null,
    cpuMs: 5,
    wallMs: 10,
    memoryKb: 2048,
    stdout: "",
    stderr: "",
    outputBytes: 0,
    truncated: false,
    message: "exited normally",
    backend: "docker",
    enforcement: "cgroup",
    imageDigest: "x",
    policyVersion: 1,
    ...r,
  };
}

class Conn implements RunConnection {
  messages: RunServerMessage[] = [];
  constructor(
    readonly id: string,
    readonly userId: string,
  ) {}
  send(msg: RunServerMessage) {
    this.messages.push(msg);
  }
  of<T extends RunServerMessage["type"]>(type: T) {
    return this.messages.filter((m): m is Extract<RunServerMessage, { type: T }> => m.type === type);
  }
  text() {
    return this.of("run.output").map((m) => m.data).join("");
  }
}

function setup(overrides: Partial<RunDeps> = {}) {
  const programs: FakeProgram[] = [];
  const finished: { runId: string; status: string }[] = [];
  let n = 0;
  const deps: RunDeps = {
    getSandbox: async () => ({
      openSession: async () => {
        const p = new FakeProgram();
        programs.push(p);
        return p;
      },
    }),
    findProblem: async (slug) => (slug === "a-plus-b" ? { id: "p1", allowedLanguages: ["python", "cpp"] } : null),
    recordStart: async () => `run${++n}`,
    recordFinish: async (runId, r) => void finished.push({ runId, status: r.status }),
    checkQuota: async () => ({ ok: true, release: async () => {} }),
    graceMs: 80,
    flushMs: 0,
    ...overrides,
  };
  return { registry: new RunRegistry(deps), programs, finished };
}

const alice = { id: "alice", role: "student" };
const bob = { id: "bob", role: "student" };
const start = (extra: Record<string, unknown> = {}) => ({ type: "run.start" as const, language: "python" as const, source: "print(1)", ...extra });

describe("RunRegistry", () => {
  it("streams output with increasing seq, then run.exit with the resources; records the run", async () => {
    const { registry, programs, finished } = setup();
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start({ requestId: "q1" }));
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    expect(conn.of("run.started")[0]).toMatchObject({ runId: "run1", requestId: "q1", interactive: true });
    programs[0]!.print("first\n");
    await vi.waitFor(() => expect(conn.text()).toBe("first\n")); // before the program ends
    programs[0]!.print("oops\n", "stderr");
    programs[0]!.exit();
    await done;
    const outputs = conn.of("run.output");
    expect(outputs.map((m) => m.stream)).toEqual(["stdout", "stderr"]);
    expect(outputs.map((m) => m.seq)).toEqual([1, 2]);
    expect(conn.of("run.exit")[0]).toMatchObject({ runId: "run1", seq: 3, result: { status: "OK", exitCode: 0, cpuMs: 5, wallMs: 10, memoryKb: 2048 } });
    expect(programs[0]!.closed).toBe(true);
    await vi.waitFor(() => expect(finished).toEqual([{ runId: "run1", status: "OK" }]));
  });

  it("passes typed input and end of input to the program; custom input is written at once", async () => {
    const { registry, programs } = setup();
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(conn.of("run.started")).toHaveLength(1));
    await registry.handle(conn, alice, { type: "run.stdin", runId: "run1", data: "Ada\n" });
    await registry.handle(conn, alice, { type: "run.eof", runId: "run1" });
    await programs[0]!.started.promise;
    expect(programs[0]!.stdin).toEqual(["Ada\n"]);
    expect(programs[0]!.eof).toBe(true);
    programs[0]!.exit();
    await done;

    const batch = registry.handle(conn, alice, start({ stdin: "1 2\n" }));
    await vi.waitFor(() => expect(programs[1]?.eof).toBe(true));
    expect(programs[1]!.stdin).toEqual(["1 2\n"]);
    expect(conn.of("run.started")[1]).toMatchObject({ interactive: false });
    programs[1]!.exit();
    await batch;
  });

  it("Stop ends the run as STOPPED", async () => {
    const { registry, programs, finished } = setup();
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    await registry.handle(conn, alice, { type: "run.stop", runId: "run1" });
    await done;
    expect(programs[0]!.aborted).toBe(true);
    expect(conn.of("run.exit")[0]!.result).toMatchObject({ status: "STOPPED", message: "stopped on request" });
    await vi.waitFor(() => expect(finished[0]?.status).toBe("STOPPED"));
  });

  it("a run belongs to its user: another user cannot send input, stop or attach", async () => {
    const { registry, programs } = setup();
    const a = new Conn("c1", "alice");
    const b = new Conn("c2", "bob");
    const done = registry.handle(a, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    for (const msg of [
      { type: "run.stdin" as const, runId: "run1", data: "x" },
      { type: "run.stop" as const, runId: "run1" },
      { type: "run.attach" as const, runId: "run1" },
    ]) {
      await registry.handle(b, bob, msg);
    }
    expect(b.of("run.error").map((e) => e.code)).toEqual(["not_found", "not_found", "not_found"]);
    expect(programs[0]!.stdin).toEqual([]);
    expect(programs[0]!.aborted).toBe(false);
    programs[0]!.exit();
    await done;
  });

  it("a second run.start of the same user stops the first (one run per user)", async () => {
    const { registry, programs } = setup();
    const tab1 = new Conn("c1", "alice");
    const tab2 = new Conn("c2", "alice");
    const first = registry.handle(tab1, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    const second = registry.handle(tab2, alice, start());
    await first;
    expect(tab1.of("run.exit")[0]!.result).toMatchObject({ status: "STOPPED", message: "replaced by a newer run" });
    await vi.waitFor(() => expect(programs[1]).toBeDefined());
    await programs[1]!.started.promise;
    programs[1]!.exit();
    await second;
    expect(tab2.of("run.exit")[0]!.result.status).toBe("OK");
  });

  it("after a reconnect, run.attach replays missed output by seq and keeps streaming", async () => {
    const { registry, programs } = setup();
    const before = new Conn("c1", "alice");
    const done = registry.handle(before, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    programs[0]!.print("one\n");
    await vi.waitFor(() => expect(before.text()).toBe("one\n"));
    registry.detach(before); // the page reloads
    programs[0]!.print("two\n");
    programs[0]!.print("three\n", "stderr");
    const after = new Conn("c2", "alice");
    await registry.handle(after, alice, { type: "run.attach", runId: "run1", afterSeq: 1 });
    expect(after.of("run.attached")[0]).toMatchObject({ running: true, interactive: true, firstSeq: 1 });
    expect(after.of("run.output").map((m) => [m.seq, m.data])).toEqual([
      [2, "two\n"],
      [3, "three\n"],
    ]);
    programs[0]!.print("four\n");
    programs[0]!.exit();
    await done;
    expect(after.text()).toBe("two\nthree\nfour\n");
    expect(after.of("run.exit")).toHaveLength(1);
    expect(before.text()).toBe("one\n"); // nothing went to the closed socket
    // A reload after the end still shows everything and the result.
    const reload = new Conn("c3", "alice");
    await registry.handle(reload, alice, { type: "run.attach", runId: "run1", afterSeq: -1 });
    expect(reload.text()).toBe("one\ntwo\nthree\nfour\n");
    expect(reload.of("run.exit")[0]!.result.status).toBe("OK");
  });

  it("cancels a run whose user does not come back within the grace window, then forgets it", async () => {
    const { registry, programs, finished } = setup();
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    registry.detach(conn);
    await done; // the grace timer (80 ms) stops it
    expect(programs[0]!.aborted).toBe(true);
    await vi.waitFor(() => expect(finished[0]).toEqual({ runId: "run1", status: "STOPPED" }));
    await vi.waitFor(() => expect(registry.size).toBe(0), { timeout: 1000 });
    const late = new Conn("c2", "alice");
    await registry.handle(late, alice, { type: "run.attach", runId: "run1" });
    expect(late.of("run.error")[0]).toMatchObject({ code: "not_found" });
  });

  it("returns CE with the compiler's message without running", async () => {
    const ce = new FakeProgram(result({ status: "CE", message: "compilation failed\nmain.c:1: error: expected ';'", exitCode: 1 }));
    const { registry } = setup({ getSandbox: async () => ({ openSession: async () => ce }) });
    const conn = new Conn("c1", "alice");
    await registry.handle(conn, alice, start({ language: "c" }));
    expect(conn.of("run.exit")[0]!.result).toMatchObject({ status: "CE", message: expect.stringContaining("expected ';'") });
    expect(ce.closed).toBe(true);
  });

  it("checks the problem's languages, the quota hook and the sandbox", async () => {
    const conn = new Conn("c1", "alice");
    await setup().registry.handle(conn, alice, start({ language: "c", problemSlug: "a-plus-b", requestId: "q" }));
    await setup().registry.handle(conn, alice, start({ problemSlug: "nope" }));
    await setup({ checkQuota: async () => ({ ok: false, message: "10 runs per hour" }) }).registry.handle(conn, alice, start());
    await setup({
      getSandbox: async () => {
        throw new Error("No sandbox backend works. Fix: run setup-host.sh");
      },
    }).registry.handle(conn, alice, start());
    expect(conn.of("run.error").map((e) => [e.code, e.message])).toEqual([
      ["language_not_allowed", "This problem accepts python, cpp"],
      ["problem_not_found", "No such problem"],
      ["quota_exceeded", "10 runs per hour"],
      ["sandbox_unavailable", "No sandbox backend works. Fix: run setup-host.sh"],
    ]);
    expect(conn.of("run.error")[0]!.requestId).toBe("q");
  });

  it("releases the quota once per admitted run with its CPU, and counts the run it replaces", async () => {
    const calls: { replacing: number }[] = [];
    const released: number[] = [];
    const { registry, programs } = setup({
      checkQuota: async (_user, _run, replacing) => {
        calls.push({ replacing });
        return { ok: true, release: async (cpuMs) => void released.push(cpuMs) };
      },
    });
    const conn = new Conn("c1", "alice");
    const first = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    const second = registry.handle(conn, alice, start()); // replaces the first
    await vi.waitFor(() => expect(programs[1]).toBeDefined());
    await programs[1]!.started.promise;
    programs[1]!.exit({ cpuMs: 7 });
    await Promise.all([first, second]);
    expect(calls).toEqual([{ replacing: 0 }, { replacing: 1 }]);
    expect(released.sort()).toEqual([5, 7]); // each run is charged what it used, the stopped one too
  });

  it("applies the problem's Python rules to runs on its page", async () => {
    const opened: unknown[] = [];
    const { registry, programs } = setup({
      findProblem: async () => ({ id: "p1", allowedLanguages: [], pythonPolicy: { forbiddenNames: ["sorted"] } }),
      getSandbox: async () => ({
        openSession: async (options: unknown) => {
          opened.push(options);
          const p = new FakeProgram();
          programs.push(p);
          return p;
        },
      }),
    });
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start({ problemSlug: "sorting", stdin: "" }));
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    programs[0]!.exit();
    await done;
    expect(opened[0]).toMatchObject({ language: "python", pythonPolicy: { forbiddenNames: ["sorted"] } });
  });

  it("sends a quota refusal with its numbers and starts nothing", async () => {
    const quota = { error: "quota" as const, limit: "runsPerMinute" as const, used: 30, max: 30, resetsAt: "2026-11-25T10:01:00.000Z", retryAfterSeconds: 20, message: "Too many runs this minute" };
    const { registry, programs } = setup({ checkQuota: async () => ({ ok: false, message: quota.message, quota }) });
    const conn = new Conn("c1", "alice");
    await registry.handle(conn, alice, start());
    expect(conn.of("run.error")[0]).toMatchObject({ code: "quota_exceeded", quota: { limit: "runsPerMinute", retryAfterSeconds: 20 } });
    expect(programs).toHaveLength(0);
  });

  it("sanitises output, coalesces bursts and caps the total with truncated set", async () => {
    const { registry, programs } = setup({ flushMs: 30, maxOutputBytes: 100 });
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    programs[0]!.print("a\x1b]0;title\x07b<script>\n");
    for (let i = 0; i < 20; i++) programs[0]!.print("0123456789");
    programs[0]!.exit({ status: "OLE", message: "output limit" });
    await done;
    const text = conn.text();
    expect(text.startsWith("ab<script>\n0123")).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
    expect(conn.of("run.output").length).toBeLessThanOrEqual(3); // coalesced, not 21 messages
    expect(conn.of("run.exit")[0]!.result).toMatchObject({ status: "OLE", truncated: true });
  });
});

describe("RunRegistry input limit", () => {
  it("refuses typed input beyond 1 MiB per run", async () => {
    const { registry, programs } = setup();
    const conn = new Conn("c1", "alice");
    const done = registry.handle(conn, alice, start());
    await vi.waitFor(() => expect(programs[0]).toBeDefined());
    await programs[0]!.started.promise;
    const chunk = "x".repeat(64 * 1024);
    for (let i = 0; i < 17; i++) await registry.handle(conn, alice, { type: "run.stdin", runId: "run1", data: chunk });
    expect(programs[0]!.stdin).toHaveLength(16);
    expect(conn.of("run.error")[0]).toMatchObject({ code: "bad_request", runId: "run1" });
    programs[0]!.exit();
    await done;
  });
});
