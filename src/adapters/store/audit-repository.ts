// The audit log: every write to either system (and notable observations), append-only.
import type { AuditEntry, AuditInput, AuditRepository } from '../../ports/store.js';
import { scrubSecrets } from '../../config/secret.js';
import { placeholders, type SqlDriver } from './sql-driver.js';

interface AuditRow {
  id: number;
  connection_id: string;
  system: string;
  action: string;
  subject_type: string;
  subject_id: string;
  outcome: string;
  message: string;
  at: number;
}

export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly db: SqlDriver) {}

  async append(entry: AuditInput): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log (connection_id, system, action, subject_type, subject_id, outcome, message, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.connectionId, entry.system, entry.action, entry.subjectType, entry.subjectId, entry.outcome, scrubSecrets(entry.message), entry.at],
    );
  }

  /** Newest first. */
  async listForSubject(connectionId: string, subjectIds: readonly string[], limit: number): Promise<AuditEntry[]> {
    if (subjectIds.length === 0 || limit <= 0) return [];
    const rows = await this.db.query<AuditRow>(
      `SELECT * FROM audit_log WHERE connection_id = $1 AND subject_id IN (${placeholders(3, subjectIds.length)})
       ORDER BY at DESC, id DESC LIMIT $2`,
      [connectionId, limit, ...subjectIds],
    );
    return rows.map(toAuditEntry);
  }
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    connectionId: row.connection_id,
    system: row.system as AuditEntry['system'],
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    outcome: row.outcome as AuditEntry['outcome'],
    message: row.message,
    at: row.at,
  };
}
