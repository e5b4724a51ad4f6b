// One order's economics in one settlement, as the import stores them and the per-order views read
// them. Integer minor units of the settlement currency.
export type SettlementChannel = 'multi-channel' | 'amazon';
export type SettlementMatchStatus = 'matched' | 'amazon-sale' | 'unmatched';

export interface SettlementOrderRecord {
  readonly connectionId: string;
  readonly settlementId: string;
  /** merchant-order-id (the sellerFulfillmentOrderId for multi-channel orders), else order-id. */
  readonly orderKey: string;
  readonly orderId: string | null;
  readonly merchantOrderId: string | null;
  readonly marketplaceName: string | null;
  readonly channel: SettlementChannel;
  readonly matchStatus: SettlementMatchStatus;
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  /** For an order with refund rows: the settlement with its original sale, or null when none was found. */
  readonly refundOfSettlement: string | null;
  readonly principal: number;
  readonly shipping: number;
  readonly tax: number;
  readonly withheldTax: number;
  readonly promotions: number;
  readonly fees: number;
  readonly refunds: number;
  readonly refundedFees: number;
  readonly other: number;
  readonly total: number;
  /** Rows of sale transactions (Order …) and of refunds (Refund, Chargeback Refund). */
  readonly saleRows: number;
  readonly refundRows: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** merchant-order-item-id values seen: the commercetools line item ids of a multi-channel order. */
  readonly itemIds: readonly string[];
}

export interface SettlementMatchCounts {
  readonly orders: number;
  readonly multiChannelOrders: number;
  readonly matchedOrders: number;
  readonly amazonOrders: number;
  readonly unmatchedOrders: number;
  readonly refundOrders: number;
  readonly refundsMatched: number;
  readonly refundsWithoutSale: number;
  /** Orders with a problem for finance (unmatched multi-channel rows, refunds without sale): listed per settlement. */
  readonly exceptions: number;
}

/** Amazon's own sales, per marketplace (e.g. Amazon.de): minor units. */
export interface MarketplaceSales {
  readonly marketplace: string;
  readonly orders: number;
  /** principal + shipping + promotions (tax apart). */
  readonly sales: number;
  readonly fees: number;
  /** refunds + refunded fees. */
  readonly refunds: number;
  readonly net: number;
}
