// The line-level core of settlement import: lines of text in, rows and problems out, synchronously and
// without I/O. It learns the format from the header line and the locale and currency from the summary
// row (the first data row), checks every later line against them (the rows themselves:
// settlement-row-reader.ts), and at the end checks the invariant that holds on every real file: Σ amount of the detail rows = total-amount, exactly.
// Anything it cannot read is a problem with its line; the caller refuses the whole file then.
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2".
import { currencyFractionDigits, describeBadAmount, parseAmount, type SettlementLocale } from './settlement-amount.js';
import { NO_COLUMNS, detectSettlementHeader, type ColumnIndex, type SettlementHeaderLayout } from './settlement-columns.js';
import { DATE_SHAPES, parseSettlementDate } from './settlement-date.js';
import type { SettlementSink } from './settlement-field-reader.js';
import { decodeUtf8Bytes } from './settlement-byte-text.js';
import { LineFields } from './settlement-line-fields.js';
import { SettlementRowReader } from './settlement-row-reader.js';
import type { SettlementFormat, SettlementHeader, SettlementRow } from './settlement-types.js';

export type { SettlementEvent, SettlementSink } from './settlement-field-reader.js';

export interface SettlementParseOutcome {
  readonly format?: SettlementFormat;
  readonly locale?: SettlementLocale;
  readonly header?: SettlementHeader;
  /** The last line number seen. */
  readonly lineCount: number;
  readonly rowCount: number;
  /** Σ of every detail amount that could be read (minor units), rows with problems included. */
  readonly detailAmountSum: number;
  readonly unreadableAmounts: number;
  readonly problemCount: number;
  /** Σ detail amounts = total-amount, exactly, with every amount read. */
  readonly balanced: boolean;
  /** False when a problem in the header or summary row stopped the reading (later lines unchecked). */
  readonly readToEnd: boolean;
}

export class SettlementLineParser extends SettlementRowReader {
  private layout: SettlementHeaderLayout | undefined;
  private ix: ColumnIndex = NO_COLUMNS;
  private readonly fields = new LineFields();
  private totalText = '';
  private lastLine = 0;

  constructor(sink: SettlementSink) {
    super(sink);
  }

  /** One line of the file without its line ending; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void {
    this.lineIn(text, 0, text.length, lineNumber);
  }

  /**
   * The line text[start, end) (without its line ending), read where it stands in a larger text;
   * `utf8Bytes`: the text's characters are UTF-8 bytes (settlement-byte-text.ts).
   */
  lineIn(text: string, start: number, end: number, lineNumber: number, utf8Bytes = false): void {
    this.lastLine = lineNumber;
    this.utf8Bytes = utf8Bytes;
    if (this.stopped || start === end || (text.charCodeAt(start) <= 32 && this.isBlank(text.slice(start, end)))) return;
    if (this.header !== undefined && this.readRepeatedV2(text, start, end, lineNumber)) return;
    const fields = this.fields;
    const template = this.header === undefined ? undefined : this.scanRepeatedStart(fields, text, start, end);
    const count = template === undefined ? fields.scan(text, start, end, utf8Bytes) : fields.count;
    if (this.layout === undefined) {
      const detected = detectSettlementHeader(fields.all());
      if (!detected.ok) return this.fatal(lineNumber, detected.error);
      this.layout = detected.value;
      this.ix = detected.value.index;
      this.learnColumns(this.ix, detected.value.format);
      return;
    }
    if (count !== this.layout.width) {
      const cut = count < this.layout.width ? ' (the line is cut off: is the file truncated?)' : '';
      return this.problem(lineNumber, `the line has ${count} columns, the header ${this.layout.width}${cut}`);
    }
    if (this.header === undefined) return this.readSummary(fields, lineNumber);
    const problems = this.problems;
    const rows = this.rows;
    const totalAt = this.ix['total-amount'];
    if (totalAt >= this.repeatedColumns(template) && !fields.isEmpty(totalAt) && !fields.is(totalAt, this.totalText)) {
      this.problem(lineNumber, `column total-amount: '${fields.cell(totalAt)}' differs from the summary row's '${this.totalText}' (line ${this.summaryLine})`);
    }
    this.readDetail(fields, lineNumber, template);
    if (this.rows > rows && this.problems === problems) this.rememberCleanRow(fields);
  }

