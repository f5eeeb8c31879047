/**
 * Reading a problem package's files into memory, from a directory or a zip, safely: every
 * problem found (unsafe names, symlinks, too many or too large files) is collected rather than
 * thrown at the first one, so the importer can report them all together.
 *
 * No file is ever written to disk here: a zip is read from a Buffer, and a directory is only read.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { type PackageProblem } from "./errors";

export interface PackageLimits {
  /** Most files (zip entries, directories included) in a package. */
  maxFiles: number;
  /** Most bytes of all files together, uncompressed. */
  maxTotalBytes: number;
  /** Most bytes of one file, uncompressed. */
  maxFileBytes: number;
  /** Most bytes of the zip itself. */
  maxZipBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxFiles: 10_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024,
  maxZipBytes: 128 * 1024 * 1024,
};

/** The files of a package: path relative to the package root ("data/sample/1.in") -> bytes. */
export interface PackageFiles {
  files: Map<string, Buffer>;
  /** Name the package came with: the directory's or the zip's (without .zip), for the slug. */
  sourceName: string;
  problems: PackageProblem[];
  warnings: PackageProblem[];
}

/** Junk that archivers and editors add: skipped with a warning, never an error. */
function isJunk(rel: string): boolean {
  const parts = rel.split("/");
  return (
    parts[0] === "__MACOSX" ||
    parts[0] === ".git" ||
    parts.some((p) => p === ".DS_Store" || p === "Thumbs.db" || p.endsWith("~") || p.startsWith("._"))
  );
}

/**
 * Why a zip entry name is unsafe (null when it is fine). Names are relative, use "/" only and
 * never climb out of the package.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return "empty file name";
  if (name.includes("\0")) return "file name contains a NUL byte";
  if (name.includes("\\")) return "file name contains a backslash (only / separates folders in a zip)";
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return "absolute path";
  const parts = name.replace(/\/$/, "").split("/");
  if (parts.some((p) => p === "..")) return "path climbs out of the package (..)";
  if (parts.some((p) => p === "" || p === ".")) return "path has an empty or '.' component";
  if (/[\x00-\x1f\x7f]/.test(name)) return "file name contains control characters";
  return null;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** A zip package may have its files at the root, or all inside one folder (e.g. "sumpairs/"). */
function stripCommonFolder(files: Map<string, Buffer>): { files: Map<string, Buffer>; folder: string | null } {
  if (files.has("problem.yaml") || files.size === 0) return { files, folder: null };
  const tops = new Set([...files.keys()].map((k) => k.split("/")[0]));
  if (tops.size !== 1) return { files, folder: null };
  const [folder] = tops;
  if (![...files.keys()].every((k) => k.startsWith(`${folder}/`))) return { files, folder: null };
  const out = new Map<string, Buffer>();
  for (const [k, v] of files) out.set(k.slice(folder.length + 1), v);
  return { files: out, folder };
}

