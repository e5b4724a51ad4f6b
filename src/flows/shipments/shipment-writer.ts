// The shipments flow: what Amazon shipped becomes real commercetools deliveries with parcels (carrier,
// tracking number, the lines in each package) and the order's shipment state, so the storefront's own
// customer notifications fire. Every write is keyed (delivery = Amazon shipment id, parcel = package
// number), so a retry finds what landed instead of writing it twice (architecture.md §3).
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import type { FbaOrderSnapshot } from '../../domain/orders/fba-order.js';
import { planShipmentWrites, type ShipmentPlan } from '../../domain/shipments/shipment-plan.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { ok, type Result } from '../../domain/shared/result.js';
import type { OrderFlowDeps } from '../orders/order-flow-types.js';

const PRIORITY = { priority: CallPriority.tracking };

/** Asks for tracking only once everything has shipped and the order is not known delivered yet. */
export async function deliveredPackages(deps: OrderFlowDeps, order: StorefrontOrder, snapshot: FbaOrderSnapshot): Promise<Result<ReadonlySet<number>>> {
  const shipped = snapshot.shipments.filter((s) => s.status === 'SHIPPED');
  const done = new Set<number>();
  if (order.shipmentState === 'Delivered' || shipped.length === 0 || !['Complete', 'CompletePartialled'].includes(snapshot.status)) return ok(done);
  for (const pkg of shipped.flatMap((s) => s.packages)) {
    const tracking = await deps.amazon.getPackageTracking(pkg.packageNumber, PRIORITY);
    if (!tracking.ok) return tracking;
    if (tracking.value.currentStatus === 'DELIVERED') done.add(pkg.packageNumber);
  }
  return ok(done);
}

export async function writeShipments(
  deps: OrderFlowDeps, start: StorefrontOrder, snapshot: FbaOrderSnapshot, localLineIds: ReadonlySet<string>, delivered: ReadonlySet<number>,
): Promise<Result<StorefrontOrder>> {
  let order = start;
  const plan: ShipmentPlan = planShipmentWrites(order, snapshot, { localLineIds, deliveredPackageNumbers: delivered });
  for (const delivery of plan.deliveries) {
    const r = await deps.commercetools.addDelivery(order.id, order.version, delivery);
    if (!r.ok) return r;
    order = r.value;
    const shipDate = snapshot.shipments.find((s) => s.amazonShipmentId === delivery.key)?.shippingDate;
    if (shipDate) deps.metrics?.trackingWritten(deps.connectionId, (deps.clock.now().getTime() - Date.parse(shipDate)) / 1000);
    await audit(deps, order.id, 'addDelivery', `delivery ${delivery.key} with ${delivery.parcels.length} parcel(s): ${delivery.parcels.map((p) => `${p.carrier} ${p.trackingId ?? ''}`.trim()).join(', ')}`);
  }
  for (const { deliveryId, parcel } of plan.parcels) {
    const r = await deps.commercetools.addParcelToDelivery(order.id, order.version, deliveryId, parcel);
    if (!r.ok) return r;
    order = r.value;
    await audit(deps, order.id, 'addParcelToDelivery', `parcel ${parcel.key}: ${parcel.carrier} ${parcel.trackingId ?? ''}`);
  }
  if (plan.shipmentState) {
    const r = await deps.commercetools.changeShipmentState(order.id, order.version, plan.shipmentState);
    if (!r.ok) return r;
    order = r.value;
    await audit(deps, order.id, 'changeShipmentState', `shipment state ${plan.shipmentState}`);
  }
  return ok(order);
}

async function audit(deps: OrderFlowDeps, orderId: string, action: string, message: string): Promise<void> {
  await deps.store.audit.append({
    connectionId: deps.connectionId, system: 'commercetools', action, subjectType: 'order', subjectId: orderId, outcome: 'ok', message, at: deps.clock.now().getTime(),
  });
}
