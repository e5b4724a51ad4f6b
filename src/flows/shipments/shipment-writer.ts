// The shipments flow: what Amazon shipped becomes real commercetools deliveries with parcels (carrier,
// tracking number, the lines in each package) and the order's shipment state, so the storefront's own
// customer notifications fire. Every write is keyed (delivery = Amazon shipment id, parcel = package
// number), so a retry finds what landed instead of writing it twice (architecture.md §3). A look writes
// all it found — deliveries, parcels, shipment state and the FBA status — as one update at the version it
// read (docs/adr/0023); commercetools still emits a message per action.
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import type { FbaOrderSnapshot } from '../../domain/orders/fba-order.js';
import { routeOrder } from '../../domain/orders/routing.js';
import { planShipmentWrites } from '../../domain/shipments/shipment-plan.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { ok, type Failure, type Result } from '../../domain/shared/result.js';
import type { FbaExportRecord, ShipmentWrite } from '../../ports/commercetools-orders.js';
import type { AuditInput } from '../../ports/store.js';
import type { OrderFlowDeps } from '../orders/order-flow-types.js';
import { splitNote } from '../orders/record-on-order.js';

const PRIORITY = { priority: CallPriority.tracking };
/** Re-reads after a 409 (someone else moved the order) before the look is given back to the queue. */
const MAX_VERSION_RETRIES = 3;

/** Tracking is asked for only once Amazon is done and something shipped. */
export function awaitsTracking(snapshot: FbaOrderSnapshot): boolean {
  return ['Complete', 'CompletePartialled'].includes(snapshot.status) && snapshot.shipments.some((s) => s.status === 'SHIPPED');
}

/**
 * No carrier delivers a package within this long of its leaving the fulfilment centre (same-day
 * delivery takes hours), so the carrier is not asked about it sooner. The look that first sees a
 * shipment therefore writes its delivery and parcels without waiting for getPackageTrackingDetails
 * tokens; later looks (the sweep) ask (docs/adr/0024).
 */
export const NOT_DELIVERED_WITHIN_MS = 60 * 60_000;

/** The shipped packages the carrier reports delivered (none asked for while the order is known delivered, or for packages that only just left). */
export async function deliveredPackages(deps: OrderFlowDeps, order: StorefrontOrder | null, snapshot: FbaOrderSnapshot): Promise<Result<ReadonlySet<number>>> {
  const done = new Set<number>();
  if (order?.shipmentState === 'Delivered' || !awaitsTracking(snapshot)) return ok(done);
  const leftBefore = deps.clock.now().getTime() - NOT_DELIVERED_WITHIN_MS;
  const mayBeDelivered = snapshot.shipments.filter((s) => s.status === 'SHIPPED' && !(s.shippingDate && Date.parse(s.shippingDate) > leftBefore)).flatMap((s) => s.packages);
  for (const pkg of mayBeDelivered) {
    const tracking = await deps.amazon.getPackageTracking(pkg.packageNumber, PRIORITY);
    if (!tracking.ok) return tracking;
    if (tracking.value.currentStatus === 'DELIVERED') done.add(pkg.packageNumber);
  }
  return ok(done);
}

export function shippedPackages(snapshot: FbaOrderSnapshot) {
  return snapshot.shipments.filter((s) => s.status === 'SHIPPED').flatMap((s) => s.packages);
}

export interface WrittenBack {
  readonly order: StorefrontOrder;
  /** One entry per delivery, parcel, state and record written (what the audit log and metrics count). */
  readonly audits: readonly AuditInput[];
  /** The FBA record could not be (wholly) written; the shipments were. */
  readonly recordProblem?: Failure;
}

/**
 * Brings the order to what Amazon reported, in one update; on a 409 it reads the order again and
 * re-decides. `null` when the order is gone from commercetools.
 */
