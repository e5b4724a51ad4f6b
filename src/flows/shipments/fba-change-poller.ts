// The polling safety net on the Amazon side: listAllFulfillmentOrders from a watermark (Amazon's own
// statusUpdatedDate, so the bridge's clock never matters) marks every changed order the bridge sent
// for tracking. FULFILLMENT_ORDER_STATUS notifications are known to go missing: this always runs.
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { TRACK_PRIORITY, type OrderFlowDeps } from '../orders/order-flow-types.js';
import { isOnTheWayStatus, parseFbaOrderStatus } from '../../domain/orders/fba-status.js';

export const FBA_WATERMARK = 'amazon.fulfillmentOrders.statusUpdatedDate';
const OVERLAP_MS = 5 * 60_000;
const FIRST_LOOKBACK_MS = 2 * 24 * 3600_000;

export interface FbaPollReport {
  readonly seen: number;
  readonly enqueued: number;
}

export async function pollFbaChanges(deps: OrderFlowDeps, options: { maxPages?: number } = {}): Promise<FbaPollReport> {
  const mark = await deps.store.watermarks.get(deps.connectionId, FBA_WATERMARK);
  const since = mark ? Date.parse(mark) - OVERLAP_MS : deps.clock.now().getTime() - FIRST_LOOKBACK_MS;
  let nextToken: string | undefined;
  let seen = 0;
  let enqueued = 0;
  let newest = mark;
  for (let page = 0; page < (options.maxPages ?? 100); page++) {
    const result = await deps.amazon.listFulfillmentOrders(new Date(since).toISOString(), nextToken, { priority: CallPriority.tracking });
    if (!result.ok) {
      deps.logger.warn('polling Amazon fulfillment orders failed; will try again', { error: result.error.message });
      break;
    }
    for (const change of result.value.orders) {
      seen++;
      const link = await deps.store.orderLinks.getBySellerFulfillmentOrderId(deps.connectionId, change.sellerFulfillmentOrderId);
      // Orders the bridge did not send (Amazon's own, other tools') are none of its business. A status
      // the link already shows on the way (a look or a notification brought it) leaves nothing a look
      // could learn from this list, which names status changes only (docs/adr/0024); an open order at a
      // final status is looked at, for its shipments and deliveries.
      if (link && (link.fbaStatus !== change.status || (link.state !== 'closed' && !isOnTheWay(change.status)))) {
        const t = deps.workClock.now().getTime();
        await deps.store.work.enqueue({ connectionId: deps.connectionId, kind: 'order.track', subjectId: link.ctOrderId, priority: TRACK_PRIORITY, runAt: t }, t);
        enqueued++;
      }
      if (!newest || change.statusUpdatedDate > newest) newest = change.statusUpdatedDate;
    }
    if (!result.value.nextToken) break;
    nextToken = result.value.nextToken;
  }
  if (newest && newest !== mark) await deps.store.watermarks.set(deps.connectionId, FBA_WATERMARK, newest, deps.clock.now().getTime());
  return { seen, enqueued };
}

function isOnTheWay(raw: string): boolean {
  const status = parseFbaOrderStatus(raw);
  return status !== null && isOnTheWayStatus(status);
}
