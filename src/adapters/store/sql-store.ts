// The Store port over any SqlDriver: the same repositories serve SQLite and PostgreSQL.
// A transaction gets a second SqlStore whose repositories all write through the transaction's driver.
import type { Store } from '../../ports/store.js';
import { SqlAlertRepository } from './alert-repository.js';
import { SqlAuditRepository } from './audit-repository.js';
import { SqlConnectionRepository } from './connection-repository.js';
import { SqlConsoleRepository } from './console-repository.js';
import { SqlExceptionRepository } from './exception-repository.js';
import { SqlInboxRepository } from './inbox-repository.js';
import { SqlInventoryRepository } from './inventory-repository.js';
import { SqlJobLeaseRepository } from './job-lease-repository.js';
import { runMigrations } from './migrations-runner.js';
import { SqlOrderLinkRepository } from './order-link-repository.js';
import { SqlRateBucketRepository } from './rate-bucket-repository.js';
import { SqlScheduledTaskLeaseRepository } from './scheduled-task-lease-repository.js';
import { SqlSettlementRepository } from './settlement-repository.js';
import type { SqlDriver } from './sql-driver.js';
import { SqlWatermarkRepository } from './watermark-repository.js';
import { SqlRetentionRepository } from './retention-repository.js';
import { SqlWorkQueueRepository } from './work-queue-repository.js';

export class SqlStore implements Store {
  readonly dialect: Store['dialect'];
  readonly connections: SqlConnectionRepository;
  readonly work: SqlWorkQueueRepository;
  readonly orderLinks: SqlOrderLinkRepository;
  readonly exceptions: SqlExceptionRepository;
  readonly inbox: SqlInboxRepository;
  readonly watermarks: SqlWatermarkRepository;
  readonly audit: SqlAuditRepository;
  readonly retention: SqlRetentionRepository;
  readonly inventory: SqlInventoryRepository;
  readonly settlements: SqlSettlementRepository;
  readonly alerts: SqlAlertRepository;
  readonly jobLeases: SqlJobLeaseRepository;
  readonly taskLeases: SqlScheduledTaskLeaseRepository;
  readonly rateBuckets: SqlRateBucketRepository;
  readonly console: SqlConsoleRepository;

  constructor(
    private readonly driver: SqlDriver,
    private readonly insideTransaction = false,
  ) {
    this.dialect = driver.dialect;
    this.connections = new SqlConnectionRepository(driver);
    this.work = new SqlWorkQueueRepository(driver);
    this.orderLinks = new SqlOrderLinkRepository(driver);
    this.exceptions = new SqlExceptionRepository(driver);
    this.inbox = new SqlInboxRepository(driver);
    this.watermarks = new SqlWatermarkRepository(driver);
    this.audit = new SqlAuditRepository(driver);
    this.retention = new SqlRetentionRepository(driver);
    this.inventory = new SqlInventoryRepository(driver);
    this.settlements = new SqlSettlementRepository(driver);
    this.alerts = new SqlAlertRepository(driver);
    this.jobLeases = new SqlJobLeaseRepository(driver);
    this.taskLeases = new SqlScheduledTaskLeaseRepository(driver);
    this.rateBuckets = new SqlRateBucketRepository(driver);
    this.console = new SqlConsoleRepository(driver);
  }

  /** Inside a transaction, a nested call joins it (no savepoints): all or nothing for the outermost. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.insideTransaction) return fn(this);
    return this.driver.transaction((txDriver) => fn(new SqlStore(txDriver, true)));
  }

  async migrate(): Promise<void> {
    if (this.insideTransaction) throw new Error('Migrate the store, not a transaction.');
    await runMigrations(this.driver);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
