import { describe, expect, it } from "vitest";
import { computeProgress, progressCsv, type ProgressSubmission } from "./progress";

const students = [
  { id: "s1", name: "Ada", email: "ada@x" },
  { id: "s2", name: "Bob", email: "bob@x" },
];
const due = new Date("2026-12-01T12:00:00Z");
const at = (iso: string) => new Date(iso);
const sub = (o: Partial<ProgressSubmission>): ProgressSubmission => ({
  userId: "s1",
  problemId: "p1",
  createdAt: at("2026-11-30T10:00:00Z"),
  status: "done",
  verdict: "wrong_answer",
  score: 0,
  maxScore: 1,
  ...o,
});

describe("computeProgress", () => {
  it("keeps each student's best result and counts attempts", () => {
    const rows = computeProgress(students, ["p1", "p2"], [
      sub({}),
      sub({ verdict: "accepted", score: 1, createdAt: at("2026-11-30T11:00:00Z") }),
      sub({ verdict: "wrong_answer", score: 0, createdAt: at("2026-11-30T12:00:00Z") }),
      sub({ userId: "s2", problemId: "p2", verdict: "time_limit_exceeded", score: 40, maxScore: 100 }),
    ], { dueAt: due, acceptLate: false });
    expect(rows[0]!.cells.p1).toMatchObject({ attempts: 3, verdict: "accepted", score: 1, solved: true });
    expect(rows[0]).toMatchObject({ solved: 1, total: 1 });
    expect(rows[1]!.cells.p2).toMatchObject({ attempts: 1, verdict: "time_limit_exceeded", score: 0.4, solved: false });
    expect(rows[1]!.cells.p1).toMatchObject({ attempts: 0, verdict: null, score: null });
  });

  it("marks late submissions and counts them only when the assignment accepts them", () => {
    const late = [sub({ verdict: "accepted", score: 1, createdAt: at("2026-12-01T12:00:01Z") })];
    const strict = computeProgress(students, ["p1"], late, { dueAt: due, acceptLate: false });
    expect(strict[0]!.cells.p1).toMatchObject({ attempts: 0, solved: false, late: true, lateIgnored: true, score: null });
    const lenient = computeProgress(students, ["p1"], late, { dueAt: due, acceptLate: true });
    expect(lenient[0]!.cells.p1).toMatchObject({ attempts: 1, solved: true, late: true, lateIgnored: false });
  });

  it("counts a submission still being judged as an attempt without a result", () => {
    const rows = computeProgress(students, ["p1"], [sub({ status: "running", verdict: null, score: null })], { dueAt: due, acceptLate: false });
    expect(rows[0]!.cells.p1).toMatchObject({ attempts: 1, verdict: null, score: null });
  });

  it("ignores submissions of people who are not students of the course", () => {
    const rows = computeProgress(students, ["p1"], [sub({ userId: "teacher", verdict: "accepted", score: 1 })], { dueAt: due, acceptLate: false });
    expect(rows.every((r) => r.cells.p1!.attempts === 0)).toBe(true);
  });
});

describe("progressCsv", () => {
  it("writes one row per student with score, verdict, attempts and lateness", () => {
    const rows = computeProgress(students, ["p1"], [sub({ verdict: "accepted", score: 1 })], { dueAt: due, acceptLate: false });
    const csv = progressCsv(rows, [{ id: "p1", slug: "a-plus-b" }]);
    expect(csv.split("\r\n")).toEqual([
      "name,email,a-plus-b score,a-plus-b verdict,a-plus-b attempts,a-plus-b late,solved,total",
      "Ada,ada@x,100,accepted,1,,1,1",
      "Bob,bob@x,,,0,,0,0",
      "",
    ]);
  });

  it("neutralises spreadsheet formulas and quotes separators", () => {
    const rows = computeProgress([{ id: "s1", name: '=HYPERLINK("x")', email: "a,b@x" }], ["p1"], [], { dueAt: due, acceptLate: false });
    const line = progressCsv(rows, [{ id: "p1", slug: "p" }]).split("\r\n")[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""x"")","a,b@x"`)).toBe(true);
  });
});
