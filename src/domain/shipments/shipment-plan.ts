// What to write on the commercetools order when FBA ships: a delivery per Amazon shipment, a parcel
// per package, and the shipment state. The plan is the difference between what Amazon reports and what
// the order already holds, keyed by Amazon's ids, so applying it twice writes nothing the second time.
// Docs: ../spapi-models/fulfillmentOutbound_2020-07-01.json (FulfillmentShipment: SHIPPED = all packages
// left the fulfillment center; CANCELLED_BY_FULFILLER = Amazon re-plans the units in a new shipment).
import type { DeliveryToWrite, ParcelToWrite } from './delivery-to-write.js';
import type { FbaOrderSnapshot, FbaShipment } from '../orders/fba-order.js';
import { sellerFulfillmentOrderItemIdFor } from '../orders/seller-fulfillment-order-id.js';
import type { ShipmentState, StorefrontDelivery, StorefrontOrder } from '../orders/storefront-order.js';

export interface ShipmentPlan {
  deliveries: DeliveryToWrite[];
  parcels: Array<{ deliveryId: string; parcel: ParcelToWrite }>;
  /** Only when it differs from order.shipmentState. */
  shipmentState?: ShipmentState;
  /** Amazon item ids that match no line of the order (left out of the plan). */
  unmatchedItemIds?: string[];
}

export interface ShipmentPlanOptions {
  /** Lines the merchant fulfils: while they exist the order is at most Partial from FBA's side. */
  readonly localLineIds: ReadonlySet<string>;
  /** Packages the carrier reports delivered (package tracking DELIVERED). */
  readonly deliveredPackageNumbers?: ReadonlySet<number>;
}

type LineQuantity = { readonly lineItemId: string; readonly quantity: number };

/**
 * How far the goods have gone. A state is only ever replaced by a further one: Delivered stays
 * Delivered, Shipped never goes back to Partial, and nothing that has left the warehouse is Canceled.
 * Canceled (outside this scale) is final: when a person cancelled the order and Amazon shipped anyway,
 * the deliveries are still written, but the state stays theirs.
 */
const PROGRESS: Record<Exclude<ShipmentState, 'Canceled'>, number> = {
  Pending: 0, Ready: 0, Delayed: 0, Backorder: 0,
  Partial: 1, Shipped: 2, Delivered: 3,
};

function parcelKey(shipment: FbaShipment, packageNumber: number): string {
  return `${shipment.amazonShipmentId}-${packageNumber}`;
}

/** Sums quantities per line, in first-seen order, skipping items of no line of the order. */
function toLineQuantities(
  items: FbaShipment['items'], lineByItemId: ReadonlyMap<string, string>, unmatched: Set<string>,
): LineQuantity[] {
  const sums = new Map<string, number>();
  for (const item of items) {
    const lineItemId = lineByItemId.get(item.sellerFulfillmentOrderItemId);
    if (lineItemId === undefined) {
      unmatched.add(item.sellerFulfillmentOrderItemId);
      continue;
    }
    sums.set(lineItemId, (sums.get(lineItemId) ?? 0) + item.quantity);
  }
  return [...sums].map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
}

function parcelsOf(shipment: FbaShipment, lineByItemId: ReadonlyMap<string, string>, unmatched: Set<string>): ParcelToWrite[] {
  // Items without a package number belong to the only package when there is just one.
  const single = shipment.packages.length === 1;
  return shipment.packages.map((pkg) => {
    const packed = shipment.items.filter((i) => i.packageNumber === pkg.packageNumber || (single && i.packageNumber === undefined));
    const items = toLineQuantities(packed, lineByItemId, unmatched);
    return {
      key: parcelKey(shipment, pkg.packageNumber),
      carrier: pkg.carrierCode,
      ...(pkg.trackingNumber === undefined ? {} : { trackingId: pkg.trackingNumber }),
      ...(items.length === 0 ? {} : { items }),
    };
  });
}

function targetState(order: StorefrontOrder, fba: FbaOrderSnapshot, options: ShipmentPlanOptions): ShipmentState | undefined {
  const shipped = fba.shipments.filter((s) => s.status === 'SHIPPED');
  const shippedUnits = shipped.reduce((sum, s) => sum + s.items.reduce((n, i) => n + i.quantity, 0), 0);
  const orderedUnits = fba.items.reduce((sum, i) => sum + i.quantity, 0);
  const hasLocalLines = order.lineItems.some((l) => options.localLineIds.has(l.id));

  if (fba.status === 'CompletePartialled') return 'Partial';
  if (fba.status === 'Cancelled' && shippedUnits === 0) return hasLocalLines ? undefined : 'Canceled';
  if (shippedUnits === 0) return undefined;
  if (shippedUnits < orderedUnits || hasLocalLines) return 'Partial';
  const packages = shipped.flatMap((s) => s.packages.map((p) => p.packageNumber));
  const delivered = options.deliveredPackageNumbers;
  const allDelivered = delivered !== undefined && packages.length > 0 && packages.every((n) => delivered.has(n));
  return allDelivered ? 'Delivered' : 'Shipped';
}

function shouldChange(current: ShipmentState | undefined, target: ShipmentState | undefined): target is ShipmentState {
  if (target === undefined || current === target) return false;
  if (current === undefined) return true;
  if (current === 'Canceled') return false;
  if (target === 'Canceled') return PROGRESS[current] === 0;
  return PROGRESS[target] > PROGRESS[current];
}

export function planShipmentWrites(order: StorefrontOrder, fba: FbaOrderSnapshot, options: ShipmentPlanOptions): ShipmentPlan {
  const lineByItemId = new Map(order.lineItems.map((l) => [sellerFulfillmentOrderItemIdFor(l.id), l.id]));
  const existing = new Map<string, StorefrontDelivery>();
  for (const d of order.deliveries) if (d.key !== undefined) existing.set(d.key, d);
  const unmatched = new Set<string>();
  const plan: ShipmentPlan = { deliveries: [], parcels: [] };

  for (const shipment of fba.shipments) {
    // PENDING has not left the warehouse; cancelled shipments never will (a re-plan arrives as a new shipment).
    if (shipment.status !== 'SHIPPED') continue;
    const parcels = parcelsOf(shipment, lineByItemId, unmatched);
    const delivery = existing.get(shipment.amazonShipmentId);
    if (delivery !== undefined) {
      const known = new Set(delivery.parcels.map((p) => p.key));
      for (const parcel of parcels) if (!known.has(parcel.key)) plan.parcels.push({ deliveryId: delivery.id, parcel });
      continue;
    }
    const items = toLineQuantities(shipment.items, lineByItemId, unmatched);
    if (items.length === 0) continue;
    plan.deliveries.push({ key: shipment.amazonShipmentId, items, parcels });
  }

  const target = targetState(order, fba, options);
  if (shouldChange(order.shipmentState, target)) plan.shipmentState = target;
  if (unmatched.size > 0) plan.unmatchedItemIds = [...unmatched];
  return plan;
}
