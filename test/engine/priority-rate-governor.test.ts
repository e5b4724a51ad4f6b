import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import type { RateLimitSpec } from '../../src/engine/token-bucket.js';
import type { RateKey } from '../../src/ports/rate-governor.js';
import { ManualClock, settle } from './manual-clock.js';

const create: RateKey = { seller: 'seller-1', operation: 'createFulfillmentOrder' };

function setup(limits?: (operation: string) => RateLimitSpec) {
  const clock = new ManualClock();
  const governor = new PriorityRateGovernor({ now: clock.now, setTimer: clock.setTimer, headroom: 0, reserveTokens: 0, ...(limits ? { limits } : {}) });
  const granted: string[] = [];
  const grantedAt: number[] = [];
  const take = (label: string, priority: number, key: RateKey = create, signal?: AbortSignal): Promise<void> => {
    const p = governor.acquire(key, priority, signal);
    p.then(() => {
      granted.push(label);
      grantedAt.push(clock.now());
    }, () => undefined);
    return p;
  };
  const snap = (key: RateKey = create) => governor.snapshot().find((b) => b.seller === key.seller && b.operation === key.operation);
  return { clock, governor, granted, grantedAt, take, snap };
}

const flat = (ratePerSecond: number, burst: number) => (): RateLimitSpec => ({ ratePerSecond, burst });

