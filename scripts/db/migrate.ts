// Migrations over the wasm schema engine: create (dev), deploy, status, reset. The programmatic
// API used by the CLI, the server start-up and the tests.
import { readFile, rm } from 'node:fs/promises';
import { postgresMigrationAdapter, sqliteMigrationAdapter, type MigrationAdapter } from './adapters.ts';
import { databaseExists, ensureDatabase, resolveTarget, sqliteLockPath, withSqliteMigrationLock, type DbTarget } from './database.ts';
import { EngineError, NO_FILTERS, withEngine } from './engine.ts';
import { DbToolError } from './errors.ts';
import { postgresSchemaFrom } from './generate.ts';
import { migrationNames, nextMigrationFolder, readMigrations, sanitizeMigrationName, writeMigration } from './migrations-dir.ts';
import { displayPath, schemaLayout } from './paths.ts';
import { databaseUrlFromEnv, maskUrl, withPostgresDatabase, type DbProvider } from './url.ts';

export interface MigrateOptions {
  /** Source schema; migrations are read from <its dir>/migrations/<provider>. */
  schemaPath?: string;
  /** Override the migrations folder for the URL's provider. */
  migrationsDir?: string;
  /** One line per step (the CLI prints them; the server can log them). */
  log?: (line: string) => void;
}

function migrationsDirFor(provider: DbProvider, opts: MigrateOptions): string {
  return opts.migrationsDir ?? schemaLayout(opts.schemaPath).migrationsDir[provider];
}

function adapterFor(t: DbTarget): MigrationAdapter {
  return t.provider === 'sqlite' ? sqliteMigrationAdapter(t.url) : postgresMigrationAdapter(t.url);
}

// ---------------------------------------------------------------------------------------------
// deploy
// ---------------------------------------------------------------------------------------------

export interface DeployResult {
  provider: DbProvider;
  database: string;
  /** Names of the migrations applied by this call (empty: already up to date). */
  applied: string[];
  /** The SQLite file or PostgreSQL database did not exist and was created. */
  created: boolean;
}

/**
 * Apply pending migrations to the database at `url` (default: DATABASE_URL, else
 * file:./data/arbiter.db). Creates the SQLite directory / PostgreSQL database if missing.
 * Idempotent; safe to call at every server start.
 */
export async function deployMigrations(url: string = databaseUrlFromEnv(), opts: MigrateOptions = {}): Promise<DeployResult> {
  const log = opts.log ?? (() => {});
  const t = resolveTarget(url);
  const dir = migrationsDirFor(t.provider, opts);
  const migrationsList = await readMigrations(dir, t.provider);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new DbToolError(`no migrations in ${displayPath(dir)}`, 'create one with npm run db:migrate -- --name init');
  }
  return withSqliteMigrationLock(t, async () => {
    const created = await ensureDatabase(t);
    if (created) log(`created ${t.provider === 'sqlite' ? 'SQLite file' : 'database'} ${t.display}`);
    let out;
    try {
      out = await withEngine(adapterFor(t), undefined, (s) =>
        s.call(`applying migrations to ${t.display}`, (e) => e.applyMigrations({ migrationsList, filters: NO_FILTERS })),
      );
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      throw await explainDeployFailure(e, t, opts);
    }
    return { provider: t.provider, database: t.display, applied: out.appliedMigrationNames, created };
  });
}

/** Name the failed migration and say how to recover. */
async function explainDeployFailure(e: EngineError, t: DbTarget, opts: MigrateOptions): Promise<DbToolError> {
  let name = e.migration;
  let blocked = false;
  if (!name) {
    const st = await migrationStatus(t.url, opts).catch(() => null);
    name = st?.failed[0];
    // P3009: an earlier failed migration blocks every deploy until it is resolved.
    blocked = e.code === 'P3009';
  }
  if (!name) return e;
  return new DbToolError(
    blocked ? `migration ${name} failed earlier on ${t.display}; deploy is blocked until it is resolved` : `migration ${name} failed on ${t.display}: ${e.detail}`,
    `dev database: fix the SQL, then npm run db:reset && npm run db:deploy. Otherwise repair the database by hand and record the outcome: ` +
      `npm run db:resolve -- --rolled-back ${name} (to re-run it) or --applied ${name}`,
  );
}

