// The storefront side of one order: decide whether FBA fulfils it, validate, send it exactly once,
// and cancel it when the storefront cancels. Runs for 'order.export' work (commercetools changed).
//
// Exactly once: the link is marked 'submitting' (committed) before the create is sent. Whenever a
// later attempt finds 'submitting', the outcome of the earlier create is unknown, so it reads Amazon
// first and adopts the order if it is there. "Already exists" from Amazon is adopted the same way.
import type { WorkItem, OrderLink } from '../../ports/store.js';
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import { routeOrder, type RoutingDecision } from '../../domain/orders/routing.js';
import { buildFbaOrderRequest, DEFAULT_ORDER_MAPPING } from '../../domain/orders/fba-order-request.js';
import { sellerFulfillmentOrderIdFor } from '../../domain/orders/seller-fulfillment-order-id.js';
import { orderRevenueOf } from '../../domain/orders/order-revenue.js';
import { workPriorityFor } from '../../domain/orders/order-priority.js';
import { CANCELLABLE_STATUSES, parseFbaOrderStatus } from '../../domain/orders/fba-status.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { DONE, TRACK_PRIORITY, TRIAGE_PRIORITY, type OrderFlowDeps, type TaskOutcome } from './order-flow-types.js';
import { isItemFailure, outcomeOf } from './failure-outcome.js';
import { raiseOrderProblem, resolveOrderProblems, VALIDATION_TYPES } from './order-exceptions.js';
import { recordOnOrder, splitNote } from './record-on-order.js';

type FbaDecision = Extract<RoutingDecision, { kind: 'fba' }>;

export async function exportOrder(deps: OrderFlowDeps, item: WorkItem): Promise<TaskOutcome> {
  const read = await deps.commercetools.getOrder(item.subjectId);
  if (!read.ok) return outcomeOf(read.error, 'reading the commercetools order');
  const order = read.value;
  if (!order) {
    deps.logger.warn('order not found in commercetools', { orderId: item.subjectId });
    return DONE;
  }
  const link = await deps.store.orderLinks.get(deps.connectionId, order.id);

  if (link && (link.state === 'submitted' || link.state === 'cancelling' || link.state === 'closed')) {
    return order.orderState === 'Cancelled' && link.state === 'submitted' ? cancelAtAmazon(deps, order, link) : DONE;
  }

  const decision = routeOrder(order, deps.routing);
  if (decision.kind === 'local') {
    if (link?.state !== 'local') await saveLink(deps, order, link, { state: 'local', fbaLines: 0, localLines: order.lineItems.length, shippingSpeed: null });
    return DONE;
  }
  // The first look at an order found by an event does not know its speed: now we do, so the order
  // takes its place in the backlog (Priority before Expedited before Standard) before any Amazon call.
  // When nothing due waits at its priority or above, the claim after a requeue would take it straight
  // back: it goes on now instead, saving a claim and a second read of the order (docs/adr/0023).
  const priority = workPriorityFor(decision.speed);
  if (item.priority === TRIAGE_PRIORITY && link?.state !== 'submitting') {
    if (await deps.store.work.hasDueAtOrAbove(deps.connectionId, priority, deps.workClock.now().getTime())) return { outcome: 'requeue', priority };
    await deps.store.work.reprioritizeLeased(item.id, TRIAGE_PRIORITY, priority);
  }

  // The inventory sync subtracts the units of FBA-bound lines Amazon has not reserved yet (ADR 0008).
  await deps.store.inventory.replaceOrderLines(deps.connectionId, order.id, decision.fbaLines.flatMap((l) => (l.sku && Number.isSafeInteger(l.quantity) && l.quantity > 0 ? [{ sku: l.sku, quantity: l.quantity }] : [])));
  const sellerFulfillmentOrderId = link?.sellerFulfillmentOrderId ?? sellerFulfillmentOrderIdFor(order);
  if (link?.state === 'submitting') {
    // Outcome of an earlier create is unknown (timeout, crash): read before writing.
    const found = await deps.amazon.getFulfillmentOrder(sellerFulfillmentOrderId, { priority });
    if (!found.ok) return outcomeOf(found.error, 'looking up the order at Amazon');
    if (found.value) return markSubmitted(deps, order, decision, sellerFulfillmentOrderId, found.value.status, 'adopted an order Amazon already had');
  }
  if (order.orderState === 'Cancelled') {
    await saveLink(deps, order, link, { state: 'closed', sellerFulfillmentOrderId: null, ...lineCounts(decision) });
    await resolveOrderProblems(deps.store, ref(deps, order), nowMs(deps));
    return DONE;
  }
  return validateAndSend(deps, order, link, decision, sellerFulfillmentOrderId, priority);
}