describe('PriorityRateGovernor', () => {
  it('seeds buckets from the published table: Fulfillment Outbound 2/s burst 30, inventory 2/2, reports 0.0167/15', () => {
    const { governor } = setup();
    void governor.acquire(create, 1);
    void governor.acquire({ seller: 'seller-1', operation: 'getInventorySummaries' }, 1);
    void governor.acquire({ seller: 'seller-1', operation: 'createReport' }, 1);
    const byOp = Object.fromEntries(governor.snapshot().map((b) => [b.operation, b]));
    assert.deepEqual([byOp.createFulfillmentOrder?.ratePerSecond, byOp.createFulfillmentOrder?.burst, byOp.createFulfillmentOrder?.tokens], [2, 30, 29]);
    assert.deepEqual([byOp.getInventorySummaries?.ratePerSecond, byOp.getInventorySummaries?.burst], [2, 2]);
    assert.deepEqual([byOp.createReport?.ratePerSecond, byOp.createReport?.burst], [0.0167, 15]);
  });

  it('grants the whole burst at once, then waits for the refill', async () => {
    const { clock, granted, take, snap } = setup();
    for (let i = 0; i < 31; i += 1) void take(`c${i}`, 400);
    await settle();
    assert.equal(granted.length, 30);
    assert.equal(snap()?.waiting, 1);
    await clock.advance(499);
    assert.equal(granted.length, 30, 'no token before 1/rate has passed');
    await clock.advance(1);
    assert.equal(granted.length, 31);
    assert.equal(clock.pendingTimers, 0, 'no timer left once nobody waits');
  });

  it('leaves headroom below the granted rate (default 2%) but reports the granted rate', async () => {
    const clock = new ManualClock();
    const governor = new PriorityRateGovernor({ now: clock.now, setTimer: clock.setTimer, limits: flat(10, 1) });
    const granted: number[] = [];
    for (let i = 0; i < 100; i += 1) void governor.acquire(create, 400).then(() => granted.push(clock.now()));
    await settle();
    await clock.advance(10_000);
    // 10/s × 0.98 = 9.8/s: one at t=0, then one every ~102 ms → 98 more within 10 s
    assert.equal(granted.length, 98);
    assert.equal(governor.snapshot()[0]?.ratePerSecond, 10);
  });

  it('holds one token of the burst back by default, and reports Amazon\'s burst', async () => {
    const clock = new ManualClock();
    const governor = new PriorityRateGovernor({ now: clock.now, setTimer: clock.setTimer, headroom: 0 });
    let granted = 0;
    for (let i = 0; i < 31; i += 1) void governor.acquire(create, 400).then(() => { granted += 1; });
    await settle();
    assert.equal(granted, 29);
    assert.deepEqual([governor.snapshot()[0]?.burst, governor.snapshot()[0]?.waiting], [30, 2]);
    await clock.advance(1_000);
    assert.equal(granted, 31, 'the rate itself is untouched');
    // A burst of 1 or 2 still grants one at a time.
    void governor.acquire({ seller: 'seller-1', operation: 'getInventorySummaries' }, 1).then(() => { granted += 1; });
    await settle();
    assert.equal(granted, 32);
  });

  it('respects the rate over time and keeps one timer per bucket, never polling', async () => {
    const { clock, granted, grantedAt, take } = setup(flat(2, 1));
    for (let i = 0; i < 100; i += 1) void take(`c${i}`, 400);
    await settle();
    assert.equal(granted.length, 1);
    assert.ok(clock.pendingTimers <= 1);
    await clock.advance(10_000);
    // burst 1 at t=0, then one every 500 ms for 10 s
    assert.equal(granted.length, 21);
    for (let i = 1; i < grantedAt.length; i += 1) {
      assert.equal(grantedAt[i]! - grantedAt[i - 1]!, 500);
    }
    assert.ok(clock.armed.every((ms) => ms >= 1), 'no zero-delay timers');
    assert.ok(clock.armed.length <= 21, `armed ${clock.armed.length} timers for 20 tokens`);
  });

  it('hands tokens out by priority under a backlog, FIFO within a priority', async () => {
    const { clock, granted, take } = setup(flat(1, 1));
    void take('first', 100);
    await settle();
    void take('inventory-a', 200);
    void take('standard-a', 400);
    void take('tracking', 300);
    void take('priority', 500);
    void take('standard-b', 400);
    void take('inventory-b', 200);
    await settle();
    assert.deepEqual(granted, ['first']);
    await clock.advance(2_000);
    assert.deepEqual(granted, ['first', 'priority', 'standard-a']);
    void take('late-priority', 500); // arrives later but outranks everything still waiting
    await clock.advance(10_000);
    assert.deepEqual(granted, ['first', 'priority', 'standard-a', 'late-priority', 'standard-b', 'tracking', 'inventory-a', 'inventory-b']);
  });

  it('learns a new rate from the header and re-times the waiting queue', async () => {
    const { clock, governor, granted, take, snap } = setup(flat(0.5, 1));
    void take('a', 1);
    void take('b', 1);
    void take('c', 1);
    await settle();
    assert.deepEqual(granted, ['a']);
    governor.observeRateLimit(create, 10);
    assert.equal(snap()?.ratePerSecond, 10);
    await clock.advance(100);
    assert.deepEqual(granted, ['a', 'b'], 'the 2 s timer was replaced by a 100 ms one');
    await clock.advance(100);
    assert.deepEqual(granted, ['a', 'b', 'c']);
    governor.observeRateLimit(create, Number.NaN);
    governor.observeRateLimit(create, 0);
    assert.equal(snap()?.ratePerSecond, 10, 'nonsense headers are ignored');
  });

  it('empties the bucket on 429 so the next callers wait for a fresh token', async () => {
    const { clock, governor, granted, take, snap } = setup();
    await take('before', 400);
    assert.equal(snap()?.tokens, 29);
    governor.observeThrottled(create);
    assert.equal(snap()?.tokens, 0);
    assert.equal(snap()?.throttled, 1);
    void take('after', 400);
    await settle();
    assert.deepEqual(granted, ['before']);
    await clock.advance(500);
    assert.deepEqual(granted, ['before', 'after']);
  });

  it('a 429 while callers wait pushes their timer back', async () => {
    const { clock, governor, granted, take } = setup(flat(1, 1));
    void take('a', 1);
    void take('b', 1);
    await clock.advance(600);
    governor.observeThrottled(create); // at 600 ms the bucket held 0.6 of a token: back to 0
    await clock.advance(400);
    assert.deepEqual(granted, ['a'], 'the old 1000 ms deadline no longer holds');
    await clock.advance(600);
    assert.deepEqual(granted, ['a', 'b']);
  });

  it('abort removes a waiter without spending a token, and rejects with the reason', async () => {
    const { clock, granted, take, snap } = setup(flat(1, 1));
    void take('a', 1);
    const controller = new AbortController();
    const aborted = take('b', 5, create, controller.signal);
    void take('c', 1);
    await settle();
    controller.abort(new Error('shutting down'));
    await assert.rejects(aborted, /shutting down/);
    assert.equal(snap()?.waiting, 1);
    await clock.advance(1_000);
    assert.deepEqual(granted, ['a', 'c']);

    const already = AbortSignal.abort(new Error('too late'));
    await assert.rejects(take('d', 1, create, already), /too late/);
    assert.equal(snap()?.waiting, 0);
  });

  it('aborting the last waiter disarms the timer', async () => {
    const { clock, take } = setup(flat(1, 1));
    await take('a', 1);
    const controller = new AbortController();
    const waiting = take('b', 1, create, controller.signal);
    await settle();
    assert.equal(clock.pendingTimers, 1);
    controller.abort();
    await assert.rejects(waiting);
    assert.equal(clock.pendingTimers, 0);
  });

  it('keeps buckets per seller and per operation', async () => {
    const { granted, take, governor } = setup(flat(1, 1));
    void take('s1-create', 1, create);
    void take('s2-create', 1, { seller: 'seller-2', operation: 'createFulfillmentOrder' });
    void take('s1-get', 1, { seller: 'seller-1', operation: 'getFulfillmentOrder' });
    void take('s1-create-2', 1, create);
    await settle();
    assert.deepEqual(granted, ['s1-create', 's2-create', 's1-get']);
    assert.equal(governor.snapshot().length, 3);
  });

  it('close() rejects everyone waiting and leaves no timer', async () => {
    const { clock, governor, take } = setup(flat(1, 1));
    await take('a', 1);
    const waiting = take('b', 1);
    governor.close(new Error('closed'));
    await assert.rejects(waiting, /closed/);
    assert.equal(clock.pendingTimers, 0);
  });
});
