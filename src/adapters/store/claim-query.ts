// The claim: pick the due items (highest priority, then oldest runAt) and lease them, in ONE statement
// so no other claimer can slip between the pick and the lease.
//  - Postgres: FOR UPDATE SKIP LOCKED locks the picked rows; a concurrent claimer skips them instead of
//    waiting, then picks others. The outer `state = 'pending'` re-check is cheap insurance.
//  - SQLite: a writing statement takes the database write lock (the lock BEGIN IMMEDIATE takes) before
//    it reads, so claimers, even in other processes, run one after another and never see the same row.
// MATERIALIZED keeps the pick (and its LIMIT) evaluated exactly once.
import { placeholders, type SqlCapabilities } from './sql-driver.js';

/** Parameters: $1 now, $2 owner, $3 lease expiry, $4 limit, $5… the kinds (when `kindCount` > 0). */
export function claimQuery(capabilities: SqlCapabilities, kindCount: number): string {
  const kindFilter = kindCount > 0 ? `AND kind IN (${placeholders(5, kindCount)})` : '';
  const rowLocks = capabilities.skipLocked ? 'FOR UPDATE SKIP LOCKED' : '';
  return `
    WITH picked AS MATERIALIZED (
      SELECT id FROM work_items
      WHERE state = 'pending' AND run_at <= $1 ${kindFilter}
      ORDER BY priority DESC, run_at, id
      LIMIT $4
      ${rowLocks}
    )
    UPDATE work_items
    SET state = 'leased', lease_owner = $2, lease_expires_at = $3, attempts = attempts + 1, updated_at = $1
    WHERE id IN (SELECT id FROM picked) AND state = 'pending'
    RETURNING *`;
}
