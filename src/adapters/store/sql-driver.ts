// The one seam between the repositories and a database. Repositories are written once against this
// interface; a driver per database (SQLite, PostgreSQL) supplies the connection, the transaction and
// the few things that really differ, named as capabilities rather than scattered `if (dialect)`s.
//
// SQL handed to a driver uses Postgres-style positional parameters ($1, $2 …) in both dialects.

export type SqlDialect = 'sqlite' | 'postgres';

/** Values a parameter may take. Booleans are stored as 0/1 so one schema serves both databases. */
export type SqlValue = string | number | null;

export type SqlRow = Record<string, unknown>;

export interface SqlCapabilities {
  /**
   * Concurrent claimers can lock rows and skip those locked by others (`FOR UPDATE SKIP LOCKED`).
   * Without it the database must admit one writer at a time (SQLite), which makes a claim atomic anyway.
   */
  readonly skipLocked: boolean;
}

export interface SqlDriver {
  readonly dialect: SqlDialect;
  readonly capabilities: SqlCapabilities;
  /** Rows of a SELECT or of a statement with RETURNING. The row type is the caller's promise, not checked. */
  query<R = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** A statement without result rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction on one connection: commit when it resolves, rollback when it throws.
   * Inside, use only the `tx` driver given to `fn`. Calling `transaction` on `tx` joins the same transaction.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /** True when the error is a unique or primary key violation. */
  isUniqueViolation(error: unknown): boolean;
  close(): Promise<void>;
}

/** `$start, $start+1, …` for an IN list of `count` values. */
export function placeholders(start: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');
}
