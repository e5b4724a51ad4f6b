// The orders of a settlement being imported, written to the store while the file streams past: each
// finished run of an order's rows is buffered (merged per order), and every RUNS_PER_WRITE orders the
// buffer goes to the store in ONE SHORT transaction — with its order links looked up in one query and
// each multi-channel order matched to its storefront order. So the database's write lock is held for
// milliseconds at a time, never for the whole file, and memory holds one buffer, not the orders.
// The rows stay invisible (the settlement is 'importing') until the import publishes them; a rejected
// or abandoned import discards them, again in short transactions. ADR 0012.
import { matchChannel, needsOrderLink, type OrderLinkFound } from '../../domain/settlements/settlement-matching.js';
import { mergeOrderBookEntries, type OrderBookEntry } from '../../domain/settlements/settlement-order-book.js';
import type { SettlementOrderRecord, SettlementUnmatchedInput } from '../../ports/settlement-store.js';
import type { Store } from '../../ports/store.js';

/** Orders buffered before a write: one short transaction each (tens of milliseconds in SQLite). */
export const RUNS_PER_WRITE = 1_000;
/** Rows deleted per transaction when discarding an import. */
const DISCARD_PER_TRANSACTION = 5_000;

export class StagedOrders {
  private pending = new Map<string, OrderBookEntry>();

  constructor(private readonly store: Store, private readonly connectionId: string, private readonly settlementId: string) {}

  /** Buffers a finished run; true when the buffer is full and should be written (write()). */
  add(run: OrderBookEntry): boolean {
    const key = run.aggregate.orderKey;
    const earlier = this.pending.get(key);
    this.pending.set(key, earlier === undefined ? run : mergeOrderBookEntries(earlier, run));
    return this.pending.size >= RUNS_PER_WRITE;
  }

  /** Writes the buffer in one short transaction: the orders (merged into runs stored before) and their problems. */
  async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const runs = [...this.pending.values()];
    this.pending = new Map();
    await this.store.transaction(async (tx) => {
      const ids = runs.filter((r) => needsOrderLink(r.aggregate)).map((r) => r.aggregate.merchantOrderId ?? '');
      const links = new Map<string, OrderLinkFound>((await tx.settlements.linkedOrders(this.connectionId, ids)).map((l) => [l.sellerFulfillmentOrderId, l]));
      const records: SettlementOrderRecord[] = [];
      const unmatched: SettlementUnmatchedInput[] = [];
      for (const run of runs) {
        const match = matchChannel(run.aggregate, links.get(run.aggregate.merchantOrderId ?? '') ?? null);
        records.push(orderRecord(this.connectionId, this.settlementId, run, match));
        if (match.problem !== null) {
          unmatched.push({
            connectionId: this.connectionId, settlementId: this.settlementId, orderKey: run.aggregate.orderKey, lineNumber: match.problem.lineNumber,
            exceptionType: match.problem.type, reason: match.problem.reason, amount: match.problem.amount, row: digest(run),
          });
        }
      }
      await tx.settlements.mergeOrders(records);
      await tx.settlements.addUnmatched(unmatched);
    });
    await this.store.settlements.checkpoint();
  }

  /** Deletes what this import (or an abandoned one before it) wrote, a short transaction at a time. */
  async discard(): Promise<void> {
    this.pending = new Map();
    while (await this.store.settlements.discardStaged(this.connectionId, this.settlementId, DISCARD_PER_TRANSACTION) > 0) { /* next batch */ }
  }
}

type Match = ReturnType<typeof matchChannel>;

export function orderRecord(connectionId: string, settlementId: string, entry: OrderBookEntry, match: Match): SettlementOrderRecord {
  const a = entry.aggregate;
  return {
    connectionId, settlementId, orderKey: a.orderKey, orderId: a.orderId ?? null, merchantOrderId: a.merchantOrderId ?? null,
    marketplaceName: a.marketplaceName ?? null, channel: match.channel, matchStatus: match.matchStatus, ctOrderId: match.ctOrderId,
    ctOrderNumber: match.ctOrderNumber, refundOfSettlement: null, principal: a.principal, shipping: a.shipping,
    tax: a.tax, withheldTax: a.withheldTax, promotions: a.promotions, fees: a.fees, refunds: a.refunds, refundedFees: a.refundedFees,
    other: a.other, total: a.total, saleRows: entry.saleRows, refundRows: entry.refundRows, firstLine: a.firstLine, lastLine: a.lastLine,
    itemIds: entry.itemIds,
  };
}

/**
 * What a person needs to find the rows again: the order, its lines in the file and its total (the full
 * figures are the order's stored record: `fba-bridge settlement orders`). Kept small: a file can have
 * tens of thousands of unmatched orders.
 */
export function digest(entry: OrderBookEntry): unknown {
  const a = entry.aggregate;
  return { orderId: a.orderId ?? null, marketplaceName: a.marketplaceName ?? null, lines: `${a.firstLine}-${a.lastLine}`, rowCount: a.rowCount, total: a.total };
}
