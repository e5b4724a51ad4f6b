// The console's records (users, sessions, API tokens, one-time logins, assignments, console audit)
// over the same SqlDriver as the rest of the store.
import type { Role } from '../../domain/access/roles.js';
import type {
  ApiToken, ConsoleAuditEntry, FlowSample, HourActivity, ConsoleAuditInput, ConsoleAuditQuery, ConsoleRepository, ConsoleSession, ConsoleUser, ExceptionAssignment,
} from '../../ports/console-store.js';
import { placeholders, type SqlDriver, type SqlValue } from './sql-driver.js';

const HOUR_MS = 3_600_000;

interface UserRow { email: string; role: string; password_hash: string | null; source: string; created_at: number }
interface SessionRow { id_hash: string; email: string; role: string; created_at: number; expires_at: number }
interface TokenRow { id: string; role: string; label: string; created_at: number; revoked_at: number | null }
interface AuditRow { id: number; at: number; actor: string; role: string; action: string; subject_type: string; subject_id: string; outcome: string; detail: string }
interface AssignmentRow { exception_id: number; assignee: string; assigned_by: string; assigned_at: number }

export class SqlConsoleRepository implements ConsoleRepository {
  constructor(private readonly db: SqlDriver) {}

  async upsertUser(u: ConsoleUser): Promise<void> {
    await this.db.run(
      `INSERT INTO console_users (email, role, password_hash, source, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, source = excluded.source`,
      [u.email, u.role, u.passwordHash, u.source, u.createdAt],
    );
  }

  async getUser(email: string): Promise<ConsoleUser | null> {
    const rows = await this.db.query<UserRow>('SELECT * FROM console_users WHERE email = $1', [email]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async listUsers(): Promise<ConsoleUser[]> {
    return (await this.db.query<UserRow>('SELECT * FROM console_users ORDER BY email')).map(toUser);
  }

  async removeUser(email: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM console_sessions WHERE email = $1', [email]);
      return (await tx.run('DELETE FROM console_users WHERE email = $1', [email])) > 0;
    });
  }

