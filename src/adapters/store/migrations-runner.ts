// Applies the numbered plain-SQL migrations of the driver's dialect (migrations/<dialect>/NNN_name.sql
// at the package root) that schema_migrations does not list yet. All of them run in one transaction
// behind a lock, so two processes starting at once neither apply a file twice nor see half a schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDialect, SqlDriver } from './sql-driver.js';

// This file is src/adapters/store/*.ts under tsx and dist/adapters/store/*.js after the build: the
// package root, where the .sql files live (tsc does not copy them), is three levels up in both.
const DEFAULT_MIGRATIONS_ROOT = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d+)_[\w-]+\.sql$/;

// SQLite's transactions already begin with the database write lock (BEGIN IMMEDIATE); Postgres needs a
// lock of its own, held until commit, keyed by schema so isolated test schemas do not wait on each other.
const MIGRATION_LOCK: Record<SqlDialect, string | null> = {
  sqlite: null,
  postgres: "SELECT pg_advisory_xact_lock(hashtext('fba-bridge:migrations:' || current_schema()))",
};

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dialect: SqlDialect, root: string = DEFAULT_MIGRATIONS_ROOT): Migration[] {
  const folder = join(root, dialect);
  if (!existsSync(folder)) {
    throw new Error(`Database migrations not found at ${folder}: the package's migrations/ folder is missing.`);
  }
  return readdirSync(folder)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort((a, b) => migrationNumber(a) - migrationNumber(b))
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(folder, file), 'utf8') }));
}

/** Applies what is missing; returns the names applied now (empty when the schema was current). */
export async function runMigrations(driver: SqlDriver, migrations: readonly Migration[] = loadMigrations(driver.dialect)): Promise<string[]> {
  return driver.transaction(async (tx) => {
    const lock = MIGRATION_LOCK[tx.dialect];
    if (lock !== null) await tx.query(lock);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await tx.exec(migration.sql);
      // Wall-clock time on purpose: this records when the schema changed, not a business event.
      await tx.run('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [migration.name, Date.now()]);
      applied.push(migration.name);
    }
    return applied;
  });
}

function migrationNumber(file: string): number {
  return Number(MIGRATION_FILE.exec(file)?.[1] ?? Number.NaN);
}
