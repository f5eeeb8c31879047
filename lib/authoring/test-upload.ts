/**
 * A zip of tests: `name.in` with `name.ans` (or `name.out`), optionally in folders (the folder
 * becomes the test group; `sample/` makes sample tests). Every problem is reported at once and
 * nothing is saved unless the whole upload is good.
 */
import { readZipPackage } from "../../judge/kattis/files";

export interface UploadedTest {
  name: string;
  kind: "sample" | "hidden";
  groupName: string;
  input: string;
  expectedOutput: string;
}

export const UPLOAD_LIMITS = { maxFiles: 2000, maxTotalBytes: 128 * 1024 * 1024, maxFileBytes: 32 * 1024 * 1024, maxZipBytes: 64 * 1024 * 1024 };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null; // NUL: binary, not a text test
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export async function readTestZip(zip: Buffer, fileName: string): Promise<{ tests: UploadedTest[]; errors: string[] }> {
  const pkg = await readZipPackage(zip, fileName, UPLOAD_LIMITS);
  const errors = pkg.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const inputs = new Map<string, Buffer>();
  const answers = new Map<string, Buffer>();
  for (const [path, bytes] of pkg.files) {
    const match = /^(.*)\.(in|ans|out)$/.exec(path);
    if (!match) {
      errors.push(`${path}: not a test file (expected .in with .ans or .out)`);
      continue;
    }
    const [, base, ext] = match as unknown as [string, string, string];
    if (ext === "in") inputs.set(base, bytes);
    else if (answers.has(base)) errors.push(`${path}: ${base} has both .ans and .out`);
    else answers.set(base, bytes);
  }
  const tests: UploadedTest[] = [];
  for (const base of [...new Set([...inputs.keys(), ...answers.keys()])].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))) {
    const input = inputs.get(base);
    const answer = answers.get(base);
    if (!input) {
      errors.push(`${base}: answer without a .in file`);
      continue;
    }
    if (!answer) {
      errors.push(`${base}.in: no .ans or .out file`);
      continue;
    }
    const inputText = asText(input);
    const answerText = asText(answer);
    if (inputText === null) errors.push(`${base}.in: not UTF-8 text`);
    if (answerText === null) errors.push(`${base}: answer is not UTF-8 text`);
    if (inputText === null || answerText === null) continue;
    const folders = base.split("/").slice(0, -1);
    const sample = folders.some((f) => f === "sample" || f === "samples");
    const group = folders.filter((f) => !["sample", "samples", "secret", "data"].includes(f)).join("/");
    tests.push({ name: base, kind: sample ? "sample" : "hidden", groupName: group, input: inputText, expectedOutput: answerText });
  }
  if (tests.length === 0 && errors.length === 0) errors.push("the zip holds no tests");
  return { tests, errors };
}
