import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8Bytes, holdsMultiByte } from './settlement-byte-text.js';
import { SettlementTextLines } from './settlement-text-lines.js';

const asBytes = (text: string): string => String.fromCharCode(...new TextEncoder().encode(text));

describe('settlement byte text', () => {
  it('tells a stretch holding a multi-byte character', () => {
    const bytes = asBytes('abc\tGRÜN\tx');
    assert.equal(holdsMultiByte(bytes, 0, 4), false);
    assert.equal(holdsMultiByte(bytes, 4, bytes.length), true);
  });

  it('decodes the bytes of any character; ASCII comes back as it is', () => {
    for (const text of ['', 'ASCII only', 'GRÜN', '€ 12,50', '日本語', '🛒 cart', '\u00a0padded\u3000']) {
      assert.equal(decodeUtf8Bytes(asBytes(text)), text);
    }
    const ascii = 'plain';
    assert.equal(decodeUtf8Bytes(ascii), ascii);
  });
});

describe('SettlementTextLines: how each block is handed on', () => {
  const linesOf = (...chunks: Array<Uint8Array | string>): Array<[string, boolean]> => {
    const lines: Array<[string, boolean]> = [];
    const reader = new SettlementTextLines({ line: (text, start, end, _n, utf8Bytes) => lines.push([text.slice(start, end), utf8Bytes]), problem: () => undefined });
    for (const chunk of chunks) reader.push(chunk);
    reader.end();
    return lines;
  };
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('ASCII as it is; UTF-8 with multi-byte characters as its bytes, flagged', () => {
    assert.deepEqual(linesOf(encode('a\tb\nc\n')), [['a\tb', false], ['c', false]]);
    assert.deepEqual(linesOf(encode('a\n'), encode('GRÜN\n')), [['a', false], [asBytes('GRÜN'), true]]);
  });

  it('the last line without a line feed too; text chunks and Windows-1252 are decoded, not flagged', () => {
    assert.deepEqual(linesOf(encode('x\nGRÜN')), [['x', false], [asBytes('GRÜN'), true]]);
    assert.deepEqual(linesOf('GRÜN\n'), [['GRÜN', false]]);
    assert.deepEqual(linesOf(Uint8Array.from([0x61, 0x0a, 0xdc, 0x0a])), [['a', false], ['Ü', false]]);
  });
});
