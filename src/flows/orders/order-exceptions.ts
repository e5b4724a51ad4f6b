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

export async function resolveOrderProblems(store: Store, ref: OrderRef, now: number, types?: readonly ExceptionType[]): Promise<number> {
  return store.exceptions.resolveForSubject(ref.connectionId, 'order', ref.orderId, now, types);
}

/** Exception types that validation before sending can raise: resolved once the order passes. */
export const VALIDATION_TYPES: readonly ExceptionType[] = [
  'order.invalid-address', 'order.invalid-sku', 'order.unknown-sku', 'order.limits-exceeded', 'order.invalid-line', 'order.rejected-by-amazon',
];
