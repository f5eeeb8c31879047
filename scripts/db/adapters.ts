// Driver adapter factories for the schema engine, with the fixes the engine needs on top of
// Prisma's stock adapters (each fix is explained where it is made). The app's runtime client
// uses the stock adapters; these are for migrations only.
import { randomBytes } from 'node:crypto';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { withPostgresDatabase } from './url.ts';

export interface MigrationAdapter {
  /** What the engine gets: the factory wrapped so driver errors reach it through a registry. */
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** Message of a driver error the engine reported as "External error id#N". */
  externalError(id: number): string | undefined;
  /** Dispose every connection handed out and drop shadow databases. Idempotent. */
  close(): Promise<void>;
}

/** Tracks what a factory hands out: the engine does not reliably dispose connections itself. */
class Handouts {
  private open = new Set<SqlDriverAdapter>();
  add(a: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = a.dispose.bind(a);
    let done: Promise<void> | undefined;
    // dispose() may be called by the engine and again by close(): run it once.
    a.dispose = () => {
      this.open.delete(a);
      return (done ??= dispose());
    };
    this.open.add(a);
    return a;
  }
  async closeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const a of [...this.open]) await a.dispose().catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  }
}

/** Adapters not closed yet, so an interrupted CLI can still drop its shadow databases. */
const live = new Set<MigrationAdapter>();

export async function closeAllMigrationAdapters(): Promise<void> {
  await Promise.allSettled([...live].map((a) => a.close()));
}

function bind(inner: SqlMigrationAwareDriverAdapterFactory, handouts: Handouts, extraClose?: () => Promise<void>): MigrationAdapter {
  const factory = bindMigrationAwareSqlAdapterFactory(inner);
  let closed: Promise<void> | undefined;
  const adapter: MigrationAdapter = {
    factory,
    externalError(id) {
      const rec = factory.errorRegistry.consumeError(id) as { error?: unknown } | undefined;
      const err = rec?.error;
      if (err === undefined) return undefined;
      if (err instanceof Error) return err.message;
      // DriverAdapterError payloads: { kind, message?, originalMessage? ... }
      const o = err as Record<string, unknown>;
      return String(o.originalMessage ?? o.message ?? JSON.stringify(err));
    },
    close() {
      return (closed ??= (async () => {
        try {
          await handouts.closeAll();
          await extraClose?.();
        } finally {
          live.delete(adapter);
        }
      })());
    },
  };
  live.add(adapter);
  return adapter;
}

// ---------------------------------------------------------------------------------------------
// SQLite
// ---------------------------------------------------------------------------------------------

/**
 * better-sqlite3 prepares one statement at a time and throws "contains more than one statement"
 * for whole migration files, which the engine sends as a single raw query when it replays history
 * on the shadow database. Fall back to exec() for argument-less multi-statement SQL.
 */
function isMultiStatementError(e: unknown): boolean {
  return e instanceof RangeError && /more than one statement/.test(e.message);
}

function execScriptVia(target: object, sql: string): void {
  // Transactions share the adapter's better-sqlite3 handle (`client`, public in the JS build).
  const client = (target as { client?: { exec(sql: string): unknown } }).client;
  if (!client) throw new Error('better-sqlite3 handle not found on the adapter (adapter internals changed?)');
  client.exec(sql);
}

/**
 * The adapter reports SQLITE_BUSY as kind "SocketTimeout", a variant the wasm engine cannot
 * deserialise ("unknown variant `SocketTimeout`"): pass a plain error with the message instead.
 */
function busyAsPlainError(e: unknown): unknown {
  const cause = (e as { cause?: { kind?: string; originalMessage?: string } }).cause;
  return cause?.kind === 'SocketTimeout' ? new Error(`SQLITE_BUSY: ${cause.originalMessage ?? 'database is locked'} (another connection is writing)`) : e;
}

function patchSqliteQueryable<T extends { queryRaw(q: SqlQuery): Promise<unknown>; executeRaw(q: SqlQuery): Promise<number> }>(q: T): T {
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = async (query: SqlQuery) => {
    try {
      return await queryRaw(query);
    } catch (e) {
      if (query.args.length || !isMultiStatementError(e)) throw busyAsPlainError(e);
      execScriptVia(q, query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };
  q.executeRaw = async (query: SqlQuery) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (query.args.length || !isMultiStatementError(e)) throw busyAsPlainError(e);
      execScriptVia(q, query.sql);
      return 0;
    }
  };
  return q;
}

function patchSqliteAdapter(a: SqlDriverAdapter): SqlDriverAdapter {
  patchSqliteQueryable(a);
  const startTransaction = a.startTransaction.bind(a);
  a.startTransaction = async (...args: Parameters<SqlDriverAdapter['startTransaction']>): Promise<Transaction> =>
    patchSqliteQueryable(await startTransaction(...args));
  return a;
}

