// Public API of Arbiter's database tooling (the CLI is cli.ts). The app can import url.ts alone
// to pick a provider from DATABASE_URL without loading the migration engine.
export { deployMigrations, migrationStatus, resetDatabase, resolveMigration, createMigrations, diffSchemaAgainstMigrations, postgresUrlForDev, DEFAULT_POSTGRES_URL } from './migrate.ts';
export type { DeployResult, MigrationStatus, MigrateOptions, CreateOptions, CreateResult } from './migrate.ts';
export { generateClients, writePostgresSchema, isPostgresSchemaCurrent, postgresSchemaFrom } from './generate.ts';
export { DEFAULT_DATABASE_URL, absoluteDatabaseUrl, databaseUrlFromEnv, maskUrl, providerFromUrl, sqliteFilePath } from './url.ts';
export type { DbProvider } from './url.ts';
export { DbToolError } from './errors.ts';
export { DEFAULT_SCHEMA_PATH, REPO_ROOT, schemaLayout } from './paths.ts';
