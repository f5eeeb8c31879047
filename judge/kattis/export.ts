/**
 * A problem in the database -> a Kattis package (directory or zip) that imports back into the
 * same rows: problem.yaml, .timelimit, problem_statement/problem.md, data/, testdata.yaml per
 * scored group, output_validators/, submissions/ (the reference solutions) and arbiter.yaml
 * (Arbiter's own settings: slug, difficulty, languages, starter code).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import yazl from "yazl";
import type { Db } from "../../lib/db";
import { EXT_OF_LANGUAGE, FOLDER_OF_VERDICT, withoutAttribution, type ExpectedVerdict, type PackageMetadata, type ParsedProblem, type SourceLanguage } from "./parse";

/** What export needs of a problem (a ParsedProblem without test paths and warnings). */
export type ExportableProblem = Omit<ParsedProblem, "warnings" | "tests"> & {
  tests: Omit<ParsedProblem["tests"][number], "path">[];
};

function seconds(ms: number): string {
  return String(ms / 1000);
}

function validatorFlags(p: ExportableProblem): string | undefined {
  if (p.checker === "exact") return "case_sensitive space_change_sensitive";
  if (p.checker !== "float") return undefined;
  if (p.floatAbsTol !== null && p.floatAbsTol === p.floatRelTol) return `float_tolerance ${p.floatAbsTol}`;
  const parts: string[] = [];
  if (p.floatAbsTol !== null) parts.push(`float_absolute_tolerance ${p.floatAbsTol}`);
  if (p.floatRelTol !== null) parts.push(`float_relative_tolerance ${p.floatRelTol}`);
  // The judge's float checker has a default tolerance; Kattis needs one written out.
  return parts.length ? parts.join(" ") : "float_tolerance 1e-6";
}

const pad = (n: number) => String(n).padStart(3, "0");

/** The package's files, path -> content. */
export function problemToFiles(p: ExportableProblem): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const put = (name: string, content: string) => files.set(name, Buffer.from(content, "utf8"));

  const yamlDoc: Record<string, unknown> = { name: p.title };
  const meta: PackageMetadata = p.metadata;
  for (const k of ["author", "source", "source_url", "license", "rights_owner", "uuid", "keywords"] as const) if (meta[k] !== undefined) yamlDoc[k] = meta[k];
  if (p.scoring === "subtasks") yamlDoc.type = "scoring";
  if (p.checker === "custom") yamlDoc.validation = "custom";
  const flags = validatorFlags(p);
  if (flags) yamlDoc.validator_flags = flags;
  const limits: Record<string, number> = { memory: p.memoryLimitMb };
  if (meta.time_multiplier !== undefined) limits.time_multiplier = meta.time_multiplier;
  if (meta.time_safety_margin !== undefined) limits.time_safety_margin = meta.time_safety_margin;
  yamlDoc.limits = limits;
  put("problem.yaml", stringify(yamlDoc));
  put(".timelimit", `${seconds(p.timeLimitMs)}\n`);
  put("problem_statement/problem.md", withoutAttribution(p.statement, p.metadata));

  const arbiter: Record<string, unknown> = { slug: p.slug, difficulty: p.difficulty, stop_at_first_failure: p.stopAtFirstFailure };
  if (p.allowedLanguages.length) arbiter.allowed_languages = p.allowedLanguages;
  if (Object.keys(p.starterCode).length) arbiter.starter_code = p.starterCode;
  put("arbiter.yaml", stringify(arbiter));

  const counters = new Map<string, number>();
  const groupPoints = new Map<string, number>();
  for (const t of p.tests) {
    const folder = t.kind === "sample" ? "data/sample" : t.groupName ? `data/secret/${t.groupName}` : "data/secret";
    const n = (counters.get(folder) ?? 0) + 1;
    counters.set(folder, n);
    put(`${folder}/${pad(n)}.in`, t.input);
    put(`${folder}/${pad(n)}.ans`, t.expectedOutput);
    if (t.kind === "hidden") groupPoints.set(folder, Math.max(groupPoints.get(folder) ?? 0, t.points));
  }
  if (p.scoring === "subtasks") {
    // All-or-nothing groups: Kattis' "min" aggregation of accept_score gives exactly that.
    for (const [folder, pts] of groupPoints) put(`${folder}/testdata.yaml`, stringify({ accept_score: pts, grader_flags: "min", range: `0 ${pts}` }));
  }

  if (p.checker === "custom" && p.checkerSource !== null) {
    const ext = EXT_OF_LANGUAGE[(p.checkerLanguage ?? "cpp") as SourceLanguage] ?? "cpp";
    put(`output_validators/checker/checker.${ext}`, p.checkerSource);
  }
  for (const s of p.submissions) {
    const rest = s.name.split("/").slice(1).join("/") || `solution.${EXT_OF_LANGUAGE[s.language]}`;
    put(`submissions/${FOLDER_OF_VERDICT[s.expectedVerdict]}/${rest}`, s.source);
  }
  return files;
}

/** Loads a problem (with tests, reference solutions, package metadata) for export. */
export async function loadExportable(db: Db, slug: string): Promise<ExportableProblem | null> {
  const p = await db.problem.findUnique({
    where: { slug },
    include: {
      tests: { orderBy: { ordinal: "asc" } },
      referenceSolutions: { orderBy: { name: "asc" } },
      package: true,
    },
  });
  if (!p) return null;
  const json = <T>(s: string | undefined | null, fallback: T): T => {
    try {
      return s ? (JSON.parse(s) as T) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    slug: p.slug,
    title: p.title,
    statement: p.statement,
    timeLimitMs: p.timeLimitMs,
    memoryLimitMb: p.memoryLimitMb,
    checker: p.checker,
    floatAbsTol: p.floatAbsTol,
    floatRelTol: p.floatRelTol,
    checkerSource: p.checkerSource,
    checkerLanguage: p.checkerLanguage,
    scoring: p.scoring,
    difficulty: p.difficulty,
    stopAtFirstFailure: p.stopAtFirstFailure,
    allowedLanguages: json<string[]>(p.allowedLanguages, []),
    starterCode: json<Record<string, string>>(p.starterCode, {}),
    tests: p.tests.map((t) => ({ kind: t.kind, groupName: t.groupName, points: t.points, input: t.input, expectedOutput: t.expectedOutput })),
    submissions: p.referenceSolutions.map((s) => ({
      name: s.name,
      expectedVerdict: s.expectedVerdict as ExpectedVerdict,
      language: s.language as SourceLanguage,
      source: s.source,
    })),
    metadata: json<PackageMetadata>(p.package?.metadata, {}),
  };
}

export async function writeDirectory(files: Map<string, Buffer>, dir: string): Promise<void> {
  for (const [name, content] of files) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

export function zipFiles(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  // Fixed dates: the same problem always gives the same bytes.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  for (const name of [...files.keys()].sort()) zip.addBuffer(files.get(name)!, name, { mtime, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** Exports problem `slug` to `out` (a .zip file, else a directory). */
export async function exportProblem(db: Db, slug: string, out: string): Promise<{ files: number; bytes: number }> {
  const p = await loadExportable(db, slug);
  if (!p) throw new Error(`no problem with slug '${slug}'`);
  const files = problemToFiles(p);
  const bytes = [...files.values()].reduce((a, b) => a + b.length, 0);
  if (out.toLowerCase().endsWith(".zip")) {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFile(out, await zipFiles(files));
  } else await writeDirectory(files, out);
  return { files: files.size, bytes };
}
