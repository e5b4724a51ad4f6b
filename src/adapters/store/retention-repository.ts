// Retention (RETENTION_DAYS, docs/runbooks/order-flow-daily-check.md): what the bridge keeps about its
// own work is purged once it is older than the retention period. Only finished records go: pending or
// leased work, open order links and every exception stay, whatever their age.
import type { PurgeCounts, RetentionRepository } from '../../ports/store.js';
import type { SqlDriver } from './sql-driver.js';

export class SqlRetentionRepository implements RetentionRepository {
  constructor(private readonly db: SqlDriver) {}

  async purgeOlderThan(cutoff: number): Promise<PurgeCounts> {
    const workItems = await this.db.run(`DELETE FROM work_items WHERE state IN ('done', 'dead') AND updated_at < $1`, [cutoff]);
    const auditEntries = await this.db.run('DELETE FROM audit_log WHERE at < $1', [cutoff]);
    const orderLinks = await this.db.run(`DELETE FROM order_links WHERE state IN ('closed', 'local') AND updated_at < $1`, [cutoff]);
    return { workItems, auditEntries, orderLinks };
  }
}