// ---------------------------------------------------------------------------------------------
// resolve
// ---------------------------------------------------------------------------------------------

/**
 * After a failed migration: record that it was rolled back by hand (deploy re-runs it) or
 * completed by hand (deploy skips it). Same as `prisma migrate resolve`.
 */
export async function resolveMigration(
  url: string,
  migration: string,
  outcome: 'rolled-back' | 'applied',
  opts: MigrateOptions = {},
): Promise<void> {
  const t = resolveTarget(url);
  const migrationsList = await readMigrations(migrationsDirFor(t.provider, opts), t.provider);
  await withEngine(adapterFor(t), undefined, (s) =>
    outcome === 'applied'
      ? s.call(`marking ${migration} applied`, (e) => e.markMigrationApplied({ migrationName: migration, migrationsList }))
      : s.call(`marking ${migration} rolled back`, (e) => e.markMigrationRolledBack({ migrationName: migration })),
  );
}

// ---------------------------------------------------------------------------------------------
// status
// ---------------------------------------------------------------------------------------------

export interface MigrationStatus {
  provider: DbProvider;
  database: string;
  databaseExists: boolean;
  /** Migration folders on disk, in order. */
  migrations: string[];
  /** On disk, not applied yet. */
  pending: string[];
  /** Recorded in the database but missing on disk (another branch, deleted folder). */
  unknown: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  /** Started and failed: needs manual repair before deploy continues. */
  failed: string[];
  upToDate: boolean;
}

export async function migrationStatus(url: string = databaseUrlFromEnv(), opts: MigrateOptions = {}): Promise<MigrationStatus> {
  const t = resolveTarget(url);
  const migrationsList = await readMigrations(migrationsDirFor(t.provider, opts), t.provider);
  const migrations = migrationNames(migrationsList);
  const base = { provider: t.provider, database: t.display, migrations, unknown: [], edited: [], failed: [] };
  // Do not create anything just to look: a missing database has every migration pending.
  if (!(await databaseExists(t))) {
    return { ...base, databaseExists: false, pending: migrations, upToDate: migrations.length === 0 };
  }
  const diag = await withEngine(adapterFor(t), undefined, async (s) => {
    try {
      return await s.call(`reading migration history of ${t.display}`, (e) =>
        e.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
      );
    } catch (e) {
      // The wasm engine reports a database without _prisma_migrations as P1014 instead of "new".
      if ((e as { code?: string }).code === 'P1014') return null;
      throw e;
    }
  });
  if (!diag) return { ...base, databaseExists: true, pending: migrations, upToDate: migrations.length === 0 };
  const h = diag.history;
  const pending = h?.diagnostic === 'databaseIsBehind' || h?.diagnostic === 'historiesDiverge' ? h.unappliedMigrationNames : [];
  const unknown = h?.diagnostic === 'migrationsDirectoryIsBehind' || h?.diagnostic === 'historiesDiverge' ? h.unpersistedMigrationNames : [];
  const status = { ...base, databaseExists: true, pending, unknown, edited: diag.editedMigrationNames, failed: diag.failedMigrationNames };
  return { ...status, upToDate: !pending.length && !unknown.length && !status.edited.length && !status.failed.length };
}

// ---------------------------------------------------------------------------------------------
// reset
// ---------------------------------------------------------------------------------------------

/**
 * Empty the database. SQLite: delete the file (the engine's SQLite reset only deletes rows).
 * PostgreSQL: the engine drops and recreates the schema. Returns false if there was nothing.
 */
export async function resetDatabase(url: string = databaseUrlFromEnv()): Promise<boolean> {
  const t = resolveTarget(url);
  if (!(await databaseExists(t))) return false;
  if (t.provider === 'sqlite') {
    await withSqliteMigrationLock(t, async () => {
      for (const suffix of ['', '-journal', '-wal', '-shm']) await rm(`${t.file}${suffix}`, { force: true });
    });
    await rm(sqliteLockPath(t.file!), { force: true });
    return true;
  }
  await withEngine(adapterFor(t), undefined, (s) => s.call(`resetting ${t.display}`, (e) => e.reset({ filter: NO_FILTERS })));
  return true;
}

// ---------------------------------------------------------------------------------------------
// create (dev)
// ---------------------------------------------------------------------------------------------

export const DEFAULT_POSTGRES_URL = 'postgres://arbiter:arbiter@127.0.0.1:5432/postgres';

