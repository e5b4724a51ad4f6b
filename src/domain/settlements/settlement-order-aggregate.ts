// Money per order, for matching settlement rows to storefront orders and for per-order economics.
// The key is merchant-order-id when the row has one — for Multi-Channel Fulfillment orders the
// sellerFulfillmentOrderId the bridge sent — else order-id (Amazon's). Account-level rows (reserves,
// storage and subscription fees) have neither and belong to no order.
//
// Aggregates are additive: the aggregate of two runs of rows of one order is the merge of their
// aggregates. The streaming OrderAggregator uses that to keep memory flat: Amazon lists an order's
// rows together, so it holds one open order and hands each finished run on; a later run of the same
// order (another shipment, a refund) is merged by whoever stores them (mergeOrderAggregates).
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2" (Multi-Channel Fulfillment).
import type { SettlementRow } from './settlement-types.js';

export interface OrderAggregate {
  readonly orderKey: string;
  readonly orderId?: string;
  readonly merchantOrderId?: string;
  readonly marketplaceName?: string;
  /** marketplace-name "Non-Amazon …": a Multi-Channel Fulfillment order of the storefront. */
  readonly multiChannel: boolean;
  /** Sales (minor units): ItemPrice Principal, Shipping, the tax parts, and promotions (negative). */
  readonly principal: number;
  readonly shipping: number;
  readonly tax: number;
  /** Tax Amazon collected and keeps as marketplace facilitator (ItemWithheldTax, negative). */
  readonly withheldTax: number;
  readonly promotions: number;
  /** Amazon's fees on the sale (item, shipment and order fees; negative). */
  readonly fees: number;
  /** Refund and chargeback rows except their fees: the money given back (negative). */
  readonly refunds: number;
  /** Fees on refund rows: returned commission (positive) and the refund administration fee. */
  readonly refundedFees: number;
  /** Everything else on the order's rows. */
  readonly other: number;
  readonly total: number;
  readonly rowCount: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

type Part = 'principal' | 'shipping' | 'tax' | 'withheldTax' | 'promotions' | 'fees' | 'refunds' | 'refundedFees' | 'other';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };


/** merchant-order-id, else order-id; undefined for account-level rows. */
export function orderKeyOf(row: SettlementRow): string | undefined {
  return row.merchantOrderId ?? row.orderId;
}

export function isMultiChannelMarketplace(marketplaceName: string | undefined): boolean {
  return marketplaceName?.startsWith('Non-Amazon') ?? false;
}

/** A refund or chargeback refund: money given back to the buyer, its fees returned. */
export function isRefundTransaction(transactionType: string): boolean {
  return transactionType === 'Refund' || transactionType === 'Chargeback Refund';
}

function partOf(row: SettlementRow): Part {
  const amountType = row.amountType;
  const fee = amountType === 'ItemFees' || amountType === 'ShipmentFees' || amountType === 'OrderFees';
  if (isRefundTransaction(row.transactionType)) return fee ? 'refundedFees' : 'refunds';
  if (fee) return 'fees';
  switch (row.amountType) {
    case 'ItemPrice':
      if (row.amountDescription === 'Principal') return 'principal';
      if (row.amountDescription === 'Shipping') return 'shipping';
      return row.amountDescription.includes('Tax') ? 'tax' : 'other';
    case 'ItemWithheldTax': return 'withheldTax';
    case 'Promotion': return 'promotions';
    default: return 'other';
  }
}

function start(key: string, row: SettlementRow): Mutable<OrderAggregate> {
  return {
    orderKey: key, orderId: row.orderId, merchantOrderId: row.merchantOrderId, marketplaceName: row.marketplaceName,
    multiChannel: isMultiChannelMarketplace(row.marketplaceName),
    principal: 0, shipping: 0, tax: 0, withheldTax: 0, promotions: 0, fees: 0, refunds: 0, refundedFees: 0, other: 0, total: 0,
    rowCount: 0, firstLine: row.lineNumber, lastLine: row.lineNumber,
  };
}

