// Raising and resolving order exceptions with the owner and action from the one exception table.
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { OrderProblem } from '../../domain/orders/fba-order-request.js';
import type { Store } from '../../ports/store.js';

export interface OrderRef {
  readonly connectionId: string;
  readonly orderId: string;
  readonly orderNumber?: string | null;
}

export async function raiseOrderProblem(store: Store, ref: OrderRef, problem: OrderProblem, now: number): Promise<void> {
  const info = EXCEPTION_INFO[problem.type];
  await store.exceptions.raise({
    connectionId: ref.connectionId,
    type: problem.type,
    owner: info.owner,
    subjectType: 'order',
    subjectId: ref.orderId,
    subjectLabel: ref.orderNumber ?? null,
    reason: problem.reason,
    action: info.action,
  }, now);
}

/**
 * Closes the order's open exceptions (of the given types, or all) because the order went through, and
 * says so in its timeline (`fba-bridge order`), one line per exception closed.
 */
export async function resolveOrderProblems(
  store: Store, ref: OrderRef, now: number, types?: readonly ExceptionType[], why = 'the order went through',
): Promise<number> {
  const closing = await store.exceptions.resolveOpenForSubject(ref.connectionId, 'order', ref.orderId, now, types);
  for (const e of closing) {
    await store.audit.append({
      connectionId: ref.connectionId, system: 'bridge', action: 'closeException', subjectType: 'order', subjectId: ref.orderId,
      outcome: 'ok', message: `exception #${e.id} ${e.type} closed by itself: ${why}`, at: now,
    });
  }
  return closing.length;
}

/** Raised when an item gives up after its attempts; closed when the same work later goes through. */
export const GAVE_UP_TYPES: Readonly<Record<'order.export' | 'order.track', readonly ExceptionType[]>> = {
  'order.export': ['order.send-failed', 'work.dead-letter'],
  'order.track': ['shipment.write-failed', 'work.dead-letter'],
};

/** Exception types that validation before sending can raise: resolved once the order passes. */
export const VALIDATION_TYPES: readonly ExceptionType[] = [
  'order.invalid-address', 'order.invalid-sku', 'order.unknown-sku', 'order.limits-exceeded', 'order.invalid-line', 'order.rejected-by-amazon',
];
