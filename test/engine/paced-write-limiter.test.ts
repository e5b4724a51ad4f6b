// The commercetools write limiter on a manual clock: concurrency, pace, and backing off on 429/503.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PacedWriteLimiter, retryAfterMs, type WriteBackoff } from '../../src/engine/paced-write-limiter.js';
import { ManualClock, settle } from './manual-clock.js';

/** A write whose answer the test gives when it likes. */
function pendingWrite(): { attempt: () => Promise<Response>; started: number; answer: (status: number, headers?: Record<string, string>) => void } {
  const w = {
    started: 0,
    resolvers: [] as Array<(r: Response) => void>,
    attempt: (): Promise<Response> => {
      w.started += 1;
      return new Promise<Response>((resolve) => w.resolvers.push(resolve));
    },
    answer: (status: number, headers: Record<string, string> = {}) => {
      const resolve = w.resolvers.shift();
      if (!resolve) throw new Error('no attempt is waiting for an answer');
      resolve(new Response(status === 204 ? null : '{}', { status, headers }));
    },
  };
  return w;
}

const answeredAt = (status: number) => () => Promise.resolve(new Response(null, { status }));

/** Moves time in steps: a resend arms its timer only after a few turns of the event loop. */
async function runFor(clock: ManualClock, ms: number, stepMs = 50): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) await clock.advance(stepMs);
}

describe('PacedWriteLimiter', () => {
  it('keeps at most `concurrency` writes in flight and starts the next as one lands', async () => {
    const clock = new ManualClock();
    const limiter = new PacedWriteLimiter({ concurrency: 2, ratePerSecond: 1000, now: clock.now, setTimer: clock.setTimer });
    const writes = [pendingWrite(), pendingWrite(), pendingWrite()];
    const done = writes.map((w) => limiter.send(w.attempt));
    await settle();
    assert.deepEqual(writes.map((w) => w.started), [1, 1, 0]);
    assert.equal(limiter.queued, 1);
    writes[0]!.answer(200);
    await clock.advance(1); // the next token (1000/s)
    assert.deepEqual(writes.map((w) => w.started), [1, 1, 1]);
    writes[1]!.answer(200);
    writes[2]!.answer(200);
    assert.deepEqual((await Promise.all(done)).map((r) => r.status), [200, 200, 200]);
    assert.equal(limiter.inFlight, 0);
  });

  it('starts no more than `ratePerSecond` writes a second after the first burst', async () => {
    const clock = new ManualClock();
    const limiter = new PacedWriteLimiter({ concurrency: 4, ratePerSecond: 10, now: clock.now, setTimer: clock.setTimer });
    let started = 0;
    const all = Array.from({ length: 24 }, () => limiter.send(() => { started += 1; return Promise.resolve(new Response(null, { status: 200 })); }));
    await settle();
    assert.equal(started, 4, 'the burst is the concurrency');
    await clock.advance(1000);
    assert.equal(started, 14, 'then 10 a second');
    await clock.advance(1000);
    assert.equal(started, 24);
    await Promise.all(all);
    assert.ok(clock.armed.every((ms) => ms >= 1), 'waits on timers, never spins');
  });

  it('on 429 pauses every write for Retry-After, halves the pace, resends, and recovers as writes land', async () => {
    const clock = new ManualClock();
    const seen: WriteBackoff[] = [];
    const limiter = new PacedWriteLimiter({ concurrency: 2, ratePerSecond: 20, now: clock.now, setTimer: clock.setTimer });
    const throttled = pendingWrite();
    const other = pendingWrite();
    const first = limiter.send(throttled.attempt, (b) => seen.push(b));
    await settle();
    throttled.answer(429, { 'retry-after': '2' });
    await settle();
    assert.deepEqual(seen, [{ status: 429, attempt: 1, pauseMs: 2000, ratePerSecond: 10, givenUp: false }]);
    const second = limiter.send(other.attempt);
    await clock.advance(1999);
    assert.equal(throttled.started, 1, 'not resent before Retry-After');
    assert.equal(other.started, 0, 'other writes wait out the pause too');
    await clock.advance(1);
    assert.equal(throttled.started, 2);
    throttled.answer(200);
    assert.equal((await first).status, 200);
    assert.equal(limiter.ratePerSecond, 11, 'each landed write gives back 1/20 of the configured pace');
    await clock.advance(100);
    other.answer(200);
    await second;
    assert.equal(limiter.ratePerSecond, 12);
  });

  it('on 503 without Retry-After backs off exponentially and hands the answer over after maxRetries', async () => {
    const clock = new ManualClock();
    const seen: WriteBackoff[] = [];
    // random() = 0.999…: each pause near its ceiling, 500 ms · 2^(n−1).
    const limiter = new PacedWriteLimiter({ concurrency: 1, ratePerSecond: 100, maxRetries: 2, now: clock.now, setTimer: clock.setTimer, random: () => 0.999 });
    let attempts = 0;
    const result = limiter.send(() => { attempts += 1; return answeredAt(503)(); }, (b) => seen.push(b));
    await runFor(clock, 60_000);
    const response = await result;
    assert.equal(response.status, 503, 'the last answer goes to the caller (a retryable failure there)');
    assert.equal(attempts, 3);
    assert.deepEqual(seen.map((b) => [b.attempt, b.givenUp]), [[1, false], [2, false], [3, true]]);
    assert.ok(seen[0]!.pauseMs >= 100 && seen[0]!.pauseMs < 500, `first pause ${seen[0]!.pauseMs}`);
    assert.ok(seen[1]!.pauseMs >= 500 && seen[1]!.pauseMs < 1000, `second pause ${seen[1]!.pauseMs}`);
    assert.equal(limiter.ratePerSecond, 12.5, 'halved on each pushback: 100 → 50 → 25 → 12.5');
  });

  it('never slows below 1/32 of the configured pace', async () => {
    const clock = new ManualClock();
    const limiter = new PacedWriteLimiter({ concurrency: 1, ratePerSecond: 64, maxRetries: 10, now: clock.now, setTimer: clock.setTimer, random: () => 0 });
    const result = limiter.send(answeredAt(429));
    await runFor(clock, 5_000);
    assert.equal((await result).status, 429);
    assert.equal(limiter.ratePerSecond, 2);
  });

  it('passes other answers (409, 500, 404) through at once, without pausing', async () => {
    const limiter = new PacedWriteLimiter({ concurrency: 1, ratePerSecond: 1000 });
    for (const status of [409, 500, 404]) assert.equal((await limiter.send(answeredAt(status))).status, status);
    assert.equal(limiter.ratePerSecond, 1000);
  });

  it('frees the slot when a write throws (no connection)', async () => {
    const limiter = new PacedWriteLimiter({ concurrency: 1, ratePerSecond: 1000 });
    await assert.rejects(limiter.send(() => Promise.reject(new TypeError('fetch failed'))), /fetch failed/);
    assert.equal(limiter.inFlight, 0);
    assert.equal((await limiter.send(answeredAt(200))).status, 200);
  });

  it('refuses limits that cannot work', () => {
    assert.throws(() => new PacedWriteLimiter({ concurrency: 0, ratePerSecond: 10 }), /concurrency must be a whole number of at least 1/);
    assert.throws(() => new PacedWriteLimiter({ concurrency: 2, ratePerSecond: 0 }), /rate must be a positive number/);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps at a minute, ignores what it cannot read', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('Fri, 04 Dec 2026 10:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('3600', now), 60_000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});
