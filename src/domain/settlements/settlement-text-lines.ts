// Chunks of a settlement file → numbered lines of text. Chunks may end anywhere (inside a line, inside
// a UTF-8 sequence); lines end with LF or CRLF, the last one possibly with neither; a UTF-8 byte order
// mark is dropped. Amazon writes UTF-8, but files saved by Excel and older exports are Latin-1: bytes
// that are not valid UTF-8 switch the file to Windows-1252 (Latin-1 plus € and the typographic
// quotes in 0x80–0x9F, which is what "Latin-1" files from Windows hold). The switch is safe while all
// text before it was ASCII; a file that had real UTF-8 text and then invalid bytes mixes encodings
// and is a problem.
// Blocks are cut after a line feed, which is never part of a UTF-8 sequence, so each block decodes
// on its own: no decoder state crosses a chunk boundary.
// A block of valid UTF-8 is not decoded but viewed byte for byte (settlement-byte-text.ts): its lines
// are handed on with `utf8Bytes` set, and the reader decodes the few fields that need it.
import { Buffer, isAscii, isUtf8 } from 'node:buffer';

export type SettlementEncoding = 'utf-8' | 'windows-1252';

export interface TextLinesSink {
  /**
   * The line text[start, end), without its line ending: read where it stands, never cut out.
   * `utf8Bytes`: the text's characters are the line's UTF-8 bytes (settlement-byte-text.ts).
   */
  line(text: string, start: number, end: number, lineNumber: number, utf8Bytes: boolean): void;
  /** `fatal`: nothing more can be read. */
  problem(lineNumber: number, problem: string, fatal: boolean): void;
}

export interface TextLinesSummary {
  readonly encoding: SettlementEncoding;
  readonly byteOrderMark: boolean;
}

const LF = 10;
const CR = 13;

export class SettlementTextLines {
  private encoding: SettlementEncoding = 'utf-8';
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly utf8Lossy = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly windows1252 = new TextDecoder('windows-1252');
  private sawUtf8Text = false;
  private mixed = false;
  private byteOrderMark = false;
  private started = false;
  private stopped = false;
  private pending: Uint8Array[] = [];
  private pendingText = '';
  private lineNumber = 0;
  /** The text being emitted holds UTF-8 bytes, one character each. */
  private utf8Bytes = false;

  constructor(private readonly sink: TextLinesSink) {}

  push(chunk: Uint8Array | string): void {
    if (this.stopped) return;
    if (typeof chunk === 'string') this.pushText(chunk);
    else this.pushBytes(chunk);
  }

  /** What has been learnt about the text so far. */
  get summary(): TextLinesSummary {
    return { encoding: this.encoding, byteOrderMark: this.byteOrderMark };
  }

  /** After the last chunk: the unfinished last line, if any. */
  end(): TextLinesSummary {
    if (!this.stopped) {
      if (this.pending.length > 0) {
        const bytes = this.startBytes(concat(this.pending));
        this.pending = [];
        if (bytes !== undefined && bytes.length > 0) this.emitText(this.decode(bytes), false);
      } else if (this.pendingText !== '') {
        this.utf8Bytes = false;
        this.emitText(this.pendingText, false);
      }
      this.pendingText = '';
    }
    return this.summary;
  }

  private pushText(chunk: string): void {
    this.utf8Bytes = false;
    let text = this.pendingText + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        this.byteOrderMark = true;
        text = text.slice(1);
      }
    }
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.pendingText = text;
      return;
    }
    this.pendingText = text.slice(last + 1);
    this.emitText(text.slice(0, last + 1), true);
  }

  private pushBytes(chunk: Uint8Array): void {
    const last = chunk.lastIndexOf(LF);
    if (last < 0) {
      if (chunk.length > 0) this.pending.push(chunk.slice());
      return;
    }
    let block: Uint8Array | undefined;
    if (this.pending.length > 0 || !this.started) {
      // The line the previous chunks began, up to this chunk's first line feed, then the rest.
      const first = chunk.indexOf(LF);
      block = this.startBytes(concat([...this.pending, chunk.subarray(0, first + 1)]));
      this.pending = [];
      if (block === undefined) return;
      this.emitText(this.decode(block), true);
      if (first < last) this.emitText(this.decode(chunk.subarray(first + 1, last + 1)), true);
    } else {
      this.emitText(this.decode(chunk.subarray(0, last + 1)), true);
    }
    if (last + 1 < chunk.length) this.pending.push(chunk.slice(last + 1));
  }

  /** The first bytes of the file: drop a UTF-8 byte order mark, refuse what cannot be text. */
  private startBytes(bytes: Uint8Array): Uint8Array | undefined {
    if (this.started) return bytes;
    this.started = true;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.byteOrderMark = true;
      return bytes.subarray(3);
    }
    const refusal = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
      ? 'the file is UTF-16; settlement files are read as UTF-8 or Latin-1'
      : bytes[0] === 0x1f && bytes[1] === 0x8b ? 'the file is gzip-compressed; decompress it first' : undefined;
    if (refusal === undefined) return bytes;
    this.stopped = true;
    this.sink.problem(1, refusal, true);
    return undefined;
  }

  /**
   * The block as text. Valid UTF-8 (ASCII included) is viewed byte for byte, not decoded: a copy, where
   * decoding costs four times as much (settlement-byte-text.ts); `utf8Bytes` says so when it holds a
   * multi-byte character. Anything else is decoded: as Windows-1252 when all before was ASCII, else
   * lossily, with a problem on its first invalid line.
   */
  private decode(bytes: Uint8Array): string {
    this.utf8Bytes = false;
    if (this.encoding === 'windows-1252') return this.windows1252.decode(bytes);
    if (this.mixed) return this.utf8Lossy.decode(bytes);
    const ascii = isAscii(bytes);
    if (ascii || isUtf8(bytes)) {
      if (!ascii) this.sawUtf8Text = true;
      this.utf8Bytes = !ascii;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    }
    const invalid = this.firstInvalidLine(bytes);
    if (!this.sawUtf8Text && !bytes.subarray(0, invalid.start).some((b) => b >= 0x80)) {
      this.encoding = 'windows-1252';
      return this.windows1252.decode(bytes);
    }
    this.mixed = true;
    this.sink.problem(this.lineNumber + 1 + invalid.index,
      'the line is not valid UTF-8, but earlier lines are UTF-8 text (a file must be in one encoding)', false);
    return this.utf8Lossy.decode(bytes);
  }

  /** The first line of `bytes` that is not valid UTF-8: its index (0-based) and where it starts. */
  private firstInvalidLine(bytes: Uint8Array): { index: number; start: number } {
    let start = 0;
    for (let index = 0; ; index++) {
      const end = bytes.indexOf(LF, start);
      try {
        this.utf8.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
      } catch {
        return { index, start };
      }
      if (end < 0) return { index, start };
      start = end + 1;
    }
  }

  /** Emits the lines of `text`; `complete`: it ends with a line feed (no unfinished last line). */
  private emitText(text: string, complete: boolean): void {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) {
        if (!complete && start < text.length) this.emitLine(text, start, text.length);
        return;
      }
      this.emitLine(text, start, end);
      start = end + 1;
    }
  }

  private emitLine(text: string, start: number, end: number): void {
    const cut = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    this.sink.line(text, start, cut, ++this.lineNumber, this.utf8Bytes);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
