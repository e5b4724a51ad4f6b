// Exceptions: problems a person must look at. One unresolved record per (connection, type, subject):
// raising the same problem again refreshes it (how often, since when) instead of piling up duplicates;
// once resolved, a recurrence is a new record, so history shows each episode.
import type { ExceptionType, OwnerTeam } from '../../domain/exceptions/exception-types.js';
import type {
  ExceptionQuery,
  ExceptionRecord,
  ExceptionRepository,
  ExceptionStatus,
  RaiseExceptionInput,
} from '../../ports/store.js';
import { placeholders, type SqlDriver, type SqlValue } from './sql-driver.js';
import { scrubSecrets } from '../../config/secret.js';

const DEFAULT_LIST_LIMIT = 500;

interface ExceptionRow {
  id: number;
  connection_id: string;
  type: string;
  owner: string;
  subject_type: string;
  subject_id: string;
  subject_label: string | null;
  reason: string;
  action: string;
  status: string;
  occurrences: number;
  first_seen_at: number;
  last_seen_at: number;
  resolved_at: number | null;
}

// The conflict target names the partial unique index exceptions_unresolved (its WHERE must match).
// An ignored record stays ignored: a person decided so; it still counts the recurrence.
const RAISE = `
  INSERT INTO exceptions (connection_id, type, owner, subject_type, subject_id, subject_label, reason, action,
    status, occurrences, first_seen_at, last_seen_at, resolved_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', 1, $9, $9, NULL)
  ON CONFLICT (connection_id, type, subject_type, subject_id) WHERE status IN ('open', 'ignored') DO UPDATE SET
    owner = excluded.owner,
    subject_label = COALESCE(excluded.subject_label, exceptions.subject_label),
    reason = excluded.reason,
    action = excluded.action,
    occurrences = exceptions.occurrences + 1,
    last_seen_at = excluded.last_seen_at
  RETURNING *`;

export class SqlExceptionRepository implements ExceptionRepository {
  constructor(private readonly db: SqlDriver) {}

  async raise(input: RaiseExceptionInput, now: number): Promise<ExceptionRecord> {
    const rows = await this.db.query<ExceptionRow>(RAISE, [
      input.connectionId,
      input.type,
      input.owner,
      input.subjectType,
      input.subjectId,
      input.subjectLabel ?? null,
      scrubSecrets(input.reason),
      input.action,
      now,
    ]);
    return toRecord(single(rows, 'raise'));
  }

  resolveForSubject(
    connectionId: string,
    subjectType: ExceptionRecord['subjectType'],
    subjectId: string,
    now: number,
    types?: readonly ExceptionType[],
  ): Promise<number> {
    if (types !== undefined && types.length === 0) return Promise.resolve(0);
    return this.db.run(resolveOpen(types), [connectionId, subjectType, subjectId, now, ...(types ?? [])]);
  }

  async resolveOpenForSubject(
    connectionId: string,
    subjectType: ExceptionRecord['subjectType'],
    subjectId: string,
    now: number,
    types?: readonly ExceptionType[],
  ): Promise<ExceptionRecord[]> {
    if (types !== undefined && types.length === 0) return [];
    const rows = await this.db.query<ExceptionRow>(`${resolveOpen(types)} RETURNING *`, [connectionId, subjectType, subjectId, now, ...(types ?? [])]);
    return rows.map(toRecord).sort((a, b) => a.id - b.id);
  }

  async setStatus(id: number, status: ExceptionStatus, now: number): Promise<ExceptionRecord | null> {
    try {
      // Only a real change is written, so re-resolving keeps the original resolvedAt.
      const rows = await this.db.query<ExceptionRow>(
        'UPDATE exceptions SET status = $2, resolved_at = $3 WHERE id = $1 AND status <> $2 RETURNING *',
        [id, status, status === 'resolved' ? now : null],
      );
      return rows[0] ? toRecord(rows[0]) : await this.get(id);
    } catch (error) {
      if (!this.db.isUniqueViolation(error)) throw error;
      throw new Error(`Exception ${id} cannot become ${status}: the same problem already has an open or ignored record.`, { cause: error });
    }
  }

  async get(id: number): Promise<ExceptionRecord | null> {
    const rows = await this.db.query<ExceptionRow>('SELECT * FROM exceptions WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(query: ExceptionQuery): Promise<ExceptionRecord[]> {
    const conditions: string[] = [];
    const params: SqlValue[] = [];
    const filters: Array<[string, string | undefined]> = [
      ['connection_id', query.connectionId],
      ['status', query.status],
      ['owner', query.owner],
      ['type', query.type],
      ['subject_id', query.subjectId],
    ];
    for (const [column, value] of filters) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    if (query.types !== undefined) {
      if (query.types.length === 0) return [];
      const first = params.length + 1;
      params.push(...query.types);
      conditions.push(`type IN (${placeholders(first, query.types.length)})`);
    }
    params.push(query.limit ?? DEFAULT_LIST_LIMIT);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.db.query<ExceptionRow>(
      `SELECT * FROM exceptions ${where} ORDER BY last_seen_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  async countOpenByType(connectionId: string): Promise<Array<{ type: ExceptionType; owner: OwnerTeam; count: number }>> {
    const rows = await this.db.query<{ type: string; owner: string; count: number }>(
      `SELECT type, owner, COUNT(*) AS count FROM exceptions
       WHERE connection_id = $1 AND status = 'open' GROUP BY type, owner ORDER BY type, owner`,
      [connectionId],
    );
    return rows.map((row) => ({ type: row.type as ExceptionType, owner: row.owner as OwnerTeam, count: row.count }));
  }
}

function single<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`exceptions.${what} returned no row`);
  return row;
}

function toRecord(row: ExceptionRow): ExceptionRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    type: row.type as ExceptionType,
    owner: row.owner as OwnerTeam,
    subjectType: row.subject_type as ExceptionRecord['subjectType'],
    subjectId: row.subject_id,
    subjectLabel: row.subject_label,
    reason: row.reason,
    action: row.action,
    status: row.status as ExceptionStatus,
    occurrences: row.occurrences,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
  };
}

/** Resolves a subject's open exceptions, found by the (connection, subject type, subject) index. */
function resolveOpen(types: readonly ExceptionType[] | undefined): string {
  const typeFilter = types ? `AND type IN (${placeholders(5, types.length)})` : '';
  return `UPDATE exceptions SET status = 'resolved', resolved_at = $4
       WHERE connection_id = $1 AND subject_type = $2 AND subject_id = $3 AND status = 'open' ${typeFilter}`;
}
