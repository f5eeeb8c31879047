/**
 * Reading packages safely: hostile zips (path traversal, absolute paths, symlinks, bombs, lying
 * sizes, too many files) are refused with a specific message, and nothing is written to disk.
 */
import { mkdtemp, rm, symlink, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "./errors";
import { DEFAULT_PACKAGE_LIMITS, readDirPackage, readZipPackage, unsafeNameReason } from "./files";
import { PackageError } from "./errors";
import { parseKattisZip } from "./parse";
import { makeZip, minimalPackage, patchZip } from "./test-support";

const entries = (files: Record<string, string | Buffer>) => Object.entries(files).map(([name, data]) => ({ name, data }));
const messages = (r: { problems: { path: string; message: string }[] }) => r.problems.map(formatProblem);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "arbiter-kattis-files-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("unsafeNameReason", () => {
  it.each([
    ["../evil", /climbs out/],
    ["a/../../evil", /climbs out/],
    ["/etc/passwd", /absolute path/],
    ["C:/x", /absolute path/],
    ["a\\b", /backslash/],
    ["a//b", /empty or '\.'/],
    ["./a", /empty or '\.'/],
    ["a\u0001b", /control characters/],
  ])("%s", (name, reason) => {
    expect(unsafeNameReason(name)).toMatch(reason);
  });
  it("accepts ordinary names", () => {
    expect(unsafeNameReason("data/secret/g1/01.in")).toBeNull();
    expect(unsafeNameReason("problem_statement/")).toBeNull();
  });
});

describe("readZipPackage", () => {
  it("reads a good zip, and strips a single top folder (its name becomes the slug source)", async () => {
    const zip = await makeZip(entries(Object.fromEntries(Object.entries(minimalPackage()).map(([k, v]) => [`addtwo/${k}`, v]))));
    const r = await readZipPackage(zip, "upload.zip");
    expect(r.problems).toEqual([]);
    expect(r.sourceName).toBe("addtwo");
    expect(r.files.get("data/secret/1.ans")?.toString()).toBe("11\n");
  });

  it("refuses path traversal and absolute paths, and still reports the rest", async () => {
    const zip = await makeZip([
      ...entries(minimalPackage()),
      { name: "XX/evil.txt", data: "x" },
      { name: "Xetc/passwd", data: "x" },
    ]);
    const bad = patchZip(patchZip(zip, "XX/evil.txt", "../evil.txt"), "Xetc/passwd", "/etc/passwd");
    const r = await readZipPackage(bad, "p.zip");
    expect(messages(r)).toEqual(["../evil.txt: unsafe zip entry: path climbs out of the package (..)", "/etc/passwd: unsafe zip entry: absolute path"]);
    expect(r.files.has("problem.yaml")).toBe(true);
    // And the parser turns them into a PackageError.
    await expect(parseKattisZip(bad, "p.zip")).rejects.toBeInstanceOf(PackageError);
  });

  it("refuses backslashes in names", async () => {
    const zip = patchZip(await makeZip([...entries(minimalPackage()), { name: "dataXsecret.in", data: "x" }]), "dataXsecret.in", "data\\secret.in");
    expect(messages(await readZipPackage(zip, "p.zip"))).toEqual(["data\\\\secret.in: unsafe zip entry: file name contains a backslash (only / separates folders in a zip)"]);
  });

  it("refuses symbolic links", async () => {
    const zip = await makeZip([...entries(minimalPackage()), { name: "data/secret/link.in", data: "/etc/shadow", mode: 0o120777 }]);
    const r = await readZipPackage(zip, "p.zip");
    expect(messages(r)).toEqual(["data/secret/link.in: symbolic links are not allowed in a package"]);
    expect(r.files.has("data/secret/link.in")).toBe(false);
  });

  it("stops a zip bomb at the total size cap", async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const zip = await makeZip([...entries(minimalPackage()), { name: "data/secret/big1.in", data: zeros }, { name: "data/secret/big2.in", data: zeros }]);
    expect(zip.length).toBeLessThan(64 * 1024); // highly compressed
    const r = await readZipPackage(zip, "p.zip", { ...DEFAULT_PACKAGE_LIMITS, maxTotalBytes: 6 * 1024 * 1024 });
    expect(messages(r).join("\n")).toMatch(/larger than 6291456 bytes uncompressed \(a zip bomb\?\)/);
  });

  it("refuses a file above the per-file cap before inflating it", async () => {
    const zip = await makeZip([...entries(minimalPackage()), { name: "data/secret/big.in", data: Buffer.alloc(2 * 1024 * 1024) }]);
    const r = await readZipPackage(zip, "p.zip", { ...DEFAULT_PACKAGE_LIMITS, maxFileBytes: 1024 * 1024 });
    expect(messages(r)).toEqual(["data/secret/big.in: file is 2097152 bytes uncompressed; at most 1048576 are accepted"]);
  });

  it("catches an entry whose header lies about its size", async () => {
    const big = Buffer.alloc(100_000, 0x61);
    const zip = await makeZip([{ name: "problem.yaml", data: "name: X\n" }, { name: "data/secret/lie.in", data: big }]);
    // Rewrite the uncompressed size (100000 = 0x000186a0) in both headers to 10.
    const lying = Buffer.from(zip);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(100_000);
    const small = Buffer.alloc(4);
    small.writeUInt32LE(10);
    let i = lying.indexOf(size);
    while (i !== -1) {
      small.copy(lying, i);
      i = lying.indexOf(size, i + 1);
    }
    const r = await readZipPackage(lying, "p.zip");
    expect(messages(r).join("\n")).toMatch(/data\/secret\/lie\.in: (cannot be decompressed|decompresses to more bytes)/);
    expect(r.files.has("data/secret/lie.in")).toBe(false);
  });

  it("refuses too many entries", async () => {
    const zip = await makeZip(Array.from({ length: 20 }, (_, i) => ({ name: `data/secret/${i}.in`, data: "1" })));
    const r = await readZipPackage(zip, "p.zip", { ...DEFAULT_PACKAGE_LIMITS, maxFiles: 10 });
    expect(messages(r)).toEqual(["the zip has 20 entries; at most 10 are accepted"]);
  });

  it("refuses something that is not a zip", async () => {
    await expect(parseKattisZip(Buffer.from("not a zip at all"), "x.zip")).rejects.toThrow(/not a readable zip file/);
  });

  it("skips archiver junk with a warning", async () => {
    const zip = await makeZip([...entries(minimalPackage()), { name: "__MACOSX/._problem.yaml", data: "x" }, { name: "data/.DS_Store", data: "x" }]);
    const r = await readZipPackage(zip, "p.zip");
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => w.path).sort()).toEqual(["__MACOSX/._problem.yaml", "data/.DS_Store"]);
  });
});

describe("readDirPackage", () => {
  it("refuses symlinks in a directory package", async () => {
    const dir = path.join(tmp, "withlink");
    await mkdir(path.join(dir, "data/secret"), { recursive: true });
    await writeFile(path.join(dir, "problem.yaml"), "name: X\n");
    await symlink("/etc/passwd", path.join(dir, "data/secret/1.in"));
    const r = await readDirPackage(dir);
    expect(messages(r)).toEqual(["data/secret/1.in: symbolic links are not allowed in a package"]);
  });

  it("reports a missing directory", async () => {
    expect(messages(await readDirPackage(path.join(tmp, "nope")))).toEqual([`${path.join(tmp, "nope")} is not a directory`]);
  });
});
