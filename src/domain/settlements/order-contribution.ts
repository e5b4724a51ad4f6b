// Per-order economics of the multi-channel orders in one settlement (pure): what the storefront charged
// (recorded by the bridge when it sent the order to Amazon), what Amazon charged or credited for it in
// this settlement, and the contribution = storefront revenue + Amazon fees + refunds + anything else
// Amazon booked on the order. Exact integer minor units. Revenue in a currency other than the
// settlement's is shown but never summed; an order refunded here but sold in an earlier settlement
// does not count its revenue twice (it was counted with the sale).
import type { OrderRevenue } from '../orders/order-revenue.js';
import type { SettlementOrderRecord } from './settlement-order-record.js';

export interface StorefrontRevenue {
  /** The order's total, gross, minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  readonly fractionDigits: number;
  /** The FBA lines' value (unit price × quantity), when known. */
  readonly fbaLinesValue: number | null;
}

export interface OrderContribution {
  readonly sellerFulfillmentOrderId: string;
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  readonly matchStatus: SettlementOrderRecord['matchStatus'];
  /** What the storefront charged, as the bridge recorded it at export; null when it has no record. */
  readonly storefrontRevenue: StorefrontRevenue | null;
  /** The revenue added into the contribution (settlement currency); null when not added (see `note`). */
  readonly revenueCounted: number | null;
  /** What Amazon itself credited on the order (principal, shipping, promotions; usually 0 for multi-channel). */
  readonly amazonSales: number;
  /** MCF fees, and fees refunded with a refund (negative = charged). */
  readonly amazonFees: number;
  readonly refunds: number;
  /** Everything else Amazon booked on the order (its own sales, tax, other): amazonTotal − amazonFees − refunds. */
  readonly otherAmazon: number;
  /** The order's total in the settlement: amazonFees + refunds + otherAmazon. */
  readonly amazonTotal: number;
  /** revenueCounted + amazonTotal; null when the revenue is unknown or in another currency. */
  readonly contribution: number | null;
  readonly note: string | null;
  readonly lines: string;
  readonly itemIds: readonly string[];
}

export interface ContributionTotals {
  readonly orders: number;
  readonly ordersWithContribution: number;
  readonly revenue: number;
  readonly amazonFees: number;
  readonly refunds: number;
  readonly otherAmazon: number;
  readonly amazonTotal: number;
  /** Over the orders with a contribution only. */
  readonly contribution: number;
  /** Revenue in currencies other than the settlement's, per currency: shown, never summed in. */
  readonly revenueInOtherCurrencies: ReadonlyArray<{ readonly currency: string; readonly fractionDigits: number; readonly amount: number }>;
}

export interface SettlementMoney {
  readonly currency: string;
  readonly fractionDigits: number;
}

export function orderContribution(o: SettlementOrderRecord, revenue: OrderRevenue | null, settlement: SettlementMoney): OrderContribution {
  const amazonSales = o.principal + o.shipping + o.promotions;
  const amazonFees = o.fees + o.refundedFees;
  const otherAmazon = o.total - amazonFees - o.refunds;
  const storefrontRevenue: StorefrontRevenue | null = revenue === null ? null : {
    amount: revenue.totalGross, currency: revenue.currency, fractionDigits: revenue.fractionDigits, fbaLinesValue: revenue.fbaLinesValue,
  };
  let revenueCounted: number | null = null;
  let contribution: number | null = null;
  let note: string | null = null;
  if (o.matchStatus !== 'matched') {
    note = 'not matched to a storefront order: no revenue';
  } else if (revenue === null) {
    note = 'no storefront revenue recorded (order sent before the bridge kept it)';
  } else if (revenue.currency !== settlement.currency || revenue.fractionDigits !== settlement.fractionDigits) {
    note = `revenue in ${revenue.currency}, settlement in ${settlement.currency}: shown, not summed`;
  } else if (o.saleRows === 0) {
    contribution = o.total;
    note = `refund only: revenue counted with the sale${o.refundOfSettlement === null ? '' : ` in settlement ${o.refundOfSettlement}`}`;
  } else {
    revenueCounted = revenue.totalGross;
    contribution = revenue.totalGross + o.total;
  }
  return {
    sellerFulfillmentOrderId: o.merchantOrderId ?? o.orderKey, ctOrderId: o.ctOrderId, ctOrderNumber: o.ctOrderNumber, matchStatus: o.matchStatus,
    storefrontRevenue, revenueCounted, amazonSales, amazonFees, refunds: o.refunds, otherAmazon, amazonTotal: o.total, contribution, note,
    lines: `${o.firstLine}-${o.lastLine}`, itemIds: o.itemIds,
  };
}

export function contributionTotals(orders: readonly OrderContribution[], settlement: SettlementMoney): ContributionTotals {
  const other = new Map<string, { currency: string; fractionDigits: number; amount: number }>();
  let revenue = 0, amazonFees = 0, refunds = 0, otherAmazon = 0, amazonTotal = 0, contribution = 0, withContribution = 0;
  for (const o of orders) {
    revenue += o.revenueCounted ?? 0;
    amazonFees += o.amazonFees;
    refunds += o.refunds;
    otherAmazon += o.otherAmazon;
    amazonTotal += o.amazonTotal;
    if (o.contribution !== null) {
      contribution += o.contribution;
      withContribution++;
    }
    const r = o.storefrontRevenue;
    if (r !== null && (r.currency !== settlement.currency || r.fractionDigits !== settlement.fractionDigits)) {
      const key = `${r.currency}/${r.fractionDigits}`;
      const sum = other.get(key) ?? { currency: r.currency, fractionDigits: r.fractionDigits, amount: 0 };
      sum.amount += r.amount;
      other.set(key, sum);
    }
  }
  return {
    orders: orders.length, ordersWithContribution: withContribution, revenue, amazonFees, refunds, otherAmazon, amazonTotal, contribution,
    revenueInOtherCurrencies: [...other.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)),
  };
}
