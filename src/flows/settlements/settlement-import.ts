// Importing one settlement report, in one store transaction: a single streaming pass over the file feeds
// the reader into the summary (Seller Central's categories), the journal builder and the store (each run
// of an order's rows merged into the order's stored economics as it completes), and hashes the bytes.
// Memory stays flat as the file grows: no per-order state is kept in memory. A rejected file (any
// problem, or rows that do not add up to the declared total) rolls the transaction back, so it stores
// nothing, and comes back with its line-numbered problems. An accepted one then matches the stored
// orders page by page to storefront orders, raises a finance exception for every row that cannot be
// matched, and records the settlement (guarded by the file hash: the same file again changes nothing,
// another file under the same settlement id is refused as a conflict). The answer lists only the first
// UNMATCHED_LISTED unmatched rows, with exact counts and amounts per exception type: all of them are
// stored and raised, and a large file must not bring them all into memory.
// Needs only the store: no commercetools or Amazon credentials.
import { createHash } from 'node:crypto';
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import { createJournalBuilder, type JournalBuilder } from '../../domain/settlements/journal-builder.js';
import { matchOrder, needsEarlierSale, needsOrderLink } from '../../domain/settlements/settlement-matching.js';
import type { OrderAggregate } from '../../domain/settlements/settlement-order-aggregate.js';
import { mergeOrderBookEntries, SettlementOrderRuns, type OrderBookEntry } from '../../domain/settlements/settlement-order-book.js';
import { readSettlement, type SettlementReadResult } from '../../domain/settlements/settlement-reader.js';
import { SettlementSummaryAccumulator } from '../../domain/settlements/settlement-summary.js';
import type { SettlementHeader, SettlementProblem } from '../../domain/settlements/settlement-types.js';
import type {
  SettlementOrderMatchUpdate, SettlementOrderRecord, SettlementRecord, SettlementUnmatchedInput, SettlementUnmatchedRecord,
  SettlementUnmatchedCursor,
} from '../../ports/settlement-store.js';
import type { Store } from '../../ports/store.js';
import type { Accepted, MarketplaceSales, SettlementImportInput, SettlementImportOutcome, SettlementMatchCounts, StoredSettlementSummary } from './settlement-import-types.js';

export type { SettlementImportInput, SettlementImportOutcome, SettlementMatchCounts, MarketplaceSales, StoredSettlementSummary } from './settlement-import-types.js';

/** Problems kept for the answer (the count is always exact). */
const PROBLEMS_KEPT = 200;
/**
 * Unmatched rows the answer lists (the first ones in file order); counts and amounts per exception type
 * are always exact. Every one of them is stored and raised as a finance exception all the same.
 */
export const UNMATCHED_LISTED = 50;
/** Unmatched rows read back per page when raising their exceptions. */
const UNMATCHED_PER_PAGE = 500;

/** Runs buffered (merged per order key) before they go to the store: bounds memory, not correctness. */
const RUNS_PER_WRITE = 500;
/** Orders per page of the matching pass. */
const ORDERS_PER_PAGE = 500;

/** Ends the import's transaction without keeping anything it wrote: the outcome says why. */
class Abort extends Error {
  constructor(readonly outcome: SettlementImportOutcome, readonly rejectedRead: SettlementReadResult | null = null) {
    super(`settlement import aborted: ${outcome.status}`);
  }
}

export async function importSettlement(input: SettlementImportInput): Promise<SettlementImportOutcome> {
  // One transaction over the whole read: each finished run of an order's rows is merged into the store
  // as it completes (SettlementRepository.mergeOrders adds it up), so memory holds only the open run, a
  // small write buffer and counters however large the file. A rejected file throws Abort: the rollback
  // takes back every run written. Matching then pages over the stored orders, once all runs are merged.
  try {
    return await input.store.transaction((tx) => importInTransaction(tx, input));
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    const { outcome, rejectedRead } = error;
    if (input.raiseRejected && outcome.status === 'rejected' && outcome.header !== null && rejectedRead !== null && !rejectedRead.balanced) {
      await raiseTotalMismatch(input, outcome.header, rejectedRead);
    }
    return outcome;
  }
}

