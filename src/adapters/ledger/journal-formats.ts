// A settlement journal in each format finance imports: Xero manual journal CSV, QuickBooks journal CSV, JSON.
import type { SettlementJournal } from '../../domain/settlements/journal-entry.js';
import { toJournalJson } from './journal-json.js';
import { toQuickBooksJournalCsv } from './quickbooks-journal-csv.js';
import { toXeroManualJournalCsv } from './xero-manual-journal-csv.js';

export const EXPORT_FORMATS = ['xero', 'quickbooks', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportJournal(journal: SettlementJournal, format: ExportFormat): string {
  switch (format) {
    case 'xero': return toXeroManualJournalCsv(journal.entries);
    case 'quickbooks': return toQuickBooksJournalCsv(journal.entries);
    case 'json': return toJournalJson(journal.entries);
  }
}
