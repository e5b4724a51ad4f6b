// Matching one settlement order to what the bridge knows (pure: the caller looks things up).
// - Multi-channel orders (marketplace-name "Non-Amazon …") belong to a commercetools order through
//   merchant-order-id = the sellerFulfillmentOrderId the bridge sent (its order link).
// - Orders on an Amazon marketplace are Amazon's own sales: nothing to match, reported per marketplace.
// - An order with refund rows is tied to its original sale: in this settlement, or an earlier imported one.
// Whatever cannot be matched comes back as a problem for finance, with the line and the reason.
import type { OrderBookEntry } from './settlement-order-book.js';

export type SettlementProblemType = 'settlement.unmatched-row' | 'settlement.refund-without-sale';

export interface OrderMatchProblem {
  readonly type: SettlementProblemType;
  readonly lineNumber: number;
  readonly reason: string;
  /** The money of the rows concerned (the order's total, or its refunds), minor units. */
  readonly amount: number;
}

export interface OrderMatch {
  readonly channel: 'multi-channel' | 'amazon';
  readonly matchStatus: 'matched' | 'amazon-sale' | 'unmatched';
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  readonly refundOfSettlement: string | null;
  readonly problems: readonly OrderMatchProblem[];
}

export interface OrderMatchContext {
  readonly settlementId: string;
  /** The order link found by sellerFulfillmentOrderId = merchant-order-id (multi-channel orders only). */
  readonly link: { readonly ctOrderId: string; readonly orderNumber: string | null } | null;
  /** An earlier imported settlement holding the order's sale, when the refund's sale is not in this one. */
  readonly earlierSaleSettlement: string | null;
}

/** Whether the caller should look up an order link for this order. */
export const needsOrderLink = (entry: OrderBookEntry): boolean => entry.aggregate.multiChannel && entry.aggregate.merchantOrderId !== undefined;

/** Whether the caller should look for the sale in earlier settlements. */
export const needsEarlierSale = (entry: OrderBookEntry): boolean => entry.refundRows > 0 && entry.saleRows === 0;

export function matchOrder(entry: OrderBookEntry, context: OrderMatchContext): OrderMatch {
  const order = entry.aggregate;
  const problems: OrderMatchProblem[] = [];
  let matchStatus: OrderMatch['matchStatus'];
  if (order.multiChannel) {
    if (context.link !== null) {
      matchStatus = 'matched';
    } else {
      matchStatus = 'unmatched';
      problems.push({
        type: 'settlement.unmatched-row', lineNumber: order.firstLine, amount: order.total,
        reason: order.merchantOrderId === undefined
          ? `multi-channel order ${order.orderKey} (${order.marketplaceName ?? ''}) has no merchant-order-id, so it cannot be tied to a storefront order`
          : `multi-channel order ${order.merchantOrderId} (${order.marketplaceName ?? ''}): no storefront order was sent to Amazon under this sellerFulfillmentOrderId`,
      });
    }
  } else if (order.marketplaceName === undefined) {
    matchStatus = 'unmatched';
    problems.push({
      type: 'settlement.unmatched-row', lineNumber: order.firstLine, amount: order.total,
      reason: `order ${order.orderKey} has no marketplace-name: it cannot be told apart as an Amazon sale or a multi-channel order`,
    });
  } else {
    matchStatus = 'amazon-sale';
  }

  let refundOfSettlement: string | null = null;
  if (entry.refundRows > 0) {
    refundOfSettlement = entry.saleRows > 0 ? context.settlementId : context.earlierSaleSettlement;
    if (refundOfSettlement === null) {
      problems.push({
        type: 'settlement.refund-without-sale', lineNumber: entry.firstRefundLine ?? order.firstLine, amount: order.refunds + order.refundedFees,
        reason: `refund of order ${order.orderKey}: its original sale is neither in this settlement nor in any settlement imported before`,
      });
    }
  }
  return {
    channel: order.multiChannel ? 'multi-channel' : 'amazon',
    matchStatus,
    ctOrderId: matchStatus === 'matched' ? context.link?.ctOrderId ?? null : null,
    ctOrderNumber: matchStatus === 'matched' ? context.link?.orderNumber ?? null : null,
    refundOfSettlement,
    problems,
  };
}
