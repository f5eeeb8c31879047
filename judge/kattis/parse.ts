/**
 * Kattis problem package (legacy format) -> a validated in-memory problem, ready for the
 * database. Every problem found is collected and reported together (PackageError), each with
 * the file it is about. See README.md for the mapping and what is not supported.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PackageError, type PackageProblem } from "./errors";
import { DEFAULT_PACKAGE_LIMITS, readDirPackage, readZipPackage, type PackageFiles, type PackageLimits } from "./files";
import { latexToMarkdown, plainTextToMarkdown } from "./statement";

export type CheckerKind = "exact" | "tokens" | "float" | "custom";
export type ExpectedVerdict = "accepted" | "wrong_answer" | "time_limit_exceeded" | "runtime_error";
export type SourceLanguage = "python" | "cpp" | "c" | "javascript";

/** submissions/<folder>/ -> the verdict every program in it must get. */
export const SUBMISSION_FOLDERS: Record<string, ExpectedVerdict> = {
  accepted: "accepted",
  wrong_answer: "wrong_answer",
  time_limit_exceeded: "time_limit_exceeded",
  run_time_error: "runtime_error",
};
export const FOLDER_OF_VERDICT: Record<ExpectedVerdict, string> = {
  accepted: "accepted",
  wrong_answer: "wrong_answer",
  time_limit_exceeded: "time_limit_exceeded",
  runtime_error: "run_time_error",
};

const LANGUAGE_OF_EXT: Record<string, SourceLanguage> = {
  py: "python",
  py3: "python",
  cpp: "cpp",
  cc: "cpp",
  cxx: "cpp",
  "c++": "cpp",
  c: "c",
  js: "javascript",
};
export const EXT_OF_LANGUAGE: Record<SourceLanguage, string> = { python: "py", cpp: "cpp", c: "c", javascript: "js" };
const VALIDATOR_LANGUAGES = new Set<SourceLanguage>(["python", "cpp", "c"]);
const HEADER_EXTS = new Set(["h", "hpp", "hh", "hxx"]);
/** Files Kattis allows beside test cases (descriptions, hints, illustrations): ignored. */
const TESTCASE_EXTRAS = new Set(["desc", "hint", "png", "jpg", "jpeg", "svg", "files"]);

export const DEFAULT_TIME_LIMIT_MS = 2000;
export const DEFAULT_MEMORY_LIMIT_MB = 256;
export const MAX_MEMORY_LIMIT_MB = 2048;
export const MAX_TIME_LIMIT_MS = 20_000;

export interface ParsedTest {
  /** Package path without extension, e.g. "data/secret/group1/01". */
  path: string;
  kind: "sample" | "hidden";
  groupName: string;
  points: number;
  input: string;
  expectedOutput: string;
}

export interface ParsedSubmission {
  /** Path under submissions/, e.g. "accepted/sol.py". */
  name: string;
  expectedVerdict: ExpectedVerdict;
  language: SourceLanguage;
  source: string;
}

/** problem.yaml fields Arbiter has no column for, kept for attribution and export. */
export interface PackageMetadata {
  author?: string;
  source?: string;
  source_url?: string;
  license?: string;
  rights_owner?: string;
  uuid?: string;
  keywords?: string;
  time_multiplier?: number;
  time_safety_margin?: number;
}

export interface ParsedProblem {
  slug: string;
  title: string;
  statement: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  checker: CheckerKind;
  floatAbsTol: number | null;
  floatRelTol: number | null;
  checkerSource: string | null;
  checkerLanguage: string | null;
  scoring: "icpc" | "subtasks";
  difficulty: "easy" | "medium" | "hard";
  stopAtFirstFailure: boolean;
  allowedLanguages: string[];
  starterCode: Record<string, string>;
  tests: ParsedTest[];
  submissions: ParsedSubmission[];
  metadata: PackageMetadata;
  warnings: PackageProblem[];
}

// ---------------------------------------------------------------------------------------------
// problem.yaml, testdata.yaml, arbiter.yaml schemas
// ---------------------------------------------------------------------------------------------

const text = z.union([z.string(), z.number()]).transform(String);
const positive = z.number({ error: "must be a number" }).positive({ error: "must be greater than 0" });

const limitsSchema = z.strictObject({
  time_multiplier: positive.optional(),
  time_safety_margin: positive.optional(),
  memory: z.number({ error: "must be a whole number of MiB" }).int({ error: "must be a whole number of MiB" }).positive({ error: "must be greater than 0" }).optional(),
  output: positive.optional(),
  code: positive.optional(),
  compilation_time: positive.optional(),
  compilation_memory: positive.optional(),
  validation_time: positive.optional(),
  validation_memory: positive.optional(),
  validation_output: positive.optional(),
  // 2023-07 format name, accepted here too: seconds.
  time_limit: positive.optional(),
});

