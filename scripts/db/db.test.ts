// Guards the offline migration path (wasm schema engine over driver adapters, an internal Prisma
// API): the real migrations must apply to a fresh SQLite file and a fresh PostgreSQL database, and
// the generated clients must work on the result. A Prisma upgrade that breaks any of it fails here.
//
// PostgreSQL is required: TEST_DATABASE_URL_POSTGRES, else TEST_DATABASE_URL if postgres, else
// postgres://arbiter:arbiter@127.0.0.1:5432/postgres (role arbiter, password arbiter, LOGIN CREATEDB;
// scripts/setup-host.sh --test creates it). Each run creates and drops its own database.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_POSTGRES_URL,
  REPO_ROOT,
  absoluteDatabaseUrl,
  createMigrations,
  deployMigrations,
  diffSchemaAgainstMigrations,
  generateClients,
  isPostgresSchemaCurrent,
  maskUrl,
  migrationStatus,
  postgresSchemaFrom,
  providerFromUrl,
  resetDatabase,
  schemaLayout,
  sqliteFilePath,
  type DbProvider,
} from './index.ts';

// scripts/test.sh exports TEST_DATABASE_URL (postgresql://.../arbiter_test): same server and role.
const PG_URL =
  process.env.TEST_DATABASE_URL_POSTGRES?.trim() ||
  (/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '') ? process.env.TEST_DATABASE_URL!.trim() : '') ||
  DEFAULT_POSTGRES_URL;
const layout = schemaLayout();