async function validateAndSend(
  deps: OrderFlowDeps, order: StorefrontOrder, link: OrderLink | null, decision: FbaDecision, sellerFulfillmentOrderId: string, priority: number,
): Promise<TaskOutcome> {
  const skus = decision.fbaLines.flatMap((l) => (l.sku ? [l.sku] : []));
  const known = await deps.knownSkus.known(skus);
  if (!known.ok) return outcomeOf(known.error, 'checking the SKUs with FBA');
  const mapped = buildFbaOrderRequest(order, decision, {
    ...DEFAULT_ORDER_MAPPING, knownSkus: known.value, marketplaceId: deps.marketplaceId, sellerFulfillmentOrderId,
  });
  const now = nowMs(deps);
  if (!mapped.ok) {
    for (const problem of mapped.error) await raiseOrderProblem(deps.store, ref(deps, order), problem, now);
    await saveLink(deps, order, link, { state: 'blocked', sellerFulfillmentOrderId: null, ...lineCounts(decision) });
    const message = mapped.error.map((p) => p.reason).join(' ');
    await audit(deps, order.id, 'bridge', 'validate', 'failed', message);
    await recordOnOrder(deps, order, { sellerFulfillmentOrderId: '', fbaStatus: 'Blocked', message });
    return DONE;
  }
  await resolveOrderProblems(deps.store, ref(deps, order), now, VALIDATION_TYPES);
  await saveLink(deps, order, link, { state: 'submitting', sellerFulfillmentOrderId, ...lineCounts(decision) });

  const created = await deps.amazon.createFulfillmentOrder(mapped.value.request, { priority });
  if (created.ok) {
    const notes = mapped.value.notes.length > 0 ? ` (${mapped.value.notes.join('; ')})` : '';
    return markSubmitted(deps, order, decision, sellerFulfillmentOrderId, 'Received', `created at Amazon${notes}`);
  }
  const error = created.error;
  if (error.code === 'DuplicateOrder') {
    const found = await deps.amazon.getFulfillmentOrder(sellerFulfillmentOrderId, { priority });
    if (!found.ok) return outcomeOf(found.error, 'looking up the order Amazon says exists');
    if (found.value) return markSubmitted(deps, order, decision, sellerFulfillmentOrderId, found.value.status, 'adopted an order Amazon already had');
    return { outcome: 'retry', error: 'Amazon says the order exists but cannot find it yet' };
  }
  if (!isItemFailure(error)) {
    await audit(deps, order.id, 'amazon', 'createFulfillmentOrder', 'failed', `${error.code}: ${error.message}`);
    return outcomeOf(error, 'sending the order to Amazon');
  }
  // Amazon refused the order: a person must fix the data. Nothing was created.
  const type = error.code === 'InvalidSku' ? 'order.unknown-sku' : 'order.rejected-by-amazon';
  const reason = `Amazon rejected the order: ${error.message}`;
  await raiseOrderProblem(deps.store, ref(deps, order), { type, reason }, now);
  await saveLink(deps, order, link, { state: 'blocked', sellerFulfillmentOrderId: null, ...lineCounts(decision) });
  await audit(deps, order.id, 'amazon', 'createFulfillmentOrder', 'failed', reason);
  await recordOnOrder(deps, order, { sellerFulfillmentOrderId: '', fbaStatus: 'Rejected', message: reason });
  return DONE;
}

