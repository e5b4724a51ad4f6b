// Importing one settlement report: a single streaming pass over the file feeds the reader into the
// summary (Seller Central's categories), the per-order book and the journal builder at once, and hashes
// the bytes. A rejected file (any problem, or rows that do not add up to the declared total) stores
// nothing and comes back with its line-numbered problems. An accepted one is stored in one transaction:
// the settlement (guarded by the file hash: the same file again changes nothing, another file under the
// same settlement id is refused as a conflict), its per-order economics, the matching to storefront
// orders, and a finance exception for every row that cannot be matched.
// Needs only the store: no commercetools or Amazon credentials.
import { createHash } from 'node:crypto';
import { EXCEPTION_INFO, type ExceptionType } from '../domain/exceptions/exception-types.js';
import type { ChartOfAccounts } from '../domain/settlements/chart-of-accounts.js';
import { createJournalBuilder, type JournalBuilder, type JournalOptions } from '../domain/settlements/journal-builder.js';
import type { SettlementJournal } from '../domain/settlements/journal-entry.js';
import { matchOrder, needsEarlierSale, needsOrderLink } from '../domain/settlements/settlement-matching.js';
import { SettlementOrderBook, type OrderBookEntry } from '../domain/settlements/settlement-order-book.js';
import { readSettlement, type SettlementReadResult, type SettlementSource } from '../domain/settlements/settlement-reader.js';
import { SettlementSummaryAccumulator, type SettlementSummary } from '../domain/settlements/settlement-summary.js';
import type { SettlementHeader, SettlementProblem } from '../domain/settlements/settlement-types.js';
import type { SettlementOrderRecord, SettlementRecord, SettlementUnmatchedInput } from '../ports/settlement-store.js';
import type { Store } from '../ports/store.js';

/** Problems kept for the answer (the count is always exact). */
const PROBLEMS_KEPT = 200;

export interface SettlementImportInput {
  readonly store: Store;
  readonly connectionId: string;
  /** The file's bytes (or text) chunk by chunk, e.g. openSettlementFile(path). */
  readonly source: SettlementSource;
  readonly chart: ChartOfAccounts;
  readonly now: number;
  readonly journal?: JournalOptions;
  /**
   * Unattended imports (reports downloaded by the bridge) set this: a file whose rows do not add up to
   * its declared total then also raises a 'settlement.total-mismatch' exception for finance. The
   * settlement itself is still not stored.
   */
  readonly raiseRejected?: boolean;
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
  /** Problems raised for finance (one per order and reason). */
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

/** What is stored as the settlement's summary JSON. */
export interface StoredSettlementSummary {
  readonly summary: SettlementSummary;
  readonly matching: SettlementMatchCounts;
  readonly marketplaces: readonly MarketplaceSales[];
}

interface Accepted {
  readonly header: SettlementHeader;
  readonly fileSha256: string;
  readonly read: SettlementReadResult;
  readonly journal: SettlementJournal;
}

export type SettlementImportOutcome =
  | {
    readonly status: 'rejected';
    readonly header: SettlementHeader | null;
    readonly fileSha256: string;
    readonly problems: readonly SettlementProblem[];
    readonly problemCount: number;
    readonly read: SettlementReadResult | null;
  }
  | (Accepted & { readonly status: 'conflict'; readonly existing: SettlementRecord })
  | (Accepted & {
    /** 'imported' now, or 'unchanged': this very file was imported before (the stored figures are shown). */
    readonly status: 'imported' | 'unchanged';
    readonly settlement: SettlementRecord;
    readonly stored: StoredSettlementSummary;
    readonly unmatched: readonly SettlementUnmatchedInput[];
  });

export async function importSettlement(input: SettlementImportInput): Promise<SettlementImportOutcome> {
  const hash = createHash('sha256');
  const summary = new SettlementSummaryAccumulator();
  const book = new SettlementOrderBook();
  const problems: SettlementProblem[] = [];
  let journal: JournalBuilder | null = null;
  let header: SettlementHeader | null = null;
  let read: SettlementReadResult | null = null;

  async function* hashed(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of input.source) {
      hash.update(chunk);
      yield chunk;
    }
  }

