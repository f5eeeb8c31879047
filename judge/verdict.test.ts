import { describe, expect, it } from "vitest";
import type { RunStatus } from "../sandbox/types";
import type { JudgeTest, TestVerdict } from "./types";
import { groupPoints, runMessage, scoreOutcome, shouldSkip, verdictOfRun } from "./verdict";

const t = (ordinal: number, group = "", points = 0): JudgeTest => ({ ordinal, input: "", expectedOutput: "", group, points });
const r = (ordinal: number, verdict: TestVerdict) => ({ ordinal, verdict });

describe("verdictOfRun", () => {
  it("maps every sandbox status", () => {
    const map: Record<RunStatus, string | null> = { OK: null, CE: "CE", RE: "RE", TLE: "TLE", MLE: "MLE", OLE: "OLE", SV: "SV", IE: "IE" };
    for (const [status, verdict] of Object.entries(map)) expect(verdictOfRun({ status: status as RunStatus })).toBe(verdict);
  });
  it("describes RE by signal or exit code", () => {
    expect(runMessage({ status: "RE", exitCode: 3, signal: null, message: "" })).toBe("exit code 3");
    expect(runMessage({ status: "RE", exitCode: null, signal: 11, message: "" })).toBe("killed by signal 11");
  });
});

describe("ICPC scoring", () => {
  const tests = [t(1), t(2), t(3)];
  it("AC only when every test passes", () => {
    expect(scoreOutcome("icpc", tests, [r(1, "AC"), r(2, "AC"), r(3, "AC")])).toMatchObject({ verdict: "AC", score: 1, maxScore: 1 });
  });
  it("takes the first failing test's verdict by ordinal", () => {
    expect(scoreOutcome("icpc", tests, [r(3, "WA"), r(1, "AC"), r(2, "TLE")])).toMatchObject({ verdict: "TLE", score: 0 });
    expect(scoreOutcome("icpc", tests, [r(1, "AC"), r(2, "MLE"), r(3, "SKIPPED")])).toMatchObject({ verdict: "MLE", score: 0 });
  });
  it("any IE makes the submission IE", () => {
    expect(scoreOutcome("icpc", tests, [r(1, "WA"), r(2, "IE"), r(3, "AC")]).verdict).toBe("IE");
  });
});

describe("subtask scoring", () => {
  const tests = [t(1, "", 0), t(2, "small", 30), t(3, "small"), t(4, "large", 70), t(5, "large", 70)];
  it("a group scores only if all its tests pass", () => {
    const s = scoreOutcome("subtasks", tests, [r(1, "AC"), r(2, "AC"), r(3, "AC"), r(4, "AC"), r(5, "TLE")]);
    expect(s).toMatchObject({ verdict: "TLE", score: 30, maxScore: 100 });
    expect(s.groups.find((g) => g.group === "large")).toMatchObject({ passed: false, earned: 0, points: 70 });
  });
  it("full score when everything passes; a failed ungrouped sample costs nothing", () => {
    expect(scoreOutcome("subtasks", tests, tests.map((x) => r(x.ordinal, "AC")))).toMatchObject({ verdict: "AC", score: 100 });
    const s = scoreOutcome("subtasks", tests, [r(1, "WA"), r(2, "AC"), r(3, "AC"), r(4, "AC"), r(5, "AC")]);
    expect(s).toMatchObject({ verdict: "WA", score: 100 });
  });
  it("group points are the maximum set on any of its tests", () => {
    expect(groupPoints(tests)).toEqual(new Map([["", 0], ["small", 30], ["large", 70]]));
  });
});

describe("stop at first failure", () => {
  const icpc = { scoring: "icpc" as const, stopAtFirstFailure: true };
  const ioi = { scoring: "subtasks" as const, stopAtFirstFailure: true };
  it("ICPC skips everything after a failure", () => {
    expect(shouldSkip(icpc, { group: "" }, [{ verdict: "AC", group: "" }])).toBe(false);
    expect(shouldSkip(icpc, { group: "b" }, [{ verdict: "WA", group: "a" }])).toBe(true);
  });
  it("subtasks skip only the rest of the failing group", () => {
    const done = [{ verdict: "WA" as const, group: "a" }];
    expect(shouldSkip(ioi, { group: "a" }, done)).toBe(true);
    expect(shouldSkip(ioi, { group: "b" }, done)).toBe(false);
  });
  it("off: nothing is skipped", () => {
    expect(shouldSkip({ scoring: "icpc", stopAtFirstFailure: false }, { group: "" }, [{ verdict: "WA", group: "" }])).toBe(false);
  });
});
