// The scheduled-task lease section of the Store contract (src/ports/scheduled-task-leases.ts), run on
// every adapter by sqlite-store.test.ts and postgres-store.test.ts: two stores on one database stand
// for two workers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/ports/store.js';
import type { TurnRequest } from '../../src/ports/scheduled-task-leases.js';
import { withTwoStores, type FreshDatabase } from './store-contract.js';

const T0 = 1_700_000_000_000;
const INTERVAL = 60_000;
const LEASE = 30_000;

function turn(holder: string, now: number, taskId = 'shop:amazon-poll'): TurnRequest {
  return { taskId, holder, now, intervalMs: INTERVAL, leaseMs: LEASE };
}

export function taskLeaseContract(adapter: string, freshDatabase: FreshDatabase): void {
  const withStores = (body: (a: Store, b: Store) => Promise<void>) => withTwoStores(freshDatabase, body);

  describe(`${adapter}: scheduled task leases`, () => {
    it('a turn is claimed once per interval, and only by the holder while its lease lives', () => withStores(async (a, b) => {
      const first = await a.taskLeases.claimTurn(turn('w1', T0));
      assert.equal(first.claimed, true, 'a task never run is due');
      const refused = await b.taskLeases.claimTurn(turn('w2', T0 + 1));
      assert.deepEqual(refused, { claimed: false, lease: { taskId: 'shop:amazon-poll', holder: 'w1', expiresAt: T0 + LEASE, lastRunAt: T0, intervalMs: INTERVAL } });
      assert.equal((await a.taskLeases.claimTurn(turn('w1', T0 + INTERVAL - 1))).claimed, false, 'the holder too waits for the interval');
      assert.deepEqual(await a.taskLeases.renew('w1', T0 + INTERVAL + LEASE), ['shop:amazon-poll']);
      assert.equal((await b.taskLeases.claimTurn(turn('w2', T0 + INTERVAL))).claimed, false, 'due, but the holder lives: not the others\' turn');
      assert.equal((await a.taskLeases.claimTurn(turn('w1', T0 + INTERVAL))).claimed, true, 'due: the holder runs it');
      // w1 stops renewing (it died): its lease runs out at T0 + INTERVAL + LEASE; at the next due time w2 takes the task over.
      assert.equal((await b.taskLeases.claimTurn(turn('w2', T0 + INTERVAL + LEASE))).claimed, false, 'expired but not due yet');
      assert.equal((await b.taskLeases.claimTurn(turn('w2', T0 + 2 * INTERVAL))).claimed, true);
      assert.deepEqual(await a.taskLeases.renew('w1', T0 + 3 * INTERVAL), [], 'the dead worker holds nothing any more');
      const runs = await a.taskLeases.runsSince(T0);
      assert.deepEqual(runs.map((r) => [r.holder, r.startedAt - T0, r.outcome]), [['w1', 0, null], ['w1', INTERVAL, null], ['w2', 2 * INTERVAL, null]]);
    }));

    it('records how each run ended, and purges old history', () => withStores(async (a) => {
      const one = await a.taskLeases.claimTurn(turn('w1', T0, 'inbox-purge'));
      assert.ok(one.claimed);
      await a.taskLeases.finishRun(one.runId, 'failed', T0 + 5);
      const two = await a.taskLeases.claimTurn(turn('w1', T0 + INTERVAL, 'inbox-purge'));
      assert.ok(two.claimed);
      await a.taskLeases.finishRun(two.runId, 'ok', T0 + INTERVAL + 7);
      assert.deepEqual((await a.taskLeases.runsSince(T0)).map((r) => [r.taskId, r.startedAt, r.finishedAt, r.outcome]), [
        ['inbox-purge', T0, T0 + 5, 'failed'], ['inbox-purge', T0 + INTERVAL, T0 + INTERVAL + 7, 'ok'],
      ]);
      assert.equal(await a.taskLeases.purgeRunsBefore(T0 + 1), 1);
      assert.deepEqual((await a.taskLeases.runsSince(0)).map((r) => r.id), [two.runId]);
    }));

    it('release gives the tasks up at once; renew and release touch only the holder\'s own', () => withStores(async (a, b) => {
      assert.equal((await a.taskLeases.claimTurn(turn('w1', T0, 'x'))).claimed, true);
      assert.equal((await b.taskLeases.claimTurn(turn('w2', T0, 'y'))).claimed, true);
      await b.taskLeases.release('w2', T0 + 10);
      assert.deepEqual(await a.taskLeases.renew('w1', T0 + LEASE), ['x']);
      assert.deepEqual((await a.taskLeases.list()).map((l) => [l.taskId, l.holder, l.expiresAt]), [['x', 'w1', T0 + LEASE], ['y', 'w2', T0 + 10]]);
      assert.equal((await a.taskLeases.claimTurn(turn('w1', T0 + INTERVAL, 'y'))).claimed, true, 'a released task is anyone\'s when due');
    }));

    it('of many workers claiming one turn at once, exactly one runs it', () => withStores(async (a, b) => {
      await a.taskLeases.claimTurn(turn('w0', T0 - INTERVAL - LEASE));
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).taskLeases.claimTurn(turn(`w${i + 1}`, T0))));
      assert.equal(claims.filter((c) => c.claimed).length, 1);
      const fresh = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).taskLeases.claimTurn(turn(`w${i + 1}`, T0, 'new-task'))));
      assert.equal(fresh.filter((c) => c.claimed).length, 1, 'a task nobody ran yet: one claim inserts it, the rest find it');
      assert.equal((await a.taskLeases.runsSince(T0)).length, 2);
    }));
  });
}