  for await (const event of readSettlement(hashed())) {
    switch (event.kind) {
      case 'header':
        header = event.header;
        journal = createJournalBuilder(event.header, input.chart, input.journal);
        break;
      case 'row':
        summary.add(event.row);
        book.add(event.row);
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
  const fileSha256 = hash.digest('hex');
  const rejected = (extra: readonly SettlementProblem[] = []) => ({
    status: 'rejected' as const, header, fileSha256, read,
    problems: [...problems, ...extra], problemCount: (read?.problemCount ?? problems.length) + extra.length,
  });
  if (read === null || read.verdict === 'rejected' || header === null || journal === null) {
    const noHeader = header === null && problems.length === 0 ? [{ lineNumber: 1, problem: 'no settlement header found' }] : [];
    if (input.raiseRejected && header !== null && read !== null && !read.balanced) await raiseTotalMismatch(input, header, read);
    return rejected(noHeader);
  }
  const builtJournal = journal.finish();
  if (!builtJournal.ok) return rejected([{ lineNumber: 0, problem: `the journal cannot be built: ${builtJournal.error.message}` }]);
  const accepted: Accepted = { header, fileSha256, read, journal: builtJournal.value };
  const orders = book.finish();
  const settlementHeader = header;

  return input.store.transaction(async (tx) => {
    const { settlementId } = settlementHeader;
    const before = await tx.settlements.get(input.connectionId, settlementId);
    if (before !== null) return known(tx, input, accepted, before);
    const records: SettlementOrderRecord[] = [];
    const unmatched: SettlementUnmatchedInput[] = [];
    for (const entry of orders) {
      const link = needsOrderLink(entry) ? await tx.orderLinks.getBySellerFulfillmentOrderId(input.connectionId, entry.aggregate.merchantOrderId ?? '') : null;
      const earlier = needsEarlierSale(entry) ? await tx.settlements.findEarlierSales(input.connectionId, entry.aggregate.orderKey, settlementId) : [];
      const match = matchOrder(entry, {
        settlementId, link: link === null ? null : { ctOrderId: link.ctOrderId, orderNumber: link.orderNumber },
        earlierSaleSettlement: earlier[0]?.settlementId ?? null,
      });
      records.push(toOrderRecord(input.connectionId, settlementId, entry, match));
      for (const problem of match.problems) {
        unmatched.push({
          connectionId: input.connectionId, settlementId, orderKey: entry.aggregate.orderKey, lineNumber: problem.lineNumber,
          exceptionType: problem.type, reason: problem.reason, amount: problem.amount, row: digest(entry),
        });
      }
    }
    const stored: StoredSettlementSummary = {
      summary: summary.result(), matching: matchCounts(records, unmatched), marketplaces: marketplaceSales(records),
    };
    const record: SettlementRecord = {
      connectionId: input.connectionId, settlementId, fileSha256, format: settlementHeader.format, currency: settlementHeader.currency,
      fractionDigits: settlementHeader.fractionDigits, startDate: settlementHeader.startDate, endDate: settlementHeader.endDate,
      depositDate: settlementHeader.depositDate, totalAmount: settlementHeader.totalAmount, rowCount: read.rowCount, summary: stored,
      importedAt: input.now,
    };
    const inserted = await tx.settlements.insert(record);
    if (inserted.outcome !== 'inserted') return known(tx, input, accepted, inserted.existing);
    await tx.settlements.addOrders(records);
    await tx.settlements.addUnmatched(unmatched);
    for (const problem of unmatched) {
      await raise(tx, input, problem.exceptionType as ExceptionType, `${settlementId}/${problem.orderKey ?? `line-${problem.lineNumber}`}`,
        `settlement ${settlementId}, order ${problem.orderKey ?? '-'}, line ${problem.lineNumber}`, problem.reason);
    }
    await tx.audit.append({
      connectionId: input.connectionId, system: 'bridge', action: 'settlement.import', subjectType: 'settlement', subjectId: settlementId,
      outcome: 'ok', at: input.now,
      message: `imported ${read.rowCount} rows, ${records.length} orders (${stored.matching.matchedOrders} matched, ${unmatched.length} exceptions), file sha256 ${fileSha256}`,
    });
    return { ...accepted, status: 'imported' as const, settlement: record, stored, unmatched };
  });
}

/** The settlement id is taken: by this very file (nothing changes) or by another one (a conflict). */
async function known(tx: Store, input: SettlementImportInput, accepted: Accepted, existing: SettlementRecord): Promise<SettlementImportOutcome> {
  if (existing.fileSha256 !== accepted.fileSha256) return { ...accepted, status: 'conflict', existing };
  return {
    ...accepted, status: 'unchanged', settlement: existing, stored: existing.summary as StoredSettlementSummary,
    unmatched: await tx.settlements.listUnmatched(input.connectionId, existing.settlementId),
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

function matchCounts(records: readonly SettlementOrderRecord[], unmatched: readonly SettlementUnmatchedInput[]): SettlementMatchCounts {
  const refunds = records.filter((r) => r.refundRows > 0);
  return {
    orders: records.length,
    multiChannelOrders: records.filter((r) => r.channel === 'multi-channel').length,
    matchedOrders: records.filter((r) => r.matchStatus === 'matched').length,
    amazonOrders: records.filter((r) => r.matchStatus === 'amazon-sale').length,
    unmatchedOrders: records.filter((r) => r.matchStatus === 'unmatched').length,
    refundOrders: refunds.length,
    refundsMatched: refunds.filter((r) => r.refundOfSettlement !== null).length,
    refundsWithoutSale: refunds.filter((r) => r.refundOfSettlement === null).length,
    exceptions: unmatched.length,
  };
}

function marketplaceSales(records: readonly SettlementOrderRecord[]): MarketplaceSales[] {
  const byMarketplace = new Map<string, { orders: number; sales: number; fees: number; refunds: number; net: number }>();
  for (const r of records) {
    if (r.channel !== 'amazon' || r.marketplaceName === null) continue;
    const m = byMarketplace.get(r.marketplaceName) ?? { orders: 0, sales: 0, fees: 0, refunds: 0, net: 0 };
    m.orders++;
    m.sales += r.principal + r.shipping + r.promotions;
    m.fees += r.fees;
    m.refunds += r.refunds + r.refundedFees;
    m.net += r.total;
    byMarketplace.set(r.marketplaceName, m);
  }
  return [...byMarketplace.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([marketplace, m]) => ({ marketplace, ...m }));
}
