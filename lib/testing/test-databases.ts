/**
 * Fresh, migrated databases for tests: a SQLite file in a temp dir, or a uniquely named
 * PostgreSQL database on the server in TEST_DATABASE_URL (scripts/test.sh starts it). Tests that
 * import this must `vi.mock("server-only")`, as for any lib/ module.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "../../scripts/db/index.ts";
import { createPrismaClient, type Db } from "../db";

export type Provider = "sqlite" | "postgresql";

export interface TestDatabase {
  provider: Provider;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

const POSTGRES_BASE = process.env.TEST_DATABASE_URL?.startsWith("postgres")
  ? process.env.TEST_DATABASE_URL
  : "postgresql://arbiter:arbiter@127.0.0.1:5432/arbiter_test";

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "arbiter-test-db-"));
    const url = `file:${path.join(dir, "test.db")}`;
    await deployMigrations(url, { log: () => {} });
    const db = createPrismaClient(url);
    return { provider, url, db, drop: async () => {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    } };
  }
  const name = `arbiter_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_BASE });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_BASE.replace(/\/\/[^@]*@/, "//***@")} (${(error as Error).message}); run scripts/setup-host.sh --test`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_BASE);
  url.pathname = `/${name}`;
  await deployMigrations(url.toString(), { log: () => {} });
  const db = createPrismaClient(url.toString());
  return { provider, url: url.toString(), db, drop: async () => {
    await db.$disconnect();
    const client = new pg.Client({ connectionString: POSTGRES_BASE });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  } };
}
