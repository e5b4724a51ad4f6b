// Alert episodes: at most one active row per key (partial unique index alerts_active_key), so when two
// workers find the same problem only one raise returns a row, and only that one is sent.
import type { AlertRecord, AlertRepository, RaiseAlertInput } from '../../ports/alert-store.js';
import type { AlertRuleId, AlertSeverity } from '../../domain/alerts/alert-rule-catalogue.js';
import type { OwnerTeam } from '../../domain/exceptions/exception-types.js';
import type { SqlDriver } from './sql-driver.js';

interface AlertRow {
  id: number;
  alert_key: string;
  rule: string;
  connection_id: string;
  team: string;
  severity: string;
  summary: string;
  details: string;
  status: string;
  started_at: number;
  last_notified_at: number;
  reminders: number;
  resolved_at: number | null;
}

export class SqlAlertRepository implements AlertRepository {
  constructor(private readonly db: SqlDriver) {}

  async raise(input: RaiseAlertInput, now: number): Promise<AlertRecord | null> {
    const rows = await this.db.query<AlertRow>(
      `INSERT INTO alerts (alert_key, rule, connection_id, team, severity, summary, details, status, started_at, last_notified_at, reminders, resolved_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $8, 0, NULL)
       ON CONFLICT (alert_key) WHERE status = 'active' DO NOTHING RETURNING *`,
      [input.key, input.rule, input.connectionId, input.team, input.severity, input.summary, JSON.stringify(input.details), now],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async remind(id: number, lastNotifiedAt: number, summary: string, details: RaiseAlertInput['details'], now: number): Promise<AlertRecord | null> {
    const rows = await this.db.query<AlertRow>(
      `UPDATE alerts SET last_notified_at = $3, reminders = reminders + 1, summary = $4, details = $5
       WHERE id = $1 AND status = 'active' AND last_notified_at = $2 RETURNING *`,
      [id, lastNotifiedAt, now, summary, JSON.stringify(details)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async resolve(id: number, now: number): Promise<AlertRecord | null> {
    const rows = await this.db.query<AlertRow>(
      "UPDATE alerts SET status = 'resolved', resolved_at = $2 WHERE id = $1 AND status = 'active' RETURNING *",
      [id, now],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listActive(): Promise<AlertRecord[]> {
    return (await this.db.query<AlertRow>("SELECT * FROM alerts WHERE status = 'active' ORDER BY started_at, id")).map(toRecord);
  }

  async listRecent(limit: number): Promise<AlertRecord[]> {
    return (await this.db.query<AlertRow>('SELECT * FROM alerts ORDER BY started_at DESC, id DESC LIMIT $1', [limit])).map(toRecord);
  }
}

function toRecord(row: AlertRow): AlertRecord {
  return {
    id: Number(row.id),
    key: row.alert_key,
    rule: row.rule as AlertRuleId,
    connectionId: row.connection_id,
    team: row.team as OwnerTeam,
    severity: row.severity as AlertSeverity,
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, string | number>,
    status: row.status as AlertRecord['status'],
    startedAt: Number(row.started_at),
    lastNotifiedAt: Number(row.last_notified_at),
    reminders: Number(row.reminders),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
  };
}