async function markSubmitted(
  deps: OrderFlowDeps, order: StorefrontOrder, decision: FbaDecision, sellerFulfillmentOrderId: string, fbaStatus: string, what: string,
): Promise<TaskOutcome> {
  const now = nowMs(deps);
  await deps.store.transaction(async (tx) => {
    const prior = await tx.orderLinks.get(deps.connectionId, order.id);
    await tx.orderLinks.upsert({
      connectionId: deps.connectionId, ctOrderId: order.id, orderNumber: order.orderNumber ?? null, sellerFulfillmentOrderId,
      state: 'submitted', fbaStatus, ...lineCounts(decision),
      submittedAt: prior?.submittedAt ?? now, fbaStatusAt: now,
    }, now);
    // What the storefront charged, for per-order contribution in `settlement orders` (the settlement lacks it).
    await tx.orderLinks.recordRevenue(orderRevenueOf(deps.connectionId, order, decision.fbaLines, sellerFulfillmentOrderId, now));
    await tx.audit.append({
      connectionId: deps.connectionId, system: 'amazon', action: 'createFulfillmentOrder', subjectType: 'order', subjectId: order.id,
      outcome: 'ok', message: `${sellerFulfillmentOrderId}: ${what}`, at: now,
    });
    // No read-back is queued here: Amazon's next status change reaches the bridge through the
    // change poll, and the open-order sweep looks at every order it sent; a read now would only
    // compete with the backlog for tokens.
    const t = deps.workClock.now().getTime();
    // Cancelled while its create was in doubt: run the storefront side once more to cancel it.
    if (order.orderState === 'Cancelled') {
      await tx.work.enqueue({ connectionId: deps.connectionId, kind: 'order.export', subjectId: order.id, priority: CallPriority.cancel, runAt: t }, t);
    }
  });
  deps.metrics?.orderAccepted(deps.connectionId, (now - Date.parse(order.createdAt)) / 1000);
  const message = splitNote(order.lineItems.length, decision.fbaLines.length, decision.localLines.length);
  await recordOnOrder(deps, order, { sellerFulfillmentOrderId, fbaStatus, ...(message ? { message } : {}) });
  return DONE;
}

async function cancelAtAmazon(deps: OrderFlowDeps, order: StorefrontOrder, link: OrderLink): Promise<TaskOutcome> {
  const id = link.sellerFulfillmentOrderId;
  if (!id) return DONE;
  const now = nowMs(deps);
  const status = link.fbaStatus ? parseFbaOrderStatus(link.fbaStatus) : null;
  if (status && !CANCELLABLE_STATUSES.includes(status)) return cancelTooLate(deps, order, link, status, 'the bridge did not ask: the status no longer allows it');
  const result = await deps.amazon.cancelFulfillmentOrder(id, { priority: CallPriority.cancel });
  if (result.ok) {
    await deps.store.transaction(async (tx) => {
      await tx.orderLinks.upsert({ ...link, state: 'cancelling', fbaStatusAt: link.fbaStatusAt }, now);
      await tx.audit.append({ connectionId: deps.connectionId, system: 'amazon', action: 'cancelFulfillmentOrder', subjectType: 'order', subjectId: order.id, outcome: 'ok', message: `${id}: cancellation accepted`, at: now });
      const t = deps.workClock.now().getTime();
      await tx.work.enqueue({ connectionId: deps.connectionId, kind: 'order.track', subjectId: order.id, priority: TRACK_PRIORITY, runAt: t }, t);
    });
    await recordOnOrder(deps, order, { sellerFulfillmentOrderId: id, fbaStatus: 'CancelRequested' });
    return DONE;
  }
  if (result.error.code === 'NotCancellable') {
    const found = await deps.amazon.getFulfillmentOrder(id, { priority: CallPriority.cancel });
    if (!found.ok) return outcomeOf(found.error, 'reading the order Amazon would not cancel');
    if (found.value?.status === 'Cancelled') {
      await deps.store.orderLinks.upsert({ ...link, state: 'closed', fbaStatus: 'Cancelled', fbaStatusAt: now }, now);
      return DONE;
    }
    // Keep what Amazon said, so the next run knows the status forbids a cancel and does not ask again.
    if (found.value) await deps.store.orderLinks.upsert({ ...link, fbaStatus: found.value.status, fbaStatusAt: now }, now);
    return cancelTooLate(deps, order, link, found.value?.status ?? 'unknown', `Amazon: ${result.error.message}`);
  }
  if (!isItemFailure(result.error)) return outcomeOf(result.error, 'cancelling at Amazon');
  await raiseOrderProblem(deps.store, ref(deps, order), { type: 'order.cancel-failed', reason: `Amazon refused to cancel ${id}: ${result.error.message}` }, now);
  return DONE;
}