async function importInTransaction(tx: Store, input: SettlementImportInput): Promise<SettlementImportOutcome> {
  const hash = createHash('sha256');
  const summary = new SettlementSummaryAccumulator();
  const runs = new SettlementOrderRuns();
  const problems: SettlementProblem[] = [];
  let journal: JournalBuilder | null = null;
  let header: SettlementHeader | null = null;
  let read: SettlementReadResult | null = null;
  /** The settlement already stored under the file's id (then nothing is written), null when new. */
  let before: SettlementRecord | null = null;
  const pending = new Map<string, OrderBookEntry>();

  async function* hashed(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of input.source) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const writePending = async (): Promise<void> => {
    if (header === null || pending.size === 0) return;
    const { settlementId } = header;
    await tx.settlements.mergeOrders([...pending.values()].map((entry) => toOrderRecord(input.connectionId, settlementId, entry, provisionalMatch(settlementId, entry))));
    pending.clear();
  };
  const keep = async (run: OrderBookEntry | undefined): Promise<void> => {
    // Rows before a header belong to a file that is rejected anyway; nothing is written for a known settlement.
    if (run === undefined || header === null || before !== null) return;
    const earlier = pending.get(run.aggregate.orderKey);
    pending.set(run.aggregate.orderKey, earlier === undefined ? run : mergeOrderBookEntries(earlier, run));
    if (pending.size >= RUNS_PER_WRITE) await writePending();
  };

  for await (const event of readSettlement(hashed())) {
    switch (event.kind) {
      case 'header':
        header = event.header;
        journal = createJournalBuilder(event.header, input.chart, input.journal);
        before = await tx.settlements.get(input.connectionId, event.header.settlementId);
        break;
      case 'row':
        summary.add(event.row);
        await keep(runs.add(event.row));
        journal?.add(event.row);
        break;
      case 'problem':
        if (problems.length < PROBLEMS_KEPT) problems.push(event.problem);
        break;
      case 'end':
        read = event.result;
        break;
    }
  }
  await keep(runs.flush());
  await writePending();
  const fileSha256 = hash.digest('hex');
  const rejected = (extra: readonly SettlementProblem[] = []): Abort => new Abort({
    status: 'rejected' as const, header, fileSha256, read,
    problems: [...problems, ...extra], problemCount: (read?.problemCount ?? problems.length) + extra.length,
  }, read);
  if (read === null || read.verdict === 'rejected' || header === null || journal === null) {
    const noHeader = header === null && problems.length === 0 ? [{ lineNumber: 1, problem: 'no settlement header found' }] : [];
    throw rejected(noHeader);
  }
  const builtJournal = journal.finish();
  if (!builtJournal.ok) throw rejected([{ lineNumber: 0, problem: `the journal cannot be built: ${builtJournal.error.message}` }]);
  const accepted: Accepted = { header, fileSha256, read, journal: builtJournal.value };
  const settlementHeader: SettlementHeader = header;
  const { settlementId } = settlementHeader;
  if (before !== null) return known(tx, input, accepted, before);

  // Matching, order by order as stored (every run merged): counters only, the exceptions go to the store.
  const counts = new MatchCounter();
  let afterKey: string | null = null;
  for (;;) {
    const page = await tx.settlements.listOrdersPage(input.connectionId, settlementId, afterKey, ORDERS_PER_PAGE);
    if (page.length === 0) break;
    afterKey = page[page.length - 1]?.orderKey ?? null;
    const updates: SettlementOrderMatchUpdate[] = [];
    const unmatched: SettlementUnmatchedInput[] = [];
    for (const stored of page) {
      const entry = toEntry(stored);
      const link = needsOrderLink(entry) ? await tx.orderLinks.getBySellerFulfillmentOrderId(input.connectionId, entry.aggregate.merchantOrderId ?? '') : null;
      const earlier = needsEarlierSale(entry) ? await tx.settlements.findEarlierSales(input.connectionId, entry.aggregate.orderKey, settlementId) : [];
      const match = matchOrder(entry, {
        settlementId, link: link === null ? null : { ctOrderId: link.ctOrderId, orderNumber: link.orderNumber },
        earlierSaleSettlement: earlier[0]?.settlementId ?? null,
      });
      const record = toOrderRecord(input.connectionId, settlementId, entry, match);
      if (record.matchStatus !== stored.matchStatus || record.ctOrderId !== stored.ctOrderId || record.ctOrderNumber !== stored.ctOrderNumber
        || record.refundOfSettlement !== stored.refundOfSettlement) {
        updates.push({
          connectionId: input.connectionId, settlementId, orderKey: record.orderKey, matchStatus: record.matchStatus, ctOrderId: record.ctOrderId,
          ctOrderNumber: record.ctOrderNumber, refundOfSettlement: record.refundOfSettlement,
        });
      }
      counts.add(record, match.problems.length);
      for (const problem of match.problems) {
        unmatched.push({
          connectionId: input.connectionId, settlementId, orderKey: entry.aggregate.orderKey, lineNumber: problem.lineNumber,
          exceptionType: problem.type, reason: problem.reason, amount: problem.amount, row: digest(entry),
        });
      }
    }
    await tx.settlements.setOrderMatches(updates);
    await tx.settlements.addUnmatched(unmatched);
  }
  const stored: StoredSettlementSummary = { summary: summary.result(), matching: counts.counts(), marketplaces: counts.marketplaces() };
  const record: SettlementRecord = {
    connectionId: input.connectionId, settlementId, fileSha256, format: settlementHeader.format, currency: settlementHeader.currency,
    fractionDigits: settlementHeader.fractionDigits, startDate: settlementHeader.startDate, endDate: settlementHeader.endDate,
    depositDate: settlementHeader.depositDate, totalAmount: settlementHeader.totalAmount, rowCount: read.rowCount, summary: stored,
    importedAt: input.now,
  };
  const inserted = await tx.settlements.insert(record);
  // Another import took the id meanwhile: undo the runs merged into its orders, answer as for a known settlement.
  if (inserted.outcome !== 'inserted') throw new Abort(await known(tx, input, accepted, inserted.existing));
  // The exceptions in file order (as the unmatched rows are listed), read back page by page from what was
  // stored: the answer keeps only the first few, however many there are.
  const unmatched: SettlementUnmatchedInput[] = [];
  let unmatchedCount = 0;
  let after: SettlementUnmatchedCursor | null = null;
  for (;;) {
    const page = await tx.settlements.listUnmatchedPage(input.connectionId, settlementId, after, UNMATCHED_PER_PAGE);
    for (const problem of page) {
      unmatchedCount++;
      if (unmatched.length < UNMATCHED_LISTED) unmatched.push(withoutId(problem));
      await raise(tx, input, problem.exceptionType as ExceptionType, `${settlementId}/${problem.orderKey ?? `line-${problem.lineNumber}`}`,
        `settlement ${settlementId}, order ${problem.orderKey ?? '-'}, line ${problem.lineNumber}`, problem.reason);
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < UNMATCHED_PER_PAGE) break;
    after = { lineNumber: last.lineNumber, id: last.id };
  }
  const unmatchedTotals = await tx.settlements.unmatchedTotals(input.connectionId, settlementId);
  await tx.audit.append({
    connectionId: input.connectionId, system: 'bridge', action: 'settlement.import', subjectType: 'settlement', subjectId: settlementId,
    outcome: 'ok', at: input.now,
    message: `imported ${read.rowCount} rows, ${stored.matching.orders} orders (${stored.matching.matchedOrders} matched, ${unmatchedCount} exceptions), file sha256 ${fileSha256}`,
  });
  return { ...accepted, status: 'imported' as const, settlement: record, stored, unmatched, unmatchedCount, unmatchedTotals };
}

