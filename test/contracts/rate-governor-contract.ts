// The RateGovernor contract, as far as the fake and the real governor share it: run against
// FakeRateGovernor (which the HTTP metrics tests read) and PriorityRateGovernor (rate-governor.test.ts).
// What a caller may rely on whichever it gets: a token while the bucket has some, an aborted signal
// honoured, nonsense priorities refused, snapshots that are copies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RateGovernor, RateKey } from '../../src/ports/rate-governor.js';

const KEY: RateKey = { seller: 'seller-1', operation: 'createFulfillmentOrder' };

export function rateGovernorContract(name: string, open: () => RateGovernor): void {
  describe(`RateGovernor contract: ${name}`, () => {
    it('grants a token at once while the bucket has one', async () => {
      const governor = open();
      const granted = await Promise.race([
        governor.acquire(KEY, 400).then(() => true),
        new Promise<false>((resolve) => setImmediate(() => resolve(false))),
      ]);
      assert.equal(granted, true, 'granted before any timer could fire');
    });

    it('an already aborted signal rejects with the signal\'s reason', async () => {
      const governor = open();
      const reason = new Error('shutting down');
      await assert.rejects(governor.acquire(KEY, 400, AbortSignal.abort(reason)), (error) => error === reason);
    });

    it('refuses a priority that is not a finite number', () => {
      const governor = open();
      assert.throws(() => governor.acquire(KEY, Number.NaN), TypeError);
    });

    it('a snapshot is a copy: changing it changes nothing in the governor', async () => {
      const governor = open();
      await governor.acquire(KEY, 400);
      const first = governor.snapshot();
      assert.ok(first.length > 0, 'a bucket to report');
      for (const bucket of first) (bucket as { tokens: number }).tokens = -99;
      assert.ok(governor.snapshot().every((b) => b.tokens !== -99));
    });
  });
}
