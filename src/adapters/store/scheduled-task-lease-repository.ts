// Scheduled-task leases (docs/adr/0016). The claim is one upsert whose DO UPDATE is conditional: of
// several workers asking at once, exactly one gets its row back. PostgreSQL locks the conflicting row
// and re-checks the WHERE against the row as the winner left it; SQLite admits one writer at a time.
// The run is recorded in the same transaction, so the history never misses a claimed turn.
import type { ScheduledTaskLease, ScheduledTaskLeaseRepository, ScheduledTaskRun, TurnClaim, TurnRequest } from '../../ports/scheduled-task-leases.js';
import type { SqlDriver } from './sql-driver.js';

interface LeaseRow {
  task_id: string;
  holder: string;
  expires_at: number;
  last_run_at: number;
  interval_ms: number;
}

interface RunRow {
  id: number;
  task_id: string;
  holder: string;
  started_at: number;
  finished_at: number | null;
  outcome: string | null;
}

export class SqlScheduledTaskLeaseRepository implements ScheduledTaskLeaseRepository {
  constructor(private readonly db: SqlDriver) {}

  claimTurn(r: TurnRequest): Promise<TurnClaim> {
    return this.db.transaction(async (tx) => {
      const won = await tx.query<{ task_id: string }>(
        `INSERT INTO scheduled_task_leases (task_id, holder, expires_at, last_run_at, interval_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (task_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
           last_run_at = excluded.last_run_at, interval_ms = excluded.interval_ms
         WHERE scheduled_task_leases.last_run_at + $5 <= $4
           AND (scheduled_task_leases.holder = $2 OR scheduled_task_leases.expires_at <= $4)
         RETURNING task_id`,
        [r.taskId, r.holder, r.now + r.leaseMs, r.now, r.intervalMs],
      );
      if (won.length === 0) {
        const rows = await tx.query<LeaseRow>('SELECT * FROM scheduled_task_leases WHERE task_id = $1', [r.taskId]);
        return { claimed: false, lease: rows[0] ? toLease(rows[0]) : null };
      }
      const run = await tx.query<{ id: number }>(
        'INSERT INTO scheduled_task_runs (task_id, holder, started_at) VALUES ($1, $2, $3) RETURNING id',
        [r.taskId, r.holder, r.now],
      );
      return { claimed: true, runId: Number(run[0]!.id) };
    });
  }

  async finishRun(runId: number, outcome: 'ok' | 'failed', now: number): Promise<void> {
    await this.db.run('UPDATE scheduled_task_runs SET finished_at = $2, outcome = $3 WHERE id = $1', [runId, now, outcome]);
  }

  async renew(holder: string, expiresAt: number): Promise<string[]> {
    const rows = await this.db.query<{ task_id: string }>(
      'UPDATE scheduled_task_leases SET expires_at = $2 WHERE holder = $1 RETURNING task_id', [holder, expiresAt],
    );
    return rows.map((row) => row.task_id);
  }

  async release(holder: string, now: number): Promise<void> {
    await this.db.run('UPDATE scheduled_task_leases SET expires_at = $2 WHERE holder = $1 AND expires_at > $2', [holder, now]);
  }

  async list(): Promise<ScheduledTaskLease[]> {
    return (await this.db.query<LeaseRow>('SELECT * FROM scheduled_task_leases ORDER BY task_id')).map(toLease);
  }

  async runsSince(since: number): Promise<ScheduledTaskRun[]> {
    const rows = await this.db.query<RunRow>('SELECT * FROM scheduled_task_runs WHERE started_at >= $1 ORDER BY started_at, id', [since]);
    return rows.map((row) => ({
      id: Number(row.id), taskId: row.task_id, holder: row.holder, startedAt: Number(row.started_at),
      finishedAt: row.finished_at === null ? null : Number(row.finished_at),
      outcome: row.outcome === 'ok' || row.outcome === 'failed' ? row.outcome : null,
    }));
  }

  purgeRunsBefore(cutoff: number): Promise<number> {
    return this.db.run('DELETE FROM scheduled_task_runs WHERE started_at < $1', [cutoff]);
  }
}

function toLease(row: LeaseRow): ScheduledTaskLease {
  return { taskId: row.task_id, holder: row.holder, expiresAt: Number(row.expires_at), lastRunAt: Number(row.last_run_at), intervalMs: Number(row.interval_ms) };
}
