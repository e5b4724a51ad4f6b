// The console's own records: people, sessions, API tokens, one-time logins, exception assignments and
// the audit of every console action. Secrets (session ids, tokens) are stored only as hashes: callers
// hash before they ask. Times are epoch milliseconds (UTC).
import type { Role } from '../domain/access/roles.js';

export interface ConsoleUser {
  readonly email: string;
  readonly role: Role;
  /** scrypt hash (local accounts); null for people known through single sign-on. */
  readonly passwordHash: string | null;
  readonly source: 'local' | 'sso';
  readonly createdAt: number;
}

export interface ConsoleSession {
  readonly idHash: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface ApiToken {
  readonly id: string;
  readonly role: Role;
  readonly label: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export type ConsoleAuditOutcome = 'ok' | 'refused' | 'failed';

export interface ConsoleAuditEntry {
  readonly id: number;
  readonly at: number;
  /** The person's email, or `token:<id>` for an API token. */
  readonly actor: string;
  readonly role: Role;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly outcome: ConsoleAuditOutcome;
  readonly detail: string;
}

export type ConsoleAuditInput = Omit<ConsoleAuditEntry, 'id'>;

export interface ConsoleAuditQuery {
  readonly actor?: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  /** Entries with an id below this (keyset paging, newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface ExceptionAssignment {
  readonly exceptionId: number;
  readonly assignee: string;
  readonly assignedBy: string;
  readonly assignedAt: number;
}

/** One hour of activity: orders sent to Amazon and exceptions raised. `hour` is epoch ms at the hour's start. */
export interface HourActivity {
  readonly hour: number;
  readonly ordersSent: number;
  readonly exceptionsRaised: number;
}

export interface FlowSample {
  readonly connectionId: string;
  readonly flow: string;
  readonly at: number;
  readonly backlog: number;
  readonly lagSeconds: number;
}

export interface ConsoleRepository {
  upsertUser(user: ConsoleUser): Promise<void>;
  getUser(email: string): Promise<ConsoleUser | null>;
  listUsers(): Promise<ConsoleUser[]>;
  /** Removes the person and ends their sessions; false when there was no such person. */
  removeUser(email: string): Promise<boolean>;

  createSession(session: ConsoleSession): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  getSession(idHash: string, now: number): Promise<ConsoleSession | null>;
  deleteSession(idHash: string): Promise<void>;
  purgeExpiredSessions(now: number): Promise<number>;

  createToken(token: ApiToken, tokenHash: string): Promise<void>;
  /** The token with this hash when it is not revoked. */
  findToken(tokenHash: string): Promise<ApiToken | null>;
  listTokens(): Promise<ApiToken[]>;
  revokeToken(id: string, now: number): Promise<boolean>;

  createLoginLink(tokenHash: string, email: string, expiresAt: number): Promise<void>;
  /** Marks the link used and names its person, once: a second use, or an expired link, answers null. */
  useLoginLink(tokenHash: string, now: number): Promise<string | null>;

  assign(assignment: ExceptionAssignment): Promise<void>;
  assignments(exceptionIds: readonly number[]): Promise<ExceptionAssignment[]>;

  /** Hours at or after `since` that had activity (others are absent), oldest first. */
  activityByHour(connectionId: string, since: number): Promise<HourActivity[]>;
  /** A page of a pool's SKUs (those with an Amazon snapshot), in SKU order after `afterSku`. */
  inventorySkuPage(connectionId: string, poolId: string, afterSku: string | null, limit: number): Promise<string[]>;
  /** The journal (as JSON text) of a settlement imported through the console, for downloads. */
  saveJournal(connectionId: string, settlementId: string, journalJson: string, now: number): Promise<void>;
  journal(connectionId: string, settlementId: string): Promise<string | null>;
  recordFlowSamples(samples: readonly FlowSample[]): Promise<void>;
  flowSamples(connectionId: string, since: number): Promise<FlowSample[]>;

  appendAudit(entry: ConsoleAuditInput): Promise<void>;
  listAudit(query: ConsoleAuditQuery): Promise<ConsoleAuditEntry[]>;
}
