// The work queue (architecture §2): the database is the queue. One row per (connection, kind, subject)
// carries the subject's pending work; leases fence out workers whose time ran out.
// Every state change is a single statement guarded by its WHERE clause, so it is atomic on both databases.
import type {
  ClaimInput,
  EnqueueInput,
  WorkItem,
  WorkKind,
  WorkQueueRepository,
  WorkQueueStats,
  WorkState,
} from '../../ports/store.js';
import { scrubSecrets } from '../../config/secret.js';
import { claimQuery, fairClaimQuery, PENDING_CONNECTIONS } from './claim-query.js';
import { placeholders, type SqlDriver } from './sql-driver.js';

interface WorkItemRow {
  id: number;
  connection_id: string;
  kind: string;
  subject_id: string;
  priority: number;
  state: string;
  attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface StatsRow {
  kind: string;
  pending: number;
  due: number;
  leased: number;
  dead: number;
  done: number;
  oldest_due_at: number | null;
}

// An enqueue the row already covers writes nothing (ADR 0023): pending at that priority or higher and due
// as early (or waiting out a backoff, which an enqueue keeps), or leased and already marked dirty as early.
// Notifications repeat what the queue holds (five per order, most while its look is pending).
const ENQUEUE_CHANGES_NOTHING = `
    work_items.priority >= excluded.priority AND (
      (work_items.state = 'pending' AND work_items.dirty_run_at IS NULL AND (work_items.attempts > 0 OR work_items.run_at <= excluded.run_at))
      OR (work_items.state = 'leased' AND work_items.dirty_run_at IS NOT NULL AND work_items.dirty_run_at <= excluded.run_at))`;

// pending → earlier runAt (but an item waiting out a backoff after a failure keeps it: polls and events
// must not cancel a backoff), higher priority. leased → remember it is dirty (earliest requested runAt) for
// when the attempt ends. done/dead → pending again with a fresh attempt budget: new information may fix it.
// (In both databases every right-hand side sees the row as it was before the update.)
const ENQUEUE = `
  INSERT INTO work_items (connection_id, kind, subject_id, priority, state, attempts, run_at, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $6)
  ON CONFLICT (connection_id, kind, subject_id) DO UPDATE SET
    priority = CASE
      WHEN work_items.state IN ('done', 'dead') THEN excluded.priority
      WHEN excluded.priority > work_items.priority THEN excluded.priority
      ELSE work_items.priority END,
    run_at = CASE
      WHEN work_items.state IN ('done', 'dead') THEN excluded.run_at
      WHEN work_items.state = 'pending' AND work_items.attempts = 0 AND excluded.run_at < work_items.run_at THEN excluded.run_at
      ELSE work_items.run_at END,
    attempts = CASE WHEN work_items.state IN ('done', 'dead') THEN 0 ELSE work_items.attempts END,
    dirty_run_at = CASE
      WHEN work_items.state <> 'leased' THEN NULL
      WHEN work_items.dirty_run_at IS NULL OR excluded.run_at < work_items.dirty_run_at THEN excluded.run_at
      ELSE work_items.dirty_run_at END,
    state = CASE WHEN work_items.state = 'leased' THEN 'leased' ELSE 'pending' END,
    updated_at = excluded.updated_at
  WHERE NOT (${ENQUEUE_CHANGES_NOTHING})`;

// The fence on every outcome: only the current lease holder may settle the item.
const HELD_BY_OWNER = `id = $1 AND state = 'leased' AND lease_owner = $2`;
const RELEASE_LEASE = `lease_owner = NULL, lease_expires_at = NULL, dirty_run_at = NULL`;

// Done — unless it turned dirty meanwhile: then it runs again as new work (fresh attempt budget).
const COMPLETE = `
  UPDATE work_items SET
    state = CASE WHEN dirty_run_at IS NULL THEN 'done' ELSE 'pending' END,
    run_at = COALESCE(dirty_run_at, run_at),
    attempts = CASE WHEN dirty_run_at IS NULL THEN attempts ELSE 0 END,
    last_error = NULL, ${RELEASE_LEASE}, updated_at = $3
  WHERE ${HELD_BY_OWNER}`;

// Back to pending with the error, after the backoff: a dirty mark does not shorten it (the retry reads
// fresh state anyway). Attempts carry on.
const RETRY = `
  UPDATE work_items SET
    state = 'pending', run_at = $3,
    last_error = $4, ${RELEASE_LEASE}, updated_at = $5
  WHERE ${HELD_BY_OWNER}`;

// A dependency outage: back to pending with the attempt taken back (an outage is not the item's fault).
const PAUSE = `
  UPDATE work_items SET
    state = 'pending', run_at = $3,
    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
    last_error = $4, ${RELEASE_LEASE}, updated_at = $5
  WHERE ${HELD_BY_OWNER}`;

// Dead — unless it turned dirty meanwhile: news that arrived during the last attempt gets the same fresh
// budget it would have got a moment later (enqueue of a dead item), so the outcome does not hang on timing.
const DEAD_LETTER = `
  UPDATE work_items SET
    state = CASE WHEN dirty_run_at IS NULL THEN 'dead' ELSE 'pending' END,
    run_at = COALESCE(dirty_run_at, run_at),
    attempts = CASE WHEN dirty_run_at IS NULL THEN attempts ELSE 0 END,
    last_error = $3, ${RELEASE_LEASE}, updated_at = $4
  WHERE ${HELD_BY_OWNER}`;

// Given back unspent: the claim's attempt is taken back, and it is due now at its real priority. A dirty
// mark needs no keeping, the next run is now anyway.
const REQUEUE = `
  UPDATE work_items SET
    state = 'pending', priority = $3, run_at = $4,
    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
    ${RELEASE_LEASE}, updated_at = $4
  WHERE ${HELD_BY_OWNER}`;

// The picked dead letters go pending with a fresh budget, as an enqueue would take them.
const REDRIVE_DEAD = `
  UPDATE work_items SET state = 'pending', attempts = 0, run_at = $3, updated_at = $3
  WHERE id IN (
    SELECT id FROM work_items WHERE connection_id = $1 AND state = 'dead' AND updated_at < $2 ORDER BY updated_at LIMIT $4
  ) AND state = 'dead'`;

const EXTEND_LEASE = `UPDATE work_items SET lease_expires_at = $3 WHERE ${HELD_BY_OWNER}`;

// A worker that stopped or stalled: its items are due again. The attempt it started still counts, so a
// subject that crashes its worker every time reaches the attempt budget instead of looping for ever.
const REAP_EXPIRED = `
  UPDATE work_items SET
    state = 'pending',
    run_at = CASE WHEN dirty_run_at IS NOT NULL AND dirty_run_at < $1 THEN dirty_run_at ELSE $1 END,
    last_error = 'lease expired (worker ' || lease_owner || ' stopped or stalled)',
    ${RELEASE_LEASE}, updated_at = $1
  WHERE state = 'leased' AND lease_expires_at <= $1`;

const STATS = `
  SELECT kind,
    COUNT(*) FILTER (WHERE state = 'pending') AS pending,
    COUNT(*) FILTER (WHERE state = 'pending' AND run_at <= $2) AS due,
    COUNT(*) FILTER (WHERE state = 'leased') AS leased,
    COUNT(*) FILTER (WHERE state = 'dead') AS dead,
    COUNT(*) FILTER (WHERE state = 'done') AS done,
    MIN(run_at) FILTER (WHERE state = 'pending' AND run_at <= $2) AS oldest_due_at
  FROM work_items WHERE connection_id = $1
  GROUP BY kind ORDER BY kind`;

// Read from the (connection, priority, run_at) index of pending items (migration 010).
const DUE_AT_OR_ABOVE = `
  SELECT 1 FROM work_items WHERE connection_id = $1 AND state = 'pending' AND priority >= $2 AND run_at <= $3 LIMIT 1`;

export class SqlWorkQueueRepository implements WorkQueueRepository {
  constructor(private readonly db: SqlDriver) {}