  async createSession(s: ConsoleSession): Promise<void> {
    await this.db.run('INSERT INTO console_sessions (id_hash, email, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.idHash, s.email, s.role, s.createdAt, s.expiresAt]);
  }

  async getSession(idHash: string, now: number): Promise<ConsoleSession | null> {
    const rows = await this.db.query<SessionRow>('SELECT * FROM console_sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, now]);
    const r = rows[0];
    return r ? { idHash: r.id_hash, email: r.email, role: r.role as Role, createdAt: r.created_at, expiresAt: r.expires_at } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.run('DELETE FROM console_sessions WHERE id_hash = $1', [idHash]);
  }

  purgeExpiredSessions(now: number): Promise<number> {
    return this.db.run('DELETE FROM console_sessions WHERE expires_at <= $1', [now]);
  }

  async createToken(t: ApiToken, tokenHash: string): Promise<void> {
    await this.db.run('INSERT INTO console_api_tokens (id, token_hash, role, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)',
      [t.id, tokenHash, t.role, t.label, t.createdAt]);
  }

  async findToken(tokenHash: string): Promise<ApiToken | null> {
    const rows = await this.db.query<TokenRow>('SELECT * FROM console_api_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
    return rows[0] ? toToken(rows[0]) : null;
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.db.query<TokenRow>('SELECT * FROM console_api_tokens ORDER BY created_at, id')).map(toToken);
  }

  async revokeToken(id: string, now: number): Promise<boolean> {
    return (await this.db.run('UPDATE console_api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now])) > 0;
  }

  async createLoginLink(tokenHash: string, email: string, expiresAt: number): Promise<void> {
    await this.db.run('INSERT INTO console_login_links (token_hash, email, expires_at, used_at) VALUES ($1, $2, $3, NULL)', [tokenHash, email, expiresAt]);
  }

  async useLoginLink(tokenHash: string, now: number): Promise<string | null> {
    const rows = await this.db.query<{ email: string }>(
      'UPDATE console_login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email', [tokenHash, now]);
    return rows[0]?.email ?? null;
  }

  async assign(a: ExceptionAssignment): Promise<void> {
    await this.db.run(
      `INSERT INTO exception_assignments (exception_id, assignee, assigned_by, assigned_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (exception_id) DO UPDATE SET assignee = excluded.assignee, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at`,
      [a.exceptionId, a.assignee, a.assignedBy, a.assignedAt],
    );
  }

  async assignments(exceptionIds: readonly number[]): Promise<ExceptionAssignment[]> {
    if (exceptionIds.length === 0) return [];
    const rows = await this.db.query<AssignmentRow>(
      `SELECT * FROM exception_assignments WHERE exception_id IN (${placeholders(1, exceptionIds.length)})`, [...exceptionIds]);
    return rows.map((r) => ({ exceptionId: r.exception_id, assignee: r.assignee, assignedBy: r.assigned_by, assignedAt: r.assigned_at }));
  }

  async activityByHour(connectionId: string, since: number): Promise<HourActivity[]> {
    const hours = new Map<number, { ordersSent: number; exceptionsRaised: number }>();
    const slot = (h: number) => hours.get(h) ?? hours.set(h, { ordersSent: 0, exceptionsRaised: 0 }).get(h)!;
    const sent = await this.db.query<{ hour: number; n: number }>(
      `SELECT (submitted_at / ${HOUR_MS}) * ${HOUR_MS} AS hour, COUNT(*) AS n FROM order_links
       WHERE connection_id = $1 AND submitted_at >= $2 GROUP BY 1`, [connectionId, since]);
    for (const r of sent) slot(Number(r.hour)).ordersSent = Number(r.n);
    const raised = await this.db.query<{ hour: number; n: number }>(
      `SELECT (first_seen_at / ${HOUR_MS}) * ${HOUR_MS} AS hour, COUNT(*) AS n FROM exceptions
       WHERE connection_id = $1 AND first_seen_at >= $2 GROUP BY 1`, [connectionId, since]);
    for (const r of raised) slot(Number(r.hour)).exceptionsRaised = Number(r.n);
    return [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([hour, v]) => ({ hour, ...v }));
  }

  async inventorySkuPage(connectionId: string, poolId: string, afterSku: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ sku: string }>(
      'SELECT sku FROM inventory_snapshots WHERE connection_id = $1 AND pool_id = $2 AND sku > $3 ORDER BY sku LIMIT $4', [connectionId, poolId, afterSku ?? '', limit]);
    return rows.map((r) => r.sku);
  }

  async saveJournal(connectionId: string, settlementId: string, journalJson: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO console_settlement_journals (connection_id, settlement_id, journal, stored_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id, settlement_id) DO UPDATE SET journal = excluded.journal, stored_at = excluded.stored_at`, [connectionId, settlementId, journalJson, now]);
  }

  async journal(connectionId: string, settlementId: string): Promise<string | null> {
    const rows = await this.db.query<{ journal: string }>('SELECT journal FROM console_settlement_journals WHERE connection_id = $1 AND settlement_id = $2', [connectionId, settlementId]);
    return rows[0]?.journal ?? null;
  }

  async recordFlowSamples(samples: readonly FlowSample[]): Promise<void> {
    for (const s of samples) {
      await this.db.run(
        `INSERT INTO console_flow_samples (connection_id, flow, at, backlog, lag_seconds) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (connection_id, flow, at) DO NOTHING`, [s.connectionId, s.flow, s.at, s.backlog, s.lagSeconds]);
    }
  }

  async flowSamples(connectionId: string, since: number): Promise<FlowSample[]> {
    const rows = await this.db.query<{ connection_id: string; flow: string; at: number; backlog: number; lag_seconds: number }>(
      'SELECT * FROM console_flow_samples WHERE connection_id = $1 AND at >= $2 ORDER BY at', [connectionId, since]);
    return rows.map((r) => ({ connectionId: r.connection_id, flow: r.flow, at: r.at, backlog: r.backlog, lagSeconds: r.lag_seconds }));
  }

  async appendAudit(e: ConsoleAuditInput): Promise<void> {
    await this.db.run(
      `INSERT INTO console_audit (at, actor, role, action, subject_type, subject_id, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.at, e.actor, e.role, e.action, e.subjectType, e.subjectId, e.outcome, e.detail],
    );
  }

  /** Newest first. */
  async listAudit(q: ConsoleAuditQuery): Promise<ConsoleAuditEntry[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (sql: string, value: SqlValue) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    if (q.actor !== undefined) add('actor = ?', q.actor);
    if (q.subjectType !== undefined) add('subject_type = ?', q.subjectType);
    if (q.subjectId !== undefined) add('subject_id = ?', q.subjectId);
    if (q.beforeId !== undefined) add('id < ?', q.beforeId);
    params.push(q.limit);
    const rows = await this.db.query<AuditRow>(
      `SELECT * FROM console_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`, params);
    return rows.map((r) => ({
      id: r.id, at: r.at, actor: r.actor, role: r.role as Role, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id,
      outcome: r.outcome as ConsoleAuditEntry['outcome'], detail: r.detail,
    }));
  }
}

function toUser(r: UserRow): ConsoleUser {
  return { email: r.email, role: r.role as Role, passwordHash: r.password_hash, source: r.source as ConsoleUser['source'], createdAt: r.created_at };
}

function toToken(r: TokenRow): ApiToken {
  return { id: r.id, role: r.role as Role, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at };
}
