// QuickBooks Online journal entry import file (Settings › Import data › Journal entries). Rows sharing a
// JournalNo form one entry; Debits and Credits are positive, the other one left blank. QuickBooks matches
// accounts by full name ("Parent:Child" for sub-accounts), so account numbers must be switched off for
// the import; Name (customer/supplier) is only required on A/R and A/P lines. JournalDate MM/DD/YYYY by
// default (US companies); choose DD/MM/YYYY for companies set to day-first dates. Currency matters only
// with multicurrency switched on; leave the column unmapped otherwise.
// Docs: https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU
import type { JournalEntry, JournalLine } from '../../domain/settlements/journal-entry.js';
import { formatMinorUnits } from '../../domain/shared/money.js';
import { csvDocument } from './csv-text.js';
import { formatLedgerDate } from './ledger-dates.js';

export const QUICKBOOKS_JOURNAL_HEADER = [
  'JournalNo', 'JournalDate', 'Currency', 'Memo', 'AccountName', 'Debits', 'Credits', 'Description', 'Name',
] as const;

/** QuickBooks' limit on a journal number (DocNumber). */
export const QUICKBOOKS_JOURNAL_NO_MAX = 21;

export interface QuickBooksJournalOptions {
  readonly dateFormat?: 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'YYYY-MM-DD';
  /** Customer or supplier put on every line, e.g. "Amazon" when clearing is an A/R account. */
  readonly name?: string;
}

function record(entry: JournalEntry, line: JournalLine, options: QuickBooksJournalOptions): string[] {
  const amount = (minor: number) => (minor === 0 ? '' : formatMinorUnits(minor, entry.fractionDigits));
  return [
    entry.key,
    formatLedgerDate(entry.date, options.dateFormat ?? 'MM/DD/YYYY'),
    entry.currency,
    entry.memo,
    line.accountName,
    amount(line.debit),
    amount(line.credit),
    line.description,
    options.name ?? '',
  ];
}

export function toQuickBooksJournalCsv(entries: readonly JournalEntry[], options: QuickBooksJournalOptions = {}): string {
  const tooLong = entries.find((e) => e.key.length > QUICKBOOKS_JOURNAL_NO_MAX);
  if (tooLong !== undefined) throw new Error(`journal number ${tooLong.key} is longer than QuickBooks' ${QUICKBOOKS_JOURNAL_NO_MAX} characters`);
  return csvDocument(QUICKBOOKS_JOURNAL_HEADER, entries.flatMap((entry) => entry.lines.map((line) => record(entry, line, options))));
}
