import { describe, expect, it } from "vitest";
import { checkExact, checkFloat, checkTokens, interpretCheckerRun, tolerances, checkBuiltin } from ".";

const HUGE = 100 * 1024 * 1024;

describe("exact checker", () => {
  it("accepts equal output, ignoring trailing whitespace at line ends and at the end", () => {
    expect(checkExact("1 2\n3\n", "1 2\n3\n").verdict).toBe("AC");
    expect(checkExact("1 2\n3\n", "1 2   \n3").verdict).toBe("AC");
    expect(checkExact("1 2\n3\n", "1 2\r\n3\r\n\r\n\n").verdict).toBe("AC");
    expect(checkExact("", "\n\n  ").verdict).toBe("AC");
  });
  it("rejects different spacing inside a line, missing and extra lines", () => {
    const r = checkExact("1 2\n3\n", "1  2\n3\n");
    expect(r.verdict).toBe("WA");
    expect(r.message).toContain("line 1 differs at column 3");
    expect(checkExact("1\n2\n", "1\n").message).toContain("output ends at line 1");
    expect(checkExact("1\n", "1\n2\n").message).toContain("extra output from line 2");
    expect(checkExact("a\n\nb\n", "a\nb\n").verdict).toBe("WA");
  });
  it("handles binary output and a 100 MB line without crashing", () => {
    const binary = Buffer.from([0, 255, 254, 10, 13, 0, 7]).toString("utf8");
    const r = checkExact("ok\n", binary);
    expect(r.verdict).toBe("WA");
    expect(r.message).toMatch(/\\u0000/);
    const huge = "x".repeat(HUGE);
    const h = checkExact("x\n", huge);
    expect(h.verdict).toBe("WA");
    expect(h.message.length).toBeLessThan(200);
  });
});

describe("token checker", () => {
  it("ignores whitespace kind and amount, CRLF included", () => {
    expect(checkTokens("1 2 3\n", "1\n2\t\t3   ").verdict).toBe("AC");
    expect(checkTokens("1 2\n", "1\r\n2\r\n").verdict).toBe("AC");
    expect(checkTokens("", "   \n").verdict).toBe("AC");
  });
  it("rejects a different, missing or extra token with its position", () => {
    expect(checkTokens("1 2 3", "1 2 4").message).toBe('3rd token differs: found "4"');
    expect(checkTokens("1 2 3", "1 2").message).toContain("output ends after 2 tokens");
    expect(checkTokens("1 2", "1 2 3").message).toContain("extra output: 3rd token");
    expect(checkTokens("abc", "ABC").verdict).toBe("WA");
  });
  it("never echoes the expected output (hidden tests) and survives a 100 MB token, NUL and binary", () => {
    const r = checkTokens("secret-answer", "wrong");
    expect(r.message).not.toContain("secret");
    const huge = "9".repeat(HUGE);
    const h = checkTokens("9", huge);
    expect(h.verdict).toBe("WA");
    expect(h.message.length).toBeLessThan(200);
    expect(checkTokens(huge, huge).verdict).toBe("AC");
    expect(checkTokens("a", "a\u0000").verdict).toBe("WA");
    expect(checkTokens("a", Buffer.from([0xff, 0xfe, 0x00]).toString("utf8")).verdict).toBe("WA");
  });
});

describe("float checker", () => {
  it("accepts within absolute or relative tolerance, rejects outside", () => {
    expect(checkFloat("3.141593", "3.1415926535", 1e-6, null).verdict).toBe("AC");
    expect(checkFloat("3.141593", "3.1416", 1e-6, null).verdict).toBe("WA");
    expect(checkFloat("1000000", "1000000.5", null, 1e-6).verdict).toBe("AC");
    expect(checkFloat("1000000", "1000002", null, 1e-6).verdict).toBe("WA");
    expect(checkFloat("0.5", "5e-1", 1e-9, 1e-9).verdict).toBe("AC");
  });
  it("uses 1e-6 by default and ignores invalid tolerances", () => {
    expect(tolerances(null, null)).toEqual({ abs: 1e-6, rel: 1e-6 });
    expect(tolerances(-1, Number.NaN)).toEqual({ abs: 1e-6, rel: 1e-6 });
    expect(tolerances(0.1, null)).toEqual({ abs: 0.1, rel: 0 });
  });
  it("compares non-numeric tokens exactly", () => {
    expect(checkFloat("Case 1: 2.0", "Case 1: 2.0000001").verdict).toBe("AC");
    expect(checkFloat("Case 1: 2.0", "case 1: 2.0").verdict).toBe("WA");
  });
  it("rejects NaN, infinities, hex and overflowing numbers", () => {
    for (const bad of ["nan", "NaN", "inf", "-inf", "Infinity", "0x10", "1e999", "1,5", ""]) {
      const r = checkFloat("16", bad, 1, 1);
      expect(r.verdict, bad).toBe("WA");
    }
  });
  it("survives a 100 MB numeric token and binary output", () => {
    const huge = "1".repeat(HUGE);
    const r = checkFloat("1.5", huge, 1e-6, 1e-6);
    expect(r.verdict).toBe("WA");
    expect(r.message.length).toBeLessThan(200);
    expect(checkFloat("1.5", "\u0000\u0001\ufffd").verdict).toBe("WA");
  });
  it("is reachable through checkBuiltin", () => {
    expect(checkBuiltin({ kind: "float", absTol: 0.01 }, "1", "1.001").verdict).toBe("AC");
    expect(checkBuiltin({ kind: "tokens" }, "1", "1").verdict).toBe("AC");
    expect(checkBuiltin({ kind: "exact" }, "1 1", "1  1").verdict).toBe("WA");
  });
});

describe("custom checker result (Kattis exit codes)", () => {
  const run = (exitCode: number | null, stderr = "", status: "RE" | "OK" | "TLE" = "RE", signal: number | null = null) => ({
    status,
    exitCode,
    signal,
    stderr,
    stdout: "",
    message: "",
  });
  it("42 accepts, 43 rejects, with the feedback message", () => {
    expect(interpretCheckerRun(run(42))).toEqual({ verdict: "AC", message: "" });
    const wa = interpretCheckerRun(run(43, "debug\n--arbiter-judgemessage--\nwrong sum\n"));
    expect(wa).toEqual({ verdict: "WA", message: "wrong sum" });
  });
  it("anything else is a judge error", () => {
    expect(interpretCheckerRun(run(0, "", "OK")).verdict).toBe("IE");
    expect(interpretCheckerRun(run(1, "Traceback")).message).toContain("exit code 1");
    expect(interpretCheckerRun(run(null, "", "RE", 11)).message).toContain("signal 11");
    expect(interpretCheckerRun(run(null, "", "TLE")).verdict).toBe("IE");
  });
});
