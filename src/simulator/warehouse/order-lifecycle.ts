// The warehouse's state machine for one order, driven by simulated time:
//   New ──(validation: stock short, FillOrKill)──▶ Unfulfillable
//   Received ──~2 min──▶ Planning ──~30 min──▶ Processing ──2–6 h──▶ shipments SHIPPED ──▶ Complete
//   (CompletePartialled when units were short under FillAll / FillAllAvailable; stuck orders never
//   leave Planning; Hold orders wait in Received and are cancelled after 14 days).
// Each transition happens at its scheduled moment, not when someone looks, so statusUpdatedDate does
// not depend on how often a client polls.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#fulfillmentorderstatus
import type { FbaOrderStatus } from '../../domain/orders/fba-order.js';
import type { SimOrder, SimShipment } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';
import type { InventoryLedger } from './inventory-ledger.js';
import { FILL_ALL_WAIT_MS, HOLD_EXPIRY_MS } from './order-plan.js';
import { buildShipments } from './shipment-builder.js';

export interface WarehouseContext {
  readonly seed: number;
  readonly state: SimulatorState;
  readonly ledger: InventoryLedger;
}

export const TERMINAL_STATUSES: ReadonlySet<FbaOrderStatus> = new Set(['Cancelled', 'Complete', 'CompletePartialled', 'Unfulfillable', 'Invalid']);
export const CANCELLABLE_STATUSES: ReadonlySet<FbaOrderStatus> = new Set(['New', 'Received', 'Planning']);

/** Runs every event of the order that is due at `now`. */
export function advanceOrder(ctx: WarehouseContext, order: SimOrder, now: number): void {
  // The bound only guards against a scheduling bug looping forever.
  for (let guard = 0; order.nextEventAt !== null && order.nextEventAt <= now && guard < 1000; guard++) {
    runEvent(ctx, order, order.nextEventAt);
  }
  ctx.state.track(order);
}

function runEvent(ctx: WarehouseContext, order: SimOrder, at: number): void {
  switch (order.status) {
    case 'New':
      markUnfulfillable(ctx, order, at, 'not enough fulfillable stock');
      return;
    case 'Received':
      if (order.fulfillmentAction === 'Hold') cancelOrder(ctx, order, at, 'Hold order expired after 14 days');
      else toPlanning(order, at);
      return;
    case 'Planning':
      toProcessing(ctx, order, at);
      return;
    case 'Processing': {
      const next = nextPendingShipment(order);
      if (next && next.shipAt <= at) shipShipment(ctx, order, next, at);
      else complete(order, at, 'FillAll stopped waiting for the missing units');
      return;
    }
    default:
      order.nextEventAt = null;
  }
}

export function setStatus(order: SimOrder, status: FbaOrderStatus, at: number, reason: string): void {
  order.status = status;
  order.statusUpdatedAt = at;
  order.lastChangedAt = Math.max(order.lastChangedAt, at);
  order.history.push({ status, at, reason });
}

/** First schedule of a freshly accepted order. */
export function scheduleReceived(order: SimOrder, at: number): void {
  order.nextEventAt = order.status === 'New'
    ? at + order.plan.validationMs
    : at + (order.fulfillmentAction === 'Hold' ? HOLD_EXPIRY_MS : order.plan.toPlanningMs);
}

export function toPlanning(order: SimOrder, at: number): void {
  setStatus(order, 'Planning', at, order.plan.stuck ? 'planning (this order is stuck)' : 'planning');
  order.nextEventAt = order.plan.stuck ? null : at + order.plan.toProcessingMs;
}

export function toProcessing(ctx: WarehouseContext, order: SimOrder, at: number): void {
  order.shipments = buildShipments(ctx.seed, ctx.state, order, at);
  setStatus(order, 'Processing', at, 'picking started');
  scheduleAfterShipping(order, at);
}

export function shipShipment(ctx: WarehouseContext, order: SimOrder, shipment: SimShipment, at: number): void {
  shipment.status = 'SHIPPED';
  shipment.shipAt = at;
  shipment.shippedAt = at;
  for (const pkg of shipment.packages) pkg.estimatedArrivalAt = at + shipment.transitMs;
  for (const part of shipment.items) {
    const line = order.items.find((i) => i.sellerFulfillmentOrderItemId === part.sellerFulfillmentOrderItemId);
    if (!line) continue;
    ctx.ledger.consume(part.sellerSku, part.quantity, at);
    line.reservedQuantity -= part.quantity;
    line.shippedQuantity += part.quantity;
  }
  order.lastChangedAt = Math.max(order.lastChangedAt, at);
  order.history.push({ status: order.status, at, reason: `shipment ${shipment.amazonShipmentId} shipped` });
  scheduleAfterShipping(order, at);
}

/** Next shipment to ship, or — all shipped — completion (FillAll first waits for missing units). */
function scheduleAfterShipping(order: SimOrder, at: number): void {
  const next = nextPendingShipment(order);
  if (next) {
    order.nextEventAt = next.shipAt;
    return;
  }
  const short = order.items.some((i) => i.shortQuantity > 0);
  if (short && order.fulfillmentPolicy === 'FillAll') order.nextEventAt = at + FILL_ALL_WAIT_MS;
  else complete(order, at, 'all shipments shipped');
}

export function complete(order: SimOrder, at: number, reason: string): void {
  for (const line of order.items) {
    line.unfulfillableQuantity = Math.max(line.unfulfillableQuantity, line.shortQuantity);
  }
  const partial = order.items.some((i) => i.unfulfillableQuantity > 0 || i.cancelledQuantity > 0);
  setStatus(order, partial ? 'CompletePartialled' : 'Complete', at, reason);
  order.nextEventAt = null;
}

export function cancelOrder(ctx: WarehouseContext, order: SimOrder, at: number, reason: string): void {
  releaseReservations(ctx, order, at);
  for (const line of order.items) {
    line.cancelledQuantity = Math.max(0, line.quantity - line.unfulfillableQuantity - line.shippedQuantity);
  }
  for (const shipment of order.shipments) if (shipment.status === 'PENDING') shipment.status = 'CANCELLED_BY_SELLER';
  setStatus(order, 'Cancelled', at, reason);
  order.nextEventAt = null;
}

export function markUnfulfillable(ctx: WarehouseContext, order: SimOrder, at: number, reason: string, status: 'Unfulfillable' | 'Invalid' = 'Unfulfillable'): void {
  releaseReservations(ctx, order, at);
  for (const line of order.items) {
    line.unfulfillableQuantity = Math.max(0, line.quantity - line.cancelledQuantity - line.shippedQuantity);
  }
  setStatus(order, status, at, reason);
  order.nextEventAt = null;
}

function releaseReservations(ctx: WarehouseContext, order: SimOrder, at: number): void {
  for (const line of order.items) {
    ctx.ledger.release(line.sellerSku, line.reservedQuantity, at);
    line.reservedQuantity = 0;
  }
}

export function nextPendingShipment(order: SimOrder): SimShipment | undefined {
  return order.shipments
    .filter((s) => s.status === 'PENDING')
    .sort((a, b) => a.shipAt - b.shipAt)[0];
}
