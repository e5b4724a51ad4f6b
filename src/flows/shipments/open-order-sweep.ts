// A slow sweep over orders still open with Amazon: each gets a fresh look (status, shipments,
// delivery), which is also how orders stuck in Planning are noticed — they produce no change events.
// Orders whose create is in doubt ('submitting') get the storefront side run again.
import type { OrderFlowDeps } from '../orders/order-flow-types.js';
import { SWEEP_TRACK_PRIORITY } from '../orders/order-flow-types.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';

export async function sweepOpenOrders(deps: OrderFlowDeps, limit = 500): Promise<number> {
  const links = await deps.store.orderLinks.listByState(deps.connectionId, ['submitted', 'cancelling', 'submitting'], limit);
  const t = deps.workClock.now().getTime();
  for (const link of links) {
    const doubt = link.state === 'submitting';
    await deps.store.work.enqueue({
      connectionId: deps.connectionId, kind: doubt ? 'order.export' : 'order.track', subjectId: link.ctOrderId,
      priority: doubt ? CallPriority.orderStandard : SWEEP_TRACK_PRIORITY, runAt: t,
    }, t);
  }
  return links.length;
}
