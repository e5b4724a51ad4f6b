// PostgreSQL through a pg.Pool. Statements outside a transaction go to any pooled client; a
// transaction holds one client from BEGIN to COMMIT. BIGINT (epoch ms, ids, counts) is parsed as a
// JS number: all our values are far below 2^53, and the repositories then need no per-dialect casts.
import pg from 'pg';
import type { SqlCapabilities, SqlDriver, SqlRow, SqlValue } from './sql-driver.js';

const CAPABILITIES: SqlCapabilities = { skipLocked: true };
const INT8_OID = 20;
const UNIQUE_VIOLATION = '23505';
const DUPLICATE_SCHEMA = '42P06';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`BIGINT ${text} does not fit a JS number`);
  return value;
}

// Per pool, not pg.types.setTypeParser: that would change int8 parsing for every pg user in the process.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresDriverOptions {
  readonly connectionString: string;
  /** Work in this schema (created if missing) instead of the server's default search_path. */
  readonly schema?: string | null;
  readonly maxConnections?: number;
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly capabilities = CAPABILITIES;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(options: PostgresDriverOptions): Promise<PostgresDriver> {
    const schema = options.schema ?? null;
    if (schema !== null) {
      if (!SCHEMA_NAME.test(schema)) {
        throw new Error(`Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and underscores.`);
      }
      await createSchema(options.connectionString, schema);
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      types,
      // A connection-level setting, so every pooled client (and every transaction) sees the same schema.
      ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its server must not crash the process; the next query reports the problem.
    pool.on('error', () => undefined);
    return new PostgresDriver(pool);
  }

  async query<R = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.pool.query(sql, params as SqlValue[])).rows as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.pool.query(sql, params as SqlValue[])).rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    await this.pool.query(script);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresTransactionDriver(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is in an unknown state: have the pool discard it rather than reuse it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  isUniqueViolation(error: unknown): boolean {
    return pgErrorCode(error) === UNIQUE_VIOLATION;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The driver handed to a transaction body: every statement on the transaction's client. */
class PostgresTransactionDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly capabilities = CAPABILITIES;

  constructor(private readonly client: pg.PoolClient) {}

  async query<R = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.client.query(sql, params as SqlValue[])).rows as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.client.query(sql, params as SqlValue[])).rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    await this.client.query(script);
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return fn(this);
  }

  isUniqueViolation(error: unknown): boolean {
    return pgErrorCode(error) === UNIQUE_VIOLATION;
  }

  async close(): Promise<void> {
    throw new Error('Close the store, not the transaction.');
  }
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating the schema at once: IF NOT EXISTS is not atomic, the loser sees a duplicate.
    const code = pgErrorCode(error);
    if (code !== UNIQUE_VIOLATION && code !== DUPLICATE_SCHEMA) throw error;
  } finally {
    await client.end();
  }
}

function pgErrorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
