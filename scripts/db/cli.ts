// `npm run db:<command>`: thin CLI over the API in index.ts. One short line per step; expected
// failures print message + hint (no stack) and exit 1.
//   generate [--check]          PostgreSQL schema copy + both Prisma clients (--check: CI, copy stale?)
//   migrate --name <n> [--check] new migration for both providers (--check: fail if schema changed without one)
//   deploy | status | reset [--force]   on DATABASE_URL (default file:./data/arbiter.db)
//   resolve --rolled-back <m> | --applied <m>   after a failed migration (prisma migrate resolve)
// Common options: --schema <path> (default prisma/schema.prisma), --url <DATABASE_URL>.
import { parseArgs } from 'node:util';
import { closeAllMigrationAdapters } from './adapters.ts';
import { DbToolError } from './errors.ts';
import { generateClients, isPostgresSchemaCurrent, writePostgresSchema } from './generate.ts';
import { createMigrations, deployMigrations, diffSchemaAgainstMigrations, migrationStatus, postgresUrlForDev, resetDatabase, resolveMigration } from './migrate.ts';
import { DEFAULT_SCHEMA_PATH, displayPath } from './paths.ts';
import { resolveTarget } from './database.ts';
import { databaseUrlFromEnv } from './url.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const USAGE = `usage: tsx scripts/db/cli.ts <generate|migrate|deploy|status|reset|resolve> [options]
  --schema <path>   source schema (default prisma/schema.prisma)
  --url <url>       database (default $DATABASE_URL, else file:./data/arbiter.db)
  --name <name>     migrate: migration name
  --check           generate: fail if prisma/postgres/schema.prisma is stale
                    migrate: fail if the schema has changes without a migration
  --postgres-url    migrate: server for the PostgreSQL shadow database
  --force           reset: allowed when NODE_ENV=production
  resolve --rolled-back <migration> | --applied <migration>   after a failed migration`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string', default: DEFAULT_SCHEMA_PATH },
      url: { type: 'string' },
      name: { type: 'string' },
      check: { type: 'boolean', default: false },
      'postgres-url': { type: 'string' },
      force: { type: 'boolean', default: false },
      'rolled-back': { type: 'string' },
      applied: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    say(USAGE);
    return values.help ? 0 : 2;
  }
  if (extra.length) throw new DbToolError(`unexpected argument "${extra[0]}"`, 'options go after `--`: npm run db:migrate -- --name init');
  const schemaPath = values.schema;
  const url = values.url ?? databaseUrlFromEnv();
  const t0 = performance.now();

  switch (command) {
    case 'generate': {
      if (values.check) {
        const r = await isPostgresSchemaCurrent(schemaPath);
        if (!r.current) throw new DbToolError(`${displayPath(r.path)} is stale`, 'run npm run db:generate and commit the result');
        say(`${displayPath(r.path)} is up to date`);
        return 0;
      }
      await generateClients(schemaPath, say);
      say(`done in ${secs(t0)}`);
      return 0;
    }

    case 'migrate': {
      const postgresUrl = values['postgres-url'] ?? postgresUrlForDev();
      if (values.check) {
        const diffs = await diffSchemaAgainstMigrations({ schemaPath, postgresUrl });
        const changed = diffs.filter((d) => d.sql !== null).map((d) => d.provider);
        if (changed.length) {
          throw new DbToolError(`the schema has changes without a migration (${changed.join(', ')})`, 'run npm run db:migrate -- --name <name>');
        }
        say(`migrations match the schema (${secs(t0)})`);
        return 0;
      }
      if (!values.name) throw new DbToolError('missing --name', 'npm run db:migrate -- --name <what_changed>');
      const copy = await writePostgresSchema(schemaPath);
      if (copy.changed) say(`wrote ${displayPath(copy.path)}`);
      const r = await createMigrations(values.name, { schemaPath, postgresUrl });
      if (!r.folder) {
        say(`no schema changes: no migration created (${secs(t0)})`);
        return 0;
      }
      for (const f of r.files) say(`created ${displayPath(f)}`);
      say(`done in ${secs(t0)}; next: npm run db:deploy (and npm run db:generate for the clients)`);
      return 0;
    }

    case 'deploy': {
      const r = await deployMigrations(url, { schemaPath, log: say });
      if (r.applied.length) for (const m of r.applied) say(`applied ${m}`);
      say(`${r.database}: ${r.applied.length ? `${r.applied.length} migration(s) applied` : 'already up to date'} (${secs(t0)})`);
      return 0;
    }

    case 'resolve': {
      const rolledBack = values['rolled-back'];
      const applied = values.applied;
      if (!rolledBack === !applied) throw new DbToolError('resolve needs exactly one of --rolled-back <migration> or --applied <migration>');
      await resolveMigration(url, (rolledBack ?? applied)!, rolledBack ? 'rolled-back' : 'applied', { schemaPath });
      say(`${resolveTarget(url).display}: marked ${rolledBack ?? applied} ${rolledBack ? 'rolled back (deploy will run it again)' : 'applied'}`);
      return 0;
    }

    case 'status': {
      const s = await migrationStatus(url, { schemaPath });
      say(`${s.provider} ${s.database}: ${s.migrations.length} migration(s) on disk${s.databaseExists ? '' : ', database does not exist yet'}`);
      for (const m of s.pending) say(`pending  ${m}`);
      for (const m of s.failed) say(`failed   ${m} (fix the database, then mark it rolled back or applied)`);
      for (const m of s.edited) say(`edited   ${m} (changed after it was applied)`);
      for (const m of s.unknown) say(`unknown  ${m} (applied, but not in the migrations folder)`);
      const onlyPending = !s.failed.length && !s.edited.length && !s.unknown.length;
      say(s.upToDate ? 'up to date' : onlyPending ? 'not up to date: run npm run db:deploy' : 'needs attention (see above)');
      return s.upToDate ? 0 : 1;
    }

    case 'reset': {
      if (process.env.NODE_ENV === 'production' && !values.force) {
        throw new DbToolError('refusing to reset with NODE_ENV=production', 'add --force if you really mean it');
      }
      const t = resolveTarget(url);
      const did = await resetDatabase(url);
      say(did ? `reset ${t.display}${t.provider === 'sqlite' ? ' (file deleted)' : ''}` : `${t.display} does not exist: nothing to reset`);
      say(`next: npm run db:deploy (${secs(t0)})`);
      return 0;
    }

    default:
      throw new DbToolError(`unknown command "${command}"`, 'use generate, migrate, deploy, status, reset or resolve');
  }
}

// Ctrl-C during db:migrate: drop the temporary shadow database before leaving.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    process.stderr.write(`interrupted: cleaning up\n`);
    void closeAllMigrationAdapters().finally(() => process.exit(130));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof DbToolError) {
      process.stderr.write(`error: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
    } else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    } else {
      process.stderr.write(`unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exit(1);
  },
);