  async enqueue(input: EnqueueInput, now: number): Promise<void> {
    await this.db.run(ENQUEUE, [input.connectionId, input.kind, input.subjectId, input.priority, input.runAt, now]);
  }

  async claim(input: ClaimInput): Promise<WorkItem[]> {
    if (input.limit <= 0 || (input.kinds !== undefined && input.kinds.length === 0)) return [];
    const kinds = input.kinds ?? [];
    const head = [input.now, input.owner, input.now + input.leaseMs, input.limit];
    const fair = input.fairShare;
    let rows: WorkItemRow[];
    if (fair) {
      const connections = (await this.db.query<{ connection_id: string }>(PENDING_CONNECTIONS)).map((r) => r.connection_id);
      if (connections.length === 0) return [];
      const query = fairClaimQuery(this.db.capabilities, kinds.length, connections.length);
      rows = await this.db.query<WorkItemRow>(query, [...head, fair.slots, fair.ownerPrefix, fair.minPerConnection, ...kinds, ...connections]);
    } else {
      rows = await this.db.query<WorkItemRow>(claimQuery(this.db.capabilities, kinds.length), [...head, ...kinds]);
    }
    // RETURNING does not keep the pick's order.
    return rows.map(toWorkItem).sort(byClaimOrder);
  }

