// The one way the application gets a Store: from the database URL, migrated and ready.
import type { Store } from '../../ports/store.js';
import { parseDatabaseUrl } from './database-url.js';
import { PostgresDriver } from './postgres-driver.js';
import { SqliteDriver } from './sqlite-driver.js';
import { SqlStore } from './sql-store.js';

export interface OpenStoreOptions {
  /** PostgreSQL only: work in this schema (created if missing); overrides a `?schema=` in the URL. */
  readonly schema?: string;
  /** Apply pending migrations before returning (default true; safe when several processes start at once). */
  readonly migrate?: boolean;
}

/**
 * `sqlite:./data/bridge.db`, a plain file path (its folder is created) or `:memory:` open SQLite;
 * `postgres://…` or `postgresql://…` open PostgreSQL.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === 'sqlite' && options.schema !== undefined) {
    throw new Error('The schema option applies to PostgreSQL only.');
  }
  const driver =
    target.dialect === 'sqlite'
      ? SqliteDriver.open(target.filename)
      : await PostgresDriver.open({ connectionString: target.connectionString, schema: options.schema ?? target.schema });
  const store = new SqlStore(driver);
  if (options.migrate ?? true) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  return store;
}
