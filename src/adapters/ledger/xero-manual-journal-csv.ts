// Xero manual journal import file (Accounting › Manual Journals › Import). Columns as in Xero's own
// template; a journal is the group of rows sharing *Narration and *Date, so each entry's memo (unique,
// with its key) is the narration. *Amount is signed: positive = debit, negative = credit. *Date as
// "dd mmm yyyy" (e.g. "27 Oct 2024") by default: one of the two formats Xero accepts, and the one that
// cannot be read the wrong way round by an organisation set to US dates. Xero imports at most 300 lines
// per file. Manual journals are in the organisation's base currency: the file carries no currency.
// Docs: https://help.xero.com/nz/ManualJournalsImport
import type { JournalEntry, JournalLine } from '../../domain/settlements/journal-entry.js';
import { formatMinorUnits } from '../../domain/shared/money.js';
import { csvDocument } from './csv-text.js';
import { formatLedgerDate } from './ledger-dates.js';

export const XERO_MANUAL_JOURNAL_HEADER = [
  '*Narration', '*Date', 'Description', '*AccountCode', '*TaxRate', '*Amount',
  'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2',
] as const;

export const XERO_MAX_LINES_PER_FILE = 300;

export interface XeroTracking {
  /** A tracking category that exists in the organisation, e.g. "Channel". */
  readonly name: string;
  readonly option: string;
}

export interface XeroManualJournalOptions {
  /** For lines whose account has no taxRate in the chart; must be a tax rate of the organisation. Default "No VAT". */
  readonly defaultTaxRate?: string;
  readonly dateFormat?: 'DD MMM YYYY' | 'DD/MM/YYYY';
  /** Up to two tracking categories put on every line, e.g. [{ name: 'Channel', option: 'Amazon DE' }]. */
  readonly tracking?: readonly XeroTracking[];
}

function record(entry: JournalEntry, line: JournalLine, options: XeroManualJournalOptions): string[] {
  const [first, second] = options.tracking ?? [];
  return [
    entry.memo,
    formatLedgerDate(entry.date, options.dateFormat ?? 'DD MMM YYYY'),
    line.description,
    line.accountCode,
    line.taxRate ?? options.defaultTaxRate ?? 'No VAT',
    formatMinorUnits(line.debit - line.credit, entry.fractionDigits),
    first?.name ?? '', first?.option ?? '', second?.name ?? '', second?.option ?? '',
  ];
}

export function toXeroManualJournalCsv(entries: readonly JournalEntry[], options: XeroManualJournalOptions = {}): string {
  if ((options.tracking?.length ?? 0) > 2) throw new Error('Xero manual journals take at most two tracking categories');
  return csvDocument(XERO_MANUAL_JOURNAL_HEADER, entries.flatMap((entry) => entry.lines.map((line) => record(entry, line, options))));
}

/**
 * Splits entries into import files of at most `maxLines` lines without splitting an entry; entries
 * longer than that on their own are listed in `oversized` (Xero cannot import them from a file).
 */
export function groupForXeroImport(entries: readonly JournalEntry[], maxLines = XERO_MAX_LINES_PER_FILE): { files: JournalEntry[][]; oversized: string[] } {
  const files: JournalEntry[][] = [];
  const oversized: string[] = [];
  let current: JournalEntry[] = [];
  let lines = 0;
  for (const entry of entries) {
    if (entry.lines.length > maxLines) {
      oversized.push(entry.key);
      continue;
    }
    if (lines + entry.lines.length > maxLines && current.length > 0) {
      files.push(current);
      current = [];
      lines = 0;
    }
    current.push(entry);
    lines += entry.lines.length;
  }
  if (current.length > 0) files.push(current);
  return { files, oversized };
}
