// Settlement files on disk, as chunk streams for the domain's readSettlement and back. A report
// document downloaded from getReportDocument is gzip-compressed (compressionAlgorithm GZIP) and may be
// stored as it came: such a file is decompressed on the fly.
// Docs: ../shared/docs/amazon-facts.md, "Reports 2021-06-30".
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface OpenSettlementFileOptions {
  /** Bytes per chunk read (default 256 KiB). */
  readonly chunkSize?: number;
}

/** The file's bytes, chunk by chunk (decompressed when gzip). Stopping early closes the file. */
export async function* openSettlementFile(path: string, options: OpenSettlementFileOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const gzip = await startsWithGzipMagic(path);
  const file = createReadStream(path, { highWaterMark: options.chunkSize ?? 256 * 1024 });
  const stream: Readable = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    stream.destroy();
    file.destroy();
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
