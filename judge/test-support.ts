/**
 * Test helpers: a fresh, migrated database per test file (SQLite file or a uniquely named
 * PostgreSQL database, dropped afterwards), and small row factories.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "../lib/db";
import { deployMigrations } from "../scripts/db/index.ts";

export type Provider = "sqlite" | "postgresql";

/** PostgreSQL server for tests (scripts/test.sh exports TEST_DATABASE_URL). */
export const PG_BASE_URL = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? "")
  ? process.env.TEST_DATABASE_URL!
  : "postgresql://arbiter:arbiter@127.0.0.1:5432/arbiter_test";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "arbiter-judge-"));
    const url = `file:${path.join(dir, "test.db")}`;
    await deployMigrations(url);
    const db = createPrismaClient(url);
    // createPrismaClient fires its PRAGMAs without awaiting them; let them finish before a
    // test opens a transaction (a PRAGMA inside one fails).
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("SELECT 1");
    return {
      url,
      db,
      async drop() {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `arbiter_judge_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const base = new URL(PG_BASE_URL);
  const url = new URL(PG_BASE_URL);
  url.pathname = `/${name}`;
  await deployMigrations(url.toString());
  const db = createPrismaClient(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      base.pathname = "/postgres";
      const admin = new pg.Client({ connectionString: base.toString() });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

let counter = 0;
export async function makeUser(db: Db, tag = "u"): Promise<string> {
  const id = `${tag}-${++counter}-${randomBytes(3).toString("hex")}`;
  await db.user.create({ data: { id, name: id, email: `${id}@test.local` } });
  return id;
}

export async function makeProblem(
  db: Db,
  data: Partial<{
    checker: "exact" | "tokens" | "float" | "custom";
    scoring: "icpc" | "subtasks";
    stopAtFirstFailure: boolean;
    timeLimitMs: number;
    tests: { input: string; expectedOutput: string; kind?: "sample" | "hidden"; groupName?: string; points?: number }[];
  }> = {},
): Promise<string> {
  const slug = `p-${++counter}-${randomBytes(3).toString("hex")}`;
  const p = await db.problem.create({
    data: {
      slug,
      title: slug,
      statement: "",
      visibility: "published",
      checker: data.checker ?? "tokens",
      scoring: data.scoring ?? "icpc",
      stopAtFirstFailure: data.stopAtFirstFailure ?? false,
      timeLimitMs: data.timeLimitMs ?? 1000,
      tests: { create: (data.tests ?? [{ input: "1 2\n", expectedOutput: "3\n", kind: "sample" }]).map((t, i) => ({ ordinal: i + 1, ...t })) },
    },
  });
  return p.id;
}

export async function makeSubmission(
  db: Db,
  data: { userId: string; problemId: string; source?: string; language?: string; priority?: number; createdAt?: Date },
): Promise<string> {
  const s = await db.submission.create({
    data: {
      userId: data.userId,
      problemId: data.problemId,
      language: data.language ?? "python",
      source: data.source ?? "print(3)\n",
      priority: data.priority ?? 0,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
    },
  });
  return s.id;
}
