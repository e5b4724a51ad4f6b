// The Amazon side of one order: read the fulfillment order, write each shipment back as a delivery
// with parcels (carrier, tracking; shipment-writer.ts), set the shipment state, and turn what Amazon
// could not do into exceptions. Runs for 'order.track' work (Amazon changed, or a sweep wants a fresh look).
import type { WorkItem, OrderLink } from '../../ports/store.js';
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import type { FbaOrderSnapshot } from '../../domain/orders/fba-order.js';
import { routeOrder } from '../../domain/orders/routing.js';
import { assessFbaOrder } from '../../domain/orders/fba-order-assessment.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { DONE, type OrderFlowDeps, type TaskOutcome } from '../orders/order-flow-types.js';
import { outcomeOf } from '../orders/failure-outcome.js';
import { raiseOrderProblem, resolveOrderProblems } from '../orders/order-exceptions.js';
import { recordOnOrder, splitNote } from '../orders/record-on-order.js';
import { deliveredPackages, writeShipments } from './shipment-writer.js';

const PRIORITY = { priority: CallPriority.tracking };

export async function trackOrder(deps: OrderFlowDeps, item: WorkItem): Promise<TaskOutcome> {
  const link = await deps.store.orderLinks.get(deps.connectionId, item.subjectId);
  if (!link?.sellerFulfillmentOrderId || (link.state !== 'submitted' && link.state !== 'cancelling' && link.state !== 'closed')) return DONE;
  const fetched = await deps.amazon.getFulfillmentOrder(link.sellerFulfillmentOrderId, PRIORITY);
  if (!fetched.ok) return outcomeOf(fetched.error, 'reading the order from Amazon');
  const snapshot = fetched.value;
  if (!snapshot) {
    deps.logger.warn('Amazon does not know an order the bridge sent', { orderId: link.ctOrderId, sellerFulfillmentOrderId: link.sellerFulfillmentOrderId });
    return DONE;
  }
  const read = await deps.commercetools.getOrder(link.ctOrderId);
  if (!read.ok) return outcomeOf(read.error, 'reading the commercetools order');
  if (!read.value) return DONE;

  const delivered = await deliveredPackages(deps, read.value, snapshot);
  if (!delivered.ok) return outcomeOf(delivered.error, 'reading package tracking from Amazon');
  const localLineIds = localLinesOf(deps, read.value);
  const written = await writeShipments(deps, read.value, snapshot, localLineIds, delivered.value);
  if (!written.ok) return outcomeOf(written.error, 'writing shipments to commercetools');
  let order = written.value;
  // A mixed order keeps its note: recording a status without one would remove it.
  const note = splitNote(order.lineItems.length, order.lineItems.length - localLineIds.size, localLineIds.size);
  if (order.fields.fbaStatus !== snapshot.status || order.fields.sellerFulfillmentOrderId !== snapshot.sellerFulfillmentOrderId) {
    order = await recordOnOrder(deps, order, { sellerFulfillmentOrderId: snapshot.sellerFulfillmentOrderId, fbaStatus: snapshot.status, ...(note ? { message: note } : {}) });
  }
  const shippedPackages = snapshot.shipments.filter((s) => s.status === 'SHIPPED').flatMap((s) => s.packages);
  const allDelivered = order.shipmentState === 'Delivered' || (shippedPackages.length > 0 && shippedPackages.every((p) => delivered.value.has(p.packageNumber)));
  await assess(deps, link, order, snapshot, allDelivered);
  return DONE;
}

async function assess(deps: OrderFlowDeps, link: OrderLink, order: StorefrontOrder, snapshot: FbaOrderSnapshot, allDelivered: boolean): Promise<void> {
  const now = deps.clock.now().getTime();
  const assessment = assessFbaOrder(snapshot, now, { stuckInPlanningAfterMs: deps.stuckInPlanningMs });
  const ref = { connectionId: deps.connectionId, orderId: order.id, orderNumber: order.orderNumber ?? null };
  if (assessment.problem) await raiseOrderProblem(deps.store, ref, assessment.problem, now);
  else await resolveOrderProblems(deps.store, ref, now, ['order.stuck-in-planning']);
  if (snapshot.status === 'Cancelled') await resolveOrderProblems(deps.store, ref, now, ['order.stuck-in-planning', 'order.cancel-failed']);

  // Closed once Amazon is done and nothing shipped is still on its way to the customer.
  const shippedAny = snapshot.shipments.some((s) => s.status === 'SHIPPED');
  const closed = assessment.state === 'closed' && (!shippedAny || allDelivered);
  const state = closed ? 'closed' : link.state === 'closed' ? 'submitted' : link.state;
  if (state !== link.state || snapshot.status !== link.fbaStatus) {
    await deps.store.orderLinks.upsert({ ...link, state, fbaStatus: snapshot.status, fbaStatusAt: now }, now);
    await deps.store.audit.append({
      connectionId: deps.connectionId, system: 'amazon', action: 'observeStatus', subjectType: 'order', subjectId: order.id,
      outcome: 'observed', message: `Amazon status ${snapshot.status}${closed ? ' (closed)' : ''}`, at: now,
    });
  }
}

function localLinesOf(deps: OrderFlowDeps, order: StorefrontOrder): ReadonlySet<string> {
  const decision = routeOrder(order, deps.routing);
  return new Set(decision.kind === 'fba' ? decision.localLines.map((l) => l.id) : order.lineItems.map((l) => l.id));
}
