// Importing one settlement report. One streaming pass over the file feeds the reader into the summary
// (Seller Central's categories), the journal builder and the store, and hashes the bytes; memory stays
// flat as the file grows. The steps, each its own method below:
//   1. claim   — at the header, the settlement id is claimed as 'importing' (or found imported: then
//                nothing is written and the file is only compared and re-journaled);
//   2. stage   — each finished run of an order's rows is buffered and written in short transactions,
//                its multi-channel orders matched to storefront orders (settlement-import-staging.ts);
//   3. verdict — a rejected file (any problem, or rows that do not add up to the declared total) has its
//                staged rows discarded: it stores nothing, and comes back with its line-numbered problems;
//   4. refunds — an accepted one has its refunds tied to their sales per amount (settlement-refund-matching.ts);
//   5. publish — one short transaction makes the settlement visible with its summary and raises its
//                grouped finance exceptions (settlement-import-exceptions.ts).
// No step holds the database's write lock for more than one batch: other processes keep writing (ADR 0012).
// Needs only the store: no commercetools or Amazon credentials.
import { createHash } from 'node:crypto';
import { EXCEPTION_INFO } from '../../domain/exceptions/exception-types.js';
import { createJournalBuilder, type JournalBuilder } from '../../domain/settlements/journal-builder.js';
import { SettlementOrderRuns } from '../../domain/settlements/settlement-order-book.js';
import { readSettlementBatches, type SettlementNotice, type SettlementReadResult } from '../../domain/settlements/settlement-reader.js';
import { SettlementSummaryAccumulator } from '../../domain/settlements/settlement-summary.js';
import type { SettlementHeader, SettlementProblem } from '../../domain/settlements/settlement-types.js';
import type { SettlementRecord, SettlementUnmatchedInput, SettlementUnmatchedTotal } from '../../ports/settlement-store.js';
import { raiseSettlementExceptions, refreshUnknownValues } from './settlement-import-exceptions.js';
import { StagedOrders } from './settlement-import-staging.js';
import type { Accepted, SettlementImportInput, SettlementImportOutcome, StoredSettlementSummary } from './settlement-import-types.js';
import { matchSettlementRefunds } from './settlement-refund-matching.js';

export type { SettlementImportInput, SettlementImportOutcome, SettlementMatchCounts, MarketplaceSales, StoredSettlementSummary } from './settlement-import-types.js';

/** Problems kept for the answer (the count is always exact). */
const PROBLEMS_KEPT = 200;
/** Unmatched rows the answer lists (the first ones in file order); counts and amounts per exception type are exact. */
export const UNMATCHED_LISTED = 50;
/** An import that started this long ago and never finished (a crash) may be taken over. */
const STALE_IMPORT_MS = 30 * 60_000;

interface UnmatchedListing {
  readonly unmatched: SettlementUnmatchedInput[];
  readonly unmatchedCount: number;
  readonly unmatchedTotals: SettlementUnmatchedTotal[];
}

type Claim = { kind: 'new'; token: string; staged: StagedOrders } | { kind: 'known'; existing: SettlementRecord } | { kind: 'busy'; since: number };

export function importSettlement(input: SettlementImportInput): Promise<SettlementImportOutcome> {
  return new SettlementFileImport(input).run();
}

class SettlementFileImport {
  private readonly hash = createHash('sha256');
  private readonly summary = new SettlementSummaryAccumulator();
  private readonly runs = new SettlementOrderRuns();
  private readonly problems: SettlementProblem[] = [];
  private header: SettlementHeader | null = null;
  private journal: JournalBuilder | null = null;
  private claim: Claim | null = null;
  private read: SettlementReadResult | null = null;

  constructor(private readonly input: SettlementImportInput) {}

