// Matching settlement orders to what the bridge knows (pure: the caller looks things up).
// - Multi-channel orders (marketplace-name "Non-Amazon …", Amazon order id S01-…) belong to a
//   commercetools order through merchant-order-id = the sellerFulfillmentOrderId the bridge sent (its
//   order link).
// - Orders on an Amazon marketplace are Amazon's own sales: nothing to match, reported per marketplace.
// - Refunds are matched per AMOUNT, not merely per order: what an order's refunds give back must be
//   covered by what its sales brought in (this settlement and earlier imported ones) less what earlier
//   refunds already gave back. The part not covered is a refund without sale.
// Whatever cannot be matched comes back as a problem for finance, with the line and the reason; the
// import lists them per settlement (one exception per kind, not one per order).
import { formatMinorUnits } from '../shared/money.js';
import type { OrderAggregate } from './settlement-order-aggregate.js';
import type { SettlementOrderRecord } from './settlement-order-record.js';

export type SettlementProblemType = 'settlement.unmatched-row' | 'settlement.refund-without-sale';

export interface OrderMatchProblem {
  readonly type: SettlementProblemType;
  readonly lineNumber: number;
  readonly reason: string;
  /** The money of the rows concerned (the order's total, or the refund not covered by a sale), minor units. */
  readonly amount: number;
}

export interface ChannelMatch {
  readonly channel: 'multi-channel' | 'amazon';
  readonly matchStatus: 'matched' | 'amazon-sale' | 'unmatched';
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  readonly problem: OrderMatchProblem | null;
}

export interface OrderLinkFound {
  readonly ctOrderId: string;
  readonly orderNumber: string | null;
}

/** Whether the caller should look up an order link for this order. */
export const needsOrderLink = (order: Pick<OrderAggregate, 'multiChannel' | 'merchantOrderId'>): boolean => order.multiChannel && order.merchantOrderId !== undefined;

/** Which storefront order (if any) an order of the settlement belongs to. `link`: found by merchant-order-id. */
export function matchChannel(order: OrderAggregate, link: OrderLinkFound | null): ChannelMatch {
  const channel = order.multiChannel ? 'multi-channel' : 'amazon';
  if (order.multiChannel && link !== null) {
    return { channel, matchStatus: 'matched', ctOrderId: link.ctOrderId, ctOrderNumber: link.orderNumber, problem: null };
  }
  if (!order.multiChannel && order.marketplaceName !== undefined) {
    return { channel, matchStatus: 'amazon-sale', ctOrderId: null, ctOrderNumber: null, problem: null };
  }
  const reason = order.multiChannel
    ? order.merchantOrderId === undefined
      ? `multi-channel order ${order.orderKey} (${order.marketplaceName ?? ''}) has no merchant-order-id, so it cannot be tied to a storefront order`
      : `multi-channel order ${order.merchantOrderId}${order.orderId === undefined || order.orderId === order.merchantOrderId ? '' : ` (Amazon ${order.orderId})`} in ${order.marketplaceName ?? ''}: no storefront order was sent to Amazon under this sellerFulfillmentOrderId`
    : `order ${order.orderKey} has no marketplace-name: it cannot be told apart as an Amazon sale or a multi-channel order`;
  return {
    channel, matchStatus: 'unmatched', ctOrderId: null, ctOrderNumber: null,
    problem: { type: 'settlement.unmatched-row', lineNumber: order.firstLine, amount: order.total, reason },
  };
}

type OrderMoney = Pick<SettlementOrderRecord,
  'settlementId' | 'orderKey' | 'principal' | 'shipping' | 'tax' | 'withheldTax' | 'promotions' | 'refunds' | 'saleRows' | 'refundRows' | 'firstLine'>;

/** What the order's sale rows brought in, net of the tax Amazon withholds (minor units, ≥ 0 for a sale). */
export const soldAmount = (o: OrderMoney): number => o.principal + o.shipping + o.tax + o.withheldTax + o.promotions;
/** What the order's refund rows gave back (positive), fees apart. */
export const refundedAmount = (o: OrderMoney): number => -o.refunds;

export interface RefundMatch {
  /** The settlement holding the sale the refund is tied to; null when no sale was found at all. */
  readonly refundOfSettlement: string | null;
  readonly problem: OrderMatchProblem | null;
}

/**
 * Ties the refunds of `order` (this settlement) to its sales: in this settlement and in `history`
 * (the same order in other imported settlements, oldest first). The refunds are covered up to what
 * the sales brought in less what earlier refunds gave back; the rest is a refund without sale.
 */
export function matchRefund(order: OrderMoney, history: readonly OrderMoney[], fractionDigits: number): RefundMatch {
  const sales = [...history.filter((h) => h.saleRows > 0), ...(order.saleRows > 0 ? [order] : [])];
  const sold = sales.reduce((n, o) => n + soldAmount(o), 0);
  const refundedBefore = history.reduce((n, o) => n + (o.refundRows > 0 ? refundedAmount(o) : 0), 0);
  const refunded = refundedAmount(order);
  const uncovered = refunded - Math.max(0, sold - refundedBefore);
  const refundOfSettlement = order.saleRows > 0 ? order.settlementId : sales[0]?.settlementId ?? null;
  if (uncovered <= 0) return { refundOfSettlement, problem: null };
  const money = (minor: number): string => formatMinorUnits(minor, fractionDigits);
  const reason = sales.length === 0
    ? `refund of order ${order.orderKey} (${money(refunded)}): its original sale is neither in this settlement nor in any settlement imported before`
    : `refund of order ${order.orderKey}: ${money(refunded)} given back, but its sales in imported settlements (${sales.map((s) => s.settlementId).join(', ')}) brought in ${money(sold)} and earlier refunds gave back ${money(refundedBefore)}: ${money(uncovered)} is not covered by a sale`;
  return { refundOfSettlement, problem: { type: 'settlement.refund-without-sale', lineNumber: order.firstLine, amount: -uncovered, reason } };
}
