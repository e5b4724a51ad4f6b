// Amazon's status words, parsed strictly into our unions. Real answers use PascalCase for order
// statuses and UPPER_SNAKE for shipment statuses; old sandbox examples and notifications mix the two
// (COMPLETE_PARTIALLED, "Shipped"), so parsing ignores case and underscores.
// Docs: ../spapi-models/fulfillmentOutbound_2020-07-01.json (FulfillmentOrderStatus, FulfillmentShipment)
import {
  FBA_ORDER_STATUSES, FBA_SHIPMENT_STATUSES, type FbaOrderStatus, type FbaShipmentStatus,
} from './fba-order.js';

interface OrderStatusInfo {
  /** Amazon still accepts cancelFulfillmentOrder. */
  readonly cancellable: boolean;
  /** Amazon will not change the order any more. */
  readonly terminal: boolean;
}

const ORDER_STATUS_INFO: Record<FbaOrderStatus, OrderStatusInfo> = {
  // Not yet validated and nothing picked: the model names only Received and Planning as cancellable,
  // but a New order is further from the warehouse than either, so asking is right; a refusal comes
  // back from the port as NotCancellable.
  New: { cancellable: true, terminal: false },
  Received: { cancellable: true, terminal: false },
  Planning: { cancellable: true, terminal: false },
  Processing: { cancellable: false, terminal: false },
  Cancelled: { cancellable: false, terminal: true },
  Complete: { cancellable: false, terminal: true },
  CompletePartialled: { cancellable: false, terminal: true },
  Unfulfillable: { cancellable: false, terminal: true },
  Invalid: { cancellable: false, terminal: true },
};

/** Statuses in which Amazon lets the seller cancel a fulfillment order. */
export const CANCELLABLE_STATUSES: readonly FbaOrderStatus[] = FBA_ORDER_STATUSES.filter((s) => ORDER_STATUS_INFO[s].cancellable);

function normalise(raw: string): string {
  return raw.trim().replace(/[_\s-]/g, '').toLowerCase();
}

const ORDER_STATUS_BY_KEY: ReadonlyMap<string, FbaOrderStatus> = new Map(FBA_ORDER_STATUSES.map((s) => [normalise(s), s]));
const SHIPMENT_STATUS_BY_KEY: ReadonlyMap<string, FbaShipmentStatus> = new Map(FBA_SHIPMENT_STATUSES.map((s) => [normalise(s), s]));

/** 'PLANNING' → 'Planning', 'COMPLETE_PARTIALLED' → 'CompletePartialled'; unknown words → null. */
export function parseFbaOrderStatus(raw: string): FbaOrderStatus | null {
  return ORDER_STATUS_BY_KEY.get(normalise(raw)) ?? null;
}

/** 'Shipped' → 'SHIPPED', 'CancelledByFulfiller' → 'CANCELLED_BY_FULFILLER'; unknown words → null. */
export function parseFbaShipmentStatus(raw: string): FbaShipmentStatus | null {
  return SHIPMENT_STATUS_BY_KEY.get(normalise(raw)) ?? null;
}

export function isCancellableStatus(status: FbaOrderStatus): boolean {
  return ORDER_STATUS_INFO[status].cancellable;
}

/** Cancelled, Complete, CompletePartialled, Unfulfillable and Invalid: Amazon is done with the order. */
export function isTerminalStatus(status: FbaOrderStatus): boolean {
  return ORDER_STATUS_INFO[status].terminal;
}

/**
 * The steps an order takes before anything ships, in order. A FULFILLMENT_ORDER_STATUS notification
 * (EventType Order) naming one of them says all a look would learn: no shipment, nothing unfulfillable
 * yet. Later statuses (terminal ones) need a look at the order itself.
 */
const ON_THE_WAY: readonly FbaOrderStatus[] = ['New', 'Received', 'Planning', 'Processing'];

/** New, Received, Planning or Processing: a status a notification can be taken at its word for. */
export function isOnTheWayStatus(status: FbaOrderStatus): boolean {
  return ON_THE_WAY.includes(status);
}

/**
 * The statuses an order may move on from to `status` (those before it on the way); empty when `status`
 * is not one of the steps on the way. Notifications arrive late and out of order: a Planning that
 * arrives after Processing must not put the order back.
 */
export function statusesBefore(status: FbaOrderStatus): readonly FbaOrderStatus[] {
  const at = ON_THE_WAY.indexOf(status);
  return at < 0 ? [] : ON_THE_WAY.slice(0, at);
}
