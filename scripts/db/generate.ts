// `db:generate`: the PostgreSQL copy of the schema and both Prisma clients.
// Prisma allows one provider per schema, so prisma/schema.prisma (sqlite) is the source and
// prisma/postgres/schema.prisma is derived from it: only `provider` and the client `output` differ.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbToolError } from './errors.ts';
import { REPO_ROOT, displayPath, schemaLayout } from './paths.ts';

const require = createRequire(import.meta.url);

const HEADER =
  '// generated from prisma/schema.prisma, do not edit: run `npm run db:generate` after changing the source.\n' +
  '// Identical to the source except the datasource provider and the generated client folder.\n\n';

/** Normalise to forward slashes: the schema's paths are written the same on every OS. */
const posix = (p: string) => p.split(path.sep).join('/');

/** Derive the PostgreSQL schema text from the SQLite source. Pure: used by --check and tests. */
export function postgresSchemaFrom(source: string, sourcePath: string, copyPath: string): string {
  let datasources = 0;
  let out = source.replace(/^(\s*datasource\s+\w+\s*\{)([^}]*)\}/gm, (_m, head: string, body: string) => {
    datasources++;
    const replaced = body.replace(/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"');
    if (replaced === body) throw new DbToolError(`${displayPath(sourcePath)}: the datasource provider must be "sqlite"`);
    return `${head}${replaced}}`;
  });
  if (datasources !== 1) throw new DbToolError(`${displayPath(sourcePath)}: expected exactly one datasource block`);

  let clients = 0;
  out = out.replace(/^(\s*generator\s+\w+\s*\{)([^}]*)\}/gm, (m, head: string, body: string) => {
    if (!/^\s*provider\s*=\s*"prisma-client(-js)?"/m.test(body)) return m; // other generators: unchanged
    clients++;
    const replaced = body.replace(/^(\s*output\s*=\s*)"([^"]*)"/m, (_o, lhs: string, rel: string) => {
      // ../generated/prisma-sqlite (relative to the source) -> ../../generated/prisma-postgres (relative to the copy)
      const abs = path.resolve(path.dirname(sourcePath), rel);
      const base = path.basename(abs);
      if (!base.includes('sqlite')) {
        throw new DbToolError(`${displayPath(sourcePath)}: the client output folder must contain "sqlite" (e.g. ../generated/prisma-sqlite)`);
      }
      const target = path.join(path.dirname(abs), base.replace('sqlite', 'postgres'));
      return `${lhs}"${posix(path.relative(path.dirname(copyPath), target))}"`;
    });
    if (replaced === body) throw new DbToolError(`${displayPath(sourcePath)}: the client generator needs an output folder`);
    return `${head}${replaced}}`;
  });
  if (clients === 0) throw new DbToolError(`${displayPath(sourcePath)}: no prisma-client generator block`);
  return HEADER + out;
}

async function readSchema(schemaPath: string): Promise<string> {
  return readFile(schemaPath, 'utf8').catch(() => {
    throw new DbToolError(`schema not found: ${displayPath(schemaPath)}`, 'pass --schema <path> or create prisma/schema.prisma');
  });
}

/** Expected content of the PostgreSQL copy for the schema at `schemaPath`. */
export async function expectedPostgresSchema(schemaPath: string): Promise<{ path: string; content: string }> {
  const layout = schemaLayout(schemaPath);
  const source = await readSchema(layout.schemaPath);
  return { path: layout.postgresSchemaPath, content: postgresSchemaFrom(source, layout.schemaPath, layout.postgresSchemaPath) };
}

/** Write the copy if it differs. Returns whether the file changed. */
export async function writePostgresSchema(schemaPath: string): Promise<{ path: string; changed: boolean }> {
  const expected = await expectedPostgresSchema(schemaPath);
  const current = await readFile(expected.path, 'utf8').catch(() => null);
  if (current === expected.content) return { path: expected.path, changed: false };
  await mkdir(path.dirname(expected.path), { recursive: true });
  await writeFile(expected.path, expected.content);
  return { path: expected.path, changed: true };
}

/** For CI: is the committed copy what db:generate would write? */
export async function isPostgresSchemaCurrent(schemaPath: string): Promise<{ path: string; current: boolean }> {
  const expected = await expectedPostgresSchema(schemaPath);
  const current = await readFile(expected.path, 'utf8').catch(() => null);
  return { path: expected.path, current: current === expected.content };
}

/**
 * Every prisma 7 CLI command first tries to download the native schema engine, which fails
 * offline. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops that, and `generate`
 * never runs it. The file is a script that explains itself should anything ever execute it.
 */
export const DUMMY_SCHEMA_ENGINE = fileURLToPath(new URL('./no-schema-engine.sh', import.meta.url));

/** `prisma generate --schema <file>`, quiet unless it fails. */
export async function prismaGenerate(schemaFile: string): Promise<void> {
  const cli = require.resolve('prisma/build/index.js');
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: DUMMY_SCHEMA_ENGINE,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1', // no version-check request to checkpoint.prisma.io
    PRISMA_DISABLE_WARNINGS: '1',
  };
  const child = spawn(process.execPath, [cli, 'generate', '--schema', schemaFile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new DbToolError(`prisma generate failed for ${displayPath(schemaFile)} (exit ${code}):\n${output.trim()}`);
  }
}

export interface GenerateResult {
  postgresSchema: { path: string; changed: boolean };
  ms: number;
}

/** Write the PostgreSQL copy, then generate both clients (in parallel: ~1 s each, 2 cores). */
export async function generateClients(schemaPath: string, log: (line: string) => void = () => {}): Promise<GenerateResult> {
  const t0 = performance.now();
  const layout = schemaLayout(schemaPath);
  const postgresSchema = await writePostgresSchema(layout.schemaPath);
  log(`${postgresSchema.changed ? 'wrote' : 'unchanged'} ${displayPath(postgresSchema.path)}`);
  await Promise.all(
    [layout.schemaPath, layout.postgresSchemaPath].map(async (file) => {
      const t = performance.now();
      await prismaGenerate(file);
      log(`generated client for ${displayPath(file)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }),
  );
  return { postgresSchema, ms: performance.now() - t0 };
}
