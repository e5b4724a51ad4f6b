// The journal as JSON, for scripts and for accounting tools without a CSV import. Amounts twice: as
// the decimal string a person reads ("196.65", never a float) and as integer minor units for programs.
import type { JournalEntry } from '../../domain/settlements/journal-entry.js';
import { formatMinorUnits } from '../../domain/shared/money.js';

export const JOURNAL_JSON_FORMAT = 'fba-bridge.journal/1';

export function journalJsonDocument(entries: readonly JournalEntry[]): unknown {
  return {
    format: JOURNAL_JSON_FORMAT,
    entries: entries.map(({ lines, ...entry }) => ({
      ...entry,
      lines: lines.map((line) => ({
        ...line,
        debit: formatMinorUnits(line.debit, entry.fractionDigits),
        credit: formatMinorUnits(line.credit, entry.fractionDigits),
        debitMinor: line.debit,
        creditMinor: line.credit,
      })),
    })),
  };
}

export function toJournalJson(entries: readonly JournalEntry[]): string {
  return JSON.stringify(journalJsonDocument(entries), null, 2) + '\n';
}
