// What a person does with an exception — retry the order, ignore it (with a reason), resolve it (with a
// note), assign it — shared by `fba-bridge exceptions` and the console, and audited for both. Refusals
// a person must read (wrong subject, unknown id) are values; the caller says them in its own way.
import type { ExceptionRecord, Store, WorkKind } from '../ports/store.js';
import type { ExceptionType } from '../domain/exceptions/exception-types.js';
import type { Role } from '../domain/access/roles.js';
import { CallPriority } from '../ports/amazon-fulfillment.js';
import { fail, ok, type Result } from '../domain/shared/result.js';

/** Who acts: the person's email (or `token:<id>`, `cli:<user>`) and their role. */
export interface Actor {
  readonly name: string;
  readonly role: Role;
}

export type ExceptionAction = 'retry' | 'ignore' | 'resolve' | 'assign';

/** Which side of the order a retry must run again. */
export const RETRY_KIND: Record<ExceptionType, WorkKind> = {
  'order.invalid-address': 'order.export',
  'order.invalid-sku': 'order.export',
  'order.unknown-sku': 'order.export',
  'order.limits-exceeded': 'order.export',
  'order.invalid-line': 'order.export',
  'order.rejected-by-amazon': 'order.export',
  'order.send-failed': 'order.export',
  'order.cancel-too-late': 'order.export',
  'order.cancel-failed': 'order.export',
  'order.unfulfillable': 'order.track',
  'order.invalid': 'order.track',
  'order.partially-fulfilled': 'order.track',
  'order.stuck-in-planning': 'order.track',
  'shipment.write-failed': 'order.track',
  'work.dead-letter': 'order.export',
  // About a connection's credentials, not an order: they close by themselves once accepted again.
  'amazon.credentials-refused': 'order.track',
  'commercetools.credentials-refused': 'order.track',
  // Inventory and SKU exceptions are not retried here (their subject is a SKU or a pool): the next
  // sync re-checks them, or `fba-bridge inventory sync` now.
  'inventory.sync-failed': 'order.track',
  'inventory.write-failed': 'order.track',
  'inventory.duplicate-entry': 'order.track',
  'inventory.drift': 'order.track',
  'sku.not-in-fba': 'order.track',
  'sku.not-in-storefront': 'order.track',
  'sku.bad-format': 'order.track',
  // Settlement exceptions are not retried here (their subject is a settlement, not an order).
  'settlement.unmatched-row': 'order.track',
  'settlement.refund-without-sale': 'order.track',
  'settlement.total-mismatch': 'order.track',
  'settlement.download-failed': 'order.track',
  'settlement.report-rejected': 'order.track',
  'settlement.unknown-value': 'order.track',
  // About an order, but nothing to re-run: the daily refund check re-checks it (storefront-refund-check.ts).
  'settlement.storefront-refund-unmatched': 'order.track',
};

export async function findException(store: Store, id: string | number): Promise<Result<ExceptionRecord, string>> {
  if (!/^\d+$/.test(String(id))) return fail(`exception id must be a number, not "${id}"`);
  const e = await store.exceptions.get(Number(id));
  return e ? ok(e) : fail(`no exception ${id}; list them with \`fba-bridge exceptions\` or in the console's Exceptions inbox`);
}

/** Queues the order again at once; the exception closes when the order goes through. */
export async function retryException(store: Store, e: ExceptionRecord, actor: Actor, now: number): Promise<Result<{ kind: WorkKind }, string>> {
  if (e.subjectType !== 'order') return fail(`exception ${e.id} is about a ${e.subjectType}; only order exceptions can be retried (the next sync or import re-checks it)`);
  if (e.type === 'settlement.storefront-refund-unmatched') return fail(`exception ${e.id} is re-checked by the bridge's daily refund check; see its action`);
  const kind = RETRY_KIND[e.type];
  await store.work.enqueue({ connectionId: e.connectionId, kind, subjectId: e.subjectId, priority: CallPriority.orderPriority, runAt: now }, now);
  await audit(store, actor, 'retry', e, now, `queued ${kind} for ${e.subjectLabel ?? e.subjectId}`);
  return ok({ kind });
}

export async function ignoreException(store: Store, e: ExceptionRecord, actor: Actor, reason: string, now: number): Promise<Result<ExceptionRecord, string>> {
  const why = reason.trim();
  if (why.length === 0) return fail('say why the exception is ignored: a reason is required');
  const updated = await store.exceptions.setStatus(e.id, 'ignored', now);
  if (!updated) return fail(`no exception ${e.id}`);
  await audit(store, actor, 'ignore', e, now, why);
  return ok(updated);
}

export async function resolveException(store: Store, e: ExceptionRecord, actor: Actor, note: string, now: number): Promise<Result<ExceptionRecord, string>> {
  const updated = await store.exceptions.setStatus(e.id, 'resolved', now);
  if (!updated) return fail(`no exception ${e.id}`);
  await audit(store, actor, 'resolve', e, now, note.trim() || '(no note)');
  return ok(updated);
}

export async function assignException(store: Store, e: ExceptionRecord, actor: Actor, assignee: string, now: number): Promise<Result<string, string>> {
  const who = assignee.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(who)) return fail(`assign to a person's email address, not "${assignee}"`);
  // Only to someone who can open the console and act on it: a typo must not park an exception with nobody.
  const person = await store.console.getUser(who);
  if (!person) return fail(`${who} has no console account: add it (fba-bridge users add ${who} --role ${e.owner}) or let them sign in once with single sign-on, then assign`);
  if (person.role !== 'admin' && person.role !== e.owner) return fail(`${who} has the ${person.role} role and cannot act on ${e.owner} exceptions: assign to someone with the ${e.owner} or admin role`);
  await store.console.assign({ exceptionId: e.id, assignee: who, assignedBy: actor.name, assignedAt: now });
  await audit(store, actor, 'assign', e, now, `assigned to ${who}`);
  return ok(who);
}

function audit(store: Store, actor: Actor, action: ExceptionAction, e: ExceptionRecord, now: number, detail: string): Promise<void> {
  return store.console.appendAudit({ at: now, actor: actor.name, role: actor.role, action: `exception.${action}`, subjectType: 'exception', subjectId: String(e.id), outcome: 'ok', detail });
}