async function cancelTooLate(deps: OrderFlowDeps, order: StorefrontOrder, link: OrderLink, status: string, detail: string): Promise<TaskOutcome> {
  const now = nowMs(deps);
  const reason = `Order ${order.orderNumber ?? order.id} was cancelled in the storefront, but Amazon's order ${link.sellerFulfillmentOrderId} is already ${status} and can no longer be cancelled (${detail}).`;
  await raiseOrderProblem(deps.store, ref(deps, order), { type: 'order.cancel-too-late', reason }, now);
  await audit(deps, order.id, 'amazon', 'cancelFulfillmentOrder', 'failed', reason);
  return DONE;
}

async function saveLink(
  deps: OrderFlowDeps, order: StorefrontOrder, link: OrderLink | null,
  change: Pick<OrderLink, 'state' | 'fbaLines' | 'localLines'> & Partial<Pick<OrderLink, 'sellerFulfillmentOrderId' | 'shippingSpeed'>>,
): Promise<void> {
  await deps.store.orderLinks.upsert({
    connectionId: deps.connectionId, ctOrderId: order.id, orderNumber: order.orderNumber ?? null,
    sellerFulfillmentOrderId: change.sellerFulfillmentOrderId !== undefined ? change.sellerFulfillmentOrderId : link?.sellerFulfillmentOrderId ?? null,
    state: change.state, fbaStatus: link?.fbaStatus ?? null,
    shippingSpeed: change.shippingSpeed !== undefined ? change.shippingSpeed : link?.shippingSpeed ?? null,
    fbaLines: change.fbaLines, localLines: change.localLines,
    submittedAt: link?.submittedAt ?? null, fbaStatusAt: link?.fbaStatusAt ?? null,
  }, nowMs(deps));
}

function lineCounts(decision: FbaDecision): { fbaLines: number; localLines: number; shippingSpeed: string } {
  return { fbaLines: decision.fbaLines.length, localLines: decision.localLines.length, shippingSpeed: decision.speed };
}

function ref(deps: OrderFlowDeps, order: StorefrontOrder) {
  return { connectionId: deps.connectionId, orderId: order.id, orderNumber: order.orderNumber ?? null };
}

function nowMs(deps: OrderFlowDeps): number {
  return deps.clock.now().getTime();
}

async function audit(deps: OrderFlowDeps, orderId: string, system: 'amazon' | 'commercetools' | 'bridge', action: string, outcome: 'ok' | 'failed', message: string): Promise<void> {
  await deps.store.audit.append({ connectionId: deps.connectionId, system, action, subjectType: 'order', subjectId: orderId, outcome, message, at: nowMs(deps) });
}
