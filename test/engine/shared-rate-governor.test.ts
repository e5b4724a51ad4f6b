// The shared rate governor on a manual clock over the in-memory shared store (which passes the same
// contract as the database and Redis stores): priority within a worker, two workers together inside
// one bucket and using it fully, a 429 seen by one worker slows the other, a store outage waits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedRateGovernor } from '../../src/engine/shared-rate-governor.js';
import type { RateKey } from '../../src/ports/rate-governor.js';
import { InMemoryRateBuckets } from '../support/fakes/in-memory-rate-buckets.js';
import { ManualClock, settle } from './manual-clock.js';

const create: RateKey = { seller: 'seller-1', operation: 'createFulfillmentOrder' };
const flat = (ratePerSecond: number, burst: number) => () => ({ ratePerSecond, burst });

function governor(clock: ManualClock, buckets: InMemoryRateBuckets, rate = 2, burst = 2): SharedRateGovernor {
  return new SharedRateGovernor({ buckets, now: clock.now, setTimer: clock.setTimer, limits: flat(rate, burst), headroom: 0, reserveTokens: 0 });
}

describe('SharedRateGovernor', () => {
  it('serves a worker\'s callers by priority, first come first served within a priority', async () => {
    const clock = new ManualClock();
    const g = governor(clock, new InMemoryRateBuckets(), 2, 1);
    const order: string[] = [];
    await g.acquire(create, 400);
    for (const [name, priority] of [['standard-1', 400], ['inventory', 200], ['priority', 500], ['standard-2', 400]] as const) {
      void g.acquire(create, priority).then(() => order.push(name));
    }
    await settle();
    await clock.advance(2_100);
    assert.deepEqual(order, ['priority', 'standard-1', 'standard-2', 'inventory']);
  });

  it('two workers on one shared bucket together take exactly what it grants, no more', async () => {
    const clock = new ManualClock();
    const buckets = new InMemoryRateBuckets();
    const one = governor(clock, buckets, 2, 2);
    const two = governor(clock, buckets, 2, 2);
    let granted = 0;
    for (let i = 0; i < 100; i += 1) void (i % 2 === 0 ? one : two).acquire(create, 400).then(() => { granted += 1; }, () => undefined);
    await settle();
    await clock.advance(10_000);
    // burst 2 at once, then 2/s for 10 s; the priority delay of Standard calls shifts each grant by ≤ 2 ms.
    assert.ok(granted >= 21 && granted <= 22, `granted ${granted}`);
    one.close();
    two.close();
  });

  it('a 429 seen by one worker empties the bucket the other takes from', async () => {
    const clock = new ManualClock();
    const buckets = new InMemoryRateBuckets();
    const one = governor(clock, buckets, 2, 5);
    const two = governor(clock, buckets, 2, 5);
    await one.acquire(create, 500);
    one.observeThrottled(create);
    await settle();
    let granted = false;
    void two.acquire(create, 500).then(() => { granted = true; });
    await settle();
    await clock.advance(499);
    assert.equal(granted, false);
    await clock.advance(1);
    assert.equal(granted, true);
    assert.equal((await buckets.list(clock.now()))[0]?.throttled, 1);
  });

  it('a learned rate is shared: the other worker refills at it too', async () => {
    const clock = new ManualClock();
    const buckets = new InMemoryRateBuckets();
    const one = governor(clock, buckets, 2, 1);
    const two = governor(clock, buckets, 2, 1);
    await one.acquire(create, 500);
    one.observeRateLimit(create, 20);
    await settle();
    let granted = false;
    void two.acquire(create, 500).then(() => { granted = true; });
    await settle();
    await clock.advance(50);
    assert.equal(granted, true, '1 token at 20/s takes 50 ms');
  });

  it('when the shared store does not answer, callers wait and are served once it is back', async () => {
    const clock = new ManualClock();
    const buckets = new InMemoryRateBuckets();
    const g = new SharedRateGovernor({ buckets, now: clock.now, setTimer: clock.setTimer, limits: flat(2, 2), headroom: 0, reserveTokens: 0, storeRetryMs: 1_000 });
    buckets.failing = new Error('connection refused');
    let granted = false;
    void g.acquire(create, 500).then(() => { granted = true; });
    await settle();
    await clock.advance(3_000);
    assert.equal(granted, false);
    assert.ok(buckets.takes >= 3 && buckets.takes <= 4, `asked ${buckets.takes} times in 3 s, one per second`);
    buckets.failing = null;
    await clock.advance(1_000);
    assert.equal(granted, true);
  });

  it('an aborted caller leaves the queue; close refuses the rest', async () => {
    const clock = new ManualClock();
    const g = governor(clock, new InMemoryRateBuckets(), 2, 1);
    await g.acquire(create, 400);
    const abort = new AbortController();
    const aborted = g.acquire(create, 400, abort.signal);
    const closed = g.acquire(create, 400);
    abort.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    g.close(new Error('closing'));
    await assert.rejects(closed, /closing/);
    assert.equal(g.snapshot()[0]?.waiting, 0);
  });
});
