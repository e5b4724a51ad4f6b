// A status Amazon notified on the way (New, Received, Planning, Processing), written onto the
// commercetools order without asking Amazon. The intake already moved the link on (amazon-intake.ts);
// the notification says all a look would learn then: nothing shipped, nothing unfulfillable. A look
// costs a getFulfillmentOrder token (2/s, as many as orders reach Amazon at peak), and those tokens
// are what a shipment's tracking waits for (docs/adr/0024). Anything else — a link not (or no longer)
// simply submitted, a final status — is left to a look.
import type { OrderLink } from '../../ports/store.js';
import { isOnTheWayStatus, parseFbaOrderStatus } from '../../domain/orders/fba-status.js';
import { ok } from '../../domain/shared/result.js';
import { DONE, type OrderFlowDeps, type TaskOutcome } from '../orders/order-flow-types.js';
import { outcomeOf } from '../orders/failure-outcome.js';
import { recordOnOrder, splitNote } from '../orders/record-on-order.js';
import { resolveOrderProblems } from '../orders/order-exceptions.js';

/** The link is submitted and shows a status on the way: writing it needs no look at Amazon. */
export function holdsNotedStatus(link: OrderLink): link is OrderLink & { sellerFulfillmentOrderId: string; fbaStatus: string } {
  const status = link.fbaStatus ? parseFbaOrderStatus(link.fbaStatus) : null;
  return link.state === 'submitted' && link.sellerFulfillmentOrderId !== null && status !== null && isOnTheWayStatus(status);
}

/** Records the link's status on the commercetools order (when the order shows another), from the order as last written. */
export async function writeNotedStatus(deps: OrderFlowDeps, link: OrderLink & { sellerFulfillmentOrderId: string; fbaStatus: string }): Promise<TaskOutcome> {
  const known = deps.commercetools.recentOrder(link.ctOrderId);
  const read = known ? ok(known) : await deps.commercetools.getOrder(link.ctOrderId);
  if (!read.ok) return outcomeOf(read.error, 'reading the commercetools order');
  const order = read.value;
  if (!order) return DONE;
  const note = splitNote(order.lineItems.length, link.fbaLines, link.localLines);
  await recordOnOrder(deps, order, { sellerFulfillmentOrderId: link.sellerFulfillmentOrderId, fbaStatus: link.fbaStatus, ...(note ? { message: note } : {}) });
  // Processing is past Planning: an order once reported stuck there is not any more.
  if (link.fbaStatus === 'Processing') {
    await resolveOrderProblems(deps.store, { connectionId: deps.connectionId, orderId: link.ctOrderId, orderNumber: link.orderNumber }, deps.clock.now().getTime(), ['order.stuck-in-planning']);
  }
  return DONE;
}
