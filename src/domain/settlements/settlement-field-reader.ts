// What the settlement parser shares across a file: the header and locale it learnt, the running sum of
// amounts, the problem count, and the reading of amounts and dates with a problem (and its line) for
// everything that cannot be read. The line parser (settlement-line-parser.ts) builds on it.
import { formatMinorUnits } from '../shared/money.js';
import { describeBadAmount, parseAmount, type SettlementLocale } from './settlement-amount.js';
import type { SettlementColumn } from './settlement-columns.js';
import { DATE_SHAPES, parseSettlementDate } from './settlement-date.js';
import type { SettlementHeader, SettlementProblem, SettlementRow } from './settlement-types.js';

export type SettlementEvent =
  | { readonly kind: 'header'; readonly header: SettlementHeader }
  | { readonly kind: 'row'; readonly row: SettlementRow }
  | { readonly kind: 'problem'; readonly problem: SettlementProblem };

export abstract class SettlementFieldReader {
  protected header: SettlementHeader | undefined;
  protected locale: SettlementLocale = 'decimal-point';
  protected stopped = false;
  protected problems = 0;
  protected sum = 0;
  protected unreadable = 0;
  // Lines of one order share their posted dates: remembering the last one per column saves most date parsing.
  private readonly lastPostedText = ['', ''];
  private readonly lastPostedIso = ['', ''];

  constructor(protected readonly emit: (event: SettlementEvent) => void) {}

  protected amount(text: string, column: SettlementColumn, lineNumber: number): number | undefined {
    const header = this.header;
    if (header === undefined) return undefined;
    const value = text === '' ? undefined : parseAmount(text, this.locale, header.fractionDigits);
    if (value === undefined) {
      this.unreadable++;
      this.problem(lineNumber, `column ${column}: ${describeBadAmount(text, this.locale, header.fractionDigits, header.currency)}`);
      return undefined;
    }
    this.sum += value;
    return value;
  }

  protected postedDate(text: string, column: 'posted-date' | 'posted-date-time', lineNumber: number): string | undefined {
    const slot = column === 'posted-date' ? 0 : 1;
    if (this.lastPostedText[slot] === text) return this.lastPostedIso[slot];
    const iso = this.date(text, column, lineNumber);
    if (iso !== undefined) {
      this.lastPostedText[slot] = text;
      this.lastPostedIso[slot] = iso;
    }
    return iso;
  }

  protected date(text: string, column: SettlementColumn, lineNumber: number): string | undefined {
    const parsed = parseSettlementDate(text);
    if (parsed === undefined) {
      this.problem(lineNumber, `column ${column}: '${text}' is not a date (expected ${DATE_SHAPES[this.locale]} HH:MM:SS UTC)`);
      return undefined;
    }
    if (parsed.locale !== this.locale) {
      this.problem(lineNumber, `column ${column}: '${text}' is a ${DATE_SHAPES[parsed.locale]} date, but this file writes ${DATE_SHAPES[this.locale]} dates (a file must not mix locales)`);
      return undefined;
    }
    return parsed.iso;
  }

  protected money(minor: number): string {
    const text = formatMinorUnits(minor, this.header?.fractionDigits ?? 2);
    return `${this.locale === 'decimal-comma' ? text.replace('.', ',') : text} ${this.header?.currency ?? ''}`;
  }

  protected problem(lineNumber: number, problem: string): void {
    this.problems++;
    this.emit({ kind: 'problem', problem: { lineNumber, problem } });
  }

  protected fatal(lineNumber: number, problem: string): void {
    this.problem(lineNumber, problem);
    this.stop();
  }

  protected stop(): void {
    this.stopped = true;
  }
}
