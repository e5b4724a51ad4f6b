// Every order of one settlement while its file streams past: the OrderAggregator's runs merged per
// order key (an order's rows can come in several runs: another shipment, a later refund), plus what
// matching needs and the aggregate does not count — sale rows vs refund rows, the first refund line,
// and the line item ids (merchant-order-item-id) of multi-channel orders.
// Memory is one entry per order, not per row: a million-row file has some hundred thousand orders.
// SettlementOrderRuns is the streaming half: it holds only the open run and hands each finished run on
// (with its facts), so that a store can merge the runs of one order (mergeOrderBookEntries is the rule).
import { isRefundTransaction, mergeOrderAggregates, OrderAggregator, orderKeyOf, type OrderAggregate } from './settlement-order-aggregate.js';
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

const ITEM_IDS_KEPT = 250;

export function isRefundRow(row: Pick<SettlementRow, 'transactionType'>): boolean {
  return isRefundTransaction(row.transactionType);
}

function newFacts(): Facts {
  return { saleRows: 0, refundRows: 0, firstRefundLine: null, itemIds: [] };
}

function entryOf(aggregate: OrderAggregate, facts: Facts): OrderBookEntry {
  return { aggregate, saleRows: facts.saleRows, refundRows: facts.refundRows, firstRefundLine: facts.firstRefundLine, itemIds: facts.itemIds };
}

function addFacts(facts: Facts, row: SettlementRow): void {
  if (isRefundRow(row)) {
    facts.refundRows++;
    facts.firstRefundLine = facts.firstRefundLine === null ? row.lineNumber : Math.min(facts.firstRefundLine, row.lineNumber);
  } else {
    facts.saleRows++;
  }
  const itemId = row.merchantOrderItemId;
  if (itemId !== undefined && facts.itemIds.length < ITEM_IDS_KEPT && !facts.itemIds.includes(itemId)) facts.itemIds.push(itemId);
}

/** Item ids of two runs (earlier first) as the book keeps them: first appearance, no repeats, at most ITEM_IDS_KEPT. */
export function mergeItemIds(...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>();
  for (const list of lists) {
    for (const id of list) {
      if (seen.size >= ITEM_IDS_KEPT) return [...seen];
      seen.add(id);
    }
  }
  return [...seen];
}

/** Two runs (or merged entries) of the same order as one; `a` is the earlier one in the file. */
export function mergeOrderBookEntries(a: OrderBookEntry, b: OrderBookEntry): OrderBookEntry {
  const refundLines = [a.firstRefundLine, b.firstRefundLine].filter((line): line is number => line !== null);
  return {
    aggregate: mergeOrderAggregates(a.aggregate, b.aggregate),
    saleRows: a.saleRows + b.saleRows,
    refundRows: a.refundRows + b.refundRows,
    firstRefundLine: refundLines.length === 0 ? null : Math.min(...refundLines),
    itemIds: mergeItemIds(a.itemIds, b.itemIds),
  };
}

/**
 * Streaming: feed rows in file order; each finished run of one order's rows comes back once, with its
 * facts. Holds one open run, nothing else: merging the runs of an order is the receiver's job.
 */
export class SettlementOrderRuns {
  private readonly aggregator = new OrderAggregator();
  private facts: Facts = newFacts();

  /** The previous run when this row starts another order's run, else undefined. */
  add(row: SettlementRow): OrderBookEntry | undefined {
    if (orderKeyOf(row) === undefined) return undefined;
    const finished = this.aggregator.add(row);
    let entry: OrderBookEntry | undefined;
    if (finished !== undefined) {
      entry = entryOf(finished, this.facts);
      this.facts = newFacts();
    }
    addFacts(this.facts, row);
    return entry;
  }

  /** After the last row: the open run, if any. */
  flush(): OrderBookEntry | undefined {
    const last = this.aggregator.flush();
    const facts = this.facts;
    this.facts = newFacts();
    return last === undefined ? undefined : entryOf(last, facts);
  }
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
      facts = newFacts();
      this.facts.set(key, facts);
    }
    addFacts(facts, row);
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
