import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, LimitTooHighError, resolveLimits, SERVER_MAXIMA } from "./limits";

describe("resolveLimits", () => {
  it("fills in defaults", () => {
    expect(resolveLimits({})).toEqual(DEFAULT_LIMITS);
  });
  it("lets callers lower a limit", () => {
    expect(resolveLimits({ cpuMs: 500, memoryMb: 32 })).toMatchObject({ cpuMs: 500, memoryMb: 32, wallMs: DEFAULT_LIMITS.wallMs });
  });
  it("refuses a limit above the server maximum instead of silently lowering it", () => {
    expect(() => resolveLimits({ memoryMb: SERVER_MAXIMA.memoryMb + 1 })).toThrow(LimitTooHighError);
  });
  it("clamps defaults to lowered maxima", () => {
    const maxima = { ...SERVER_MAXIMA, cpuMs: 1000 };
    expect(resolveLimits({}, maxima).cpuMs).toBe(1000);
  });
  it("rejects unknown keys and non-positive values", () => {
    expect(() => resolveLimits({ cpuMs: 0 })).toThrow();
    expect(() => resolveLimits({ bogus: 1 } as never)).toThrow();
  });
});
