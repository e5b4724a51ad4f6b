// The Amazon side of one order: read the fulfillment order, write each shipment back as a delivery
// with parcels (carrier, tracking), the shipment state and the FBA status in one update
// (shipment-writer.ts), and turn what Amazon could not do into exceptions. Runs for 'order.track' work
// (Amazon changed, or a sweep wants a fresh look); a status Amazon notified on the way is written
// without a look (status-note.ts). A look whose answer from Amazon is the one last
// written back skips commercetools altogether (amazon-look-memory.ts); otherwise it decides on the order
// as the bridge last wrote it, when remembered, and reads it only when that version turns out stale.
import type { WorkItem, OrderLink, Store } from '../../ports/store.js';
import type { FbaOrderSnapshot } from '../../domain/orders/fba-order.js';
import { assessFbaOrder } from '../../domain/orders/fba-order-assessment.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { ok } from '../../domain/shared/result.js';
import type { AuditInput } from '../../ports/store.js';
import { DONE, STATUS_NOTE_PRIORITY, type OrderFlowDeps, type TaskOutcome } from '../orders/order-flow-types.js';
import { outcomeOf } from '../orders/failure-outcome.js';
import { raiseOrderProblem, resolveOrderProblems, type OrderRef } from '../orders/order-exceptions.js';
import { fingerprintOf, sameDelivered } from './amazon-look-memory.js';
import { awaitsTracking, deliveredPackages, shippedPackages, writeBack } from './shipment-writer.js';
import { holdsNotedStatus, writeNotedStatus } from './status-note.js';

const PRIORITY = { priority: CallPriority.tracking };

export async function trackOrder(deps: OrderFlowDeps, item: WorkItem): Promise<TaskOutcome> {
  const link = await deps.store.orderLinks.get(deps.connectionId, item.subjectId);
  if (!link?.sellerFulfillmentOrderId || (link.state !== 'submitted' && link.state !== 'cancelling' && link.state !== 'closed')) return DONE;
  // Only status notifications asked for this run (any other request would have raised its priority).
  if (item.priority === STATUS_NOTE_PRIORITY && holdsNotedStatus(link)) return writeNotedStatus(deps, link);
  const fetched = await deps.amazon.getFulfillmentOrder(link.sellerFulfillmentOrderId, PRIORITY);
  if (!fetched.ok) return outcomeOf(fetched.error, 'reading the order from Amazon');
  const snapshot = fetched.value;
  if (!snapshot) {
    deps.logger.warn('Amazon does not know an order the bridge sent', { orderId: link.ctOrderId, sellerFulfillmentOrderId: link.sellerFulfillmentOrderId });
    return DONE;
  }
  const ref: OrderRef = { connectionId: deps.connectionId, orderId: link.ctOrderId, orderNumber: link.orderNumber };

  // The same answer as the last look that was written back: only the carrier's news can be new.
  const fingerprint = fingerprintOf(snapshot);
  const last = deps.amazonLooks.get(link.ctOrderId);
  let delivered: ReadonlySet<number> | undefined;
  if (last?.fingerprint === fingerprint) {
    if (last.allDelivered || !awaitsTracking(snapshot)) return settle(deps, deps.store, link, ref, snapshot, last.allDelivered, []);
    const tracked = await deliveredPackages(deps, null, snapshot);
    if (!tracked.ok) return outcomeOf(tracked.error, 'reading package tracking from Amazon');
    if (sameDelivered(last.delivered, tracked.value)) return settle(deps, deps.store, link, ref, snapshot, false, []);
    delivered = tracked.value;
  }

  // The order as the bridge last wrote it is good enough to decide on: the write carries its version,
  // and if the order moved since, commercetools refuses it and writeBack reads it again.
  const known = deps.commercetools.recentOrder(link.ctOrderId);
  const read = known ? ok(known) : await deps.commercetools.getOrder(link.ctOrderId);
  if (!read.ok) return outcomeOf(read.error, 'reading the commercetools order');
  if (!read.value) return DONE;
  if (!delivered) {
    const tracked = await deliveredPackages(deps, read.value, snapshot);
    if (!tracked.ok) return outcomeOf(tracked.error, 'reading package tracking from Amazon');
    delivered = tracked.value;
  }
  const written = await writeBack(deps, read.value, snapshot, delivered);
  if (!written.ok) return outcomeOf(written.error, 'writing shipments to commercetools');
  if (!written.value) return DONE;
  const { order, audits, recordProblem } = written.value;
  if (recordProblem) deps.logger.warn('could not record the FBA state on the commercetools order', { orderId: order.id, error: recordProblem.message });

  const shipped = shippedPackages(snapshot);
  const allDelivered = order.shipmentState === 'Delivered' || (shipped.length > 0 && shipped.every((p) => delivered.has(p.packageNumber)));
  const outcome = await deps.store.transaction((tx) => settle(deps, tx, link, { ...ref, orderNumber: order.orderNumber ?? null }, snapshot, allDelivered, audits));
  // A look that left something unwritten is not remembered: the next one reads and tries again.
  if (recordProblem) deps.amazonLooks.forget(link.ctOrderId);
  else deps.amazonLooks.remember(link.ctOrderId, { fingerprint, delivered: [...delivered].sort((a, b) => a - b), allDelivered });
  return outcome;
}

/** Audits what was written, then what Amazon's answer means for the order: exceptions and the link's state. */
async function settle(
  deps: OrderFlowDeps, store: Store, link: OrderLink, ref: OrderRef, snapshot: FbaOrderSnapshot, allDelivered: boolean, audits: readonly AuditInput[],
): Promise<TaskOutcome> {
  for (const entry of audits) await store.audit.append(entry);
  const now = deps.clock.now().getTime();
  const assessment = assessFbaOrder(snapshot, now, { stuckInPlanningAfterMs: deps.stuckInPlanningMs });
  if (assessment.problem) await raiseOrderProblem(store, ref, assessment.problem, now);
  else await resolveOrderProblems(store, ref, now, ['order.stuck-in-planning']);
  if (snapshot.status === 'Cancelled') await resolveOrderProblems(store, ref, now, ['order.stuck-in-planning', 'order.cancel-failed']);

  // Closed once Amazon is done and nothing shipped is still on its way to the customer.
  const shippedAny = snapshot.shipments.some((s) => s.status === 'SHIPPED');
  const closed = assessment.state === 'closed' && (!shippedAny || allDelivered);
  const state = closed ? 'closed' : link.state === 'closed' ? 'submitted' : link.state;
  if (state !== link.state || snapshot.status !== link.fbaStatus) {
    await store.orderLinks.upsert({ ...link, state, fbaStatus: snapshot.status, fbaStatusAt: now }, now);
    await store.audit.append({
      connectionId: deps.connectionId, system: 'amazon', action: 'observeStatus', subjectType: 'order', subjectId: ref.orderId,
      outcome: 'observed', message: `Amazon status ${snapshot.status}${closed ? ' (closed)' : ''}`, at: now,
    });
  }
  return DONE;
}