const problemYamlSchema = z.strictObject({
  problem_format_version: text.optional(),
  name: z.union([text, z.record(z.string(), text)]).optional(),
  uuid: text.optional(),
  author: text.optional(),
  source: text.optional(),
  source_url: text.optional(),
  license: z
    .enum(["unknown", "public domain", "cc0", "cc by", "cc by-sa", "educational", "permission"], {
      error: "must be one of unknown, public domain, cc0, cc by, cc by-sa, educational, permission",
    })
    .optional(),
  rights_owner: text.optional(),
  keywords: z.union([text, z.array(text)]).optional(),
  type: z.enum(["pass-fail", "scoring"], { error: "must be pass-fail or scoring" }).optional(),
  validation: z.string({ error: "must be a string (default, custom)" }).optional(),
  validator_flags: text.optional(),
  languages: z.union([text, z.array(text)]).optional(),
  grading: z.record(z.string(), z.unknown()).optional(),
  limits: limitsSchema.optional(),
});
type ProblemYaml = z.infer<typeof problemYamlSchema>;

const testdataYamlSchema = z.strictObject({
  on_reject: z.enum(["break", "continue"], { error: "must be break or continue" }).optional(),
  grading: z.enum(["default", "custom"], { error: "must be default or custom" }).optional(),
  grader_flags: text.optional(),
  input_validator_flags: z.union([text, z.record(z.string(), text)]).optional(),
  output_validator_flags: text.optional(),
  accept_score: z.number({ error: "must be a number" }).optional(),
  reject_score: z.number({ error: "must be a number" }).optional(),
  range: text.optional(),
});
type TestdataYaml = z.infer<typeof testdataYamlSchema>;

/** Arbiter's own settings (written by export; optional on import). */
const arbiterYamlSchema = z.strictObject({
  slug: z.string().optional(),
  difficulty: z.enum(["easy", "medium", "hard"], { error: "must be easy, medium or hard" }).optional(),
  stop_at_first_failure: z.boolean({ error: "must be true or false" }).optional(),
  allowed_languages: z.array(z.string()).optional(),
  starter_code: z.record(z.string(), z.string()).optional(),
});

const KNOWN_TOP_LEVEL = [
  "problem.yaml",
  "problem_statement/",
  "data/",
  "submissions/",
  "output_validators/",
  "input_validators/",
  "input_format_validators/",
  "attachments/",
  "generators/",
  "include/",
  ".timelimit",
  "arbiter.yaml",
];

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

class Collector {
  readonly problems: PackageProblem[] = [];
  readonly warnings: PackageProblem[] = [];
  error(path: string, message: string) {
    this.problems.push({ path, message });
  }
  warn(path: string, message: string) {
    this.warnings.push({ path, message });
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 text of a file, or null (with a problem recorded) when it is not text. */
function textOf(c: Collector, path: string, data: Buffer): string | null {
  let s: string;
  try {
    s = utf8.decode(data);
  } catch {
    c.error(path, "is not valid UTF-8 text");
    return null;
  }
  if (s.includes("\0")) {
    c.error(path, "contains NUL bytes (binary files are not supported here)");
    return null;
  }
  return s;
}

function zodMessages(c: Collector, path: string, error: z.ZodError) {
  for (const issue of error.issues) {
    const where = issue.path.join(".");
    if (issue.code === "unrecognized_keys") {
      const prefix = where ? `${where}.` : "";
      c.error(path, `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${prefix}${k}'`).join(", ")}`);
    } else {
      c.error(path, `${where ? `${where}: ` : ""}${issue.message}`);
    }
  }
}

function parseYamlFile<T>(c: Collector, path: string, data: Buffer, schema: z.ZodType<T>): T | null {
  const src = textOf(c, path, data);
  if (src === null) return null;
  let raw: unknown;
  try {
    raw = parseYaml(src) ?? {};
  } catch (error) {
    c.error(path, `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    return null;
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    c.error(path, "must be a YAML mapping (key: value lines)");
    return null;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    zodMessages(c, path, r.error);
    return null;
  }
  return r.data;
}

function ext(name: string): string {
  const base = name.split("/").pop()!;
  const i = base.lastIndexOf(".");
  return i <= 0 ? "" : base.slice(i + 1).toLowerCase();
}

function stripExt(name: string): string {
  const i = name.lastIndexOf(".");
  return i <= name.lastIndexOf("/") ? name : name.slice(0, i);
}

/** Kattis order: lexicographic per path segment (files and groups of a folder together). */
export function comparePaths(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) return as[i] < bs[i] ? -1 : 1;
  }
  return as.length - bs.length;
}

