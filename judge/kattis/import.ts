/**
 * A parsed package -> database rows, in ONE transaction: the problem, its tests, its reference
 * solutions (the package's submissions/) and its package metadata. Any failure rolls it all
 * back: nothing half-imported is ever left behind.
 */
import type { Db } from "../../lib/db";
import type { ParsedProblem } from "./parse";

export class SlugClashError extends Error {
  constructor(readonly slug: string) {
    super(`a problem with slug '${slug}' already exists; import with --replace (the "Replace" option) to overwrite it, or choose another slug`);
    this.name = "SlugClashError";
  }
}

export interface ImportOptions {
  /** Overwrite an existing problem with the same slug (its id and submissions are kept). */
  replace?: boolean;
  /** Make the problem visible to students at once (default: draft). */
  publish?: boolean;
  /** User doing the import (author of a new problem, actor of the audit event). */
  userId?: string | null;
  /** Test seam: called between steps inside the transaction (a throw rolls everything back). */
  onStep?: (step: "problem" | "tests" | "solutions" | "package") => void | Promise<void>;
}

export interface ImportResult {
  problemId: string;
  slug: string;
  replaced: boolean;
  tests: number;
  submissions: number;
  ms: number;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function importProblem(db: Db, p: ParsedProblem, options: ImportOptions = {}): Promise<ImportResult> {
  const t0 = performance.now();
  const result = await db.$transaction(
    async (tx: Tx) => {
      const existing = await tx.problem.findUnique({ where: { slug: p.slug }, select: { id: true, visibility: true, publishedAt: true } });
      if (existing && !options.replace) throw new SlugClashError(p.slug);
      const visibility = options.publish ? "published" : (existing?.visibility ?? "draft");
      const data = {
        title: p.title,
        statement: p.statement,
        difficulty: p.difficulty,
        timeLimitMs: p.timeLimitMs,
        memoryLimitMb: p.memoryLimitMb,
        checker: p.checker,
        floatAbsTol: p.floatAbsTol,
        floatRelTol: p.floatRelTol,
        checkerSource: p.checkerSource,
        checkerLanguage: p.checkerLanguage,
        scoring: p.scoring,
        stopAtFirstFailure: p.stopAtFirstFailure,
        visibility,
        publishedAt: visibility === "published" ? (existing?.publishedAt ?? new Date()) : null,
        allowedLanguages: JSON.stringify(p.allowedLanguages),
        starterCode: JSON.stringify(p.starterCode),
      } as const;
      let problemId: string;
      if (existing) {
        problemId = existing.id;
        await tx.testCase.deleteMany({ where: { problemId } });
        await tx.referenceSolution.deleteMany({ where: { problemId } });
        await tx.problemPackage.deleteMany({ where: { problemId } });
        await tx.problem.update({ where: { id: problemId }, data });
      } else {
        const created = await tx.problem.create({ data: { ...data, slug: p.slug, authorId: options.userId ?? null }, select: { id: true } });
        problemId = created.id;
      }
      await options.onStep?.("problem");
      // In slices: SQLite caps the bound parameters of one statement.
      const rows = p.tests.map((t, i) => ({
        problemId,
        ordinal: i + 1,
        kind: t.kind,
        groupName: t.groupName,
        points: t.points,
        input: t.input,
        expectedOutput: t.expectedOutput,
      }));
      for (let i = 0; i < rows.length; i += 200) await tx.testCase.createMany({ data: rows.slice(i, i + 200) });
      await options.onStep?.("tests");
      if (p.submissions.length > 0) {
        await tx.referenceSolution.createMany({
          data: p.submissions.map((s) => ({ problemId, name: s.name, expectedVerdict: s.expectedVerdict, language: s.language, source: s.source })),
        });
      }
      await options.onStep?.("solutions");
      await tx.problemPackage.create({ data: { problemId, format: "kattis", metadata: JSON.stringify(p.metadata), importedById: options.userId ?? null } });
      await options.onStep?.("package");
      await tx.auditEvent.create({
        data: {
          actorId: options.userId ?? null,
          action: existing ? "problem.import.replace" : "problem.import",
          targetType: "problem",
          targetId: problemId,
          data: JSON.stringify({ slug: p.slug, format: "kattis", tests: rows.length, submissions: p.submissions.length, publish: !!options.publish }),
        },
      });
      return { problemId, replaced: !!existing };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { ...result, slug: p.slug, tests: p.tests.length, submissions: p.submissions.length, ms: Math.round(performance.now() - t0) };
}
