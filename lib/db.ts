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
    return new SqliteClient({ adapter: withSqlitePragmas(new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 })) });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/**
 * Sets the connection up before Prisma may use it. WAL: readers never wait for the writer and a
 * commit is one append; synchronous=NORMAL is durable across application crashes (not across a
 * power loss of the last commits), SQLite's recommended setting with WAL. Done in connect(), so
 * no query (or transaction) can run before it.
 */
function withSqlitePragmas(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    await connection.queryRaw({ sql: "PRAGMA journal_mode = WAL", args: [], argTypes: [] });
    await connection.executeRaw({ sql: "PRAGMA synchronous = NORMAL", args: [], argTypes: [] });
    return connection;
  };
  return factory;
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