export async function writeBack(
  deps: OrderFlowDeps, start: StorefrontOrder, snapshot: FbaOrderSnapshot, delivered: ReadonlySet<number>,
): Promise<Result<WrittenBack | null>> {
  let order = start;
  for (let attempt = 0; ; attempt++) {
    const write = shipmentWriteFor(deps, order, snapshot, delivered);
    if (!write) return ok({ order, audits: [] });
    const written = await deps.commercetools.writeShipments(order.id, order.version, write);
    if (written.ok) {
      const { recordProblem } = written.value;
      noteShipDates(deps, write, snapshot);
      return ok({ order: written.value.order, audits: auditsOf(deps, order.id, write, recordProblem === undefined), ...(recordProblem ? { recordProblem } : {}) });
    }
    if (written.error.code !== 'ConcurrentModification' || attempt === MAX_VERSION_RETRIES) return written;
    const reread = await deps.commercetools.getOrder(order.id);
    if (!reread.ok || !reread.value) return reread.ok ? ok(null) : reread;
    order = reread.value;
  }
}

/** What the order lacks of Amazon's answer; undefined when it holds it all. */
function shipmentWriteFor(deps: OrderFlowDeps, order: StorefrontOrder, snapshot: FbaOrderSnapshot, delivered: ReadonlySet<number>): ShipmentWrite | undefined {
  const localLineIds = localLinesOf(deps, order);
  const plan = planShipmentWrites(order, snapshot, { localLineIds, deliveredPackageNumbers: delivered });
  const fbaRecord = recordFor(order, snapshot, localLineIds);
  if (plan.deliveries.length === 0 && plan.parcels.length === 0 && !plan.shipmentState && !fbaRecord) return undefined;
  return {
    deliveries: plan.deliveries, parcels: plan.parcels,
    ...(plan.shipmentState ? { shipmentState: plan.shipmentState } : {}),
    ...(fbaRecord ? { fbaRecord } : {}),
  };
}

/** The FBA status to record, when the order shows another one. A mixed order keeps its note: recording a status without one would remove it. */
function recordFor(order: StorefrontOrder, snapshot: FbaOrderSnapshot, localLineIds: ReadonlySet<string>): FbaExportRecord | undefined {
  if (order.fields.fbaStatus === snapshot.status && order.fields.sellerFulfillmentOrderId === snapshot.sellerFulfillmentOrderId) return undefined;
  const note = splitNote(order.lineItems.length, order.lineItems.length - localLineIds.size, localLineIds.size);
  return { sellerFulfillmentOrderId: snapshot.sellerFulfillmentOrderId, fbaStatus: snapshot.status, ...(note ? { message: note } : {}) };
}

function localLinesOf(deps: OrderFlowDeps, order: StorefrontOrder): ReadonlySet<string> {
  const decision = routeOrder(order, deps.routing);
  return new Set(decision.kind === 'fba' ? decision.localLines.map((l) => l.id) : order.lineItems.map((l) => l.id));
}

function noteShipDates(deps: OrderFlowDeps, write: ShipmentWrite, snapshot: FbaOrderSnapshot): void {
  for (const delivery of write.deliveries) {
    const shipDate = snapshot.shipments.find((s) => s.amazonShipmentId === delivery.key)?.shippingDate;
    if (shipDate) deps.metrics?.trackingWritten(deps.connectionId, (deps.clock.now().getTime() - Date.parse(shipDate)) / 1000);
  }
}

function auditsOf(deps: OrderFlowDeps, orderId: string, write: ShipmentWrite, recordWritten: boolean): AuditInput[] {
  const at = deps.clock.now().getTime();
  const entry = (action: string, message: string): AuditInput => ({
    connectionId: deps.connectionId, system: 'commercetools', action, subjectType: 'order', subjectId: orderId, outcome: 'ok', message, at,
  });
  return [
    ...write.deliveries.map((d) => entry('addDelivery', `delivery ${d.key} with ${d.parcels.length} parcel(s): ${d.parcels.map((p) => `${p.carrier} ${p.trackingId ?? ''}`.trim()).join(', ')}`)),
    ...write.parcels.map(({ parcel }) => entry('addParcelToDelivery', `parcel ${parcel.key}: ${parcel.carrier} ${parcel.trackingId ?? ''}`)),
    ...(write.shipmentState ? [entry('changeShipmentState', `shipment state ${write.shipmentState}`)] : []),
    ...(write.fbaRecord && recordWritten ? [entry('recordFbaState', `fbaStatus=${write.fbaRecord.fbaStatus}${write.fbaRecord.message ? `: ${write.fbaRecord.message}` : ''}`)] : []),
  ];
}