export function normaliseSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function parseValidatorFlags(c: Collector, flags: string, where: string) {
  const out = { caseSensitive: false, spaceSensitive: false, abs: null as number | null, rel: null as number | null };
  const tokens = flags.trim() === "" ? [] : flags.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === "case_sensitive") out.caseSensitive = true;
    else if (t === "space_change_sensitive") out.spaceSensitive = true;
    else if (t === "float_tolerance" || t === "float_absolute_tolerance" || t === "float_relative_tolerance") {
      const v = Number(tokens[i + 1]);
      if (tokens[i + 1] === undefined || !Number.isFinite(v) || v < 0) {
        c.error(where, `validator_flags: ${t} needs a non-negative number after it`);
        i++;
        continue;
      }
      i++;
      if (t !== "float_relative_tolerance") out.abs = v;
      if (t !== "float_absolute_tolerance") out.rel = v;
    } else c.error(where, `validator_flags: unknown flag '${t}' (known: case_sensitive, space_change_sensitive, float_tolerance, float_absolute_tolerance, float_relative_tolerance)`);
  }
  return out;
}

/** Inlines `#include "local.h"` of files in the validator's folder (once each). */
function inlineIncludes(c: Collector, dir: string, mainPath: string, sources: Map<string, string>): string {
  const seen = new Set<string>();
  const expand = (path: string, src: string): string =>
    src.replace(/^[ \t]*#[ \t]*include[ \t]*"([^"]+)"[^\n]*$/gm, (line, inc: string) => {
      const p = `${dir}/${inc}`;
      const body = sources.get(p);
      if (body === undefined) {
        c.error(path, `includes "${inc}", which is not in ${dir}/`);
        return line;
      }
      if (seen.has(p)) return `// ${inc} (already included)`;
      seen.add(p);
      return `// ---- begin ${inc} ----\n${expand(p, body)}\n// ---- end ${inc} ----`;
    });
  return expand(mainPath, sources.get(mainPath)!);
}

/**
 * The credit line for problem.yaml's author/source/licence, shown under the statement (CC BY
 * licences require attribution wherever the statement is shown). Export strips it again, so a
 * round trip keeps the statement identical.
 */
