// The shapes of a settlement import: what it is given and what it answers. Separate from the use
// case (settlement-import.ts) so commands and tests can name them without the import's machinery.
import type { ChartOfAccounts } from '../../domain/settlements/chart-of-accounts.js';
import type { JournalOptions } from '../../domain/settlements/journal-builder.js';
import type { SettlementJournal } from '../../domain/settlements/journal-entry.js';
import type { SettlementReadResult, SettlementSource } from '../../domain/settlements/settlement-reader.js';
import type { SettlementSummary } from '../../domain/settlements/settlement-summary.js';
import type { SettlementHeader, SettlementProblem } from '../../domain/settlements/settlement-types.js';
import type { MarketplaceSales, SettlementMatchCounts } from '../../domain/settlements/settlement-order-record.js';
import type { SettlementRecord, SettlementUnmatchedInput, SettlementUnmatchedTotal } from '../../ports/settlement-store.js';
import type { Store } from '../../ports/store.js';

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

/** What is stored as the settlement's summary JSON. */
export interface StoredSettlementSummary {
  readonly summary: SettlementSummary;
  readonly matching: SettlementMatchCounts;
  readonly marketplaces: readonly MarketplaceSales[];
}

export interface Accepted {
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
    /** The first UNMATCHED_LISTED unmatched rows in file order (all of them when there are no more). */
    readonly unmatched: readonly SettlementUnmatchedInput[];
    /** How many unmatched rows there are in all (one per order and reason; listed by the settlement's exceptions). */
    readonly unmatchedCount: number;
    /** Count and amount per exception type, over all unmatched rows. */
    readonly unmatchedTotals: readonly SettlementUnmatchedTotal[];
    /**
     * Finance exceptions raised (or refreshed) by this import: one per kind of unmatched row and one per
     * value the chart does not map — never one per order.
     */
    readonly exceptionsRaised: number;
  });


export type { MarketplaceSales, SettlementMatchCounts } from '../../domain/settlements/settlement-order-record.js';