function addRow(aggregate: Mutable<OrderAggregate>, row: SettlementRow): void {
  const amount = row.amount;
  // Each part named: a property chosen by a computed key is a slow store on the hot path.
  switch (partOf(row)) {
    case 'principal': aggregate.principal += amount; break;
    case 'shipping': aggregate.shipping += amount; break;
    case 'tax': aggregate.tax += amount; break;
    case 'withheldTax': aggregate.withheldTax += amount; break;
    case 'promotions': aggregate.promotions += amount; break;
    case 'fees': aggregate.fees += amount; break;
    case 'refunds': aggregate.refunds += amount; break;
    case 'refundedFees': aggregate.refundedFees += amount; break;
    case 'other': aggregate.other += amount; break;
  }
  aggregate.total += row.amount;
  aggregate.rowCount++;
  aggregate.lastLine = row.lineNumber;
  aggregate.orderId ??= row.orderId;
  aggregate.merchantOrderId ??= row.merchantOrderId;
  // The order's marketplace again (nearly every row): what it says is counted already.
  const marketplaceName = row.marketplaceName;
  if (marketplaceName !== aggregate.marketplaceName) {
    aggregate.marketplaceName ??= marketplaceName;
    aggregate.multiChannel ||= isMultiChannelMarketplace(marketplaceName);
  }
}

const PARTS: readonly Part[] = ['principal', 'shipping', 'tax', 'withheldTax', 'promotions', 'fees', 'refunds', 'refundedFees', 'other'];

/** Two aggregates of the same order as one. */
export function mergeOrderAggregates(a: OrderAggregate, b: OrderAggregate): OrderAggregate {
  if (a.orderKey !== b.orderKey) throw new RangeError(`cannot merge orders ${a.orderKey} and ${b.orderKey}`);
  const merged: Mutable<OrderAggregate> = {
    ...a,
    orderId: a.orderId ?? b.orderId,
    merchantOrderId: a.merchantOrderId ?? b.merchantOrderId,
    marketplaceName: a.marketplaceName ?? b.marketplaceName,
    multiChannel: a.multiChannel || b.multiChannel,
    total: a.total + b.total,
    rowCount: a.rowCount + b.rowCount,
    firstLine: Math.min(a.firstLine, b.firstLine),
    lastLine: Math.max(a.lastLine, b.lastLine),
  };
  for (const part of PARTS) merged[part] = a[part] + b[part];
  return merged;
}

/** Streaming: feed rows in file order; each finished run of one order's rows comes back once. */
export class OrderAggregator {
  private current: Mutable<OrderAggregate> | undefined;

  /** The previous order's aggregate when this row starts another order, else undefined. */
  add(row: SettlementRow): OrderAggregate | undefined {
    const key = orderKeyOf(row);
    if (key === undefined) return undefined;
    let finished: OrderAggregate | undefined;
    if (this.current !== undefined && this.current.orderKey !== key) {
      finished = this.current;
      this.current = undefined;
    }
    this.current ??= start(key, row);
    addRow(this.current, row);
    return finished;
  }

  /** After the last row: the open order, if any. */
  flush(): OrderAggregate | undefined {
    const last = this.current;
    this.current = undefined;
    return last;
  }
}

/** Every order of rows already in memory, runs merged: for small files and tests. */
export function aggregateOrders(rows: Iterable<SettlementRow>): Map<string, OrderAggregate> {
  const orders = new Map<string, OrderAggregate>();
  const keep = (aggregate: OrderAggregate | undefined): void => {
    if (aggregate === undefined) return;
    const earlier = orders.get(aggregate.orderKey);
    orders.set(aggregate.orderKey, earlier === undefined ? aggregate : mergeOrderAggregates(earlier, aggregate));
  };
  const aggregator = new OrderAggregator();
  for (const row of rows) keep(aggregator.add(row));
  keep(aggregator.flush());
  return orders;
}
