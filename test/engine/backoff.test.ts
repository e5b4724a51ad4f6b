import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/engine/backoff.js';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt (full jitter draws below it)', () => {
    const top = () => 0.999_999;
    assert.deepEqual([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, top)), [999, 1_999, 3_999, 7_999, 15_999]);
    assert.deepEqual([1, 2, 3].map((a) => backoffDelay(a, policy, () => 0.5)), [500, 1_000, 2_000]);
  });

  it('draws anywhere from zero with full jitter', () => {
    assert.equal(backoffDelay(5, policy, () => 0), 0);
  });

  it('never exceeds the cap, even for absurd attempt counts', () => {
    assert.equal(backoffDelay(7, policy, () => 0.5), 30_000);
    assert.equal(backoffDelay(8, policy, () => 0.5), 30_000);
    assert.equal(backoffDelay(10_000, policy, () => 0.999_999), 59_999);
  });

  it('respects a floor', () => {
    const floored = { ...policy, minMs: 400 };
    assert.equal(backoffDelay(1, floored, () => 0), 400);
    assert.equal(backoffDelay(1, floored, () => 0.5), 700);
    assert.equal(backoffDelay(20, floored, () => 0.999_999), 59_999);
  });

  it('spreads a burst of retries instead of synchronising them', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(6)));
    assert.ok(delays.size > 40, `expected distinct delays, got ${delays.size}`);
    for (const d of delays) assert.ok(d >= (DEFAULT_BACKOFF.minMs ?? 0) && d < DEFAULT_BACKOFF.baseMs * 32);
  });
});
