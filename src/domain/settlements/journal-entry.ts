// The accounting journal of a settlement as the domain hands it to a ledger (file export or accounting
// API). Amounts are integer minor units of the settlement currency; every line is either a debit or a
// credit (never both, never negative), so exporters only choose how to print them.
//
// Keys are the idempotency keys of ledger posting (architecture.md §3): the same settlement always
// yields the same entry keys, and a ledger that has seen a key does not post it again.

import type { ClassificationField } from './settlement-known-values.js';

/** What a line does: 'mapped' = an account chosen by a chart rule; the others are the chart's special accounts. */
export type JournalLineRole = 'mapped' | 'clearing' | 'bank' | 'reserve' | 'suspense';

/** 'activity' = the settlement's rows of one period (month or day); 'deposit' = the payout, clearing → bank. */
export type JournalEntryKind = 'activity' | 'deposit';

export interface JournalLine {
  /** `${entry.key}-${lineNumber}`. */
  readonly key: string;
  /** 1-based within the entry. */
  readonly lineNumber: number;
  readonly accountCode: string;
  readonly accountName: string;
  /** Tax rate name the chart gives the account, for exports that need one (Xero's *TaxRate). */
  readonly taxRate?: string;
  readonly role: JournalLineRole;
  /** Minor units, ≥ 0; exactly one of debit and credit is non-zero. */
  readonly debit: number;
  readonly credit: number;
  readonly description: string;
  /** Settlement rows merged into this line (0 for the clearing and bank lines). */
  readonly rowCount: number;
  /** Set when the line is kept per order (refunds by default): the Amazon order id of the original sale. */
  readonly orderId?: string;
  /** For Multi-Channel Fulfillment orders: the sellerFulfillmentOrderId, i.e. the storefront order. */
  readonly merchantOrderId?: string;
  /** Set with orderId: the settlement transaction type of the rows ('Refund', 'Order', …). */
  readonly transactionType?: string;
}

export interface JournalEntry {
  /** `AMZ-${settlementId}-${entryNumber}`: ≤ 21 characters for an 11-digit settlement id (QuickBooks' JournalNo limit). */
  readonly key: string;
  readonly settlementId: string;
  /** 1-based, in date order; the deposit comes last. */
  readonly entryNumber: number;
  readonly kind: JournalEntryKind;
  /** Posting date, YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly currency: string;
  readonly fractionDigits: number;
  /** Names the settlement, its period and what this entry holds; unique within the settlement. */
  readonly memo: string;
  readonly lines: readonly JournalLine[];
}

/** Rows that no chart rule maps: posted to the suspense account (never dropped) and listed here for finance. */
export interface UnmappedRowGroup {
  readonly transactionType: string;
  readonly amountType: string;
  readonly amountDescription: string;
  /** Which of the three values the bridge does not know (null: all known, only the chart lacks a rule). */
  readonly unknownField: ClassificationField | null;
  readonly rowCount: number;
  /** Net of the group, minor units. */
  readonly amount: number;
  /** The first few lines of the file, for a person to look at. */
  readonly lineNumbers: readonly number[];
}

export type JournalWarningCode = 'total-mismatch' | 'missing-posted-date' | 'unmapped-rows' | 'order-detail-aggregated';

/** Something finance should look at; the journal is still balanced. */
export interface JournalWarning {
  readonly code: JournalWarningCode;
  readonly message: string;
  readonly lineNumbers?: readonly number[];
}

export interface SettlementJournal {
  readonly settlementId: string;
  readonly currency: string;
  readonly fractionDigits: number;
  readonly entries: readonly JournalEntry[];
  readonly unmapped: readonly UnmappedRowGroup[];
  readonly warnings: readonly JournalWarning[];
  /** Settlement rows read. */
  readonly rowCount: number;
  /** Over all entries, minor units; equal by construction and checked. */
  readonly totalDebit: number;
  readonly totalCredit: number;
}

export const journalEntryKey = (settlementId: string, entryNumber: number): string => `AMZ-${settlementId}-${entryNumber}`;
export const journalLineKey = (entryKey: string, lineNumber: number): string => `${entryKey}-${lineNumber}`;

/** Σ debits − Σ credits of an entry: 0 when it balances. */
export function entryImbalance(entry: Pick<JournalEntry, 'lines'>): number {
  let difference = 0;
  for (const line of entry.lines) difference += line.debit - line.credit;
  return difference;
}
