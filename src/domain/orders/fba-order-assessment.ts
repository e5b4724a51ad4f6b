// What an FBA order's status means for the bridge: is Amazon still working on it (open) or done
// (closed), and does a person need to act? Time is passed in; nothing here reads a clock.
import type { FbaOrderItemState, FbaOrderSnapshot, FbaOrderStatus } from './fba-order.js';
import type { OrderProblem } from './fba-order-request.js';

export type FbaOrderAssessment = { state: 'open' | 'closed'; problem?: OrderProblem };

export interface AssessmentOptions {
  /** How long an order may sit in New, Received or Planning before operations hear about it. */
  readonly stuckInPlanningAfterMs: number;
}

export const DEFAULT_STUCK_IN_PLANNING_AFTER_MS = 24 * 60 * 60 * 1000;

type Assess = (snapshot: FbaOrderSnapshot, nowMs: number, options: AssessmentOptions) => FbaOrderAssessment;

const HOUR_MS = 60 * 60 * 1000;

/** "45 minutes", "30 hours", "3 days 4 hours": precise enough for a person, stable for tests. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / HOUR_MS);
  if (hours < 48) return `${hours} hours`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${days} days${rest === 0 ? '' : ` ${rest} hour${rest === 1 ? '' : 's'}`}`;
}

function which(snapshot: FbaOrderSnapshot): string {
  return `Fulfillment order ${snapshot.sellerFulfillmentOrderId} (order ${snapshot.displayableOrderId})`;
}

function units(n: number): string {
  return `${n} unit${n === 1 ? '' : 's'}`;
}

/** Units that left the warehouse per item id, counted from SHIPPED shipments. */
function shippedByItem(snapshot: FbaOrderSnapshot): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const shipment of snapshot.shipments) {
    if (shipment.status !== 'SHIPPED') continue;
    for (const item of shipment.items) {
      shipped.set(item.sellerFulfillmentOrderItemId, (shipped.get(item.sellerFulfillmentOrderItemId) ?? 0) + item.quantity);
    }
  }
  return shipped;
}

function shortfall(item: FbaOrderItemState): string {
  const parts = [
    item.cancelledQuantity > 0 ? `${item.cancelledQuantity} cancelled` : '',
    item.unfulfillableQuantity > 0 ? `${item.unfulfillableQuantity} unfulfillable` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

const unfulfillable: Assess = (snapshot) => {
  const short = snapshot.items.filter((i) => i.unfulfillableQuantity > 0);
  const detail = short.length > 0
    ? short.map((i) => `SKU "${i.sellerSku}" ${i.unfulfillableQuantity} of ${units(i.quantity)} unfulfillable`).join('; ')
    : `no unit can be shipped (${snapshot.items.map((i) => `SKU "${i.sellerSku}" × ${i.quantity}`).join(', ')})`;
  return {
    state: 'closed',
    problem: { type: 'order.unfulfillable', reason: `${which(snapshot)}: Amazon cannot fulfil it: ${detail}.` },
  };
};

const invalid: Assess = (snapshot) => ({
  state: 'closed',
  problem: {
    type: 'order.invalid',
    reason: `${which(snapshot)}: Amazon marked it Invalid (it could not validate the destination address, or found too little sellable stock); no item will ship.`,
  },
});

const completePartialled: Assess = (snapshot) => {
  const fromShipments = snapshot.shipments.some((s) => s.status === 'SHIPPED');
  const shipped = shippedByItem(snapshot);
  const lines = snapshot.items.flatMap((item) => {
    const sent = fromShipments
      ? (shipped.get(item.sellerFulfillmentOrderItemId) ?? 0)
      : Math.max(0, item.quantity - item.cancelledQuantity - item.unfulfillableQuantity);
    if (sent >= item.quantity) return [];
    return [`SKU "${item.sellerSku}" (item ${item.sellerFulfillmentOrderItemId}) shipped ${sent} of ${item.quantity}, ${item.quantity - sent} short${shortfall(item)}`];
  });
  const detail = lines.length > 0 ? lines.join('; ') : 'Amazon names no item that shipped short; check the order in Seller Central';
  return {
    state: 'closed',
    problem: { type: 'order.partially-fulfilled', reason: `${which(snapshot)}: Amazon shipped only part of it: ${detail}.` },
  };
};

const waitingToBePlanned: Assess = (snapshot, nowMs, options) => {
  const updated = Date.parse(snapshot.statusUpdatedDate);
  const since = Number.isNaN(updated) ? Date.parse(snapshot.receivedDate) : updated;
  if (Number.isNaN(since) || nowMs - since <= options.stuckInPlanningAfterMs) return { state: 'open' };
  return {
    state: 'open',
    problem: {
      type: 'order.stuck-in-planning',
      reason: `${which(snapshot)} has been in status ${snapshot.status} since ${new Date(since).toISOString()} (${formatDuration(nowMs - since)}, more than the ${formatDuration(options.stuckInPlanningAfterMs)} allowed); Amazon has not started picking it.`,
    },
  };
};

const open: Assess = () => ({ state: 'open' });
const closed: Assess = () => ({ state: 'closed' });

const ASSESS_BY_STATUS: Record<FbaOrderStatus, Assess> = {
  New: waitingToBePlanned,
  Received: waitingToBePlanned,
  Planning: waitingToBePlanned,
  Processing: open,
  Complete: closed,
  Cancelled: closed,
  CompletePartialled: completePartialled,
  Unfulfillable: unfulfillable,
  Invalid: invalid,
};

export function assessFbaOrder(snapshot: FbaOrderSnapshot, nowMs: number, options: AssessmentOptions): FbaOrderAssessment {
  return ASSESS_BY_STATUS[snapshot.status](snapshot, nowMs, options);
}
