// What a seller can do to an existing order: cancel it (cancelFulfillmentOrder) and, in the sandbox,
// force its status (submitFulfillmentOrderStatusUpdate). Both act at simulated `now`.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#cancelfulfillmentorder
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-dynamic-sandbox-guide
import type { FbaOrderStatus } from '../../domain/orders/fba-order.js';
import { AmazonErrors, type ErrorAnswer } from '../amazon-errors.js';
import type { SimOrder } from '../state/sim-records.js';
import {
  CANCELLABLE_STATUSES, TERMINAL_STATUSES, cancelOrder, complete, markUnfulfillable, nextPendingShipment, shipShipment,
  toPlanning, toProcessing, type WarehouseContext,
} from './order-lifecycle.js';

/** Cancellable while New, Received or Planning; a second cancel is a DuplicateCancelRequest. */
export function cancelByRequest(ctx: WarehouseContext, order: SimOrder, now: number): ErrorAnswer | undefined {
  order.cancelRequests += 1;
  if (order.status === 'Cancelled') return AmazonErrors.duplicateCancel(order.sellerFulfillmentOrderId);
  if (!CANCELLABLE_STATUSES.has(order.status)) return AmazonErrors.notCancellable(order.sellerFulfillmentOrderId, order.status);
  cancelOrder(ctx, order, now, 'cancelled by the seller');
  ctx.state.track(order);
  return undefined;
}

const PROGRESS: Partial<Record<FbaOrderStatus, number>> = {
  New: 0, Received: 1, Planning: 2, Processing: 3, Complete: 4, CompletePartialled: 4,
};

/**
 * Moves the order forward to `target` now, through the same transitions the warehouse would make
 * (so Complete creates shipped shipments with packages and tracking, and consumes stock). Only
 * forward moves are allowed; a terminal order stays as it is. Complete and CompletePartialled both
 * end as whichever of the two the order's quantities say.
 */
export function forceStatus(ctx: WarehouseContext, order: SimOrder, target: FbaOrderStatus, now: number): ErrorAnswer | undefined {
  const refuse = () => AmazonErrors.invalidValue(target, 'FulfillmentOrderStatus', `InvalidStatusTransition. The fulfillment order is ${order.status}`);
  if (TERMINAL_STATUSES.has(order.status)) return refuse();
  const reason = `status update to ${target} (sandbox)`;
  switch (target) {
    case 'Cancelled':
      if (!CANCELLABLE_STATUSES.has(order.status)) return refuse();
      cancelOrder(ctx, order, now, reason);
      break;
    case 'Unfulfillable':
    case 'Invalid':
      if (!CANCELLABLE_STATUSES.has(order.status)) return refuse();
      markUnfulfillable(ctx, order, now, reason, target);
      break;
    default: {
      const goal = PROGRESS[target];
      const from = PROGRESS[order.status];
      // A New order holds no stock (it is short under FillOrKill): there is nothing to move forward.
      if (goal === undefined || from === undefined || goal <= from || order.status === 'New') return refuse();
      walkForward(ctx, order, goal, now, reason);
    }
  }
  ctx.state.track(order);
  return undefined;
}

function walkForward(ctx: WarehouseContext, order: SimOrder, goal: number, now: number, reason: string): void {
  for (let guard = 0; guard < 10 && !TERMINAL_STATUSES.has(order.status) && (PROGRESS[order.status] ?? goal) < goal; guard++) {
    if (order.status === 'Received') toPlanning(order, now);
    else if (order.status === 'Planning') toProcessing(ctx, order, now);
    else if (order.status === 'Processing') {
      for (let next = nextPendingShipment(order); next; next = nextPendingShipment(order)) shipShipment(ctx, order, next, now);
      // FillAll would wait for missing units; a forced Complete does not.
      if (order.status === 'Processing') complete(order, now, reason);
    }
  }
  const last = order.history[order.history.length - 1];
  if (last && last.at === now) order.history[order.history.length - 1] = { ...last, reason: `${last.reason}; ${reason}` };
}
