import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../../src/engine/token-bucket.js';

describe('TokenBucket', () => {
  it('starts full and refills at its rate up to the burst', () => {
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 3 }, 0);
    assert.ok(bucket.tryTake(0) && bucket.tryTake(0) && bucket.tryTake(0));
    assert.equal(bucket.tryTake(0), false);
    assert.equal(bucket.msUntilToken(0), 500);
    assert.equal(bucket.msUntilToken(250), 250);
    assert.equal(bucket.tokens(10_000), 3, 'never more than the burst');
  });

  it('computes waits for slow report buckets without rounding to zero', () => {
    const bucket = new TokenBucket({ ratePerSecond: 0.0167, burst: 1 }, 0);
    assert.ok(bucket.tryTake(0));
    const wait = bucket.msUntilToken(0);
    assert.equal(wait, Math.ceil(1000 / 0.0167));
    assert.equal(bucket.tryTake(wait - 1), false);
    assert.ok(bucket.tryTake(wait));
  });

  it('keeps what accrued at the old rate when the rate changes', () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 10 }, 0);
    for (let i = 0; i < 10; i += 1) bucket.tryTake(0);
    bucket.setRate(4, 500); // 0.5 token earned at 1/s
    assert.equal(bucket.tokens(500), 0.5);
    assert.equal(bucket.tokens(625), 1); // + 0.125 s × 4/s
  });

  it('drain empties it; a clock stepping back mints nothing', () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 5 }, 1_000);
    bucket.drain(1_000);
    assert.equal(bucket.tokens(1_000), 0);
    assert.equal(bucket.tokens(0), 0);
    assert.equal(bucket.tokens(2_000), 1);
  });

  it('rejects impossible limits', () => {
    assert.throws(() => new TokenBucket({ ratePerSecond: 0, burst: 1 }, 0), RangeError);
    assert.throws(() => new TokenBucket({ ratePerSecond: 1, burst: 0 }, 0), RangeError);
  });
});
