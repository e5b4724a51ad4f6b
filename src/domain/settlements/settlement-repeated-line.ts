// The lines of one order in a V2 file differ only in amount-type, amount-description and amount: the
// settlement id, transaction type, order ids, marketplace, dates, item and SKU repeat line after line.
// When a line's text before those columns and after them is the previous clean row's, character for
// character, every field there is that row's too — so are the values read from them (and, the row
// having been clean, they hold no problem). Two comparisons and a scan of three fields then stand for
// reading some twenty fields again. Only for files whose three varying columns sit side by side (all
// real ones); other column orders are read field by field.
import type { LineFields } from './settlement-line-fields.js';
import type { SettlementRow } from './settlement-types.js';

export class RepeatedLine {
  private prefix = '';
  private suffix = '';
  private template: SettlementRow | undefined;
  private prefixOffsets: Int32Array = new Int32Array(1);
  /** Where the varying fields of the last matched line begin and end. */
  middleStart = 0;
  middleEnd = 0;
  /** The last line tried (match) repeats the remembered row's text before the varying columns, if not after them. */
  prefixMatched = false;

  /**
   * @param first the first of the varying columns (their positions are first … first + count - 1)
   * @param count how many there are
   */
  private constructor(readonly first: number, private readonly count: number) {}

  /** For a file whose varying columns are at `positions` (-1: absent); undefined when they are not side by side. */
  static of(positions: readonly number[]): RepeatedLine | undefined {
    if (positions.some((p) => p < 0)) return undefined;
    const first = Math.min(...positions);
    return Math.max(...positions) - first + 1 === positions.length ? new RepeatedLine(first, positions.length) : undefined;
  }

  /** The clean row read from this line's fields: later lines that repeat its other fields take them from it. */
  remember(fields: LineFields, row: SettlementRow): void {
    const last = this.first + this.count - 1;
    this.prefix = fields.before(this.first);
    this.suffix = fields.after(last);
    this.prefixOffsets = fields.offsets(this.first, this.prefixOffsets);
    this.template = this.prefix === '' && this.suffix === '' ? undefined : row;
  }

  forget(): void {
    this.template = undefined;
  }

  /**
   * The remembered row when text[start, end) repeats its fields outside the varying columns (which are
   * then text[middleStart, middleEnd)), else undefined.
   */
  match(text: string, start: number, end: number): SettlementRow | undefined {
    this.prefixMatched = false;
    const template = this.template;
    if (template === undefined) return undefined;
    const prefix = this.prefix;
    const suffix = this.suffix;
    const middleStart = start + prefix.length;
    const middleEnd = end - suffix.length;
    // Cut out and compared with ===: V8 compares two strings' characters far faster than startsWith does.
    if (middleStart > end || text.slice(start, middleStart) !== prefix) return undefined;
    this.prefixMatched = prefix !== '';
    if (middleEnd < middleStart || text.slice(middleEnd, end) !== suffix) return undefined;
    this.middleStart = middleStart;
    this.middleEnd = middleEnd;
    return template;
  }

  /**
   * After a `match` that found only the text before the varying columns repeated (prefixMatched): the
   * line's fields found with those of that text taken as they were (LineFields.scanAfter), and the
   * remembered row, whose values read from columns before `first` are this line's too.
   */
  scanAfterPrefix(fields: LineFields, text: string, start: number, end: number, utf8Bytes: boolean): SettlementRow | undefined {
    if (!this.prefixMatched) return undefined;
    fields.scanAfter(text, start, end, this.prefixOffsets, this.first, utf8Bytes);
    return this.template;
  }
}
