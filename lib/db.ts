import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client";
import { getEnv } from "./env";

/**
 * The one place a Prisma client is created. The client is chosen from the DATABASE_URL scheme:
 * file:... -> generated/prisma-sqlite + better-sqlite3 adapter; postgresql://... ->
 * generated/prisma-postgres + pg adapter. Both are generated from prisma/schema.prisma, so their
 * model APIs are identical; the SQLite client's types are used for both.
 *
 * The instance lives on globalThis: the custom server (server.ts, run by tsx) and the Next.js
 * bundle load this module separately, and must share one connection pool (and, for SQLite, one
 * file handle).
 */
export type Db = InstanceType<typeof SqliteClient>;

export function createPrismaClient(databaseUrl: string): Db {
  if (databaseUrl.startsWith("file:")) {
    const adapter = new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 });
    const client = new SqliteClient({ adapter });
    // WAL: readers never wait for the writer, and a commit is one append instead of a journal
    // rewrite; synchronous=NORMAL is durable across application crashes (not power loss of the
    // last commits), which is SQLite's recommended setting for WAL. The adapter uses a single
    // connection, so these run before any other query.
    void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").then(() => client.$queryRawUnsafe("PRAGMA synchronous = NORMAL"));
    return client;
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { __arbiterPrisma?: Db };

export function getDb(): Db {
  if (!globalForDb.__arbiterPrisma) globalForDb.__arbiterPrisma = createPrismaClient(getEnv().databaseUrl);
  return globalForDb.__arbiterPrisma;
}

/** Lazily created client (first use validates the configuration). */
export const prisma: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const db = getDb() as unknown as Record<PropertyKey, unknown>;
    const value = db[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(db) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const db = globalForDb.__arbiterPrisma;
  globalForDb.__arbiterPrisma = undefined;
  if (db) await db.$disconnect();
}