function withoutId(record: SettlementUnmatchedRecord): SettlementUnmatchedInput {
  const { id: _id, ...input } = record;
  return input;
}

/** A run's match as far as the run alone tells: stored with it, corrected by the matching pass. */
function provisionalMatch(settlementId: string, run: OrderBookEntry): ReturnType<typeof matchOrder> {
  return matchOrder(run, { settlementId, link: null, earlierSaleSettlement: null });
}

/**
 * A stored order (all its runs merged) as the order book would have held it. The first refund line is
 * not stored: matching needs it only for an order whose rows are all refunds, where it is the first line.
 */
function toEntry(o: SettlementOrderRecord): OrderBookEntry {
  const aggregate: OrderAggregate = {
    orderKey: o.orderKey, multiChannel: o.channel === 'multi-channel',
    ...(o.orderId === null ? {} : { orderId: o.orderId }),
    ...(o.merchantOrderId === null ? {} : { merchantOrderId: o.merchantOrderId }),
    ...(o.marketplaceName === null ? {} : { marketplaceName: o.marketplaceName }),
    principal: o.principal, shipping: o.shipping, tax: o.tax, withheldTax: o.withheldTax, promotions: o.promotions, fees: o.fees,
    refunds: o.refunds, refundedFees: o.refundedFees, other: o.other, total: o.total, rowCount: o.saleRows + o.refundRows,
    firstLine: o.firstLine, lastLine: o.lastLine,
  };
  return {
    aggregate, saleRows: o.saleRows, refundRows: o.refundRows, firstRefundLine: o.refundRows > 0 && o.saleRows === 0 ? o.firstLine : null,
    itemIds: o.itemIds,
  };
}

/** Match counts and Amazon sales per marketplace, order by order. */
class MatchCounter {
  private orders = 0;
  private multiChannelOrders = 0;
  private matchedOrders = 0;
  private amazonOrders = 0;
  private unmatchedOrders = 0;
  private refundOrders = 0;
  private refundsMatched = 0;
  private refundsWithoutSale = 0;
  private exceptions = 0;
  private readonly byMarketplace = new Map<string, { orders: number; sales: number; fees: number; refunds: number; net: number }>();

