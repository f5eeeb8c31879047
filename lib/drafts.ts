import "server-only";
import { z } from "zod";
import type { SessionUser } from "./auth/guards";
import { prisma } from "./db";
import { getProblemForUser } from "./problems";
import { MAX_SOURCE_BYTES, RUN_LANGUAGES, type RunLanguage } from "./runs/protocol";

/**
 * Editor drafts: one per user, problem and language (problem null = the playground). Saved by
 * the editor's debounced autosave (PUT /api/drafts), restored by the page on load.
 */

export const draftBodySchema = z
  .object({
    /** Problem slug; absent or null = playground. */
    problem: z.string().min(1).max(200).nullish(),
    language: z.enum(RUN_LANGUAGES),
    code: z
      .string()
      .refine((s) => Buffer.byteLength(s) <= MAX_SOURCE_BYTES, { message: `code is larger than ${MAX_SOURCE_BYTES} bytes` })
      .optional(),
  })
  .strict();

export type DraftMap = Partial<Record<RunLanguage, { code: string; updatedAt: string }>>;

/** The problem's id if `user` may see it; null for the playground; undefined if not found. */
export async function resolveDraftProblem(slug: string | null | undefined, user: SessionUser): Promise<string | null | undefined> {
  if (!slug) return null;
  const problem = await getProblemForUser(slug, user);
  return problem ? problem.id : undefined;
}

export async function loadDrafts(userId: string, problemId: string | null): Promise<DraftMap> {
  const rows = await prisma.draft.findMany({
    where: { userId, problemId },
    orderBy: { updatedAt: "asc" }, // the newest wins if the playground ever got two rows
    select: { language: true, code: true, updatedAt: true },
  });
  const out: DraftMap = {};
  for (const row of rows) {
    if ((RUN_LANGUAGES as readonly string[]).includes(row.language)) {
      out[row.language as RunLanguage] = { code: row.code, updatedAt: row.updatedAt.toISOString() };
    }
  }
  return out;
}

export async function saveDraft(userId: string, problemId: string | null, language: RunLanguage, code: string): Promise<Date> {
  if (problemId) {
    const row = await prisma.draft.upsert({
      where: { userId_problemId_language: { userId, problemId, language } },
      create: { userId, problemId, language, code },
      update: { code },
      select: { updatedAt: true },
    });
    return row.updatedAt;
  }
  // NULLs are distinct in unique indexes (SQLite and PostgreSQL): find, then update or create.
  return prisma.$transaction(async (tx) => {
    const existing = await tx.draft.findFirst({ where: { userId, problemId: null, language }, orderBy: { updatedAt: "desc" }, select: { id: true } });
    const row = existing
      ? await tx.draft.update({ where: { id: existing.id }, data: { code }, select: { updatedAt: true } })
      : await tx.draft.create({ data: { userId, problemId: null, language, code }, select: { updatedAt: true } });
    return row.updatedAt;
  });
}

export async function deleteDraft(userId: string, problemId: string | null, language: RunLanguage): Promise<void> {
  await prisma.draft.deleteMany({ where: { userId, problemId, language } });
}