/** `url` is file:/absolute/path or :memory:; the shadow database is always in memory. */
export function sqliteMigrationAdapter(url: string): MigrationAdapter {
  const handouts = new Handouts();
  const main = new PrismaBetterSqlite3({ url });
  const shadow = new PrismaBetterSqlite3({ url: ':memory:' });
  const inner: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'sqlite',
    adapterName: main.adapterName,
    connect: async () => handouts.add(patchSqliteAdapter(await main.connect())),
    connectToShadowDb: async () => handouts.add(patchSqliteAdapter(await shadow.connect())),
  };
  return bind(inner, handouts);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

// adapter-pg 7.10 rejects PostgreSQL's internal "char" type (OID 18, and its array 1002), which the
// engine's catalog queries return (pg_class.relkind, pg_constraint.contype...). The values arrive as
// text anyway, so relabel them text / text[] before the adapter looks at the column types.
const RELABEL_OID: Record<number, number> = { 18: 25, 1002: 1009 };

function relabel(result: unknown): unknown {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    if (fields) for (const f of fields) f.dataTypeID = RELABEL_OID[f.dataTypeID] ?? f.dataTypeID;
  }
  return result;
}

/** pg.Client that relabels "char" columns; used through the Pool's `Client` option. */
class CatalogSafeClient extends pg.Client {
  // pg's query() has many overloads (promise, callback, submittable); handle the two result shapes.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => (last as (e: unknown, r: unknown) => void)(err, err ? res : relabel(res));
    }
    const ret = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (ret && typeof (ret as Promise<unknown>).then === 'function' && typeof last !== 'function') {
      return (ret as Promise<unknown>).then(relabel) as never;
    }
    return ret as never;
  }
}

/**
 * adapter-pg's executeScript splits on ";" (breaks on a ";" inside a string literal or function
 * body). Send the script as one simple-protocol query instead: PostgreSQL parses it properly and
 * runs it as a single implicit transaction, so a failing migration leaves nothing half-applied.
 */
function patchPgAdapter(a: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  const splitting = a.executeScript.bind(a);
  a.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (e) {
      // 25001: a statement that refuses transaction blocks (CREATE INDEX CONCURRENTLY...). Nothing
      // was applied; run it statement by statement, as the stock adapter does.
      if ((e as { code?: string }).code === '25001') return splitting(script);
      // Convert like the adapter's own methods do (DriverAdapterError with the SQLSTATE).
      const onError = (a as { onError?: (e: unknown) => never }).onError;
      if (onError) onError.call(a, e);
      throw e;
    }
  };
  return a;
}

function newPool(url: string): pg.Pool {
  // Small pool: the engine works sequentially; one idle connection is enough.
  const pool = new pg.Pool({ connectionString: url, Client: CatalogSafeClient, max: 2, idleTimeoutMillis: 1000 });
  pool.on('error', () => {}); // idle client errors (server restart) surface on the next query
  return pool;
}

async function adapterOnPool(pool: pg.Pool, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  // disposeExternalPool: ending the adapter ends the pool (releases the migration advisory lock).
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  patchPgAdapter(adapter, pool);
  if (onDispose) {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await onDispose();
    };
  }
  return adapter;
}

/**
 * Shadow databases are created and dropped by us, on the same server as `url`: adapter-pg's own
 * connectToShadowDb drops the database while its pool is still open (waits 5 s, leaves it behind).
 * Needs CREATEDB for the role in `url`.
 */
export function postgresMigrationAdapter(url: string): MigrationAdapter {
  const handouts = new Handouts();
  const shadows = new Set<string>();

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => {});
    }
  }
  const dropShadow = async (name: string) => {
    shadows.delete(name);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };

  const inner: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => handouts.add(await adapterOnPool(newPool(url))),
    connectToShadowDb: async () => {
      const name = `arbiter_shadow_${randomBytes(6).toString('hex')}`;
      shadows.add(name); // before CREATE: close() may run while it is in flight (Ctrl-C)
      const created = admin((c) => c.query(`CREATE DATABASE "${name}"`));
      creating.add(created);
      await created.finally(() => creating.delete(created));
      return handouts.add(await adapterOnPool(newPool(withPostgresDatabase(url, name)), () => dropShadow(name)));
    },
  };
  const creating = new Set<Promise<unknown>>();
  // Whatever the engine left open: close pools first, then drop leftover shadow databases.
  return bind(inner, handouts, async () => {
    await Promise.allSettled([...creating]);
    for (const name of [...shadows]) await dropShadow(name);
  });
}
