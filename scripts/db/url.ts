// DATABASE_URL handling, shared by the tool and the app. Deliberately free of database drivers so the
// app can import it anywhere (it only needs to pick a provider from the URL).
import path from 'node:path';
import { DbToolError } from './errors.ts';
import { REPO_ROOT } from './paths.ts';

export type DbProvider = 'sqlite' | 'postgres';

/** Used when DATABASE_URL is unset or empty: a SQLite file under the repo's gitignored data/. */
export const DEFAULT_DATABASE_URL = 'file:./data/arbiter.db';

export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** file:... -> sqlite, postgres://... or postgresql://... -> postgres; anything else is an error. */
export function providerFromUrl(url: string): DbProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new DbToolError(
    `unsupported DATABASE_URL ${maskUrl(url)}`,
    'use file:./data/arbiter.db (SQLite) or postgres://user:password@host:5432/db (PostgreSQL)',
  );
}

/**
 * Absolute path of a SQLite URL. Relative paths are relative to the repo root, not the current
 * directory, so `npm run db:deploy` and the server agree wherever they are started from.
 * Accepts file:./rel, file:rel, file:/abs and file:///abs; a ?query suffix is ignored.
 */
export function sqliteFilePath(url: string, root: string = REPO_ROOT): string {
  if (!url.startsWith('file:')) throw new DbToolError(`not a SQLite URL: ${maskUrl(url)}`);
  let p = url.slice('file:'.length).replace(/\?.*$/, '');
  if (p.startsWith('//')) p = p.slice(2); // file:///abs -> /abs (empty host)
  if (!p || p === ':memory:') throw new DbToolError(`SQLite URL needs a file path: ${url}`);
  return path.resolve(root, decodeURIComponent(p));
}

/** The same URL with a relative SQLite path made absolute (what to hand to the better-sqlite3 adapter). */
export function absoluteDatabaseUrl(url: string, root: string = REPO_ROOT): string {
  return providerFromUrl(url) === 'sqlite' ? `file:${sqliteFilePath(url, root)}` : url;
}

/** URL safe to print: the password is replaced by ***. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** The PostgreSQL database named in a URL (the path), e.g. arbiter for postgres://h/arbiter. */
export function postgresDatabaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || new URL(url).username || 'postgres';
}

/** The same PostgreSQL URL pointing at another database on the same server. */
export function withPostgresDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
