// The contract of a shared rate-bucket store (src/ports/rate-buckets.ts), run against the database
// stores and Redis: a bucket starts full, refills at its rate, never grants more than it holds — also
// when several clients take at the same moment — learns a new rate, and empties on a 429.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BucketSpec, RateBucketStore } from '../../src/ports/rate-buckets.js';
import type { RateKey } from '../../src/ports/rate-governor.js';

export interface BucketStores {
  /** Two clients of one fresh shared store (two connections, as two workers would have). */
  open(): Promise<{ a: RateBucketStore; b: RateBucketStore; dispose(): Promise<void> }>;
}

const T0 = 1_700_000_000_000;
const SPEC: BucketSpec = { grantedPerSecond: 2, ratePerSecond: 2, burst: 5 };
let keys = 0;
const RUN = Math.random().toString(36).slice(2, 10);
const freshKey = (): RateKey => ({ seller: `seller-${RUN}-${keys++}`, operation: 'createFulfillmentOrder' });

async function takeAll(store: RateBucketStore, key: RateKey, now: number, max = 100): Promise<number> {
  let granted = 0;
  for (let i = 0; i < max; i += 1) if ((await store.take(key, SPEC, now)).granted) granted += 1;
  return granted;
}

export function rateBucketContract(name: string, stores: BucketStores): void {
  describe(`Rate bucket store contract: ${name}`, () => {
    const using = (fn: (a: RateBucketStore, b: RateBucketStore) => Promise<void>) => async () => {
      const { a, b, dispose } = await stores.open();
      try { await fn(a, b); } finally { await dispose(); }
    };

    it('a new bucket starts full: its burst is granted, then the wait until the next token is named', using(async (a) => {
      const key = freshKey();
      assert.equal(await takeAll(a, key, T0, 20), 5);
      const refused = await a.take(key, SPEC, T0);
      assert.deepEqual([refused.granted, refused.waitMs], [false, 500]);
      assert.ok(refused.tokens < 1);
    }));

    it('refills continuously at its rate and never above its burst', using(async (a) => {
      const key = freshKey();
      await takeAll(a, key, T0, 5);
      assert.equal((await a.take(key, SPEC, T0 + 499)).granted, false);
      assert.equal((await a.take(key, SPEC, T0 + 500)).granted, true);
      assert.equal(await takeAll(a, key, T0 + 60_000, 20), 5, 'a minute refills to the burst, not beyond');
    }));

    it('two clients taking at the same moment together get no more than the bucket holds', using(async (a, b) => {
      const key = freshKey();
      const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).take(key, SPEC, T0)));
      assert.equal(takes.filter((t) => t.granted).length, 5);
      const later = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).take(key, SPEC, T0 + 2_000)));
      assert.equal(later.filter((t) => t.granted).length, 4, '2 s at 2/s');
    }));

    it('a clock behind another worker\'s mints no tokens', using(async (a, b) => {
      const key = freshKey();
      await takeAll(a, key, T0 + 10_000, 5);
      assert.equal((await b.take(key, SPEC, T0)).granted, false);
      assert.equal((await b.take(key, SPEC, T0 + 10_000)).granted, false);
      assert.equal((await b.take(key, SPEC, T0 + 10_500)).granted, true);
    }));

    it('learns a new rate: what accrued stays, the refill changes for every client', using(async (a, b) => {
      const key = freshKey();
      await takeAll(a, key, T0, 5);
      await a.setRate(key, { ...SPEC, grantedPerSecond: 10, ratePerSecond: 10 }, T0 + 250);
      // 250 ms at 2/s accrued 0.5; 50 ms more at 10/s makes the whole token.
      assert.equal((await b.take(key, SPEC, T0 + 290)).granted, false);
      assert.equal((await b.take(key, SPEC, T0 + 300)).granted, true);
      const row = (await a.list(T0 + 300)).find((r) => r.seller === key.seller);
      assert.equal(row?.grantedPerSecond, 10);
    }));

    it('a 429 empties the bucket for everyone and is counted', using(async (a, b) => {
      const key = freshKey();
      await a.drain(key, SPEC, T0);
      assert.equal((await b.take(key, SPEC, T0)).granted, false);
      assert.equal((await b.take(key, SPEC, T0 + 500)).granted, true);
      const row = (await b.list(T0 + 500)).find((r) => r.seller === key.seller);
      assert.equal(row?.throttled, 1);
    }));
  });
}