/** Migration folders committed for a provider, in order. */
async function committedMigrations(provider: DbProvider): Promise<string[]> {
  const entries = await readdir(layout.migrationsDir[provider], { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Minimal client surface used here; the real types come from the generated code. */
interface UserRow {
  id: string;
  email: string;
}
interface TestClient {
  user: {
    create(args: { data: { id: string; name: string; email: string } }): Promise<UserRow>;
    findUnique(args: { where: { id: string } }): Promise<UserRow | null>;
  };
  $disconnect(): Promise<void>;
}
type ClientCtor = new (opts: { adapter: unknown }) => TestClient;

async function loadClient(provider: DbProvider): Promise<ClientCtor> {
  const file = path.join(REPO_ROOT, 'generated', `prisma-${provider}`, 'client.ts');
  const mod = (await import(pathToFileURL(file).href)) as { PrismaClient: ClientCtor };
  return mod.PrismaClient;
}

async function insertAndRead(Client: ClientCtor, adapter: unknown): Promise<void> {
  const db = new Client({ adapter });
  try {
    const id = `u_${randomBytes(4).toString('hex')}`;
    await db.user.create({ data: { id, name: 'Test', email: `${id}@example.test` } });
    const row = await db.user.findUnique({ where: { id } });
    expect(row?.email).toBe(`${id}@example.test`);
  } finally {
    await db.$disconnect();
  }
}

let pgReachable: string | null = null; // null = ok, else the reason

beforeAll(async () => {
  // Generated clients are build output (gitignored): make them if missing or older than the schema.
  const client = (p: DbProvider) => path.join(REPO_ROOT, 'generated', `prisma-${p}`, 'client.ts');
  const schemaTime = statSync(layout.schemaPath).mtimeMs;
  const stale = (['sqlite', 'postgres'] as const).some((p) => !existsSync(client(p)) || statSync(client(p)).mtimeMs < schemaTime);
  const copy = await isPostgresSchemaCurrent(layout.schemaPath);
  if (stale && copy.current) await generateClients(layout.schemaPath);

  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.query('select 1');
  } catch (e) {
    pgReachable = `${(e as Error).message || (e as { code?: string }).code}`;
  } finally {
    await c.end().catch(() => {});
  }
});

function requirePostgres(): void {
  if (pgReachable !== null) {
    throw new Error(
      `PostgreSQL is not reachable at ${maskUrl(PG_URL)} (${pgReachable}). These tests need it: run ` +
        `scripts/setup-host.sh --test (or pg_ctlcluster 15 main start), or set TEST_DATABASE_URL_POSTGRES ` +
        `to a server where the role has LOGIN and CREATEDB.`,
    );
  }
}

describe('schema and migrations are committed and current', () => {
  it('prisma/postgres/schema.prisma matches prisma/schema.prisma', async () => {
    const r = await isPostgresSchemaCurrent(layout.schemaPath);
    expect(r.current, 'stale PostgreSQL schema copy: run npm run db:generate').toBe(true);
  });

  it('both providers have the same migration folders', async () => {
    const sqlite = await committedMigrations('sqlite');
    expect(sqlite.length).toBeGreaterThan(0);
    expect(await committedMigrations('postgres')).toEqual(sqlite);
  });

  it('the migrations produce exactly prisma/schema.prisma on both providers', async () => {
    requirePostgres();
    const diffs = await diffSchemaAgainstMigrations({ postgresUrl: PG_URL });
    for (const d of diffs) expect(d.sql, `${d.provider}: schema changed without a migration: npm run db:migrate -- --name <name>`).toBeNull();
  });
});

describe('SQLite', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arbiter-db-'));
    url = `file:${path.join(dir, 'nested', 'test.db')}`; // the directory does not exist yet
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('deploys every migration to a fresh file, then is idempotent', async () => {
    const all = await committedMigrations('sqlite');
    const before = await migrationStatus(url);
    expect(before).toMatchObject({ databaseExists: false, pending: all, upToDate: false });

    const first = await deployMigrations(url);
    expect(first).toMatchObject({ provider: 'sqlite', applied: all, created: true });
    expect(await migrationStatus(url)).toMatchObject({ databaseExists: true, pending: [], failed: [], upToDate: true });

    const again = await deployMigrations(url);
    expect(again.applied).toEqual([]);
  });

  it('the generated SQLite client inserts and reads a row', async () => {
    await insertAndRead(await loadClient('sqlite'), new PrismaBetterSqlite3({ url }));
  });

  it('concurrent deploys on one fresh file serialise (one applies, the other finds it done)', async () => {
    const other = `file:${path.join(dir, 'concurrent.db')}`;
    const results = await Promise.all([deployMigrations(other), deployMigrations(other)]);
    const applied = results.map((r) => r.applied.length).sort();
    expect(applied).toEqual([0, (await committedMigrations('sqlite')).length]);
  });

  it('reset deletes the file', async () => {
    expect(await resetDatabase(url)).toBe(true);
    expect(existsSync(sqliteFilePath(url))).toBe(false);
    expect(await resetDatabase(url)).toBe(false);
  });
});

describe('PostgreSQL', () => {
  const dbName = `arbiter_dbtest_${randomBytes(5).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();

  beforeAll(async () => {
    requirePostgres();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
  });
  afterAll(async () => {
    if (pgReachable !== null) return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  });

  it('deploys every migration to a fresh database, then is idempotent', async () => {
    const all = await committedMigrations('postgres');
    expect(await migrationStatus(dbUrl)).toMatchObject({ databaseExists: true, pending: all, upToDate: false });

    const first = await deployMigrations(dbUrl);
    expect(first).toMatchObject({ provider: 'postgres', applied: all, created: false });
    expect(await migrationStatus(dbUrl)).toMatchObject({ pending: [], failed: [], edited: [], unknown: [], upToDate: true });

    expect((await deployMigrations(dbUrl)).applied).toEqual([]);
  });

  it('the generated PostgreSQL client inserts and reads a row', async () => {
    await insertAndRead(await loadClient('postgres'), new PrismaPg({ connectionString: dbUrl }));
  });

  it('reset empties the database; deploy brings it back', async () => {
    expect(await resetDatabase(dbUrl)).toBe(true);
    expect((await migrationStatus(dbUrl)).upToDate).toBe(false);
    expect((await deployMigrations(dbUrl)).applied).toEqual(await committedMigrations('postgres'));
  });
});

async function shadowDatabases(): Promise<string[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like 'arbiter_shadow_%'`);
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

describe('creating migrations (the dev path)', () => {
  let dir: string;
  let shadowsBefore: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arbiter-db-schema-'));
    if (pgReachable === null) shadowsBefore = await shadowDatabases();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const schema = (extra: string) => `generator client {
  provider = "prisma-client"
  output   = "../generated/prisma-sqlite"
}

datasource db {
  provider = "sqlite"
}

model Note {
  id    Int    @id @default(autoincrement())
  title String @default("a;b")
${extra}}
`;

  it('writes the same migration folder for both providers, replays history, and skips empty diffs', async () => {
    requirePostgres();
    const schemaPath = path.join(dir, 'prisma', 'schema.prisma');
    await mkdir(path.dirname(schemaPath), { recursive: true });
    await writeFile(schemaPath, schema(''));
    const init = await createMigrations('init', { schemaPath, postgresUrl: PG_URL });
    expect(init.folder).toMatch(/^\d{14}_init$/);

    await writeFile(schemaPath, schema('  body  String?\n  @@index([title])\n'));
    const second = await createMigrations('Add body!', { schemaPath, postgresUrl: PG_URL });
    expect(second.folder).toMatch(/^\d{14}_add_body$/);
    expect(second.folder! > init.folder!).toBe(true);
    const l = schemaLayout(schemaPath);
    for (const p of ['sqlite', 'postgres'] as const) {
      expect((await readdir(l.migrationsDir[p])).sort()).toEqual([init.folder, second.folder, 'migration_lock.toml'].sort());
    }
    expect((await createMigrations('noop', { schemaPath, postgresUrl: PG_URL })).folder).toBeNull();

    // The result deploys on SQLite (PostgreSQL is covered above with the real migrations).
    const url = `file:${path.join(dir, 'dev.db')}`;
    expect((await deployMigrations(url, { schemaPath })).applied).toEqual([init.folder, second.folder]);
  });

  it('leaves no shadow database behind', async () => {
    requirePostgres();
    // Compared with before: a db:migrate killed mid-way elsewhere may have left one of its own.
    const leaked = (await shadowDatabases()).filter((n) => !shadowsBefore.includes(n));
    expect(leaked).toEqual([]);
  });
});

describe('URL helpers', () => {
  it('picks the provider and resolves SQLite paths against the repo root', () => {
    expect(providerFromUrl('file:./data/arbiter.db')).toBe('sqlite');
    expect(providerFromUrl('postgresql://u:p@h/db')).toBe('postgres');
    expect(providerFromUrl('postgres://u:p@h/db')).toBe('postgres');
    expect(() => providerFromUrl('mysql://u:p@h/db')).toThrow(/unsupported DATABASE_URL mysql:\/\/u:\*\*\*@h\/db/);
    expect(sqliteFilePath('file:./data/arbiter.db')).toBe(path.join(REPO_ROOT, 'data', 'arbiter.db'));
    expect(sqliteFilePath('file:/abs/x.db?mode=rwc')).toBe('/abs/x.db');
    expect(sqliteFilePath('file:///abs/x.db')).toBe('/abs/x.db');
    expect(absoluteDatabaseUrl('file:data/a.db')).toBe(`file:${path.join(REPO_ROOT, 'data', 'a.db')}`);
    expect(maskUrl('postgres://arbiter:s3cr%40t@127.0.0.1:5432/db')).toBe('postgres://arbiter:***@127.0.0.1:5432/db');
  });

  it('derives the PostgreSQL schema: provider and client output only', () => {
    const src = 'generator client {\n  provider = "prisma-client"\n  output   = "../generated/prisma-sqlite"\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id Int @id\n}\n';
    const out = postgresSchemaFrom(src, '/r/prisma/schema.prisma', '/r/prisma/postgres/schema.prisma');
    expect(out).toMatch(/^\/\/ generated from prisma\/schema.prisma, do not edit/);
    expect(out).toContain('provider = "postgresql"');
    expect(out).toContain('output   = "../../generated/prisma-postgres"');
    expect(out.slice(out.indexOf('generator'))).toBe(
      src.replace('"sqlite"', '"postgresql"').replace('"../generated/prisma-sqlite"', '"../../generated/prisma-postgres"'),
    );
  });
});
