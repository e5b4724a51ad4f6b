// The console's Exceptions inbox: exceptions filtered by team, type, age, connection, status and
// assignee, grouped by type, each with its plain-language title, the runbook that explains it and who
// it is assigned to; and one exception's history (who did what).
import type { ExceptionRecord, ExceptionStatus, Store } from '../ports/store.js';
import type { ConsoleAuditEntry, ExceptionAssignment } from '../ports/console-store.js';
import { EXCEPTION_INFO, type ExceptionType, type OwnerTeam } from '../domain/exceptions/exception-types.js';

export interface InboxFilter {
  readonly team?: OwnerTeam;
  readonly type?: ExceptionType;
  readonly connectionId?: string;
  /** Default 'open'. */
  readonly status?: ExceptionStatus | 'all';
  /** Only exceptions first seen at least this many hours ago. */
  readonly olderThanHours?: number;
  readonly assignee?: string;
  readonly limit?: number;
}

export interface InboxItem extends ExceptionRecord {
  readonly assignee: string | null;
  readonly runbook: string;
}

export interface InboxGroup {
  readonly type: ExceptionType;
  readonly title: string;
  readonly owner: OwnerTeam;
  readonly items: readonly InboxItem[];
}

const DEFAULT_LIMIT = 200;

/** The runbook (docs/runbooks) that explains an exception type, served by the console at /runbooks/<file>. */
export function runbookFor(type: ExceptionType): string {
  if (type.startsWith('settlement.')) return '/runbooks/settlement-exceptions.md';
  if (type.startsWith('inventory.') || type.startsWith('sku.')) return '/runbooks/inventory-daily-check.md';
  return '/runbooks/order-exceptions.md';
}

export async function exceptionsInbox(store: Store, filter: InboxFilter, now: number): Promise<{ groups: InboxGroup[]; total: number; limited: boolean }> {
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const status = filter.status ?? 'open';
  const records = await store.exceptions.list({
    ...(status !== 'all' ? { status } : {}),
    ...(filter.team ? { owner: filter.team } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
    limit,
  });
  const cutoff = filter.olderThanHours !== undefined ? now - filter.olderThanHours * 3600_000 : null;
  const aged = cutoff === null ? records : records.filter((e) => e.firstSeenAt <= cutoff);
  const assigned = new Map((await store.console.assignments(aged.map((e) => e.id))).map((a) => [a.exceptionId, a.assignee]));
  const items = aged
    .map((e): InboxItem => ({ ...e, assignee: assigned.get(e.id) ?? null, runbook: runbookFor(e.type) }))
    .filter((e) => !filter.assignee || e.assignee === filter.assignee);
  const groups = new Map<ExceptionType, InboxItem[]>();
  for (const e of items) (groups.get(e.type) ?? groups.set(e.type, []).get(e.type)!).push(e);
  return {
    groups: [...groups.entries()].map(([type, list]) => ({ type, title: EXCEPTION_INFO[type].title, owner: EXCEPTION_INFO[type].owner, items: list })),
    total: items.length,
    limited: records.length >= limit,
  };
}

export interface ExceptionDetail {
  readonly exception: InboxItem;
  readonly title: string;
  readonly assignment: ExceptionAssignment | null;
  readonly history: readonly ConsoleAuditEntry[];
}

export async function exceptionDetail(store: Store, id: number): Promise<ExceptionDetail | null> {
  const e = await store.exceptions.get(id);
  if (!e) return null;
  const [assignment] = await store.console.assignments([id]);
  const history = await store.console.listAudit({ subjectType: 'exception', subjectId: String(id), limit: 200 });
  return { exception: { ...e, assignee: assignment?.assignee ?? null, runbook: runbookFor(e.type) }, title: EXCEPTION_INFO[e.type].title, assignment: assignment ?? null, history };
}
