// The claim: pick the due items and lease them, in ONE statement so no other claimer can slip between
// the pick and the lease.
//  - Postgres: FOR UPDATE SKIP LOCKED locks the picked rows; a concurrent claimer skips them instead of
//    waiting, then picks others. The outer `state = 'pending'` re-check is cheap insurance.
//  - SQLite: a writing statement takes the database write lock (the lock BEGIN IMMEDIATE takes) before
//    it reads, so claimers, even in other processes, run one after another and never see the same row.
// MATERIALIZED keeps the pick (and its LIMIT) evaluated exactly once.
//
// The fair claim (docs/adr/0017, agency mode) serves connections in turns: each due item's turn is its
// rank within its connection (priority, then age) plus the items of that connection this worker
// already runs, and the pick takes the lowest turns first. So a connection with a 10,000-order backlog
// gets the next slot only after every other connection with due work has had its turn, and it never
// holds more than its share of this worker's slots — ceil(slots ÷ connections with work), at least
// `minPerConnection` — while others have work. When other connections are known but idle, one share
// is kept free for them, so their next order finds a slot at once instead of waiting for one of the
// backlog's items (which wait for their seller's tokens) to finish. A deployment with one connection
// uses every slot.
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
    ${LEASE_PICKED}`;
}

/**
 * Parameters: $1 now, $2 owner, $3 lease expiry, $4 limit, $5 this worker's slots, $6 the prefix of
 * this worker's lease owners, $7 the least share of one connection, $8… the kinds, then the ids of the
 * connections with pending work (`pendingConnectionsQuery`; at least one).
 */
export function fairClaimQuery(capabilities: SqlCapabilities, kindCount: number, connectionCount: number): string {
  const kindFilter = kindCount > 0 ? `AND kind IN (${placeholders(8, kindCount)})` : '';
  // Only a connection's first `slots` due items can have a turn within its share, so each connection's
  // candidates are read from the (connection, priority, run_at) index and cut there: the claim's cost
  // follows the number of connections and slots, not the length of a backlog.
  const firstDue = Array.from({ length: connectionCount }, (_, i) => `
      SELECT * FROM (SELECT id, connection_id, priority, run_at FROM work_items
        WHERE connection_id = $${8 + kindCount + i} AND state = 'pending' AND run_at <= $1 ${kindFilter}
        ORDER BY priority DESC, run_at, id LIMIT CAST($5 AS INTEGER)) AS due_${i}`).join('\n      UNION ALL');
  const rowLocks = capabilities.skipLocked ? 'FOR UPDATE OF w SKIP LOCKED' : '';
  return `
    WITH mine AS (
      SELECT connection_id, COUNT(*) AS running FROM work_items
      WHERE state = 'leased' AND lease_owner >= $6 AND substr(lease_owner, 1, length($6)) = $6
      GROUP BY connection_id
    ), due AS (${firstDue}
    ), active AS (
      SELECT COUNT(*) AS connections, (SELECT COUNT(*) FROM connections) AS known
      FROM (SELECT connection_id FROM due UNION SELECT connection_id FROM mine) AS with_work
    ), parts AS (
      SELECT connections + CASE WHEN known > connections THEN 1 ELSE 0 END AS n FROM active WHERE connections > 0
    ), share AS (
      SELECT CASE WHEN (CAST($5 AS INTEGER) + n - 1) / n > CAST($7 AS INTEGER)
        THEN (CAST($5 AS INTEGER) + n - 1) / n ELSE CAST($7 AS INTEGER) END AS per_connection
      FROM parts
    ), ranked AS MATERIALIZED (
      SELECT due.id, due.priority, due.run_at,
        ROW_NUMBER() OVER (PARTITION BY due.connection_id ORDER BY due.priority DESC, due.run_at, due.id) + COALESCE(mine.running, 0) AS turn
      FROM due LEFT JOIN mine ON mine.connection_id = due.connection_id
    ), picked AS MATERIALIZED (
      SELECT w.id FROM work_items w JOIN ranked r ON r.id = w.id
      WHERE w.state = 'pending' AND r.turn <= (SELECT per_connection FROM share)
      ORDER BY r.turn, r.priority DESC, r.run_at, r.id
      LIMIT $4
      ${rowLocks}
    )
    ${LEASE_PICKED}`;
}

/**
 * The connections with pending work, each found by one step of the (connection, …) index (a loose index
 * scan) rather than by reading every pending item.
 */
export const PENDING_CONNECTIONS = `
    WITH RECURSIVE pending(connection_id) AS (
      SELECT MIN(connection_id) FROM work_items WHERE state = 'pending'
      UNION ALL
      SELECT (SELECT MIN(connection_id) FROM work_items WHERE state = 'pending' AND connection_id > pending.connection_id)
      FROM pending WHERE pending.connection_id IS NOT NULL
    )
    SELECT connection_id FROM pending WHERE connection_id IS NOT NULL`;

const LEASE_PICKED = `
    UPDATE work_items
    SET state = 'leased', lease_owner = $2, lease_expires_at = $3, attempts = attempts + 1, updated_at = $1
    WHERE id IN (SELECT id FROM picked) AND state = 'pending'
    RETURNING *`;
