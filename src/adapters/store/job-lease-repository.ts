// Job leases in one statement: insert, or take over a row whose lease has expired. The WHERE of the
// upsert makes the take-over conditional, so of two workers asking at once exactly one gets a row back.
import type { JobLeaseRepository } from '../../ports/alert-store.js';
import type { SqlDriver } from './sql-driver.js';

export class SqlJobLeaseRepository implements JobLeaseRepository {
  constructor(private readonly db: SqlDriver) {}

  async tryAcquire(name: string, owner: string, now: number, holdMs: number): Promise<boolean> {
    const rows = await this.db.query<{ owner: string }>(
      `INSERT INTO job_leases (name, owner, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE job_leases.expires_at <= $4
       RETURNING owner`,
      [name, owner, now + holdMs, now],
    );
    return rows.length === 1 && rows[0]!.owner === owner;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.db.run('DELETE FROM job_leases WHERE name = $1 AND owner = $2', [name, owner]);
  }
}
