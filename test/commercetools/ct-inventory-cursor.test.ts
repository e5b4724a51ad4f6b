import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skuChunks } from '../../src/adapters/commercetools/ct-inventory-mapper.js';
import { decodeKeysetCursor, encodeKeysetCursor, listingDigest, pageSizeOf } from '../../src/adapters/commercetools/ct-keyset-cursor.js';

describe('skuChunks', () => {
  it('dedupes, orders and cuts at 100 SKUs, so the same SKUs in any order give the same chunks', () => {
    const skus = Array.from({ length: 250 }, (_, i) => `SKU-${String(i).padStart(4, '0')}`);
    const chunks = skuChunks([...skus].reverse().concat(skus.slice(0, 10), ['']));
    assert.deepEqual(chunks.map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(chunks.flat(), skus);
    assert.deepEqual(skuChunks(skus), chunks);
  });

  it('cuts earlier when long SKUs would make the URL too long', () => {
    const long = Array.from({ length: 100 }, (_, i) => `${'Ü'.repeat(20)}-${i}`); // ~125 URL characters each
    const chunks = skuChunks(long);
    assert.ok(chunks.length > 1);
    for (const chunk of chunks) {
      const urlLength = chunk.reduce((sum, sku) => sum + '&var.skus='.length + encodeURIComponent(sku).length, 0);
      assert.ok(urlLength <= 6_000, `chunk of ${chunk.length} takes ${urlLength} characters`);
    }
    assert.equal(chunks.flat().length, 100);
  });

  it('has no chunks for no SKUs', () => {
    assert.deepEqual(skuChunks([]), []);
    assert.deepEqual(skuChunks(['']), []);
  });
});

describe('keyset cursors', () => {
  const listing = listingDigest(['inventory-entries', ['c1'], null]);

  it('round-trips', () => {
    const cursor = { listing, chunk: 2, after: '0b1c7a52-4a6e-4d0f-9d55-1f2b3c4d5e6f' };
    assert.deepEqual(decodeKeysetCursor(encodeKeysetCursor(cursor), listing), { ok: true, value: cursor });
    assert.deepEqual(decodeKeysetCursor(encodeKeysetCursor({ listing, chunk: 1 }), listing), { ok: true, value: { listing, chunk: 1 } });
  });

  it('refuses a cursor of another listing, a forged id, and garbage', () => {
    const other = listingDigest(['inventory-entries', ['c2'], null]);
    const foreign = decodeKeysetCursor(encodeKeysetCursor({ listing: other, chunk: 0, after: 'abc' }), listing);
    assert.equal(!foreign.ok && foreign.error.message.includes('other channels or SKUs'), true);
    for (const text of [
      Buffer.from(JSON.stringify([listing, 0, 'x" or id != "'])).toString('base64url'),
      Buffer.from(JSON.stringify([listing, -1, null])).toString('base64url'),
      'not-a-cursor',
    ]) {
      const decoded = decodeKeysetCursor(text, listing);
      assert.equal(!decoded.ok && decoded.error.code, 'InvalidCursor', text);
    }
  });

  it('keeps page sizes within 1..499', () => {
    assert.deepEqual([0, 1, 10.7, 499, 500, 10_000, Number.NaN].map(pageSizeOf), [1, 1, 10, 499, 499, 499, 1]);
  });
});
