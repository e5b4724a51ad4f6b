// The fair claim (docs/adr/0017), run on every adapter by sqlite-store.test.ts and postgres-store.test.ts:
// connections are served in turns, and one with a backlog holds at most its share of a worker's slots
// while others have work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClaimInput, Store, WorkItem } from '../../src/ports/store.js';
import { withTwoStores, type FreshDatabase } from './store-contract.js';

const T0 = 1_700_000_000_000;

async function enqueue(store: Store, connectionId: string, count: number, priority = 100, runAt = T0): Promise<void> {
  for (let i = 0; i < count; i++) await store.work.enqueue({ connectionId, kind: 'order.export', subjectId: `${connectionId}-${i}`, priority, runAt: runAt + i }, T0);
}

function claim(store: Store, worker: string, seq: number, limit: number, slots = 8): Promise<WorkItem[]> {
  const input: ClaimInput = { owner: `${worker}#${seq}`, now: T0 + 60_000, leaseMs: 30_000, limit, fairShare: { slots, ownerPrefix: `${worker}#`, minPerConnection: 2 } };
  return store.work.claim(input);
}

function perConnection(items: readonly WorkItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.connectionId] = (counts[item.connectionId] ?? 0) + 1;
  return counts;
}

export function fairClaimContract(adapter: string, freshDatabase: FreshDatabase): void {
  describe(`${adapter}: fair claim across connections`, () => {
    it('serves connections in turns, a backlog at most its share of the slots while others have work', () => withTwoStores(freshDatabase, async (a, b) => {
      await enqueue(a, 'backlog', 50);
      await enqueue(a, 'quiet-1', 2);
      await enqueue(a, 'quiet-2', 2);
      const first = await claim(a, 'w1', 1, 8);
      // Three connections with work share 8 slots: ceil(8 / 3) = 3 each at most; the quiet ones have 2.
      assert.deepEqual(perConnection(first), { backlog: 3, 'quiet-1': 2, 'quiet-2': 2 });
      assert.deepEqual(await claim(a, 'w1', 2, 8), [], 'the backlog already runs its share here');
      const other = await claim(b, 'w2', 1, 8);
      assert.deepEqual(perConnection(other), { backlog: 8 }, 'another worker has slots of its own, and the backlog is alone in its queue');
      await enqueue(a, 'quiet-3', 1, 100, T0 + 50_000);
      const next = await claim(a, 'w1', 3, 8);
      assert.deepEqual(perConnection(next), { 'quiet-3': 1 }, 'a newly due order of a quiet connection goes first, though older backlog items wait');
      for (const item of first.filter((i) => i.connectionId !== 'backlog')) assert.equal(await a.work.complete(item.id, 'w1#1', T0 + 61_000), true);
      const alone = await claim(a, 'w1', 4, 8);
      // Now only the backlog and quiet-3 (running) have work here: share ceil(8 / 2) = 4, 3 already run.
      assert.deepEqual(perConnection(alone), { backlog: 1 });
    }));

    it('keeps one share free while other known connections are idle', () => withTwoStores(freshDatabase, async (a) => {
      for (const id of ['backlog', 'idle-1', 'idle-2']) await a.connections.upsert({ id, name: id, ctProjectKey: id, marketplaceId: 'A1PA6795UKMFR9', sellerKey: id }, T0);
      await enqueue(a, 'backlog', 50);
      assert.deepEqual(perConnection(await claim(a, 'w1', 1, 8)), { backlog: 4 }, 'ceil(8 / (1 + 1)): half the slots stay free for the idle shops');
      await enqueue(a, 'idle-1', 1, 100, T0 + 50_000);
      assert.deepEqual(perConnection(await claim(a, 'w1', 2, 8)), { 'idle-1': 1 }, 'the idle shop\'s new order finds a slot at once');
    }));

    it('within a connection, higher priority first, then the oldest', () => withTwoStores(freshDatabase, async (a) => {
      await enqueue(a, 'shop', 3, 100);
      await a.work.enqueue({ connectionId: 'shop', kind: 'order.export', subjectId: 'urgent', priority: 300, runAt: T0 + 30 }, T0);
      const items = await claim(a, 'w1', 1, 2, 2);
      assert.deepEqual(items.map((i) => i.subjectId), ['urgent', 'shop-0']);
    }));
  });
}
