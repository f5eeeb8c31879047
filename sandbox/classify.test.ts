import { describe, expect, it } from "vitest";
import { classify } from "./classify";
import { DEFAULT_LIMITS } from "./limits";
import type { SupervisorResult } from "./supervisor/client";

const base: SupervisorResult = {
  outcome: "exited",
  exitCode: 0,
  signal: null,
  cpuMs: 10,
  wallMs: 12,
  maxRssKb: 1000,
  outputBytes: 0,
  truncated: false,
  message: "",
};
const ctx = { limits: DEFAULT_LIMITS, oomKilled: false };

describe("classify", () => {
  it.each([
    [{ outcome: "exited", exitCode: 0 }, "OK"],
    [{ outcome: "exited", exitCode: 3 }, "RE"],
    [{ outcome: "signaled", exitCode: null, signal: 11 }, "RE"],
    [{ outcome: "signaled", exitCode: null, signal: 31 }, "SV"],
    [{ outcome: "signaled", exitCode: null, signal: 25 }, "OLE"],
    [{ outcome: "signaled", exitCode: null, signal: 24 }, "TLE"],
    [{ outcome: "cpu_limit" }, "TLE"],
    [{ outcome: "wall_limit" }, "TLE"],
    [{ outcome: "output_limit" }, "OLE"],
    [{ outcome: "setup_error", message: "exec: No such file" }, "IE"],
  ] as const)("%o is %s", (raw, status) => {
    expect(classify("run", { ...base, ...raw } as SupervisorResult, ctx).status).toBe(status);
  });

  it("reports MLE when the OOM killer fired in the box, whatever the outcome", () => {
    expect(classify("run", { ...base, outcome: "signaled", signal: 9 }, { ...ctx, oomKilled: true }).status).toBe("MLE");
  });

  it("reports MLE for a SIGKILL at the memory limit even without the OOM counter", () => {
    const raw = { ...base, outcome: "signaled" as const, signal: 9, maxRssKb: DEFAULT_LIMITS.memoryMb * 1024 };
    expect(classify("run", raw, ctx).status).toBe("MLE");
  });

  it("recognises a failed allocation as MLE only when memory is limited by rlimits", () => {
    const raw = { ...base, outcome: "exited" as const, exitCode: 1 };
    const stderrTail = "Traceback (most recent call last):\nMemoryError\n";
    expect(classify("run", raw, { ...ctx, memoryByRlimit: true, stderrTail }).status).toBe("MLE");
    expect(classify("run", raw, { ...ctx, memoryByRlimit: false, stderrTail }).status).toBe("RE");
    expect(classify("run", { ...raw, exitCode: 0 }, { ...ctx, memoryByRlimit: true, stderrTail }).status).toBe("OK");
  });

  it("turns every compiler failure into CE, with the reason", () => {
    expect(classify("compile", { ...base, exitCode: 1 }, ctx).status).toBe("CE");
    expect(classify("compile", { ...base, outcome: "cpu_limit" }, ctx)).toEqual({ status: "CE", message: "compilation exceeded its time limit" });
    expect(classify("compile", base, ctx).status).toBe("OK");
  });

  it("names signals", () => {
    expect(classify("run", { ...base, outcome: "signaled", signal: 11 }, ctx).message).toBe("killed by SIGSEGV");
  });
});