  async complete(id: number, owner: string, now: number): Promise<boolean> {
    return (await this.db.run(COMPLETE, [id, owner, now])) === 1;
  }

  async retry(id: number, owner: string, runAt: number, error: string, now: number): Promise<boolean> {
    return (await this.db.run(RETRY, [id, owner, runAt, storedError(error), now])) === 1;
  }

  async pause(id: number, owner: string, runAt: number, error: string, now: number): Promise<boolean> {
    return (await this.db.run(PAUSE, [id, owner, runAt, storedError(error), now])) === 1;
  }

  async deadLetter(id: number, owner: string, error: string, now: number): Promise<boolean> {
    return (await this.db.run(DEAD_LETTER, [id, owner, storedError(error), now])) === 1;
  }

  async requeue(id: number, owner: string, priority: number, now: number): Promise<boolean> {
    return (await this.db.run(REQUEUE, [id, owner, priority, now])) === 1;
  }

  redriveDead(connectionId: string, deadBefore: number, now: number, limit: number): Promise<number> {
    return this.db.run(REDRIVE_DEAD, [connectionId, deadBefore, now, limit]);
  }

  async extendLease(id: number, owner: string, leaseExpiresAt: number): Promise<boolean> {
    return (await this.db.run(EXTEND_LEASE, [id, owner, leaseExpiresAt])) === 1;
  }

  reapExpiredLeases(now: number): Promise<number> {
    return this.db.run(REAP_EXPIRED, [now]);
  }

  async get(connectionId: string, kind: WorkKind, subjectId: string): Promise<WorkItem | null> {
    const rows = await this.db.query<WorkItemRow>(
      'SELECT * FROM work_items WHERE connection_id = $1 AND kind = $2 AND subject_id = $3',
      [connectionId, kind, subjectId],
    );
    return rows[0] ? toWorkItem(rows[0]) : null;
  }

  async stats(connectionId: string, now: number): Promise<WorkQueueStats[]> {
    const rows = await this.db.query<StatsRow>(STATS, [connectionId, now]);
    return rows.map((row) => ({
      kind: row.kind as WorkKind,
      pending: row.pending,
      due: row.due,
      leased: row.leased,
      dead: row.dead,
      done: row.done,
      oldestDueAt: row.oldest_due_at,
    }));
  }

  async reprioritizeLeased(id: number, from: number, to: number): Promise<void> {
    await this.db.run(`UPDATE work_items SET priority = $3 WHERE id = $1 AND state = 'leased' AND priority = $2`, [id, from, to]);
  }

  async hasDueAtOrAbove(connectionId: string, priority: number, now: number): Promise<boolean> {
    return (await this.db.query(DUE_AT_OR_ABOVE, [connectionId, priority, now])).length > 0;
  }

  async nextRunAt(kinds?: readonly WorkKind[]): Promise<number | null> {
    if (kinds !== undefined && kinds.length === 0) return null;
    const kindFilter = kinds ? `AND kind IN (${placeholders(1, kinds.length)})` : '';
    const rows = await this.db.query<{ next: number | null }>(
      `SELECT MIN(run_at) AS next FROM work_items WHERE state = 'pending' ${kindFilter}`,
      kinds ?? [],
    );
    return rows[0]?.next ?? null;
  }
}

// Errors quote partners, who may echo credentials back; and one error need not fill the disk.
const MAX_ERROR_CHARS = 2_000;

function storedError(error: string): string {
  const scrubbed = scrubSecrets(error);
  return scrubbed.length > MAX_ERROR_CHARS ? `${scrubbed.slice(0, MAX_ERROR_CHARS)}…` : scrubbed;
}

function toWorkItem(row: WorkItemRow): WorkItem {
  return {
    id: row.id,
    connectionId: row.connection_id,
    kind: row.kind as WorkKind,
    subjectId: row.subject_id,
    priority: row.priority,
    state: row.state as WorkState,
    attempts: row.attempts,
    runAt: row.run_at,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function byClaimOrder(a: WorkItem, b: WorkItem): number {
  return b.priority - a.priority || a.runAt - b.runAt || a.id - b.id;
}
