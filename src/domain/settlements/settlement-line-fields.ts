// The tab-separated fields of one settlement line, read in place. A million-row file would otherwise
// build a million arrays of some 25 strings (String.prototype.split), most of them empty or the same
// as on the line before: here the line is scanned once for its tabs, and a field becomes a string only
// when it is asked for. Values repeated from line to line (classification values, posted dates, the
// settlement id) are told apart from the few seen before (FieldMemo) instead of looked up again.
// A field is read without the blanks real files pad values with ('321.69    '), as String.trim does.
// A line may be UTF-8 bytes, one character each (settlement-byte-text.ts): its fields are decoded when
// handed on as values (cell, span, all), and compared as they stand (before, after, stretch).
import { decodeUtf8Bytes, holdsMultiByte } from './settlement-byte-text.js';

const BLANK = 32;

export class LineFields {
  private text = '';
  /** The text's characters are UTF-8 bytes. */
  private utf8Bytes = false;
  // starts[i]: where field i begins; the field ends one before starts[i + 1] (its tab, or the line end + 1).
  private starts = new Int32Array(64);
  /** How many fields the line has. */
  count = 0;

  /** Finds the fields of text[start, end) (no line ending); returns their count. `utf8Bytes`: see the top. */
  scan(text: string, start: number, end: number, utf8Bytes = false): number {
    this.text = text;
    this.utf8Bytes = utf8Bytes;
    this.starts[0] = start;
    return this.scanFrom(text, start, end, 1);
  }

  /**
   * The same for a line whose first `known` fields stand where `offsets` (from the line's start, as
   * kept by `offsets`) says — a line that repeats another's text up to the tab before field `known`:
   * only the rest is scanned.
   */
  scanAfter(text: string, start: number, end: number, offsets: Int32Array, known: number, utf8Bytes = false): number {
    this.text = text;
    this.utf8Bytes = utf8Bytes;
    if (this.starts.length < known + 2) this.starts = new Int32Array(Math.max(this.starts.length * 2, known + 2));
    const starts = this.starts;
    for (let i = 0; i <= known; i++) starts[i] = start + (offsets[i] as number);
    return this.scanFrom(text, starts[known] as number, end, known + 1);
  }

  /** Where fields 0 … `known` start, from the line's start (for scanAfter), written to `offsets` (or a new array when it is too short). */
  offsets(known: number, offsets: Int32Array): Int32Array {
    if (offsets.length <= known) offsets = new Int32Array(known + 1);
    const start = this.starts[0] as number;
    for (let i = 0; i <= known; i++) offsets[i] = (this.starts[i] as number) - start;
    return offsets;
  }

  /** Scans text[from, end) for tabs; fields 0 … n - 1 are known, the next one starts at `from`. */
  private scanFrom(text: string, from: number, end: number, known: number): number {
    let starts = this.starts;
    let n = known;
    for (let at = text.indexOf('\t', from); at >= 0 && at < end; at = text.indexOf('\t', at + 1)) {
      if (n + 1 >= starts.length) {
        const wider = new Int32Array(starts.length * 2);
        wider.set(starts);
        this.starts = starts = wider;
      }
      starts[n++] = at + 1;
    }
    starts[n] = end + 1;
    this.count = n;
    return n;
  }

  /** The field (blanks around it removed); '' for a column the file does not have (at < 0) or the line lacks. */
  cell(at: number): string {
    if (at < 0 || at >= this.count) return '';
    const start = this.starts[at] as number;
    const end = (this.starts[at + 1] as number) - 1;
    if (start === end) return '';
    const text = this.text;
    // A multi-byte character's bytes are all from 0x80 up: the test for blanks reads the same on bytes.
    return text.charCodeAt(start) <= BLANK || text.charCodeAt(end - 1) <= BLANK ? this.piece(start, end).trim() : this.piece(start, end);
  }

  /** text[start, end) as characters (decoded when the text is UTF-8 bytes). */
  private piece(start: number, end: number): string {
    const piece = this.text.slice(start, end);
    return this.utf8Bytes ? decodeUtf8Bytes(piece) : piece;
  }

  /**
   * The field as it stands: blanks kept, bytes not decoded. The same text is the same field, so this
   * is the key under which what was read from a field is remembered (FieldMemo).
   */
  raw(at: number): string {
    return at < 0 || at >= this.count ? '' : this.text.slice(this.starts[at], (this.starts[at + 1] as number) - 1);
  }

  /** The field, or undefined when it is empty. */
  optional(at: number): string | undefined {
    const value = this.cell(at);
    return value === '' ? undefined : value;
  }

