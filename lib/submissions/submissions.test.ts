/**
 * Who sees what: hidden tests' data never reaches a student (view, live WebSocket messages),
 * failed samples come with their input/expected/output, only instructors of the problem may
 * watch others' submissions and rejudge; submit validation.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { createTestDatabase, makeUser } = await import("@/judge/test-support");
const t = await createTestDatabase("sqlite");
process.env.DATABASE_URL = t.url;
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "arbiter-subs-"));
const { getSubmissionView, prepareSubmission, rejudge, enqueueSubmission, listSubmissions } = await import("./service");
const { handleSubmissionMessage, detachSubmissionConnection } = await import("./watch");
const { getEventBus } = await import("@/judge/events");
const { disconnectDb } = await import("../db");
type ServerMsg = import("./views").SubmissionServerMessage;

const HIDDEN_INPUT = "hidden-input-777";
const HIDDEN_ANSWER = "hidden-answer-999";
let author: { id: string; name: string; email: string; role: "instructor" };
let otherInstructor: { id: string; name: string; email: string; role: "instructor" };
let student: { id: string; name: string; email: string; role: "student" };
let stranger: { id: string; name: string; email: string; role: "student" };
let submissionId: string;
let problemId: string;

beforeAll(async () => {
  const u = async <R extends "student" | "instructor">(role: R) => {
    const id = await makeUser(t.db, role);
    await t.db.user.update({ where: { id }, data: { role } });
    return { id, name: id, email: `${id}@test.local`, role };
  };
  author = await u("instructor");
  otherInstructor = await u("instructor");
  student = await u("student");
  stranger = await u("student");
  const p = await t.db.problem.create({
    data: {
      slug: "secret",
      title: "Secret",
      statement: "",
      visibility: "published",
      checker: "custom",
      checkerLanguage: "python",
      checkerSource: "import sys\nsys.exit(42)\n",
      authorId: author.id,
      tests: {
        create: [
          { ordinal: 1, kind: "sample", input: "1 2\n", expectedOutput: "3\n" },
          { ordinal: 2, kind: "hidden", input: HIDDEN_INPUT, expectedOutput: HIDDEN_ANSWER },
        ],
      },
    },
    include: { tests: true },
  });
  problemId = p.id;
  const s = await t.db.submission.create({
    data: {
      userId: student.id,
      problemId: p.id,
      language: "python",
      source: "print(4)",
      status: "done",
      verdict: "wrong_answer",
      judgeMessage: "internal detail",
      testsDone: 2,
      testsTotal: 2,
      tests: {
        create: [
          { ordinal: 1, status: "wrong_answer", sample: true, output: "4\n", checkerMessage: "sample says 3", testCaseId: p.tests[0]!.id },
          { ordinal: 2, status: "wrong_answer", sample: false, output: null, checkerMessage: `expected ${HIDDEN_ANSWER}`, testCaseId: p.tests[1]!.id },
        ],
      },
    },
  });
  submissionId = s.id;
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await t.drop();
});

describe("getSubmissionView", () => {
  it("shows the owner failed samples side by side, never hidden test data or checker output", async () => {
    const view = (await getSubmissionView(student, submissionId))!;
    expect(view.verdict).toBe("WA");
    expect(view.tests[0]).toMatchObject({ ordinal: 1, status: "WA", sample: true, detail: { input: "1 2\n", expected: "3\n", output: "4\n" }, checkerMessage: "sample says 3" });
    expect(view.tests[1]).toMatchObject({ ordinal: 2, status: "WA", sample: false, checkerMessage: null });
    expect(view.tests[1]!.detail).toBeUndefined();
    expect(view.judgeMessage).toBeNull();
    const text = JSON.stringify(view);
    expect(text).not.toContain(HIDDEN_INPUT);
    expect(text).not.toContain(HIDDEN_ANSWER);
  });
  it("instructors of the problem see checker messages; other users see nothing", async () => {
    const view = (await getSubmissionView(author, submissionId))!;
    expect(view.tests[1]!.checkerMessage).toContain(HIDDEN_ANSWER);
    expect(view.judgeMessage).toBe("internal detail");
    expect(await getSubmissionView(stranger, submissionId)).toBeNull();
    expect(await getSubmissionView(otherInstructor, submissionId)).toBeNull();
  });
});

describe("listSubmissions", () => {
  it("students see only their own history; instructors of the problem see everyone's or one user's", async () => {
    const own = await listSubmissions(student, { problemSlug: "secret" });
    expect(own.items.map((i) => i.id)).toContain(submissionId);
    const peek = await listSubmissions(stranger, { problemSlug: "secret", all: true, userId: student.id });
    expect(peek.items).toEqual([]);
    const teacher = await listSubmissions(author, { problemSlug: "secret", userId: student.id });
    expect(teacher.items.map((i) => i.id)).toContain(submissionId);
    expect(teacher.items.every((i) => i.userId === student.id)).toBe(true);
    expect(JSON.stringify(teacher)).not.toContain("print(4)"); // no source in lists
  });
});

describe("submission.watch", () => {
  function connection() {
    const sent: ServerMsg[] = [];
    return { conn: { id: Math.random().toString(36), send: (m: ServerMsg) => sent.push(m) }, sent };
  }
  it("sends the state, then live tests, filtered for the student", async () => {
    const { conn, sent } = connection();
    await handleSubmissionMessage(conn, student, { type: "submission.watch", id: submissionId });
    expect(sent[0]).toMatchObject({ type: "submission.state", submission: { id: submissionId, verdict: "WA" } });
    const bus = getEventBus();
    const row = { status: "WA" as const, cpuMs: 1, wallMs: 2, memoryKb: 3, exitCode: 0, signal: null, checkerMessage: `expected ${HIDDEN_ANSWER}` };
    bus.publish({ type: "test", submissionId, test: { ordinal: 2, ...row }, testsDone: 2, testsTotal: 2 });
    bus.publish({ type: "test", submissionId, test: { ordinal: 1, ...row, checkerMessage: "sample says 3" }, testsDone: 1, testsTotal: 2 });
    await vi.waitFor(() => expect(sent.filter((m) => m.type === "submission.test")).toHaveLength(2));
    const [hidden, sample] = sent.filter((m) => m.type === "submission.test");
    expect(hidden).toMatchObject({ ordinal: 2, sample: false, checkerMessage: null });
    expect(hidden).not.toHaveProperty("detail");
    expect(sample).toMatchObject({ ordinal: 1, sample: true, detail: { input: "1 2\n", expected: "3\n", output: "4\n" } });
    expect(JSON.stringify(sent)).not.toContain(HIDDEN_INPUT);
    expect(JSON.stringify(sent)).not.toContain(HIDDEN_ANSWER);
    detachSubmissionConnection(conn);
  });
  it("refuses other users as if the submission did not exist", async () => {
    for (const user of [stranger, otherInstructor]) {
      const { conn, sent } = connection();
      await handleSubmissionMessage(conn, user, { type: "submission.watch", id: submissionId });
      expect(sent).toEqual([{ type: "submission.error", id: submissionId, code: "not_found", message: "No such submission" }]);
    }
    const { conn, sent } = connection();
    await handleSubmissionMessage(conn, author, { type: "submission.watch", id: submissionId });
    expect(sent[0]).toMatchObject({ type: "submission.state" });
    detachSubmissionConnection(conn);
  });
});

describe("submit and rejudge", () => {
  it("validates size, language and visibility", async () => {
    expect(await prepareSubmission(student, { problem: "secret", language: "python", source: "x".repeat(64 * 1024 + 1) })).toMatchObject({ ok: false, status: 413 });
    expect(await prepareSubmission(student, { problem: "secret", language: "cobol", source: "x" })).toMatchObject({ ok: false, status: 400 });
    expect(await prepareSubmission(student, { problem: "nope", language: "python", source: "x" })).toMatchObject({ ok: false, status: 404 });
    await t.db.problem.create({ data: { slug: "draft-one", title: "d", statement: "", visibility: "draft" } });
    expect(await prepareSubmission(student, { problem: "draft-one", language: "python", source: "x" })).toMatchObject({ ok: false, status: 404 });
    const ok = await prepareSubmission(student, { problem: "secret", language: "python", source: "print(3)" });
    expect(ok).toMatchObject({ ok: true, problemId });
  });
  it("enqueues with the test count; only instructors of the problem rejudge", async () => {
    const id = await enqueueSubmission(student, problemId, "python", "print(3)", { quotaHeld: true });
    expect(await t.db.submission.findUnique({ where: { id } })).toMatchObject({ status: "queued", testsTotal: 2, priority: 0, quotaHeld: true });
    expect(await rejudge(student, { submissionId })).toMatchObject({ ok: false, status: 403 });
    expect(await rejudge(otherInstructor, { submissionId })).toMatchObject({ ok: false, status: 403 });
    const verdictBefore = (await t.db.submission.findUnique({ where: { id: submissionId } }))!.verdict;
    const one = await rejudge(author, { submissionId });
    expect(one).toMatchObject({ ok: true, count: 1, auditId: expect.any(String) });
    // The verdict it replaced is kept for the before/after summary.
    const audit = await t.db.auditEvent.findUnique({ where: { id: (one as { auditId: string }).auditId } });
    expect(JSON.parse(audit!.data!).before).toEqual({ [submissionId]: verdictBefore });
    expect(await t.db.submission.findUnique({ where: { id: submissionId } })).toMatchObject({ status: "queued", verdict: null, priority: -1 });
    expect(await t.db.submissionTest.count({ where: { submissionId } })).toBe(0);
    expect(await rejudge(author, { problem: "secret" })).toMatchObject({ ok: true, count: 2 });
    expect(await t.db.auditEvent.count({ where: { action: "submission.rejudge" } })).toBe(2);
  });
});
