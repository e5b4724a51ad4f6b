// The alerting section of the Store contract (src/ports/alert-store.ts: alert episodes and job leases,
// plus inbox.lastReceivedAt), run on every adapter by sqlite-store.test.ts and postgres-store.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/ports/store.js';
import type { RaiseAlertInput } from '../../src/ports/alert-store.js';
import { withTwoStores, type FreshDatabase } from './store-contract.js';

const T0 = 1_700_000_000_000;
const INPUT: RaiseAlertInput = {
  key: 'orders.backlog:conn-1', rule: 'orders.backlog', connectionId: 'conn-1', team: 'operations', severity: 'warning',
  summary: '3 orders waiting', details: { unsent: 3, oldestWaitSeconds: 950 },
};

export function alertStoreContract(adapter: string, freshDatabase: FreshDatabase): void {
  const withStores = (body: (a: Store, b: Store) => Promise<void>) => withTwoStores(freshDatabase, body);

  describe(`${adapter}: alerts and job leases`, () => {
    it('one active alert per key, whichever store raises it; reminded and resolved once; a recurrence is a new episode', () => withStores(async (a, b) => {
      const first = await a.alerts.raise(INPUT, T0);
      assert.ok(first);
      assert.deepEqual({ ...first, id: 0 }, {
        ...INPUT, id: 0, status: 'active', startedAt: T0, lastNotifiedAt: T0, reminders: 0, resolvedAt: null,
      });
      assert.equal(await b.alerts.raise(INPUT, T0 + 1), null, 'a second worker does not raise it again');
      const reminded = await a.alerts.remind(first.id, T0, '4 orders waiting', { unsent: 4 }, T0 + 3600_000);
      assert.deepEqual([reminded?.reminders, reminded?.summary, reminded?.lastNotifiedAt, reminded?.details], [1, '4 orders waiting', T0 + 3600_000, { unsent: 4 }]);
      assert.equal(await b.alerts.remind(first.id, T0, 'again', {}, T0 + 3600_001), null, 'a reminder already sent since is not sent twice');
      assert.deepEqual((await b.alerts.listActive()).map((x) => x.id), [first.id]);
      const resolved = await b.alerts.resolve(first.id, T0 + 7200_000);
      assert.deepEqual([resolved?.status, resolved?.resolvedAt], ['resolved', T0 + 7200_000]);
      assert.equal(await a.alerts.resolve(first.id, T0 + 7200_001), null, 'resolved once');
      assert.deepEqual(await a.alerts.listActive(), []);
      const again = await a.alerts.raise(INPUT, T0 + 9000_000);
      assert.ok(again && again.id !== first.id, 'a recurrence after resolution is a new episode');
      assert.deepEqual((await a.alerts.listRecent(10)).map((x) => [x.id, x.status]), [[again.id, 'active'], [first.id, 'resolved']]);
    }));

    it('a job lease goes to one worker per period and is taken over once it expires', () => withStores(async (a, b) => {
      assert.equal(await a.jobLeases.tryAcquire('alerts.evaluate', 'w1', T0, 54_000), true);
      assert.equal(await b.jobLeases.tryAcquire('alerts.evaluate', 'w2', T0 + 1_000, 54_000), false);
      assert.equal(await a.jobLeases.tryAcquire('alerts.evaluate', 'w1', T0 + 2_000, 54_000), false, 'the holder too waits for the next period');
      assert.equal(await a.jobLeases.tryAcquire('other-job', 'w1', T0, 1_000), true, 'leases are per job');
      assert.equal(await b.jobLeases.tryAcquire('alerts.evaluate', 'w2', T0 + 54_000, 54_000), true, 'expired: another worker takes it');
      await a.jobLeases.release('alerts.evaluate', 'w1');
      assert.equal(await a.jobLeases.tryAcquire('alerts.evaluate', 'w1', T0 + 55_000, 54_000), false, 'releasing a lease one does not hold changes nothing');
      await b.jobLeases.release('alerts.evaluate', 'w2');
      assert.equal(await a.jobLeases.tryAcquire('alerts.evaluate', 'w1', T0 + 55_000, 54_000), true);
    }));

    it('of many workers asking at once, exactly one gets the lease', () => withStores(async (a, b) => {
      const asks = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).jobLeases.tryAcquire('race', `w${i}`, T0, 60_000)));
      assert.equal(asks.filter(Boolean).length, 1);
    }));

    it('inbox.lastReceivedAt: the newest message of a source, null when none', () => withStores(async (a) => {
      assert.equal(await a.inbox.lastReceivedAt('commercetools:conn-1'), null);
      await a.inbox.record('commercetools:conn-1', 'm1', T0);
      await a.inbox.record('commercetools:conn-1', 'm2', T0 + 5_000);
      await a.inbox.record('amazon', 'm3', T0 + 9_000);
      assert.equal(await a.inbox.lastReceivedAt('commercetools:conn-1'), T0 + 5_000);
    }));
  });
}