  /** Every field as written (the header line; a line with the wrong number of columns). */
  all(): string[] {
    const fields: string[] = [];
    for (let i = 0; i < this.count; i++) fields.push(this.piece(this.starts[i] as number, (this.starts[i + 1] as number) - 1));
    return fields;
  }

  /** The line's text before field `at`, its tab included ('' for the first field); as it stands (bytes, maybe). */
  before(at: number): string {
    return this.text.slice(this.starts[0], this.starts[at]);
  }

  /** The text the line is read from (a whole chunk: the line is a stretch of it), as it stands. */
  get source(): string {
    return this.text;
  }

  /** Where field `at` begins in `source` (0 ≤ at ≤ count). */
  startOf(at: number): number {
    return this.starts[at] as number;
  }

  /** The line's text from field `from`'s start to field `to`'s, the tab before `to` included (from < to); as it stands. */
  stretch(from: number, to: number): string {
    return this.text.slice(this.starts[from], this.starts[to]);
  }

  /** The line's text after field `at`, from the tab that ends it ('' for the last field); as it stands. */
  after(at: number): string {
    return at + 1 >= this.count ? '' : this.text.slice((this.starts[at + 1] as number) - 1, (this.starts[this.count] as number) - 1);
  }

  /** The field is empty (or only blanks). */
  isEmpty(at: number): boolean {
    if (at < 0 || at >= this.count) return true;
    const start = this.starts[at] as number;
    const end = (this.starts[at + 1] as number) - 1;
    if (start === end) return true;
    const text = this.text;
    return text.charCodeAt(start) <= BLANK || text.charCodeAt(end - 1) <= BLANK ? this.piece(start, end).trim() === '' : false;
  }

  /** The field equals `value` (blanks around the field ignored). */
  is(at: number, value: string): boolean {
    if (at < 0 || at >= this.count) return value === '';
    // The field as it stands, most of the time (bytes stand for themselves only below 0x80); else read.
    // Its bytes are never fewer than its characters.
    if ((this.starts[at + 1] as number) - 1 - (this.starts[at] as number) < value.length) return false;
    const raw = this.raw(at);
    return (raw === value && !(this.utf8Bytes && holdsMultiByte(raw, 0, raw.length))) || this.cell(at) === value;
  }

  /**
   * Where the field's text begins and ends in `source` (blanks around it excluded): for readers that
   * parse a field where it stands (amounts, whole numbers). Written to `span` to allocate nothing.
   */
  span(at: number, span: FieldSpan): void {
    span.text = this.text;
    if (at < 0 || at >= this.count) {
      span.start = 0;
      span.end = 0;
      span.text = '';
      return;
    }
    let start = this.starts[at] as number;
    let end = (this.starts[at + 1] as number) - 1;
    const text = this.text;
    const padded = start < end && (text.charCodeAt(start) <= BLANK || text.charCodeAt(end - 1) <= BLANK);
    if (padded || (this.utf8Bytes && holdsMultiByte(text, start, end))) {
      // Trimmed as String.trim does (its notion of blank is wider than ASCII), decoded: read the copy.
      const piece = this.piece(start, end);
      span.text = padded ? piece.trim() : piece;
      start = 0;
      end = span.text.length;
    }
    span.start = start;
    span.end = end;
  }
}

/** A stretch of text: a field as it stands in its line (see LineFields.span). */
export interface FieldSpan {
  text: string;
  start: number;
  end: number;
}

export function newSpan(): FieldSpan {
  return { text: '', start: 0, end: 0 };
}

/**
 * What a column's recent values turned into (their canonical spelling, a parsed date), for values that
 * come back line after line: telling a value from the few remembered costs less than looking it up
 * (hashing it) or parsing it again. `context` is what else the value depends on (a description's amount
 * type). Holds `size` values, the most recent tried first.
 */
export class FieldMemo<T> {
  private readonly texts: string[] = [];
  private readonly contexts: string[] = [];
  private readonly values: T[] = [];
  private last = -1;

  constructor(private readonly size: number) {}

  /** The value remembered for `text` (with the same context), else undefined. */
  recall(text: string, context = ''): T | undefined {
    const texts = this.texts;
    const n = texts.length;
    for (let k = 0, i = this.last; k < n; k++, i = i === 0 ? n - 1 : i - 1) {
      if (texts[i] === text && this.contexts[i] === context) return this.values[i];
    }
    return undefined;
  }

  remember(text: string, value: T, context = ''): T {
    const i = this.last = (this.last + 1) % this.size;
    this.texts[i] = text;
    this.contexts[i] = context;
    this.values[i] = value;
    return value;
  }
}
