// Where things live. Everything is derived from the schema path so the tool can run on a schema in a
// temp dir (tests) exactly as on prisma/schema.prisma.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbProvider } from './url.ts';

/** The repository root: relative SQLite URLs (file:./data/arbiter.db) are resolved against it. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const DEFAULT_SCHEMA_PATH = path.join(REPO_ROOT, 'prisma', 'schema.prisma');

export interface SchemaLayout {
  /** The source schema (provider sqlite), edited by hand. */
  schemaPath: string;
  /** The generated PostgreSQL copy: <schema dir>/postgres/schema.prisma. */
  postgresSchemaPath: string;
  /** One migrations folder per provider: <schema dir>/migrations/<provider>. */
  migrationsDir: Record<DbProvider, string>;
}

export function schemaLayout(schemaPath: string = DEFAULT_SCHEMA_PATH): SchemaLayout {
  const abs = path.resolve(schemaPath);
  const dir = path.dirname(abs);
  return {
    schemaPath: abs,
    postgresSchemaPath: path.join(dir, 'postgres', 'schema.prisma'),
    migrationsDir: {
      sqlite: path.join(dir, 'migrations', 'sqlite'),
      postgres: path.join(dir, 'migrations', 'postgres'),
    },
  };
}

/** Short path for messages: relative to the current directory when inside it. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
