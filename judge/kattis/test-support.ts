/**
 * Test helpers for judge/kattis (not a test file): in-memory packages and zips (including
 * hostile ones). The database helper is in test-db.ts (it needs `server-only` mocked).
 */
import path from "node:path";
import yazl from "yazl";
import type { PackageFiles } from "./files";

export const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/problems");

/** A package from a { path: text } record, as files.ts would have read it. */
export function pkgOf(files: Record<string, string | Buffer>, sourceName = "testprob"): PackageFiles {
  const map = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(files)) map.set(k, typeof v === "string" ? Buffer.from(v, "utf8") : v);
  return { files: map, sourceName, problems: [], warnings: [] };
}

/** A minimal valid package; override or delete (undefined) entries. */
export function minimalPackage(overrides: Record<string, string | Buffer | undefined> = {}): Record<string, string | Buffer> {
  const base: Record<string, string | Buffer | undefined> = {
    "problem.yaml": "name: Add Two\nlimits:\n  memory: 128\n",
    ".timelimit": "1.5\n",
    "problem_statement/problem.md": "Add $a$ and $b$.\n",
    "data/sample/1.in": "1 2\n",
    "data/sample/1.ans": "3\n",
    "data/secret/1.in": "5 6\n",
    "data/secret/1.ans": "11\n",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string | Buffer] => e[1] !== undefined));
}

export interface ZipEntry {
  name: string;
  data: string | Buffer;
  mode?: number;
  compress?: boolean;
}

export function makeZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(typeof e.data === "string" ? Buffer.from(e.data) : e.data, e.name, { mode: e.mode, compress: e.compress ?? true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** Replaces every occurrence of `from` by `to` (same length) in a zip: names yazl refuses to write. */
export function patchZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("patchZip: same length only");
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  let i = out.indexOf(a);
  if (i === -1) throw new Error(`patchZip: ${from} not found`);
  while (i !== -1) {
    Buffer.from(to).copy(out, i);
    i = out.indexOf(a, i + 1);
  }
  return out;
}
