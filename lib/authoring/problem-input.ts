/**
 * What an instructor may set on a problem, validated once from the editor's form. Pure (no
 * database), so the rules are easy to test.
 */
import { z } from "zod";
import { LANGUAGE_IDS } from "../../sandbox/languages";
import { pythonPolicySchema } from "../../sandbox/policy/python-policy";

const optionalNumber = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a number ≥ 0` });
      return z.NEVER;
    }
    return n;
  });

const jsonField = <T extends z.ZodType>(schema: T, what: string) =>
  z.string().transform((v, ctx): z.infer<T> | null => {
    if (v.trim() === "") return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: "custom", message: `${what} is not valid JSON` });
      return z.NEVER;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      ctx.addIssue({ code: "custom", message: `${what}: ${result.error.issues[0]?.message ?? "invalid"}` });
      return z.NEVER;
    }
    return result.data;
  });

export const problemInputSchema = z
  .object({
    title: z.string().trim().min(1, "Title is required").max(200),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/, "Slug: 2–64 lowercase letters, digits and dashes, not starting or ending with a dash"),
    statement: z.string().max(200_000, "Statement is too long (200 000 characters at most)"),
    difficulty: z.enum(["easy", "medium", "hard"]),
    timeLimitMs: z.coerce.number().int().min(100, "Time limit: at least 100 ms").max(20_000, "Time limit: at most 20 000 ms"),
    memoryLimitMb: z.coerce.number().int().min(16, "Memory limit: at least 16 MiB").max(2048, "Memory limit: at most 2048 MiB"),
    checker: z.enum(["exact", "tokens", "float", "custom"]),
    floatAbsTol: optionalNumber,
    floatRelTol: optionalNumber,
    checkerSource: z.string().max(256 * 1024),
    checkerLanguage: z.enum(LANGUAGE_IDS as [string, ...string[]]).or(z.literal("")),
    scoring: z.enum(["icpc", "subtasks"]),
    stopAtFirstFailure: z.boolean(),
    visibility: z.enum(["draft", "published"]),
    allowedLanguages: z.array(z.enum(LANGUAGE_IDS as [string, ...string[]])),
    starterCode: z.record(z.string(), z.string().max(64 * 1024)),
    pythonPolicy: jsonField(pythonPolicySchema, "Python policy"),
  })
  .superRefine((p, ctx) => {
    if (p.checker === "float" && p.floatAbsTol === null && p.floatRelTol === null) {
      ctx.addIssue({ code: "custom", message: "A float checker needs an absolute or a relative tolerance", path: ["floatAbsTol"] });
    }
    if (p.checker === "custom" && (!p.checkerSource.trim() || !p.checkerLanguage)) {
      ctx.addIssue({ code: "custom", message: "A custom checker needs its source and language", path: ["checkerSource"] });
    }
  });

export type ProblemInput = z.infer<typeof problemInputSchema>;

/** Reads the editor's form fields (FormData) into the schema's shape. */
export function problemInputFromForm(form: FormData): z.ZodSafeParseResult<ProblemInput> {
  const starterCode: Record<string, string> = {};
  for (const id of LANGUAGE_IDS) {
    const code = String(form.get(`starter.${id}`) ?? "");
    if (code.trim()) starterCode[id] = code;
  }
  return problemInputSchema.safeParse({
    title: String(form.get("title") ?? ""),
    slug: String(form.get("slug") ?? ""),
    statement: String(form.get("statement") ?? ""),
    difficulty: form.get("difficulty"),
    timeLimitMs: form.get("timeLimitMs"),
    memoryLimitMb: form.get("memoryLimitMb"),
    checker: form.get("checker"),
    floatAbsTol: String(form.get("floatAbsTol") ?? ""),
    floatRelTol: String(form.get("floatRelTol") ?? ""),
    checkerSource: String(form.get("checkerSource") ?? ""),
    checkerLanguage: String(form.get("checkerLanguage") ?? ""),
    scoring: form.get("scoring"),
    stopAtFirstFailure: form.get("stopAtFirstFailure") === "on",
    visibility: form.get("visibility"),
    allowedLanguages: form.getAll("allowedLanguages").map(String),
    starterCode,
    pythonPolicy: String(form.get("pythonPolicy") ?? ""),
  });
}

/** The database columns for a validated input. */
export function problemColumns(p: ProblemInput) {
  return {
    title: p.title,
    slug: p.slug,
    statement: p.statement,
    difficulty: p.difficulty,
    timeLimitMs: p.timeLimitMs,
    memoryLimitMb: p.memoryLimitMb,
    checker: p.checker,
    floatAbsTol: p.checker === "float" ? p.floatAbsTol : null,
    floatRelTol: p.checker === "float" ? p.floatRelTol : null,
    checkerSource: p.checker === "custom" ? p.checkerSource : null,
    checkerLanguage: p.checker === "custom" ? p.checkerLanguage || null : null,
    scoring: p.scoring,
    stopAtFirstFailure: p.stopAtFirstFailure,
    visibility: p.visibility,
    allowedLanguages: JSON.stringify(p.allowedLanguages),
    starterCode: JSON.stringify(p.starterCode),
    pythonPolicy: p.pythonPolicy ? JSON.stringify(p.pythonPolicy) : "",
  };
}

/** Fields that differ between two versions (for the audit log and rejudge decisions). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** Changes that can change verdicts: affected submissions may need a rejudge. */
export const VERDICT_FIELDS = ["timeLimitMs", "memoryLimitMb", "checker", "floatAbsTol", "floatRelTol", "checkerSource", "checkerLanguage", "scoring", "stopAtFirstFailure", "pythonPolicy"];