export function attributionOf(meta: PackageMetadata): string {
  const esc = (v: string) => v.replace(/[\\`*_{}[\]<>#|$~]/g, (ch) => `\\${ch}`);
  const parts: string[] = [];
  if (meta.author) parts.push(`Author: ${esc(meta.author)}`);
  if (meta.source) parts.push(meta.source_url && /^https?:\/\//.test(meta.source_url) ? `Source: [${esc(meta.source)}](${meta.source_url})` : `Source: ${esc(meta.source)}`);
  if (meta.rights_owner && meta.rights_owner !== meta.source && meta.rights_owner !== meta.author) parts.push(`Rights owner: ${esc(meta.rights_owner)}`);
  if (meta.license && meta.license !== "unknown") parts.push(`License: ${/^cc/.test(meta.license) ? meta.license.toUpperCase() : meta.license}`);
  return parts.length ? `\n---\n\n*${parts.join(" · ")}*\n` : "";
}

export function withAttribution(statement: string, meta: PackageMetadata): string {
  const a = attributionOf(meta);
  if (!a || statement.endsWith(a)) return statement;
  return statement.replace(/\s*$/, "\n") + a;
}

export function withoutAttribution(statement: string, meta: PackageMetadata): string {
  const a = attributionOf(meta);
  return a && statement.endsWith(a) ? statement.slice(0, -a.length) : statement;
}

// ---------------------------------------------------------------------------------------------
// the parser
// ---------------------------------------------------------------------------------------------

export interface ParseOptions {
  /** Slug to use instead of the one from arbiter.yaml or the package's name. */
  slug?: string;
}

/** Parses files already read (files.ts). Throws PackageError listing every problem found. */
export function parseKattisFiles(pkg: PackageFiles, options: ParseOptions = {}): ParsedProblem {
  if (pkg.files.size === 0 && pkg.problems.length > 0) throw new PackageError(pkg.problems, pkg.warnings);
  const c = new Collector();
  c.problems.push(...pkg.problems);
  c.warnings.push(...pkg.warnings);
  const files = pkg.files;
  const paths = [...files.keys()].sort(comparePaths);
  const under = (prefix: string) => paths.filter((p) => p.startsWith(prefix));

  // ---- top level
  const topLevel = new Set<string>();
  for (const p of paths) topLevel.add(p.includes("/") ? `${p.split("/")[0]}/` : p);
  for (const t of topLevel) {
    if (KNOWN_TOP_LEVEL.includes(t)) continue;
    if (t === "statement/") c.error(t, "the 2023-07 package format is not supported; put the statement in problem_statement/ (legacy format)");
    else if (!t.endsWith("/") && KNOWN_TOP_LEVEL.includes(`${t}/`)) c.error(t, `must be a folder, not a file`);
    else c.error(t, `unknown top-level entry (a Kattis package has ${KNOWN_TOP_LEVEL.join(", ")})`);
  }
  for (const t of ["input_validators/", "input_format_validators/"]) if (topLevel.has(t)) c.warn(t, "input validators are not run by Arbiter (ignored)");
  for (const t of ["attachments/", "generators/", "include/"]) if (topLevel.has(t)) c.warn(t, "not imported (ignored)");

  // ---- problem.yaml
  let yamlConf: ProblemYaml | null = null;
  const yamlData = files.get("problem.yaml");
  if (!yamlData) c.error("problem.yaml", "is missing (every Kattis package has one at its root)");
  else yamlConf = parseYamlFile(c, "problem.yaml", yamlData, problemYamlSchema);
  const conf: ProblemYaml = yamlConf ?? {};
  if (conf.problem_format_version !== undefined && conf.problem_format_version !== "legacy") {
    c.error("problem.yaml", `problem_format_version: '${conf.problem_format_version}' is not supported (only the legacy format)`);
  }

  // ---- arbiter.yaml (optional)
  let arbiter: z.infer<typeof arbiterYamlSchema> = {};
  const arbiterData = files.get("arbiter.yaml");
  if (arbiterData) arbiter = parseYamlFile(c, "arbiter.yaml", arbiterData, arbiterYamlSchema) ?? {};

  // ---- slug
  const slugSource = options.slug ?? arbiter.slug ?? pkg.sourceName;
  const slug = options.slug !== undefined ? options.slug : normaliseSlug(slugSource);
  if (!SLUG_RE.test(slug)) {
    c.error("", `cannot make a valid slug from '${slugSource}' (lowercase letters, digits and dashes, at most 64)`);
  } else if (slug !== slugSource) c.warn("", `slug '${slug}' made from '${slugSource}'`);

  // ---- limits
  let timeLimitMs = DEFAULT_TIME_LIMIT_MS;
  const tl = files.get(".timelimit");
  if (tl) {
    const s = textOf(c, ".timelimit", tl);
    const v = s === null ? NaN : Number(s.trim());
    if (s !== null && (!/^\s*\d+(\.\d+)?\s*$/.test(s) || !(v > 0))) c.error(".timelimit", `must hold a positive number of seconds, found '${s.trim().slice(0, 40)}'`);
    else if (s !== null) timeLimitMs = Math.round(v * 1000);
  } else if (conf.limits?.time_limit !== undefined) {
    timeLimitMs = Math.round(conf.limits.time_limit * 1000);
  } else if (yamlConf) {
    c.warn(".timelimit", `missing: time limit set to ${DEFAULT_TIME_LIMIT_MS / 1000} s (Kattis computes it from the accepted submissions × time_multiplier; verify reports that value)`);
  }
  if (timeLimitMs > MAX_TIME_LIMIT_MS) c.error(tl ? ".timelimit" : "problem.yaml", `time limit ${timeLimitMs / 1000} s is above the server maximum of ${MAX_TIME_LIMIT_MS / 1000} s`);
  if (timeLimitMs < 1) c.error(".timelimit", "time limit must be at least 1 ms");
  let memoryLimitMb = DEFAULT_MEMORY_LIMIT_MB;
  if (conf.limits?.memory !== undefined) {
    memoryLimitMb = conf.limits.memory;
    if (memoryLimitMb > MAX_MEMORY_LIMIT_MB) c.error("problem.yaml", `limits.memory: ${memoryLimitMb} MiB is above the server maximum of ${MAX_MEMORY_LIMIT_MB} MiB`);
  } else if (yamlConf) {
    c.warn("problem.yaml", `limits.memory not set: using ${DEFAULT_MEMORY_LIMIT_MB} MiB (Kattis' default is 2048 MiB)`);
  }
  for (const k of ["output", "code", "compilation_time", "compilation_memory", "validation_time", "validation_memory", "validation_output"] as const) {
    if (conf.limits?.[k] !== undefined) c.warn("problem.yaml", `limits.${k} is not used by Arbiter (the server's limits apply)`);
  }
  if (conf.languages !== undefined) c.warn("problem.yaml", "languages is ignored (use arbiter.yaml allowed_languages)");
  if (conf.grading !== undefined) c.warn("problem.yaml", "grading is ignored (scoring follows type and testdata.yaml)");

  // ---- statement
  let statement = "";
  let statementTitle: string | null = null;
  let statementFormat: string | undefined;
  const stFiles = under("problem_statement/");
  if (stFiles.length === 0) {
    c.error("problem_statement/", "is missing (needs problem.en.tex, problem.tex, problem.en.md or problem.md)");
  } else {
    const candidates = ["problem.en.md", "problem.md", "problem.en.tex", "problem.tex", "problem.en.txt", "problem.txt"].map((n) => `problem_statement/${n}`);
    const chosen = candidates.find((p) => files.has(p));
    if (!chosen) {
      c.error("problem_statement/", `no statement found: expected one of ${candidates.map((p) => p.split("/")[1]).join(", ")}`);
    } else {
      const src = textOf(c, chosen, files.get(chosen)!);
      statementFormat = ext(chosen);
      if (src !== null) {
        if (statementFormat === "tex") {
          const conv = latexToMarkdown(src);
          statement = conv.markdown;
          statementTitle = conv.title;
          for (const w of conv.warnings) c.warn(chosen, `LaTeX: ${w}`);
        } else if (statementFormat === "md") statement = src;
        else statement = plainTextToMarkdown(src);
        if (statement.trim() === "") c.error(chosen, "the statement is empty");
      }
      for (const p of stFiles) {
        if (p === chosen) continue;
        if (/^problem_statement\/problem\.[a-z]{2}(-[A-Za-z]+)?\.(tex|md|txt)$/.test(p) || /^problem_statement\/problem\.(tex|md|txt)$/.test(p)) c.warn(p, `another statement; only ${chosen.split("/")[1]} is imported`);
        else c.warn(p, "statement files besides the statement itself (images, .cls...) are not imported");
      }
    }
  }

  // ---- title
  let title = "";
  if (typeof conf.name === "string") title = conf.name;
  else if (conf.name) title = conf.name.en ?? Object.values(conf.name)[0] ?? "";
  title = title.trim() || statementTitle?.trim() || "";
  if (!title && yamlConf) c.error("problem.yaml", "name is missing (and the statement has no \\problemname{...})");
  if (title.length > 200) c.error("problem.yaml", "name is longer than 200 characters");

  // ---- checker
  let checker: CheckerKind = "tokens";
  let floatAbsTol: number | null = null;
  let floatRelTol: number | null = null;
  let checkerSource: string | null = null;
  let checkerLanguage: string | null = null;
  const validation = (conf.validation ?? "default").trim();
  const validators = under("output_validators/");
  if (validation === "default") {
    const flags = parseValidatorFlags(c, String(conf.validator_flags ?? ""), "problem.yaml");
    if (flags.abs !== null || flags.rel !== null) {
      checker = "float";
      floatAbsTol = flags.abs;
      floatRelTol = flags.rel;
    } else if (flags.caseSensitive && flags.spaceSensitive) checker = "exact";
    if (validators.length > 0) c.error("output_validators/", "is present but problem.yaml does not say 'validation: custom'");
  } else if (validation === "custom") {
    if (conf.validator_flags !== undefined && String(conf.validator_flags).trim() !== "") {
      c.error("problem.yaml", "validator_flags with a custom output validator are not supported (Arbiter runs it without arguments beyond input, answer and feedback dir)");
    }
    const v = readValidator(c, files, validators);
    if (v) {
      checker = "custom";
      checkerSource = v.source;
      checkerLanguage = v.language;
    }
  } else if (/interactive/.test(validation)) {
    c.error("problem.yaml", `validation: '${validation}': interactive problems are not supported`);
  } else if (/score/.test(validation)) {
    c.error("problem.yaml", `validation: '${validation}': validators that report a score are not supported`);
  } else {
    c.error("problem.yaml", `validation: '${validation}' is unknown (use default or custom)`);
  }

  // ---- test data
  const scoring = conf.type === "scoring" ? "subtasks" : "icpc";
  const tests = readTests(c, files, under("data/"), scoring);

  // ---- submissions
  const submissions = readSubmissions(c, files, under("submissions/"));

  // ---- arbiter settings
  const allowedLanguages = arbiter.allowed_languages ?? [];
  for (const l of allowedLanguages) if (!(l in EXT_OF_LANGUAGE)) c.error("arbiter.yaml", `allowed_languages: unknown language '${l}' (known: ${Object.keys(EXT_OF_LANGUAGE).join(", ")})`);

  const metadata: PackageMetadata = {};
  for (const k of ["author", "source", "source_url", "license", "rights_owner", "uuid"] as const) {
    if (conf[k] !== undefined) metadata[k] = String(conf[k]);
  }
  if (conf.keywords !== undefined) metadata.keywords = Array.isArray(conf.keywords) ? conf.keywords.join(" ") : conf.keywords;
  if (conf.limits?.time_multiplier !== undefined) metadata.time_multiplier = conf.limits.time_multiplier;
  if (conf.limits?.time_safety_margin !== undefined) metadata.time_safety_margin = conf.limits.time_safety_margin;
  if (statementFormat === "tex") c.warn("problem_statement/", "the LaTeX statement was converted to Markdown (export writes problem.md)");

  if (c.problems.length > 0) throw new PackageError(c.problems, c.warnings);
  return {
    slug,
    title,
    statement: withAttribution(statement, metadata),
    timeLimitMs,
    memoryLimitMb,
    checker,
    floatAbsTol,
    floatRelTol,
    checkerSource,
    checkerLanguage,
    scoring,
    difficulty: arbiter.difficulty ?? "medium",
    stopAtFirstFailure: arbiter.stop_at_first_failure ?? scoring === "icpc",
    allowedLanguages,
    starterCode: arbiter.starter_code ?? {},
    tests,
    submissions,
    metadata,
    warnings: c.warnings,
  };
}

function readValidator(c: Collector, files: Map<string, Buffer>, paths: string[]): { source: string; language: SourceLanguage } | null {
  if (paths.length === 0) {
    c.error("output_validators/", "is missing or empty, but problem.yaml says 'validation: custom'");
    return null;
  }
  const programs = new Set(paths.map((p) => p.split("/").slice(0, 2).join("/") + (p.split("/").length > 2 ? "/" : "")));
  if (programs.size > 1) {
    c.error("output_validators/", `holds ${programs.size} programs (${[...programs].join(", ")}); Arbiter supports exactly one`);
    return null;
  }
  const [program] = programs;
  const dir = program.endsWith("/") ? program.slice(0, -1) : "output_validators";
  const sources = new Map<string, string>();
  const mains: { path: string; language: SourceLanguage }[] = [];
  let bad = false;
  for (const p of paths) {
    const e = ext(p);
    if (p.slice(dir.length + 1).includes("/")) {
      c.error(p, "sub-folders inside an output validator are not supported");
      bad = true;
      continue;
    }
    const language = LANGUAGE_OF_EXT[e];
    if (language && VALIDATOR_LANGUAGES.has(language)) mains.push({ path: p, language });
    else if (!HEADER_EXTS.has(e)) {
      c.error(p, `output validators must be one Python, C or C++ source (with local headers); '${p.split("/").pop()}' is not supported`);
      bad = true;
      continue;
    }
    const s = textOf(c, p, files.get(p)!);
    if (s === null) bad = true;
    else sources.set(p, s);
  }
  if (bad) return null;
  const languages = new Set(mains.map((m) => m.language));
  if (mains.length === 0) {
    c.error(`${dir}/`, "has no Python, C or C++ source");
    return null;
  }
  if (languages.size > 1 || (mains.length > 1 && languages.has("python"))) {
    c.error(`${dir}/`, `has sources in more than one file or language (${mains.map((m) => m.path.split("/").pop()).join(", ")}); Arbiter compiles one source file`);
    return null;
  }
  if (mains.length > 1) {
    c.error(`${dir}/`, `has ${mains.length} source files (${mains.map((m) => m.path.split("/").pop()).join(", ")}); put shared code in a header (.h) and include it`);
    return null;
  }
  const main = mains[0];
  const source = main.language === "python" ? sources.get(main.path)! : inlineIncludes(c, dir, main.path, sources);
  return { source, language: main.language };
}

function readTests(c: Collector, files: Map<string, Buffer>, paths: string[], scoring: "icpc" | "subtasks"): ParsedTest[] {
  if (paths.length === 0) {
    c.error("data/", "is missing (needs data/sample/ and data/secret/ with .in/.ans pairs)");
    return [];
  }
  const yamls = new Map<string, TestdataYaml>(); // folder ("data", "data/secret/g1") -> settings
  const cases = new Map<string, { in?: string; ans?: string }>();
  for (const p of paths) {
    const parts = p.split("/");
    const name = parts[parts.length - 1];
    const folder = parts.slice(0, -1).join("/");
    if (name === "testdata.yaml") {
      if (folder.startsWith("data/sample")) c.warn(p, "testdata.yaml in data/sample is ignored");
      const y = parseYamlFile(c, p, files.get(p)!, testdataYamlSchema);
      if (y) yamls.set(folder, y);
      continue;
    }
    if (parts.length === 2) {
      c.error(p, "unexpected file in data/ (test cases go in data/sample/ and data/secret/)");
      continue;
    }
    if (parts[1] !== "sample" && parts[1] !== "secret") {
      c.error(`data/${parts[1]}/`, "unknown folder in data/ (only sample/ and secret/)");
      continue;
    }
    if (parts[1] === "sample" && parts.length > 3) {
      c.error(p, "folders inside data/sample/ are not supported");
      continue;
    }
    const e = ext(name);
    if (e === "in" || e === "ans") {
      const key = stripExt(p);
      const entry = cases.get(key) ?? {};
      const s = textOf(c, p, files.get(p)!);
      if (s !== null) entry[e] = s;
      else entry[e] = "";
      cases.set(key, entry);
    } else if (TESTCASE_EXTRAS.has(e)) {
      continue;
    } else if (e === "interaction") {
      c.error(p, "interactive problems (.interaction files) are not supported");
    } else {
      c.error(p, `unknown file in ${folder}/ (test cases are .in/.ans pairs; .desc, .hint and images are also allowed)`);
    }
  }
  for (const [key, v] of cases) {
    if (v.in === undefined) c.error(`${key}.ans`, `has no matching ${key.split("/").pop()}.in`);
    if (v.ans === undefined) c.error(`${key}.in`, `has no matching ${key.split("/").pop()}.ans`);
  }
  const keys = [...cases.keys()].filter((k) => cases.get(k)!.in !== undefined && cases.get(k)!.ans !== undefined).sort(comparePaths);
  if (!keys.some((k) => k.startsWith("data/secret/"))) {
    if (keys.length === 0) c.error("data/", "has no test cases (.in/.ans pairs in data/sample/ or data/secret/)");
    else c.warn("data/secret/", "has no test cases: submissions are judged on the samples only");
  }

  // Settings of a folder: testdata.yaml of data/, data/secret/, ... down to it (inherited).
  const settings = (folder: string): TestdataYaml => {
    const parts = folder.split("/");
    let s: TestdataYaml = {};
    for (let i = 1; i <= parts.length; i++) s = { ...s, ...(yamls.get(parts.slice(0, i).join("/")) ?? {}) };
    return s;
  };
  for (const [folder, y] of yamls) {
    if (y.grading === "custom") c.error(`${folder}/testdata.yaml`, "grading: custom is not supported");
    if (y.output_validator_flags !== undefined && String(y.output_validator_flags).trim() !== "") c.error(`${folder}/testdata.yaml`, "output_validator_flags per test group are not supported (set validator_flags in problem.yaml)");
    if (y.range !== undefined && !/^\s*-?\d+(\.\d+)?\s+-?\d+(\.\d+)?\s*$/.test(String(y.range))) c.error(`${folder}/testdata.yaml`, `range: '${y.range}' must be two numbers, "min max"`);
    if (y.grader_flags !== undefined) {
      for (const f of String(y.grader_flags).split(/\s+/).filter(Boolean)) {
        if (!["min", "sum", "first_error", "worst_error", "ignore_sample", "accept_if_any_accepted", "always_accept"].includes(f)) c.error(`${folder}/testdata.yaml`, `grader_flags: unknown flag '${f}'`);
      }
    }
  }

  const tests: ParsedTest[] = [];
  const groupCount = new Map<string, number>();
  for (const k of keys) {
    const folder = k.split("/").slice(0, -1).join("/");
    groupCount.set(folder, (groupCount.get(folder) ?? 0) + 1);
  }
  const pointsOf = (folder: string): number => {
    if (scoring !== "subtasks" || folder === "data/sample") return 0;
    const s = settings(folder);
    let pts: number;
    if (s.range !== undefined) pts = Number(String(s.range).trim().split(/\s+/)[1]);
    else {
      const accept = s.accept_score ?? 1;
      const min = String(s.grader_flags ?? "").split(/\s+/).includes("min");
      pts = min ? accept : accept * (groupCount.get(folder) ?? 0);
    }
    if (!Number.isInteger(pts) || pts < 0) {
      c.error(`${folder}/`, `group points must be a whole number ≥ 0 (from testdata.yaml: ${pts})`);
      return 0;
    }
    return pts;
  };
  const pointsCache = new Map<string, number>();
  for (const k of keys) {
    const v = cases.get(k)!;
    const kind = k.startsWith("data/sample/") ? "sample" : "hidden";
    const folder = k.split("/").slice(0, -1).join("/");
    let groupName = kind === "sample" ? "" : folder.split("/").slice(2).join("/");
    if (kind === "hidden" && groupName === "" && scoring === "subtasks") groupName = "secret";
    if (!pointsCache.has(folder)) pointsCache.set(folder, pointsOf(folder));
    tests.push({ path: k, kind, groupName, points: pointsCache.get(folder)!, input: v.in!, expectedOutput: v.ans! });
  }
  return tests;
}

function readSubmissions(c: Collector, files: Map<string, Buffer>, paths: string[]): ParsedSubmission[] {
  const out: ParsedSubmission[] = [];
  const programs = new Map<string, string[]>(); // "accepted/sol.py" or "accepted/dirprog/" -> files
  for (const p of paths) {
    const parts = p.split("/");
    if (parts.length === 2) {
      c.error(p, "submissions go in a verdict folder (submissions/accepted/, wrong_answer/, time_limit_exceeded/, run_time_error/)");
      continue;
    }
    if (!(parts[1] in SUBMISSION_FOLDERS)) {
      c.error(`submissions/${parts[1]}/`, `unknown verdict folder (known: ${Object.keys(SUBMISSION_FOLDERS).join(", ")})`);
      continue;
    }
    const key = parts.length === 3 ? `${parts[1]}/${parts[2]}` : `${parts[1]}/${parts[2]}/`;
    programs.set(key, [...(programs.get(key) ?? []), p]);
  }
  for (const [key, progFiles] of programs) {
    const expectedVerdict = SUBMISSION_FOLDERS[key.split("/")[0]];
    let main: string;
    if (key.endsWith("/")) {
      const sources = progFiles.filter((p) => LANGUAGE_OF_EXT[ext(p)]);
      if (progFiles.length !== 1 || sources.length !== 1) {
        c.warn(`submissions/${key}`, "multi-file submissions are not supported: skipped");
        continue;
      }
      main = sources[0];
    } else main = progFiles[0];
    const language = LANGUAGE_OF_EXT[ext(main)];
    if (!language) {
      c.warn(main, `language of '.${ext(main)}' files is not supported by Arbiter: skipped (supported: .py, .c, .cpp/.cc, .js)`);
      continue;
    }
    const source = textOf(c, main, files.get(main)!);
    if (source === null) continue;
    out.push({ name: key.endsWith("/") ? main.slice("submissions/".length) : key, expectedVerdict, language, source });
  }
  return out;
}

export interface LoadOptions extends ParseOptions {
  limits?: PackageLimits;
}

/** Reads and parses a package from a directory or a .zip file path. */
export async function loadKattisPackage(pathOrZip: string, options: LoadOptions = {}): Promise<ParsedProblem> {
  const { readFile, stat } = await import("node:fs/promises");
  const path = await import("node:path");
  const st = await stat(pathOrZip).catch(() => null);
  if (!st) throw new PackageError([{ path: "", message: `${pathOrZip} does not exist` }]);
  const limits = options.limits ?? DEFAULT_PACKAGE_LIMITS;
  const pkg = st.isDirectory()
    ? await readDirPackage(pathOrZip, limits)
    : st.size > limits.maxZipBytes
      ? { files: new Map(), sourceName: "", problems: [{ path: "", message: `the zip is ${st.size} bytes; at most ${limits.maxZipBytes} are accepted` }], warnings: [] }
      : await readZipPackage(await readFile(pathOrZip), path.basename(pathOrZip), limits);
  return parseKattisFiles(pkg, options);
}

/** Reads and parses a zip held in memory (an upload). */
export async function parseKattisZip(zip: Buffer, fileName: string, options: LoadOptions = {}): Promise<ParsedProblem> {
  const pkg = await readZipPackage(zip, fileName, options.limits ?? DEFAULT_PACKAGE_LIMITS);
  return parseKattisFiles(pkg, options);
}
