// Settlement files on disk, as chunk streams for the domain's readSettlement and back. A report
// document downloaded from getReportDocument is gzip-compressed (compressionAlgorithm GZIP) and may be
// stored as it came: such a file is decompressed on the fly.
// Docs: ../shared/docs/amazon-facts.md, "Reports 2021-06-30".
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface OpenSettlementFileOptions {
  /** Bytes per chunk read (default 64 KiB). */
  readonly chunkSize?: number;
  /** Most bytes the (decompressed) file may hold. Default 4 GiB, far beyond any real settlement report. */
  readonly maxBytes?: number;
  /** Longest line in bytes. Default 64 KiB: a settlement row is well under 1 KiB. */
  readonly maxLineBytes?: number;
}

// Chunks are decoded to text one by one: text of more than 128 KiB lands in V8's large-object space,
// each on pages of its own, which makes decoding 256 KiB chunks twice as slow as 64 KiB ones.
const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;
const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** A settlement file that cannot be read as one: the message is one line a person can act on. */
export class SettlementFileError extends Error {
  override readonly name = 'SettlementFileError';
}

/**
 * The file's bytes, chunk by chunk (decompressed when gzip). Stopping early closes the file. A small
 * gzip can unpack to gigabytes in one line, so the decompressed size and the line length are capped:
 * past either the reading stops with a SettlementFileError, before the memory is spent.
 */
export async function* openSettlementFile(path: string, options: OpenSettlementFileOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const gzip = await checkReadable(path);
  const file = createReadStream(path, { highWaterMark: options.chunkSize ?? DEFAULT_CHUNK_BYTES });
  const stream: Readable = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  let total = 0;
  let lineBytes = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Uint8Array;
      total += bytes.byteLength;
      if (total > maxBytes) throw new SettlementFileError(`${path}: larger than ${maxBytes} bytes${gzip ? ' once decompressed' : ''}; a settlement report is far smaller — is this the right file?`);
      const firstNewline = bytes.indexOf(0x0a);
      let longest: number;
      if (firstNewline === -1) {
        lineBytes += bytes.byteLength;
        longest = lineBytes;
      } else {
        const lastNewline = bytes.lastIndexOf(0x0a);
        longest = Math.max(lineBytes + firstNewline, longestLineBetween(bytes, firstNewline, lastNewline, maxLineBytes));
        lineBytes = bytes.byteLength - lastNewline - 1;
        longest = Math.max(longest, lineBytes);
      }
      if (longest > maxLineBytes) {
        throw new SettlementFileError(`${path}: a line longer than ${maxLineBytes} bytes; settlement rows are far shorter — the file is damaged or not a settlement report`);
      }
      yield bytes;
    }
  } catch (error) {
    if (error instanceof SettlementFileError) throw error;
    throw new SettlementFileError(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
    file.destroy();
  }
}

/** The longest line between two newlines of a chunk (0 when that stretch cannot hold a line over the cap). */
function longestLineBetween(bytes: Uint8Array, first: number, last: number, cap: number): number {
  if (last - first <= cap) return 0;
  let longest = 0;
  for (let start = first + 1; start <= last;) {
    const end = bytes.indexOf(0x0a, start);
    longest = Math.max(longest, end - start);
    start = end + 1;
  }
  return longest;
}

/** One line for a path that is no file or cannot be read, instead of a stack; true when the file is gzip. */
async function checkReadable(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new SettlementFileError(`${path} is a directory, not a settlement file`);
    if (!info.isFile()) throw new SettlementFileError(`${path} is not a regular file`);
    return await startsWithGzipMagic(path);
  } catch (error) {
    if (error instanceof SettlementFileError) throw error;
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'it does not exist (ENOENT)' : code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : error instanceof Error ? error.message : String(error);
    throw new SettlementFileError(`${path} cannot be read: ${why}`);
  }
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export interface WriteSettlementFileOptions {
  /** 'latin1' writes ISO-8859-1 bytes, as older exports and Excel do (default 'utf-8'). */
  readonly encoding?: 'utf-8' | 'latin1';
  /** Start a UTF-8 file with a byte order mark. */
  readonly byteOrderMark?: boolean;
}

const BATCH_CHARS = 1 << 20;
const NOT_LATIN1 = /[\u0100-\uffff]/;

/** Writes `text` chunks (lines with their endings, e.g. from the settlement generator) to `path`. */
export async function writeSettlementFile(path: string, text: Iterable<string>, options: WriteSettlementFileOptions = {}): Promise<{ bytes: number }> {
  const encoding = options.encoding ?? 'utf-8';
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  const write = async (chunk: string): Promise<void> => {
    const beyondLatin1 = encoding === 'latin1' ? NOT_LATIN1.exec(chunk) : null;
    if (beyondLatin1) throw new RangeError(`'${beyondLatin1[0]}' cannot be written in Latin-1`);
    const buffer = Buffer.from(chunk, encoding === 'latin1' ? 'latin1' : 'utf8');
    bytes += buffer.length;
    if (!out.write(buffer)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    if (options.byteOrderMark && encoding === 'utf-8') await write('\ufeff');
    let batch = '';
    for (const piece of text) {
      batch += piece;
      if (batch.length >= BATCH_CHARS) {
        await write(batch);
        batch = '';
      }
    }
    if (batch !== '') await write(batch);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { bytes };
}
