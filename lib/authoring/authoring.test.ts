/** Problem editor input and test-zip uploads: every bad case gets a specific error. */
import { describe, expect, it } from "vitest";
import { makeZip, patchZip } from "../../judge/kattis/test-support";
import { changedFields, problemColumns, problemInputFromForm } from "./problem-input";
import { readTestZip, UPLOAD_LIMITS } from "./test-upload";

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  const base: Record<string, string | string[]> = {
    title: "Sum",
    slug: "sum",
    statement: "Add $a+b$.",
    difficulty: "easy",
    timeLimitMs: "1000",
    memoryLimitMb: "256",
    checker: "tokens",
    scoring: "icpc",
    visibility: "draft",
    ...fields,
  };
  for (const [k, v] of Object.entries(base)) for (const item of Array.isArray(v) ? v : [v]) f.append(k, item);
  return f;
}

describe("problem editor input", () => {
  it("accepts a complete problem and maps it to columns", () => {
    const parsed = problemInputFromForm(form({ allowedLanguages: ["python", "cpp"], "starter.python": "print()", pythonPolicy: '{"forbiddenNames":["sorted"]}' }));
    expect(parsed.success).toBe(true);
    const columns = problemColumns(parsed.data!);
    expect(columns).toMatchObject({ slug: "sum", allowedLanguages: '["python","cpp"]', starterCode: '{"python":"print()"}', pythonPolicy: '{"forbiddenNames":["sorted"]}', floatAbsTol: null });
  });

  it.each([
    [{ title: "" }, "Title is required"],
    [{ slug: "Bad Slug!" }, "Slug:"],
    [{ timeLimitMs: "50" }, "Time limit: at least 100 ms"],
    [{ memoryLimitMb: "99999" }, "Memory limit: at most 2048 MiB"],
    [{ checker: "float" }, "A float checker needs an absolute or a relative tolerance"],
    [{ checker: "custom" }, "A custom checker needs its source and language"],
    [{ pythonPolicy: "{nope" }, "Python policy is not valid JSON"],
    [{ pythonPolicy: '{"forbiddenNames":["two words"]}' }, "Python policy: not a Python name"],
    [{ allowedLanguages: ["cobol"] }, "Invalid option"],
  ])("refuses %o with a clear message", (fields, message) => {
    const parsed = problemInputFromForm(form(fields as Record<string, string>));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join(" | ")).toContain(message);
  });

  it("lists changed fields", () => {
    expect(changedFields({ timeLimitMs: 1000, title: "a" }, { timeLimitMs: 2000, title: "a" })).toEqual(["timeLimitMs"]);
  });
});

const zipOf = (files: Record<string, string | Buffer>) => makeZip(Object.entries(files).map(([name, data]) => ({ name, data })));

describe("test zip upload", () => {
  it("pairs .in with .ans or .out, in natural order, with sample and group folders", async () => {
    const zip = await zipOf({ "sample/1.in": "1 2\n", "sample/1.ans": "3\n", "g1/10.in": "x", "g1/10.out": "y", "g1/9.in": "a", "g1/9.ans": "b" });
    const { tests, errors } = await readTestZip(zip, "tests.zip");
    expect(errors).toEqual([]);
    expect(tests.map((t) => [t.name, t.kind, t.groupName])).toEqual([
      ["g1/9", "hidden", "g1"],
      ["g1/10", "hidden", "g1"],
      ["sample/1", "sample", ""],
    ]);
  });

  it("reports unpaired files, stray files and both answers at once", async () => {
    const zip = await zipOf({ "1.in": "1", "2.ans": "2", "3.in": "3", "3.ans": "3", "3.out": "3", "notes.txt": "hi", "4.in": "4", "4.ans": "4" });
    const { errors } = await readTestZip(zip, "t.zip");
    expect(errors).toEqual(expect.arrayContaining(["notes.txt: not a test file (expected .in with .ans or .out)", "3.out: 3 has both .ans and .out", "1.in: no .ans or .out file", "2: answer without a .in file"]));
  });

  it("refuses binary where text is required", async () => {
    const zip = await zipOf({ "1.in": Buffer.from([0x31, 0x00, 0x32]), "1.ans": Buffer.from([0xff, 0xfe]), "2.in": "ok", "2.ans": "ok" });
    const { errors } = await readTestZip(zip, "t.zip");
    expect(errors).toEqual(["1.in: not UTF-8 text", "1: answer is not UTF-8 text"]);
  });

  it("refuses path traversal names", async () => {
    const zip = patchZip(await zipOf({ "XX/1.in": "1", "1.ans": "1", "2.in": "2", "2.ans": "2" }), "XX/1.in", "../1.in");
    const { errors } = await readTestZip(zip, "t.zip");
    expect(errors.join("\n")).toContain("climbs out");
  });

  it("refuses zip bombs and files over the size cap", async () => {
    const big = Buffer.alloc(UPLOAD_LIMITS.maxFileBytes + 1, 0x31);
    const { errors } = await readTestZip(await zipOf({ "1.in": big, "1.ans": "1" }), "t.zip");
    expect(errors.join("\n")).toMatch(/bytes/);
  });

  it("says so when there is nothing in it", async () => {
    expect((await readTestZip(await zipOf({}), "t.zip")).errors).toEqual(["the zip holds no tests"]);
  });
});