  private isBlank(line: string): boolean {
    return (this.utf8Bytes ? decodeUtf8Bytes(line) : line).trim() === '';
  }

  /** A problem found outside the lines' content (their encoding); `fatal` stops the reading. */
  report(lineNumber: number, problem: string, fatal: boolean): void {
    if (fatal) this.fatal(lineNumber, problem);
    else this.problem(lineNumber, problem);
  }

  /** True once a problem has made the rest of the file unreadable. */
  get stoppedReading(): boolean {
    return this.stopped;
  }

  /** After the last line: the balance check, and the outcome. */
  finish(): SettlementParseOutcome {
    if (!this.stopped) {
      if (this.layout === undefined) this.problem(1, 'the file is empty');
      else if (this.header === undefined) this.problem(2, 'the file ends without the settlement summary row');
      else if (this.sum !== this.header.totalAmount) {
        const unread = this.unreadable > 0 ? ` (${this.unreadable} amount${this.unreadable > 1 ? 's' : ''} could not be read)` : '';
        this.problem(this.summaryLine,
          `the detail amounts sum to ${this.money(this.sum)}, but total-amount is ${this.money(this.header.totalAmount)}${unread}`);
      }
    }
    return {
      format: this.layout?.format,
      locale: this.header ? this.locale : undefined,
      header: this.header,
      lineCount: this.lastLine,
      rowCount: this.rows,
      detailAmountSum: this.sum,
      unreadableAmounts: this.unreadable,
      problemCount: this.problems,
      balanced: this.header !== undefined && !this.stopped && this.unreadable === 0 && this.sum === this.header.totalAmount,
      readToEnd: !this.stopped,
    };
  }

  private readSummary(fields: LineFields, lineNumber: number): void {
    const cell = (column: keyof ColumnIndex): string => fields.cell(this.ix[column]);
    const totalText = cell('total-amount');
    if (totalText === '') {
      return this.fatal(lineNumber, 'the first data line must be the settlement summary (settlement-id, dates, total-amount, currency), but its total-amount is empty');
    }
    const before = this.problems;
    const settlementId = cell('settlement-id');
    if (settlementId === '') this.problem(lineNumber, 'column settlement-id is empty');
    const startText = cell('settlement-start-date');
    const start = parseSettlementDate(startText);
    if (start === undefined) {
      this.problem(lineNumber, `column settlement-start-date: '${startText}' is not a date (expected ${DATE_SHAPES['decimal-comma']} HH:MM:SS UTC or ${DATE_SHAPES['decimal-point']} HH:MM:SS UTC)`);
      return this.stop();
    }
    this.locale = start.locale;
    const endDate = this.date(cell('settlement-end-date'), 'settlement-end-date', lineNumber);
    const depositDate = this.date(cell('deposit-date'), 'deposit-date', lineNumber);
    const currency = cell('currency');
    const fractionDigits = currencyFractionDigits(currency);
    if (fractionDigits === undefined) {
      this.problem(lineNumber, `column currency: '${currency}' is not a currency code`);
      return this.stop();
    }
    const totalAmount = parseAmount(totalText, this.locale, fractionDigits);
    if (totalAmount === undefined) this.problem(lineNumber, `column total-amount: ${describeBadAmount(totalText, this.locale, fractionDigits, currency)}`);
    if (this.problems > before || endDate === undefined || depositDate === undefined || totalAmount === undefined) return this.stop();
    this.summaryLine = lineNumber;
    this.totalText = totalText;
    this.header = {
      settlementId, startDate: start.iso, endDate, depositDate, currency, fractionDigits, totalAmount,
      format: this.layout?.format ?? 'v2',
    };
    this.sink.event({ kind: 'header', header: this.header });
    // Never seen, but a summary row that also carries money must not lose it.
    if (cell('transaction-type') !== '') this.readDetail(fields, lineNumber);
  }

  private readDetail(fields: LineFields, lineNumber: number, template?: SettlementRow): void {
    if (this.layout?.format === 'legacy') this.readLegacy(fields, lineNumber);
    else this.readV2(fields, lineNumber, template);
  }
}