async function readStream(stream: Readable, cap: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > cap) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a zip from memory. Never throws for bad content: problems are reported in the result. */
export async function readZipPackage(
  zip: Buffer,
  sourceName: string,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<PackageFiles> {
  const problems: PackageProblem[] = [];
  const warnings: PackageProblem[] = [];
  const files = new Map<string, Buffer>();
  const name = sourceName.replace(/\.zip$/i, "");
  if (zip.length > limits.maxZipBytes) {
    problems.push({ path: "", message: `the zip is ${zip.length} bytes; at most ${limits.maxZipBytes} bytes are accepted` });
    return { files, sourceName: name, problems, warnings };
  }
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    problems.push({ path: "", message: `not a readable zip file (${(error as Error).message})` });
    return { files, sourceName: name, problems, warnings };
  }
  try {
    if (zipfile.entryCount > limits.maxFiles) {
      problems.push({ path: "", message: `the zip has ${zipfile.entryCount} entries; at most ${limits.maxFiles} are accepted` });
      return { files, sourceName: name, problems, warnings };
    }
    let declaredTotal = 0;
    let actualTotal = 0;
    for await (const entry of zipfile.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer; // decodeStrings: false
      const fileName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const display = JSON.stringify(fileName).slice(1, -1);
      const unsafe = unsafeNameReason(fileName);
      if (unsafe) {
        problems.push({ path: display, message: `unsafe zip entry: ${unsafe}` });
        continue;
      }
      const isDirName = fileName.endsWith("/");
      const rel = fileName.replace(/\/$/, "");
      // Unix "made by" host: the upper 16 bits of the external attributes are st_mode.
      const mode = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
      const type = mode & S_IFMT;
      if (type === S_IFLNK) {
        problems.push({ path: rel, message: "symbolic links are not allowed in a package" });
        continue;
      }
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
        problems.push({ path: rel, message: "special files (devices, pipes, sockets) are not allowed in a package" });
        continue;
      }
      if (isDirName || type === S_IFDIR) continue;
      if (isJunk(rel)) {
        warnings.push({ path: rel, message: "ignored (archiver or editor leftovers)" });
        continue;
      }
      if (entry.isEncrypted()) {
        problems.push({ path: rel, message: "encrypted zip entries are not supported" });
        continue;
      }
      if (files.has(rel)) {
        problems.push({ path: rel, message: "appears twice in the zip" });
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        problems.push({ path: rel, message: `file is ${entry.uncompressedSize} bytes uncompressed; at most ${limits.maxFileBytes} are accepted` });
        continue;
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        problems.push({ path: "", message: `the package is larger than ${limits.maxTotalBytes} bytes uncompressed (a zip bomb?); nothing was read past ${rel}` });
        break;
      }
      try {
        const stream = await zipfile.openReadStreamPromise(entry);
        // The sizes are validated by yauzl as it inflates; the cap is a second guard.
        const data = await readStream(stream, Math.min(limits.maxFileBytes, entry.uncompressedSize));
        if (!data) {
          problems.push({ path: rel, message: "decompresses to more bytes than its header says (a zip bomb?)" });
          break;
        }
        actualTotal += data.length;
        if (actualTotal > limits.maxTotalBytes) {
          problems.push({ path: "", message: `the package is larger than ${limits.maxTotalBytes} bytes uncompressed` });
          break;
        }
        files.set(rel, data);
      } catch (error) {
        problems.push({ path: rel, message: `cannot be decompressed (${(error as Error).message})` });
        break;
      }
    }
  } catch (error) {
    problems.push({ path: "", message: `the zip is corrupt (${(error as Error).message})` });
  } finally {
    zipfile.close();
  }
  const stripped = stripCommonFolder(files);
  return { files: stripped.files, sourceName: stripped.folder ?? name, problems, warnings };
}

/** Reads a package directory. Symlinks and special files are refused, as in a zip. */
export async function readDirPackage(dir: string, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): Promise<PackageFiles> {
  const problems: PackageProblem[] = [];
  const warnings: PackageProblem[] = [];
  const files = new Map<string, Buffer>();
  const root = path.resolve(dir);
  let count = 0;
  let total = 0;
  let stop = false;
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (stop) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (++count > limits.maxFiles) {
        problems.push({ path: "", message: `the package has more than ${limits.maxFiles} files` });
        stop = true;
        return;
      }
      if (isJunk(r)) {
        warnings.push({ path: r, message: "ignored (version control, archiver or editor leftovers)" });
        continue;
      }
      const st = await lstat(path.join(root, r));
      if (st.isSymbolicLink()) {
        problems.push({ path: r, message: "symbolic links are not allowed in a package" });
      } else if (st.isDirectory()) {
        await walk(r);
      } else if (!st.isFile()) {
        problems.push({ path: r, message: "special files (devices, pipes, sockets) are not allowed in a package" });
      } else if (st.size > limits.maxFileBytes) {
        problems.push({ path: r, message: `file is ${st.size} bytes; at most ${limits.maxFileBytes} are accepted` });
      } else {
        total += st.size;
        if (total > limits.maxTotalBytes) {
          problems.push({ path: "", message: `the package is larger than ${limits.maxTotalBytes} bytes` });
          stop = true;
          return;
        }
        files.set(r, await readFile(path.join(root, r)));
      }
    }
  }
  const st = await lstat(root).catch(() => null);
  if (!st || !st.isDirectory()) {
    problems.push({ path: "", message: `${dir} is not a directory` });
  } else {
    await walk("");
  }
  return { files, sourceName: path.basename(root), problems, warnings };
}