  async run(): Promise<SettlementImportOutcome> {
    try {
      await this.readFile();
      return await this.conclude();
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /**
   * Steps 1 and 2: the file, batch by batch. A row is handled synchronously (a million awaits would cost
   * more than the parsing); the store is written between rows only when the staging buffer is full.
   */
  private async readFile(): Promise<void> {
    for await (const batch of readSettlementBatches(this.hashed())) {
      for (const notice of batch.notices) await this.take(notice); // the header comes before every row
      for (const row of batch.rows) {
        this.summary.add(row);
        this.journal?.add(row);
        const run = this.runs.add(row);
        if (run !== undefined && this.claim?.kind === 'new' && this.claim.staged.add(run)) await this.claim.staged.write();
      }
      if (batch.end !== undefined) this.read = batch.end;
    }
    const last = this.runs.flush();
    if (this.claim?.kind === 'new') {
      if (last !== undefined) this.claim.staged.add(last);
      await this.claim.staged.write();
    }
  }

  private async take(notice: SettlementNotice): Promise<void> {
    if (notice.kind === 'header') return this.claimSettlement(notice.header);
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(notice.problem);
  }

  private async claimSettlement(header: SettlementHeader): Promise<void> {
    const { store, connectionId, now } = this.input;
    this.header = header;
    this.journal = createJournalBuilder(header, this.input.chart, this.input.journal);
    const claimed = await store.settlements.claimImport(this.record(''), now - STALE_IMPORT_MS);
    if (claimed.outcome === 'imported') this.claim = { kind: 'known', existing: claimed.existing };
    else if (claimed.outcome === 'busy') this.claim = { kind: 'busy', since: claimed.since };
    else {
      this.claim = { kind: 'new', token: claimed.token, staged: new StagedOrders(store, connectionId, header.settlementId) };
      if (claimed.leftovers) await this.claim.staged.discard();
    }
  }

  /** Steps 3 to 5. */
  private async conclude(): Promise<SettlementImportOutcome> {
    const fileSha256 = this.hash.digest('hex');
    const { header, read, journal, claim } = this;
    if (read === null || read.verdict === 'rejected' || header === null || journal === null || claim === null) {
      const noHeader = header === null && this.problems.length === 0 ? [{ lineNumber: 1, problem: 'no settlement header found' }] : [];
      return this.rejected(fileSha256, noHeader);
    }
    if (claim.kind === 'busy') {
      return this.rejected(fileSha256, [{ lineNumber: 0, problem: `another import of settlement ${header.settlementId} has been running since ${new Date(claim.since).toISOString()}; try again when it has finished` }]);
    }
    const built = journal.finish();
    if (!built.ok) return this.rejected(fileSha256, [{ lineNumber: 0, problem: `the journal cannot be built: ${built.error.message}` }]);
    const accepted: Accepted = { header, fileSha256, read, journal: built.value };
    if (claim.kind === 'known') return this.known(accepted, claim.existing);
    await matchSettlementRefunds(this.input.store, this.input.connectionId, header.settlementId, header.fractionDigits);
    return this.publish(accepted, claim.token);
  }

  private async publish(accepted: Accepted, token: string): Promise<SettlementImportOutcome> {
    const { store, connectionId, now } = this.input;
    const { header, read, journal, fileSha256 } = accepted;
    const counts = await store.settlements.matchCounts(connectionId, header.settlementId);
    const stored: StoredSettlementSummary = { summary: this.summary.result(), ...counts };
    const record = { ...this.record(fileSha256), rowCount: read.rowCount, summary: stored };
    const raised = await store.transaction(async (tx) => {
      if (!await tx.settlements.publish(record, token)) throw new Error(`settlement ${header.settlementId}: the import lost its claim (taken over as stale); import the file again`);
      const count = await raiseSettlementExceptions(tx, connectionId, header, journal.unmapped, this.input.chart.specialAccounts.suspense, now);
      await tx.audit.append({
        connectionId, system: 'bridge', action: 'settlement.import', subjectType: 'settlement', subjectId: header.settlementId, outcome: 'ok', at: now,
        message: `imported ${read.rowCount} rows, ${stored.matching.orders} orders (${stored.matching.matchedOrders} matched), ${count} finance exception(s), file sha256 ${fileSha256}`,
      });
      return count;
    });
    this.claim = null;
    return { ...accepted, status: 'imported', settlement: record, stored, exceptionsRaised: raised, ...await this.unmatched(header.settlementId) };
  }

  /** The settlement id is taken: by this very file (nothing changes but the journal's mapping) or by another one (a conflict). */
  private async known(accepted: Accepted, existing: SettlementRecord): Promise<SettlementImportOutcome> {
    if (existing.fileSha256 !== accepted.fileSha256) return { ...accepted, status: 'conflict', existing };
    const { store, connectionId, now } = this.input;
    const raised = await store.transaction((tx) => refreshUnknownValues(tx, connectionId, accepted.header, accepted.journal.unmapped, this.input.chart.specialAccounts.suspense, now));
    return {
      ...accepted, status: 'unchanged', settlement: existing, stored: existing.summary as StoredSettlementSummary, exceptionsRaised: raised,
      ...await this.unmatched(existing.settlementId),
    };
  }

  private async unmatched(settlementId: string): Promise<UnmatchedListing> {
    const { store, connectionId } = this.input;
    const unmatchedTotals = await store.settlements.unmatchedTotals(connectionId, settlementId);
    const page = await store.settlements.listUnmatchedPage(connectionId, settlementId, null, UNMATCHED_LISTED);
    return { unmatched: page.map(({ id: _id, ...u }) => u), unmatchedCount: unmatchedTotals.reduce((n, t) => n + t.count, 0), unmatchedTotals };
  }

  private async rejected(fileSha256: string, extra: readonly SettlementProblem[]): Promise<SettlementImportOutcome> {
    await this.discard();
    const { header, read } = this;
    if (this.input.raiseRejected && header !== null && read !== null && !read.balanced) {
      const info = EXCEPTION_INFO['settlement.total-mismatch'];
      await this.input.store.exceptions.raise({
        connectionId: this.input.connectionId, type: 'settlement.total-mismatch', owner: info.owner, subjectType: 'settlement', subjectId: header.settlementId,
        subjectLabel: `settlement ${header.settlementId}`, action: info.action,
        reason: `the ${read.rowCount} rows add up to ${read.detailAmountSum} but the settlement declares ${header.totalAmount} (minor units of ${header.currency}); nothing was imported`,
      }, this.input.now);
    }
    return {
      status: 'rejected', header, fileSha256, read, problems: [...this.problems, ...extra],
      problemCount: (read?.problemCount ?? this.problems.length) + extra.length,
    };
  }

  /** Takes back what this import staged (a rejected file, or an error): short transactions again. */
  private async discard(): Promise<void> {
    const claim = this.claim;
    this.claim = null;
    if (claim?.kind !== 'new' || this.header === null) return;
    await claim.staged.discard();
    await this.input.store.settlements.abandonImport(this.input.connectionId, this.header.settlementId, claim.token);
  }

  private record(fileSha256: string): SettlementRecord {
    const h = this.header as SettlementHeader;
    return {
      connectionId: this.input.connectionId, settlementId: h.settlementId, fileSha256, format: h.format, currency: h.currency,
      fractionDigits: h.fractionDigits, startDate: h.startDate, endDate: h.endDate, depositDate: h.depositDate, totalAmount: h.totalAmount,
      rowCount: 0, summary: {}, importedAt: this.input.now,
    };
  }

  private async *hashed(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of this.input.source) {
      this.hash.update(chunk);
      yield chunk;
    }
  }
}