/**
 * A PostgreSQL server is needed to compute the PostgreSQL migration (the engine replays the
 * history on a temporary shadow database). Nothing is written to the database in this URL.
 */
export function postgresUrlForDev(env: NodeJS.ProcessEnv = process.env): string {
  const db = env.DATABASE_URL?.trim();
  if (db && /^postgres(ql)?:\/\//.test(db)) return db;
  return env.TEST_DATABASE_URL_POSTGRES?.trim() || DEFAULT_POSTGRES_URL;
}

export interface CreateOptions extends MigrateOptions {
  /** Server for the PostgreSQL shadow database; see postgresUrlForDev(). */
  postgresUrl?: string;
}

interface ProviderDiff {
  provider: DbProvider;
  dir: string;
  existing: string[];
  /** SQL to go from the migration history to the schema; null when there is no change. */
  sql: string | null;
}

/** Diff migration history -> schema for both providers, without touching any real database. */
export async function diffSchemaAgainstMigrations(opts: CreateOptions = {}): Promise<ProviderDiff[]> {
  const layout = schemaLayout(opts.schemaPath);
  const source = await readFile(layout.schemaPath, 'utf8').catch(() => {
    throw new DbToolError(`schema not found: ${displayPath(layout.schemaPath)}`, 'pass --schema <path>');
  });
  const schemas: Record<DbProvider, [string, string]> = {
    sqlite: [layout.schemaPath, source],
    postgres: [layout.postgresSchemaPath, postgresSchemaFrom(source, layout.schemaPath, layout.postgresSchemaPath)],
  };
  const pgUrl = opts.postgresUrl ?? postgresUrlForDev();
  const result: ProviderDiff[] = [];
  for (const provider of ['sqlite', 'postgres'] as const) {
    const dir = layout.migrationsDir[provider];
    const migrationsList = await readMigrations(dir, provider);
    let adapter: MigrationAdapter;
    if (provider === 'sqlite') {
      adapter = sqliteMigrationAdapter(':memory:');
    } else {
      // Fail early and clearly if the server is not there (the engine's own error is opaque).
      const exists = await databaseExists(resolveTarget(pgUrl)).catch((e: unknown) => {
        if (e instanceof DbToolError) {
          throw new DbToolError(
            `the PostgreSQL migration needs a PostgreSQL server for a temporary shadow database: ${e.message}`,
            `${e.hint ?? ''}; or set TEST_DATABASE_URL_POSTGRES (default ${maskUrl(DEFAULT_POSTGRES_URL)}; the role needs CREATEDB)`,
          );
        }
        throw e;
      });
      // Only the shadow database is written; any existing database on the server will do to connect.
      adapter = postgresMigrationAdapter(exists ? pgUrl : withPostgresDatabase(pgUrl, 'postgres'));
    }
    const [file, content] = schemas[provider];
    const diff = await withEngine(adapter, [[file, content]], (s) =>
      s.call(`computing the ${provider} migration`, (e) =>
        e.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', files: [{ path: file, content }] },
          script: true,
          exitCode: true, // 2 = there are changes
          filters: NO_FILTERS,
        }),
      ),
    );
    result.push({ provider, dir, existing: migrationNames(migrationsList), sql: diff.exitCode === 2 ? (diff.stdout ?? '') : null });
  }
  return result;
}

export interface CreateResult {
  /** <timestamp>_<name>, or null when the schema has no changes. */
  folder: string | null;
  files: string[];
}

/**
 * `migrate dev` without touching the dev database: diff the schema against the migration history
 * of each provider and write <timestamp>_<name>/migration.sql into both folders (same folder name
 * on both sides, so the two histories stay aligned; an empty migration on the side without changes).
 */
export async function createMigrations(rawName: string, opts: CreateOptions = {}): Promise<CreateResult> {
  const name = sanitizeMigrationName(rawName);
  const diffs = await diffSchemaAgainstMigrations(opts);
  if (diffs.every((d) => d.sql === null)) return { folder: null, files: [] };
  const folder = nextMigrationFolder(name, diffs.flatMap((d) => d.existing));
  const files: string[] = [];
  for (const d of diffs) {
    files.push(await writeMigration(d.dir, d.provider, folder, d.sql ?? '-- This is an empty migration.\n'));
  }
  return { folder, files };
}
