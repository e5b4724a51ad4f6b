// The polling safety net on the storefront side: orders modified since the watermark (minus an
// overlap, since commercetools' lastModifiedAt is eventually consistent) are marked for export when
// the bridge has something to do for them. Events only make this faster; losing one costs latency.
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import { routeOrder } from '../../domain/orders/routing.js';
import { workPriorityFor } from '../../domain/orders/order-priority.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { OrderLink, WorkItem } from '../../ports/store.js';
import type { OrderFlowDeps } from './order-flow-types.js';

export const STOREFRONT_WATERMARK = 'commercetools.orders.lastModifiedAt';
/** When the poll last found an order the bridge had not heard of (epoch ms as text): intake.silent compares it with the last event. */
export const POLLED_NEW_ORDER_WATERMARK = 'intake.polled-new-order-at';
const OVERLAP_MS = 2 * 60_000;
const PAGE_SIZE = 200;

export interface PollReport {
  readonly seen: number;
  readonly enqueued: number;
}

export async function pollStorefrontOrders(deps: OrderFlowDeps, options: { maxPages?: number } = {}): Promise<PollReport> {
  const mark = await deps.store.watermarks.get(deps.connectionId, STOREFRONT_WATERMARK);
  const since = mark ? new Date(Date.parse(mark) - OVERLAP_MS).toISOString() : new Date(0).toISOString();
  let cursor: string | undefined;
  let seen = 0;
  let enqueued = 0;
  let newest = mark;
  let foundNew = false;
  for (let page = 0; page < (options.maxPages ?? 50); page++) {
    const result = await deps.commercetools.listOrdersModifiedSince(since, cursor, PAGE_SIZE);
    if (!result.ok) {
      deps.logger.warn('polling commercetools orders failed; will try again', { error: result.error.message });
      break;
    }
    for (const order of result.value.orders) {
      seen++;
      const link = await deps.store.orderLinks.get(deps.connectionId, order.id);
      const priority = exportPriority(deps, order, link);
      if (priority !== null) {
        const t = deps.workClock.now().getTime();
        const waiting = link ? null : await deps.store.work.get(deps.connectionId, 'order.export', order.id);
        // New to the bridge: no link and no work recorded (an event would have recorded work at once).
        if (!link && !waiting) foundNew = true;
        // The poll's overlap sees a waiting order again every few seconds while a backlog drains; when
        // its work is already pending as soon and as urgent, enqueuing again would change nothing.
        if (!waiting || !alreadyQueued(waiting, priority, t)) {
          await deps.store.work.enqueue({ connectionId: deps.connectionId, kind: 'order.export', subjectId: order.id, priority, runAt: t }, t);
          enqueued++;
        }
      }
      if (!newest || order.lastModifiedAt > newest) newest = order.lastModifiedAt;
    }
    if (!result.value.cursor) break;
    cursor = result.value.cursor;
  }
  if (foundNew) {
    const t = deps.workClock.now().getTime();
    await deps.store.watermarks.set(deps.connectionId, POLLED_NEW_ORDER_WATERMARK, String(t), t);
  }
  if (newest && newest !== mark) await deps.store.watermarks.set(deps.connectionId, STOREFRONT_WATERMARK, newest, deps.clock.now().getTime());
  return { seen, enqueued };
}

/** True when enqueuing (priority, now) would leave this work item as it is (work-queue-repository's ENQUEUE). */
function alreadyQueued(item: WorkItem, priority: number, now: number): boolean {
  return item.state === 'pending' && item.priority >= priority && (item.attempts > 0 || item.runAt <= now);
}

/** The work priority for an order that needs the storefront side run, or null when nothing to do. */
export function exportPriority(deps: Pick<OrderFlowDeps, 'routing'>, order: StorefrontOrder, link: OrderLink | null): number | null {
  if (!link) {
    const decision = routeOrder(order, deps.routing);
    return decision.kind === 'fba' ? workPriorityFor(decision.speed) : CallPriority.tracking;
  }
  // A merchant order can become FBA-bound later (e.g. its fulfillmentChannel field is set after
  // checkout); exportOrder re-routes it, so a lost event must not leave it local for good.
  if (link.state === 'local') {
    const decision = routeOrder(order, deps.routing);
    return decision.kind === 'fba' ? workPriorityFor(decision.speed) : null;
  }
  if (order.orderState === 'Cancelled' && (link.state === 'submitted' || link.state === 'submitting')) return CallPriority.cancel;
  if (link.state === 'submitting') return CallPriority.orderStandard;
  // Blocked orders are looked at again when someone changed them (e.g. fixed the address).
  if (link.state === 'blocked' && Date.parse(order.lastModifiedAt) > link.updatedAt) return CallPriority.orderStandard;
  return null;
}
