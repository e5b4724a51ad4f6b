// What openSettlementFile refuses, each with one line a person can act on: a directory, a missing file,
// a gzip that unpacks to one enormous line, a file beyond the size cap.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSettlementFile, SettlementFileError, type OpenSettlementFileOptions } from './settlement-file.js';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'settlement-limits-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(path: string, options?: OpenSettlementFileOptions): Promise<number> {
  let bytes = 0;
  for await (const chunk of openSettlementFile(path, options)) bytes += chunk.byteLength;
  return bytes;
}

async function refusal(path: string, options?: OpenSettlementFileOptions): Promise<string> {
  try {
    await readAll(path, options);
  } catch (error) {
    assert.ok(error instanceof SettlementFileError, `a SettlementFileError, not ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('expected the file to be refused');
}

describe('openSettlementFile: limits', () => {
  it('a directory or a missing path is one line, not a stack', async () => {
    assert.equal(await refusal(dir), `${dir} is a directory, not a settlement file`);
    assert.match(await refusal(join(dir, 'nope.txt')), /nope\.txt cannot be read: it does not exist \(ENOENT\)$/);
  });

  it('a small gzip that unpacks to one huge line stops at the line cap, long before the memory goes', async () => {
    const path = join(dir, 'bomb.txt.gz');
    writeFileSync(path, gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x41)));
    assert.match(await refusal(path, { chunkSize: 64 * 1024 }), /a line longer than 65536 bytes/);
  });

  it('a long line between short ones in one chunk is found too', async () => {
    const path = join(dir, 'long-middle.txt');
    writeFileSync(path, `a\tb\n${'x'.repeat(2_000)}\nc\td\n`);
    assert.match(await refusal(path, { maxLineBytes: 1_000 }), /a line longer than 1000 bytes/);
    assert.equal(await readAll(path, { maxLineBytes: 5_000 }), 2_009);
  });

  it('a file beyond the size cap is refused, saying so', async () => {
    const path = join(dir, 'big.txt.gz');
    writeFileSync(path, gzipSync(Buffer.from('settlement-id\ttotal\n'.repeat(10_000))));
    assert.match(await refusal(path, { maxBytes: 50_000 }), /larger than 50000 bytes once decompressed/);
    assert.equal(await readAll(path), 200_000);
  });
});
