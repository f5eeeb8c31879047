import "server-only";
import { z } from "zod";
import { parsePythonPolicy } from "../sandbox/policy/python-policy";
import { prisma } from "./db";
import type { SessionUser } from "./auth/guards";

/** Can this user see drafts? Only instructors and admins. */
export function canSeeDrafts(user: Pick<SessionUser, "role">): boolean {
  return user.role === "instructor" || user.role === "admin";
}

const DIFFICULTY_RANK: Record<string, number> = { easy: 0, medium: 1, hard: 2 };

export async function listPublishedProblems() {
  const rows = await prisma.problem.findMany({
    where: { visibility: "published" },
    select: { slug: true, title: true, difficulty: true, timeLimitMs: true, memoryLimitMb: true, checker: true },
  });
  // Enum order differs between providers (text on SQLite): sort here.
  return rows.sort(
    (a, b) => (DIFFICULTY_RANK[a.difficulty] ?? 9) - (DIFFICULTY_RANK[b.difficulty] ?? 9) || a.title.localeCompare(b.title),
  );
}

const starterSchema = z.record(z.string(), z.string()).catch({});
const languagesSchema = z.array(z.string()).catch([]);

/**
 * A problem as a student may see it: statement, limits and SAMPLE tests only. Hidden tests are
 * never selected here, so they cannot reach a page or a client component by accident.
 */
export async function getProblemForUser(slug: string, user: SessionUser) {
  const problem = await prisma.problem.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      statement: true,
      difficulty: true,
      timeLimitMs: true,
      memoryLimitMb: true,
      checker: true,
      floatAbsTol: true,
      floatRelTol: true,
      scoring: true,
      visibility: true,
      allowedLanguages: true,
      starterCode: true,
      pythonPolicy: true,
      tests: {
        where: { kind: "sample" },
        orderBy: { ordinal: "asc" },
        select: { ordinal: true, input: true, expectedOutput: true },
      },
    },
  });
  if (!problem) return null;
  if (problem.visibility !== "published" && !canSeeDrafts(user)) return null;
  const { tests, allowedLanguages, starterCode, pythonPolicy, ...rest } = problem;
  let langs: string[] = [];
  let starter: Record<string, string> = {};
  try {
    langs = languagesSchema.parse(JSON.parse(allowedLanguages));
    starter = starterSchema.parse(JSON.parse(starterCode));
  } catch {
    /* malformed JSON: treat as empty */
  }
  return { ...rest, samples: tests, allowedLanguages: langs, starterCode: starter, pythonPolicy: parsePythonPolicy(pythonPolicy) };
}

