// SQLite through better-sqlite3. One writer at a time is SQLite's own rule; we make it explicit:
// transactions are BEGIN IMMEDIATE (take the write lock up front, so two processes never both read and
// then fail to upgrade), WAL lets readers run beside the writer, and busy_timeout makes a second
// process wait for the lock instead of failing. Within this process an async mutex serialises access,
// because a transaction body awaits and the synchronous connection must not be shared meanwhile.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AsyncMutex } from './async-mutex.js';
import type { SqlCapabilities, SqlDriver, SqlRow, SqlValue } from './sql-driver.js';

const BUSY_TIMEOUT_MS = 5_000;
// better-sqlite3 builds SQLite with a 16 MB page cache per connection (SQLite's own default is 2 MB);
// the cache fills as the file grows and, allocated by malloc, stays resident (docs/adr/0019).
const PAGE_CACHE_KIB = 2_000;
const STATEMENT_CACHE_LIMIT = 500;
const CAPABILITIES: SqlCapabilities = { skipLocked: false };

// A call that waits behind a transaction making no progress this long is taken for a call that
// transaction itself awaits (see FileLock).
const STALLED_TRANSACTION_MS = 2_000;
const DEADLOCK = 'The store was used directly inside its own transaction; use the `tx` store passed to transaction() (otherwise this would deadlock).';

/**
 * Every connection to one file in this process shares one lock. With a lock per connection, a
 * transaction awaiting on connection A while connection B issues BEGIN IMMEDIATE would spin in
 * SQLite's busy handler on the only thread, so A could never commit.
 *
 * Using the store itself (not `tx`) inside a transaction would wait for the lock that transaction
 * holds: a deadlock. A call that finds a transaction open therefore watches it, and if the transaction
 * runs no statement and does not finish for STALLED_TRANSACTION_MS, the call fails with a clear error
 * instead (the transaction then rolls back). Transaction bodies run statements only, so one that stalls
 * that long is waiting for the call. This replaced an AsyncLocalStorage, which keeps promise hooks on
 * in the whole process and cost every promise (docs/adr/0023).
 */
class FileLock {
  readonly mutex = new AsyncMutex();
  /** Statements run by the open transaction, if one is open. */
  open: { steps: number } | undefined;
}

const lockByFile = new Map<string, FileLock>();

type Connection = Database.Database;

export function isMemoryDatabase(filename: string): boolean {
  return filename === ':memory:' || filename === '';
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly capabilities = CAPABILITIES;
  private readonly statements: StatementCache;
  private readonly inTransaction: SqliteTransactionDriver;

  private constructor(
    private readonly db: Connection,
    private readonly lock: FileLock,
  ) {
    this.statements = new StatementCache(db);
    this.inTransaction = new SqliteTransactionDriver(this.statements);
  }

  /** Opens (creating the file and its folder if needed) `filename`, or an in-memory database for ':memory:'. */
  static open(filename: string): SqliteDriver {
    if (isMemoryDatabase(filename)) {
      return new SqliteDriver(new Database(':memory:'), new FileLock());
    }
    const path = resolve(filename);
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable with WAL except for the last transactions on power loss, not on a process crash.
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    let lock = lockByFile.get(path);
    if (!lock) {
      lock = new FileLock();
      lockByFile.set(path, lock);
    }
    return new SqliteDriver(db, lock);
  }

  query<R = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.exclusive(() => this.statements.all<R>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.exclusive(() => this.statements.run(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.exclusive(() => this.db.exec(script)).then(() => undefined);
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      const open = { steps: 0 };
      this.lock.open = open;
      this.inTransaction.open = open;
      try {
        const result = await fn(this.inTransaction);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.lock.open = undefined;
      }
    });
  }

  isUniqueViolation(error: unknown): boolean {
    return isSqliteUniqueViolation(error);
  }

  close(): Promise<void> {
    return this.exclusive(() => this.db.close()).then(() => undefined);
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const open = this.lock.open;
    return open ? this.behindTransaction(open, fn) : this.lock.mutex.runExclusive(fn);
  }

  /** Waits for the open transaction, unless it stalls (see FileLock): then the call fails and never runs. */
  private behindTransaction<T>(open: { steps: number }, fn: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let refused = false;
      let seen = open.steps;
      const watch = setInterval(() => {
        if (this.lock.open !== open) return clearInterval(watch);
        if (open.steps !== seen) {
          seen = open.steps;
          return;
        }
        refused = true;
        clearInterval(watch);
        reject(new Error(DEADLOCK));
      }, STALLED_TRANSACTION_MS);
      this.lock.mutex.runExclusive(() => {
        clearInterval(watch);
        return refused ? undefined : fn();
      }).then((value) => { if (!refused) resolve(value as T); }, reject);
    });
  }
}

/** The driver handed to a transaction body: the connection is already ours, so no locking. */
class SqliteTransactionDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly capabilities = CAPABILITIES;
  /** The transaction under way: each statement counts as progress (FileLock). */
  open: { steps: number } = { steps: 0 };

  constructor(private readonly statements: StatementCache) {}

  async query<R = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    this.open.steps++;
    return this.statements.all<R>(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.open.steps++;
    return this.statements.run(sql, params);
  }

  async exec(script: string): Promise<void> {
    this.open.steps++;
    this.statements.db.exec(script);
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return fn(this);
  }

  isUniqueViolation(error: unknown): boolean {
    return isSqliteUniqueViolation(error);
  }

  async close(): Promise<void> {
    throw new Error('Close the store, not the transaction.');
  }
}

class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Connection) {}

  all<R>(sql: string, params: readonly SqlValue[]): R[] {
    const statement = this.prepare(sql);
    return (params.length > 0 ? statement.all(named(params)) : statement.all()) as R[];
  }

  run(sql: string, params: readonly SqlValue[]): number {
    const statement = this.prepare(sql);
    return (params.length > 0 ? statement.run(named(params)) : statement.run()).changes;
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      // IN lists of varying length make new texts; a bound keeps a long-running process from hoarding them.
      if (this.cache.size >= STATEMENT_CACHE_LIMIT) this.cache.clear();
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

// SQLite reads `$1` as a parameter named "1"; better-sqlite3 binds named parameters from an object.
function named(params: readonly SqlValue[]): Record<string, SqlValue> {
  const bound: Record<string, SqlValue> = {};
  params.forEach((value, index) => {
    bound[String(index + 1)] = value;
  });
  return bound;
}

function isSqliteUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
