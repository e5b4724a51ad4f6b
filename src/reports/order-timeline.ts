// One order's story across both systems — the bridge's link, its work, what was written where (the
// audit log) and its exceptions — for `fba-bridge order` and the console's Orders page. Found by the
// order number, the commercetools id or Amazon's sellerFulfillmentOrderId.
import type { AuditEntry, ExceptionRecord, OrderLink, Store, WorkItem } from '../ports/store.js';
import { fail, ok, type Result } from '../domain/shared/result.js';

export interface OrderTimeline {
  readonly link: OrderLink;
  readonly timeline: readonly AuditEntry[];
  readonly exceptions: readonly ExceptionRecord[];
  readonly work: readonly WorkItem[];
}

export async function orderTimeline(store: Store, reference: string, connectionId?: string): Promise<Result<OrderTimeline, string>> {
  const ref = reference.trim();
  const connections = connectionId ? [connectionId] : (await store.connections.list()).map((c) => c.id);
  for (const id of connections) {
    const link = (await store.orderLinks.getByOrderNumber(id, ref)) ?? (await store.orderLinks.get(id, ref))
      ?? (await store.orderLinks.getBySellerFulfillmentOrderId(id, ref));
    if (!link) continue;
    const timeline = await store.audit.listForSubject(id, [link.ctOrderId], 500);
    const exceptions = await store.exceptions.list({ connectionId: id, subjectId: link.ctOrderId, status: undefined });
    const work = await Promise.all((['order.export', 'order.track'] as const).map((k) => store.work.get(id, k, link.ctOrderId)));
    return ok({ link, timeline, exceptions, work: work.filter((w) => w !== null) });
  }
  return fail(`the bridge has no record of order "${ref}" (checked: ${connections.join(', ') || 'no connections'}). Is the number right, and has the bridge seen the order yet?`);
}
