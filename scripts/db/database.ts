// Reaching the database in DATABASE_URL before the engine does, so the common failures (server
// down, wrong password, database or directory missing) become one clear line instead of an engine
// error, and deploy can create what is missing (like `prisma migrate deploy`).
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DbToolError } from './errors.ts';
import { displayPath } from './paths.ts';
import { maskUrl, postgresDatabaseName, providerFromUrl, sqliteFilePath, withPostgresDatabase, type DbProvider } from './url.ts';

export interface DbTarget {
  provider: DbProvider;
  /** URL handed to the adapter: SQLite paths made absolute. */
  url: string;
  /** For messages: password masked, SQLite path shortened. */
  display: string;
  /** SQLite only. */
  file?: string;
}

export function resolveTarget(url: string): DbTarget {
  const provider = providerFromUrl(url);
  if (provider === 'sqlite') {
    const file = sqliteFilePath(url);
    return { provider, url: `file:${file}`, display: displayPath(file), file };
  }
  return { provider, url, display: maskUrl(url) };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Turn a connection error into a DbToolError that says what to do; null if not recognised. */
export function explainPgError(e: unknown, display: string): DbToolError | null {
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  if (UNREACHABLE.has(code) || /timeout/i.test(err?.message ?? '')) {
    return new DbToolError(
      `cannot reach PostgreSQL at ${display} (${code || err.message})`,
      'start it (scripts/setup-host.sh, or `pg_ctlcluster 15 main start`) or fix the host/port in the URL',
    );
  }
  if (code === '28P01' || code === '28000') {
    return new DbToolError(`PostgreSQL refused the login at ${display}: ${err.message}`, 'check the user and password in the URL');
  }
  if (code === '42501') {
    return new DbToolError(`permission denied at ${display}: ${err.message}`, 'the role needs CREATEDB to create databases (ALTER ROLE ... CREATEDB)');
  }
  return null;
}

async function pgConnect(url: string, display: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // reported through the promise below
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.end().catch(() => {});
    throw explainPgError(e, display) ?? e;
  }
}

/** Run `fn` on a short-lived connection to `url`; connection errors are explained. */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const display = maskUrl(url);
  const c = await pgConnect(url, display);
  try {
    return await fn(c);
  } catch (e) {
    throw explainPgError(e, display) ?? e;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Does the database exist? Throws a DbToolError if the server cannot be reached at all. */
export async function databaseExists(t: DbTarget): Promise<boolean> {
  if (t.provider === 'sqlite') return stat(t.file!).then((s) => s.isFile(), () => false);
  try {
    await withPgClient(t.url, async () => {});
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') return false;
    throw e;
  }
}

/** Create the SQLite directory or the PostgreSQL database if missing. Returns true if created. */
export async function ensureDatabase(t: DbTarget): Promise<boolean> {
  if (t.provider === 'sqlite') {
    await mkdir(path.dirname(t.file!), { recursive: true });
    return !(await databaseExists(t)); // better-sqlite3 creates the file on open
  }
  if (await databaseExists(t)) return false;
  const name = postgresDatabaseName(t.url);
  // Connect to the maintenance database of the same server to create it.
  await withPgClient(withPostgresDatabase(t.url, 'postgres'), async (c) => {
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  }).catch((e: unknown) => {
    if ((e as { code?: string }).code === '42P04') return; // created concurrently
    if (e instanceof DbToolError) throw e;
    throw new DbToolError(`could not create database "${name}" at ${t.display}: ${(e as Error).message}`, 'create it yourself or grant CREATEDB to the role');
  });
  return true;
}

/** Lock file beside a SQLite database (a tiny SQLite file, locked with BEGIN EXCLUSIVE). */
export const sqliteLockPath = (file: string) => `${file}.migrate-lock`;

/**
 * Serialise migrations on one SQLite file. The engine takes no lock there, and two concurrent
 * deploys (server start-up + a CLI, two workers) both fail with SQLITE_BUSY. PostgreSQL needs
 * nothing: the engine holds an advisory lock. SQLite's own file lock is released by the OS if the
 * process dies, so a crash never leaves a stale lock. Waits up to `timeoutMs` without blocking the
 * event loop.
 */
export async function withSqliteMigrationLock<T>(t: DbTarget, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  if (t.provider !== 'sqlite') return fn();
  await mkdir(path.dirname(t.file!), { recursive: true });
  const lock = new Database(sqliteLockPath(t.file!), { timeout: 0 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (e) {
        if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) throw e;
        if (Date.now() > deadline) {
          throw new DbToolError(`another migration has held ${t.display} for ${timeoutMs / 1000} s`, 'wait for it to finish, or find the stuck process');
        }
        await sleep(100);
      }
    }
    return await fn();
  } finally {
    lock.close(); // ends the transaction, releases the lock
  }
}