  add(r: SettlementOrderRecord, problems: number): void {
    this.orders++;
    if (r.channel === 'multi-channel') this.multiChannelOrders++;
    if (r.matchStatus === 'matched') this.matchedOrders++;
    if (r.matchStatus === 'amazon-sale') this.amazonOrders++;
    if (r.matchStatus === 'unmatched') this.unmatchedOrders++;
    if (r.refundRows > 0) {
      this.refundOrders++;
      if (r.refundOfSettlement !== null) this.refundsMatched++;
      else this.refundsWithoutSale++;
    }
    this.exceptions += problems;
    if (r.channel !== 'amazon' || r.marketplaceName === null) return;
    const m = this.byMarketplace.get(r.marketplaceName) ?? { orders: 0, sales: 0, fees: 0, refunds: 0, net: 0 };
    m.orders++;
    m.sales += r.principal + r.shipping + r.promotions;
    m.fees += r.fees;
    m.refunds += r.refunds + r.refundedFees;
    m.net += r.total;
    this.byMarketplace.set(r.marketplaceName, m);
  }

  counts(): SettlementMatchCounts {
    return {
      orders: this.orders, multiChannelOrders: this.multiChannelOrders, matchedOrders: this.matchedOrders, amazonOrders: this.amazonOrders,
      unmatchedOrders: this.unmatchedOrders, refundOrders: this.refundOrders, refundsMatched: this.refundsMatched,
      refundsWithoutSale: this.refundsWithoutSale, exceptions: this.exceptions,
    };
  }

  marketplaces(): MarketplaceSales[] {
    return [...this.byMarketplace.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marketplace, m]) => ({ marketplace, ...m }));
  }
}

/** The settlement id is taken: by this very file (nothing changes) or by another one (a conflict). */
async function known(tx: Store, input: SettlementImportInput, accepted: Accepted, existing: SettlementRecord): Promise<SettlementImportOutcome> {
  if (existing.fileSha256 !== accepted.fileSha256) return { ...accepted, status: 'conflict', existing };
  const unmatchedTotals = await tx.settlements.unmatchedTotals(input.connectionId, existing.settlementId);
  return {
    ...accepted, status: 'unchanged', settlement: existing, stored: existing.summary as StoredSettlementSummary,
    unmatched: await tx.settlements.listUnmatchedPage(input.connectionId, existing.settlementId, null, UNMATCHED_LISTED),
    unmatchedCount: unmatchedTotals.reduce((n, t) => n + t.count, 0), unmatchedTotals,
  };
}

async function raise(store: Store, input: SettlementImportInput, type: ExceptionType, subjectId: string, label: string, reason: string): Promise<void> {
  const info = EXCEPTION_INFO[type];
  await store.exceptions.raise({
    connectionId: input.connectionId, type, owner: info.owner, subjectType: 'settlement', subjectId, subjectLabel: label, reason, action: info.action,
  }, input.now);
}

async function raiseTotalMismatch(input: SettlementImportInput, header: SettlementHeader, read: SettlementReadResult): Promise<void> {
  await raise(input.store, input, 'settlement.total-mismatch', header.settlementId, `settlement ${header.settlementId}`,
    `the ${read.rowCount} rows add up to ${read.detailAmountSum} but the settlement declares ${header.totalAmount} (minor units of ${header.currency}); nothing was imported`);
}

function toOrderRecord(connectionId: string, settlementId: string, entry: OrderBookEntry, match: ReturnType<typeof matchOrder>): SettlementOrderRecord {
  const a = entry.aggregate;
  return {
    connectionId, settlementId, orderKey: a.orderKey, orderId: a.orderId ?? null, merchantOrderId: a.merchantOrderId ?? null,
    marketplaceName: a.marketplaceName ?? null, channel: match.channel, matchStatus: match.matchStatus, ctOrderId: match.ctOrderId,
    ctOrderNumber: match.ctOrderNumber, refundOfSettlement: match.refundOfSettlement, principal: a.principal, shipping: a.shipping,
    tax: a.tax, withheldTax: a.withheldTax, promotions: a.promotions, fees: a.fees, refunds: a.refunds, refundedFees: a.refundedFees,
    other: a.other, total: a.total, saleRows: entry.saleRows, refundRows: entry.refundRows, firstLine: a.firstLine, lastLine: a.lastLine,
    itemIds: entry.itemIds,
  };
}

/** What a person needs to find the rows again: the order, its lines in the file and its money. */
function digest(entry: OrderBookEntry): unknown {
  const a = entry.aggregate;
  return {
    orderKey: a.orderKey, orderId: a.orderId ?? null, merchantOrderId: a.merchantOrderId ?? null, marketplaceName: a.marketplaceName ?? null,
    lines: `${a.firstLine}-${a.lastLine}`, rowCount: a.rowCount, saleRows: entry.saleRows, refundRows: entry.refundRows,
    principal: a.principal, shipping: a.shipping, fees: a.fees, refunds: a.refunds, refundedFees: a.refundedFees, total: a.total,
    itemIds: entry.itemIds,
  };
}
