// What the settlement parser shares across a file: the header and locale it learnt, the running sum of
// amounts, the problem count, and the reading of amounts, dates and whole numbers with a problem (and
// its line) for everything that cannot be read. The row reader (settlement-row-reader.ts) and the line
// parser (settlement-line-parser.ts) build on it.
import { formatMinorUnits } from '../shared/money.js';
import { describeBadAmount, parseAmountIn, type SettlementLocale } from './settlement-amount.js';
import type { SettlementColumn } from './settlement-columns.js';
import { DATE_SHAPES, parseSettlementDate } from './settlement-date.js';
import { FieldMemo, newSpan, type LineFields } from './settlement-line-fields.js';
import type { SettlementHeader, SettlementProblem, SettlementRow } from './settlement-types.js';
import { NINE, ZERO } from './char-codes.js';

export type SettlementEvent =
  | { readonly kind: 'header'; readonly header: SettlementHeader }
  | { readonly kind: 'row'; readonly row: SettlementRow }
  | { readonly kind: 'problem'; readonly problem: SettlementProblem };

/** What the parser hands over: rows on their own (a million of them, no event object around each), the rest as events. */
export interface SettlementSink {
  row(row: SettlementRow): void;
  event(event: Exclude<SettlementEvent, { kind: 'row' }>): void;
}


export abstract class SettlementFieldReader {
  protected header: SettlementHeader | undefined;
  protected locale: SettlementLocale = 'decimal-point';
  protected stopped = false;
  protected problems = 0;
  protected sum = 0;
  protected unreadable = 0;
  /** The line being read is UTF-8 bytes, one character each (settlement-byte-text.ts). */
  protected utf8Bytes = false;
  private readonly span = newSpan();
  // Lines of one order share their posted dates: remembering recent ones per column saves most date parsing.
  private readonly postedDay = new FieldMemo<string>(1);
  private readonly postedDateTime = new FieldMemo<string>(1);

  constructor(protected readonly sink: SettlementSink) {}

  /** The amount in field `at` (minor units), added to the running sum; a problem when it cannot be read. */
  protected amount(fields: LineFields, at: number, column: SettlementColumn, lineNumber: number): number | undefined {
    const header = this.header;
    if (header === undefined) return undefined;
    const span = this.span;
    fields.span(at, span);
    const value = span.start === span.end ? undefined : parseAmountIn(span.text, span.start, span.end, this.locale, header.fractionDigits);
    if (value === undefined) {
      this.unreadable++;
      const text = span.text.slice(span.start, span.end);
      this.problem(lineNumber, `column ${column}: ${describeBadAmount(text, this.locale, header.fractionDigits, header.currency)}`);
      return undefined;
    }
    this.sum += value;
    return value;
  }

  /** The posted date in (non-empty) field `at`, ISO; a problem when it is not a date of this file's locale. */
  protected postedDate(fields: LineFields, at: number, column: 'posted-date' | 'posted-date-time', lineNumber: number): string | undefined {
    const memo = column === 'posted-date' ? this.postedDay : this.postedDateTime;
    const raw = fields.raw(at);
    const known = memo.recall(raw);
    if (known !== undefined) return known;
    const iso = this.date(fields.cell(at), column, lineNumber);
    return iso === undefined ? undefined : memo.remember(raw, iso);
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

  /** The whole number in field `at`; undefined when the field is empty or (a problem) not a whole number. */
  protected wholeNumber(fields: LineFields, at: number, column: SettlementColumn, lineNumber: number): number | undefined {
    const span = this.span;
    fields.span(at, span);
    if (span.start === span.end) return undefined;
    const text = span.text;
    let value = 0;
    for (let i = span.start; i < span.end; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) {
        value = Number.NaN;
        break;
      }
      value = value * 10 + (c - ZERO);
    }
    if (Number.isSafeInteger(value)) return value;
    this.problem(lineNumber, `column ${column}: '${text.slice(span.start, span.end)}' is not a whole number`);
    return undefined;
  }

  protected money(minor: number): string {
    const text = formatMinorUnits(minor, this.header?.fractionDigits ?? 2);
    return `${this.locale === 'decimal-comma' ? text.replace('.', ',') : text} ${this.header?.currency ?? ''}`;
  }

  protected problem(lineNumber: number, problem: string): void {
    this.problems++;
    this.sink.event({ kind: 'problem', problem: { lineNumber, problem } });
  }

  protected fatal(lineNumber: number, problem: string): void {
    this.problem(lineNumber, problem);
    this.stop();
  }

  protected stop(): void {
    this.stopped = true;
  }
}
