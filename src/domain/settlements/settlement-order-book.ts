// Every order of one settlement while its file streams past: the OrderAggregator's runs merged per
// order key (an order's rows can come in several runs: another shipment, a later refund), plus what
// matching needs and the aggregate does not count — sale rows vs refund rows, the first refund line,
// and the line item ids (merchant-order-item-id) of multi-channel orders.
// Memory is one entry per order, not per row: a million-row file has some hundred thousand orders.
import { mergeOrderAggregates, OrderAggregator, orderKeyOf, type OrderAggregate } from './settlement-order-aggregate.js';
import type { SettlementRow } from './settlement-types.js';

export interface OrderBookEntry {
  readonly aggregate: OrderAggregate;
  readonly saleRows: number;
  readonly refundRows: number;
  /** Line of the order's first refund row, when it has one. */
  readonly firstRefundLine: number | null;
  /** merchant-order-item-id values, in order of first appearance (at most ITEM_IDS_KEPT). */
  readonly itemIds: readonly string[];
}

interface Facts {
  saleRows: number;
  refundRows: number;
  firstRefundLine: number | null;
  readonly itemIds: string[];
}

const REFUND_TRANSACTIONS = new Set(['Refund', 'Chargeback Refund']);
const ITEM_IDS_KEPT = 250;

export function isRefundRow(row: Pick<SettlementRow, 'transactionType'>): boolean {
  return REFUND_TRANSACTIONS.has(row.transactionType);
}

export class SettlementOrderBook {
  private readonly aggregator = new OrderAggregator();
  private readonly aggregates = new Map<string, OrderAggregate>();
  private readonly facts = new Map<string, Facts>();

  add(row: SettlementRow): void {
    this.keep(this.aggregator.add(row));
    const key = orderKeyOf(row);
    if (key === undefined) return;
    let facts = this.facts.get(key);
    if (facts === undefined) {
      facts = { saleRows: 0, refundRows: 0, firstRefundLine: null, itemIds: [] };
      this.facts.set(key, facts);
    }
    if (isRefundRow(row)) {
      facts.refundRows++;
      facts.firstRefundLine = facts.firstRefundLine === null ? row.lineNumber : Math.min(facts.firstRefundLine, row.lineNumber);
    } else {
      facts.saleRows++;
    }
    const itemId = row.merchantOrderItemId;
    if (itemId !== undefined && facts.itemIds.length < ITEM_IDS_KEPT && !facts.itemIds.includes(itemId)) facts.itemIds.push(itemId);
  }

  /** Every order, in the order of its first line in the file. */
  finish(): OrderBookEntry[] {
    this.keep(this.aggregator.flush());
    const entries: OrderBookEntry[] = [];
    for (const [key, aggregate] of this.aggregates) {
      const facts = this.facts.get(key) ?? { saleRows: 0, refundRows: 0, firstRefundLine: null, itemIds: [] };
      entries.push({ aggregate, saleRows: facts.saleRows, refundRows: facts.refundRows, firstRefundLine: facts.firstRefundLine, itemIds: facts.itemIds });
    }
    return entries.sort((a, b) => a.aggregate.firstLine - b.aggregate.firstLine);
  }

  private keep(aggregate: OrderAggregate | undefined): void {
    if (aggregate === undefined) return;
    const earlier = this.aggregates.get(aggregate.orderKey);
    this.aggregates.set(aggregate.orderKey, earlier === undefined ? aggregate : mergeOrderAggregates(earlier, aggregate));
  }
}
