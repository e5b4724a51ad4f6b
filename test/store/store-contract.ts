// The Store contract: one suite, run against every adapter (sqlite-store.test.ts, postgres-store.test.ts).
// The work queue carries exactly-once effects, so its tests pin down every transition and the fencing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnqueueInput, OrderLinkUpsert, RaiseExceptionInput, Store, WorkKind } from '../../src/ports/store.js';

export interface TestDatabase {
  /** A store on this test's database; call again for a second, independent instance on the same database. */
  open(options?: { migrate?: boolean }): Promise<Store>;
  /** Removes the database (file or schema). */
  dispose(): Promise<void>;
}

/** Makes an empty database of its own for one test. */
export type FreshDatabase = () => Promise<TestDatabase>;

/** Runs `body` with two stores on one fresh database (two workers), then closes and removes it all. */
export async function withTwoStores(freshDatabase: FreshDatabase, body: (a: Store, b: Store) => Promise<void>): Promise<void> {
  const db = await freshDatabase();
  const a = await db.open();
  const b = await db.open({ migrate: false });
  try {
    await body(a, b);
  } finally {
    await a.close();
    await b.close();
    await db.dispose();
  }
}

const C = 'conn-1';
const T0 = 1_700_000_000_000;
const LEASE = 30_000;

function job(subjectId: string, overrides: Partial<EnqueueInput> = {}): EnqueueInput {
  return { connectionId: C, kind: 'order.export', subjectId, priority: 100, runAt: T0, ...overrides };
}

function link(ctOrderId: string, overrides: Partial<OrderLinkUpsert> = {}): OrderLinkUpsert {
  return {
    connectionId: C,
    ctOrderId,
    orderNumber: `N-${ctOrderId}`,
    sellerFulfillmentOrderId: null,
    state: 'submitted',
    fbaStatus: null,
    shippingSpeed: 'Standard',
    fbaLines: 1,
    localLines: 0,
    submittedAt: null,
    fbaStatusAt: null,
    ...overrides,
  };
}

function problem(subjectId: string, overrides: Partial<RaiseExceptionInput> = {}): RaiseExceptionInput {
  return {
    connectionId: C,
    type: 'order.invalid-address',
    owner: 'operations',
    subjectType: 'order',
    subjectId,
    subjectLabel: `#${subjectId}`,
    reason: 'postal code missing',
    action: 'fix the address',
    ...overrides,
  };
}

export function storeContract(adapter: string, freshDatabase: FreshDatabase): void {
  /** Runs `body` against a fresh, migrated store and cleans up whatever happens. */
  async function withStore(body: (store: Store, db: TestDatabase) => Promise<void>): Promise<void> {
    const db = await freshDatabase();
    try {
      const store = await db.open();
      try {
        await body(store, db);
      } finally {
        await store.close();
      }
    } finally {
      await db.dispose();
    }
  }

  async function claimOne(store: Store, owner: string, now = T0): Promise<number> {
    const [item] = await store.work.claim({ owner, now, leaseMs: LEASE, limit: 1 });
    assert.ok(item, 'expected an item to claim');
    return item.id;
  }

  describe(`Store contract: ${adapter}`, () => {
    describe('migrations', () => {
      it('migrating again changes nothing and keeps the data', () =>
        withStore(async (store) => {
          await store.watermarks.set(C, 'orders', 'w1', T0);
          await store.migrate();
          await store.migrate();
          assert.equal(await store.watermarks.get(C, 'orders'), 'w1');
        }));

      it('two instances migrating one empty database at once both succeed', async () => {
        const db = await freshDatabase();
        const [a, b] = await Promise.all([db.open({ migrate: false }), db.open({ migrate: false })]);
        try {
          await Promise.all([a.migrate(), b.migrate(), a.migrate()]);
          await a.inbox.record('s', 'm1', T0);
          assert.equal(await b.inbox.record('s', 'm1', T0), false);
        } finally {
          await a.close();
          await b.close();
          await db.dispose();
        }
      });
    });

    describe('work queue: enqueue', () => {
      it('creates a pending item with no attempts', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1', { priority: 7, runAt: T0 + 5 }), T0);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.ok(item);
          assert.equal(item.state, 'pending');
          assert.equal(item.attempts, 0);
          assert.equal(item.priority, 7);
          assert.equal(item.runAt, T0 + 5);
          assert.equal(item.leaseOwner, null);
          assert.equal(item.createdAt, T0);
          assert.equal(await store.work.get(C, 'order.track', 'o1'), null);
        }));

      it('on a pending item keeps one row, the earlier runAt and the higher priority', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1', { priority: 5, runAt: T0 + 1000 }), T0);
          await store.work.enqueue(job('o1', { priority: 9, runAt: T0 + 5000 }), T0 + 1);
          await store.work.enqueue(job('o1', { priority: 1, runAt: T0 + 200 }), T0 + 2);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.equal(item?.runAt, T0 + 200);
          assert.equal(item?.priority, 9);
          assert.equal(item?.updatedAt, T0 + 2);
          const [stats] = await store.work.stats(C, T0 + 10_000);
          assert.equal(stats?.pending, 1);
        }));

      it('an enqueue the item already covers writes nothing (pending as early and as high, or already dirty as early)', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1', { priority: 5, runAt: T0 + 100 }), T0);
          await store.work.enqueue(job('o1', { priority: 5, runAt: T0 + 100 }), T0 + 1);
          await store.work.enqueue(job('o1', { priority: 3, runAt: T0 + 900 }), T0 + 2);
          const pending = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([pending?.state, pending?.priority, pending?.runAt, pending?.updatedAt], ['pending', 5, T0 + 100, T0]);
          // A higher priority still raises it.
          await store.work.enqueue(job('o1', { priority: 6, runAt: T0 + 900 }), T0 + 3);
          assert.deepEqual([(await store.work.get(C, 'order.export', 'o1'))?.priority, (await store.work.get(C, 'order.export', 'o1'))?.updatedAt], [6, T0 + 3]);
          // Leased and dirty: a later or equal request leaves the mark; an earlier one moves it.
          const id = await claimOne(store, 'w', T0 + 100);
          await store.work.enqueue(job('o1', { priority: 6, runAt: T0 + 500 }), T0 + 101);
          await store.work.enqueue(job('o1', { priority: 6, runAt: T0 + 700 }), T0 + 102);
          assert.equal((await store.work.get(C, 'order.export', 'o1'))?.updatedAt, T0 + 101);
          await store.work.enqueue(job('o1', { priority: 6, runAt: T0 + 300 }), T0 + 103);
          assert.equal(await store.work.complete(id, 'w', T0 + 104), true);
          const again = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([again?.state, again?.runAt, again?.attempts], ['pending', T0 + 300, 0]);
          // Waiting out a backoff: an enqueue keeps the backoff, so it writes nothing either.
          const id2 = await claimOne(store, 'w', T0 + 300);
          assert.equal(await store.work.retry(id2, 'w', T0 + 60_000, 'timeout', T0 + 301), true);
          await store.work.enqueue(job('o1', { priority: 6, runAt: T0 + 302 }), T0 + 302);
          const backoff = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([backoff?.runAt, backoff?.attempts, backoff?.updatedAt], [T0 + 60_000, 1, T0 + 301]);
        }));

      it('one row per kind and connection for the same subject', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          await store.work.enqueue(job('o1', { kind: 'order.track' }), T0);
          await store.work.enqueue(job('o1', { connectionId: 'conn-2' }), T0);
          const claimed = await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 10 });
          assert.equal(claimed.length, 3);
        }));

      it('on a done or dead item makes it pending again with a fresh attempt budget', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('done'), T0);
          await store.work.enqueue(job('dead'), T0);
          const doneId = await claimOne(store, 'w');
          const deadId = await claimOne(store, 'w');
          assert.equal(await store.work.complete(doneId, 'w', T0 + 1), true);
          assert.equal(await store.work.deadLetter(deadId, 'w', 'boom', T0 + 1), true);
          await store.work.enqueue(job('done', { priority: 3, runAt: T0 + 50 }), T0 + 2);
          await store.work.enqueue(job('dead', { priority: 4, runAt: T0 + 60 }), T0 + 2);
          const done = await store.work.get(C, 'order.export', 'done');
          const dead = await store.work.get(C, 'order.export', 'dead');
          assert.deepEqual([done?.state, done?.attempts, done?.runAt, done?.priority], ['pending', 0, T0 + 50, 3]);
          assert.deepEqual([dead?.state, dead?.attempts, dead?.runAt, dead?.priority], ['pending', 0, T0 + 60, 4]);
        }));

      it('on a leased item leaves the lease alone and runs it again after completion (the dirty flag)', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          await store.work.enqueue(job('o1', { runAt: T0 + 10 }), T0 + 5);
          const leased = await store.work.get(C, 'order.export', 'o1');
          assert.equal(leased?.state, 'leased');
          assert.equal(leased?.leaseOwner, 'w');
          assert.equal(await store.work.complete(id, 'w', T0 + 20), true);
          const again = await store.work.get(C, 'order.export', 'o1');
          assert.equal(again?.state, 'pending');
          assert.equal(again?.runAt, T0 + 10);
          assert.equal(again?.attempts, 0);
          assert.equal(again?.leaseOwner, null);
          // The re-run is ordinary: completing it without news finishes it.
          const id2 = await claimOne(store, 'w2', T0 + 20);
          assert.equal(id2, id);
          assert.equal(await store.work.complete(id2, 'w2', T0 + 30), true);
          assert.equal((await store.work.get(C, 'order.export', 'o1'))?.state, 'done');
        }));

      it('a dirty mark does not shorten the backoff of a retry, nor does a later event or poll', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          await store.work.enqueue(job('o1', { runAt: T0 + 500 }), T0 + 1);
          await store.work.enqueue(job('o1', { runAt: T0 + 100 }), T0 + 2);
          assert.equal(await store.work.retry(id, 'w', T0 + 60_000, 'timeout', T0 + 4), true);
          await store.work.enqueue(job('o1', { runAt: T0 + 200, priority: 900 }), T0 + 5);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([item?.state, item?.runAt, item?.attempts, item?.lastError, item?.priority], ['pending', T0 + 60_000, 1, 'timeout', 900]);
        }));

      it('redrives dead letters dead long enough, with a fresh budget, oldest first', () =>
        withStore(async (store) => {
          for (const [subject, at] of [['old', T0], ['older', T0 - 10], ['recent', T0 + 5_000]] as const) {
            await store.work.enqueue(job(subject, { runAt: at }), at);
            const id = await claimOne(store, 'w', at);
            assert.equal(await store.work.deadLetter(id, 'w', 'gave up', at), true);
          }
          assert.equal(await store.work.redriveDead(C, T0 + 1_000, T0 + 9_000, 1), 1);
          assert.deepEqual([(await store.work.get(C, 'order.export', 'older'))?.state, (await store.work.get(C, 'order.export', 'old'))?.state], ['pending', 'dead']);
          assert.equal(await store.work.redriveDead(C, T0 + 1_000, T0 + 9_000, 10), 1);
          const item = await store.work.get(C, 'order.export', 'old');
          assert.deepEqual([item?.state, item?.attempts, item?.runAt], ['pending', 0, T0 + 9_000]);
          assert.equal((await store.work.get(C, 'order.export', 'recent'))?.state, 'dead', 'not dead long enough');
        }));

      it('retention purges finished work, audit rows and closed links older than the cutoff, nothing else', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('done-old'), T0);
          assert.equal(await store.work.complete(await claimOne(store, 'w'), 'w', T0), true);
          await store.work.enqueue(job('pending-old'), T0);
          await store.orderLinks.upsert(link('closed-old', { state: 'closed' }), T0);
          await store.orderLinks.upsert(link('open-old', { state: 'submitted' }), T0);
          await store.orderLinks.upsert(link('closed-new', { state: 'closed' }), T0 + 10_000);
          const audit = { connectionId: C, system: 'amazon', action: 'x', subjectType: 'order', subjectId: 'o', outcome: 'ok', message: 'm' } as const;
          await store.audit.append({ ...audit, at: T0 });
          await store.audit.append({ ...audit, at: T0 + 10_000 });
          assert.deepEqual(await store.retention.purgeOlderThan(T0 + 5_000), { workItems: 1, auditEntries: 1, orderLinks: 1 });
          assert.equal(await store.work.get(C, 'order.export', 'done-old'), null);
          assert.equal((await store.work.get(C, 'order.export', 'pending-old'))?.state, 'pending');
          assert.deepEqual([await store.orderLinks.get(C, 'closed-old'), (await store.orderLinks.get(C, 'open-old'))?.state, (await store.orderLinks.get(C, 'closed-new'))?.state], [null, 'submitted', 'closed']);
          assert.equal((await store.audit.listForSubject(C, ['o'], 10)).length, 1);
        }));

      it('a pause gives the item back without spending its attempt', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          assert.equal(await store.work.pause(id, 'w', T0, 'Amazon unreachable', T0 + 4), true);
          assert.equal(await store.work.pause(id, 'w', T0, 'again', T0 + 5), false, 'only the lease holder pauses');
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([item?.state, item?.runAt, item?.attempts, item?.lastError], ['pending', T0, 0, 'Amazon unreachable']);
        }));

      it('a dirty mark turns a dead letter into a fresh pending item', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          await store.work.enqueue(job('o1', { runAt: T0 + 7 }), T0 + 1);
          assert.equal(await store.work.deadLetter(id, 'w', 'gave up', T0 + 2), true);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([item?.state, item?.runAt, item?.attempts, item?.lastError], ['pending', T0 + 7, 0, 'gave up']);
        }));
    });

    describe('work queue: claim', () => {
      it('leases only due items, highest priority first, then oldest runAt, up to the limit', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('low-old', { priority: 1, runAt: T0 - 100 }), T0);
          await store.work.enqueue(job('high-new', { priority: 9, runAt: T0 - 1 }), T0);
          await store.work.enqueue(job('high-old', { priority: 9, runAt: T0 - 50 }), T0);
          await store.work.enqueue(job('mid', { priority: 5, runAt: T0 - 10 }), T0);
          await store.work.enqueue(job('future', { priority: 99, runAt: T0 + 1 }), T0);
          const claimed = await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 3 });
          assert.deepEqual(claimed.map((i) => i.subjectId), ['high-old', 'high-new', 'mid']);
          for (const item of claimed) {
            assert.equal(item.state, 'leased');
            assert.equal(item.attempts, 1);
            assert.equal(item.leaseOwner, 'w');
            assert.equal(item.leaseExpiresAt, T0 + LEASE);
          }
          const rest = await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 10 });
          assert.deepEqual(rest.map((i) => i.subjectId), ['low-old']);
          assert.deepEqual(await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 10 }), []);
        }));

      it('filters by kind', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('a'), T0);
          await store.work.enqueue(job('b', { kind: 'order.track' }), T0);
          const kinds: WorkKind[] = ['order.track'];
          const claimed = await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 10, kinds });
          assert.deepEqual(claimed.map((i) => i.subjectId), ['b']);
          assert.deepEqual(await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 10, kinds: [] }), []);
        }));

      it('counts an attempt per claim', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          await store.work.retry(id, 'w', T0, 'e1', T0);
          const [again] = await store.work.claim({ owner: 'w', now: T0, leaseMs: LEASE, limit: 1 });
          assert.equal(again?.attempts, 2);
        }));

      it('two store instances claiming at once never get the same item', async () => {
        const db = await freshDatabase();
        const a = await db.open();
        const b = await db.open();
        try {
          const total = 120;
          for (let i = 0; i < total; i++) await a.work.enqueue(job(`o${i}`, { priority: i % 3 }), T0);
          const claimedBy = new Map<number, string>();
          const duplicates: number[] = [];
          const drain = async (store: Store, owner: string): Promise<void> => {
            for (;;) {
              const items = await store.work.claim({ owner, now: T0, leaseMs: LEASE, limit: 4 });
              if (items.length === 0) return;
              for (const item of items) {
                if (claimedBy.has(item.id)) duplicates.push(item.id);
                claimedBy.set(item.id, owner);
                assert.equal(await store.work.complete(item.id, owner, T0), true);
              }
            }
          };
          await Promise.all([drain(a, 'a1'), drain(b, 'b1'), drain(a, 'a2'), drain(b, 'b2')]);
          assert.deepEqual(duplicates, []);
          assert.equal(claimedBy.size, total);
          const [stats] = await a.work.stats(C, T0);
          assert.equal(stats?.done, total);
        } finally {
          await a.close();
          await b.close();
          await db.dispose();
        }
      });
    });

    describe('work queue: leases and fencing', () => {
      it('only the lease owner can settle or extend', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          assert.equal(await store.work.complete(id, 'other', T0), false);
          assert.equal(await store.work.retry(id, 'other', T0, 'x', T0), false);
          assert.equal(await store.work.deadLetter(id, 'other', 'x', T0), false);
          assert.equal(await store.work.requeue(id, 'other', 1, T0), false);
          assert.equal(await store.work.extendLease(id, 'other', T0 + 99_999), false);
          assert.equal((await store.work.get(C, 'order.export', 'o1'))?.state, 'leased');
          assert.equal(await store.work.extendLease(id, 'w', T0 + 99_999), true);
          assert.equal((await store.work.get(C, 'order.export', 'o1'))?.leaseExpiresAt, T0 + 99_999);
        }));

      it('a settled item cannot be settled again', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          assert.equal(await store.work.complete(id, 'w', T0), true);
          assert.equal(await store.work.complete(id, 'w', T0), false);
          assert.equal(await store.work.retry(id, 'w', T0, 'late', T0), false);
          assert.equal((await store.work.get(C, 'order.export', 'o1'))?.state, 'done');
        }));

      it('expired leases go back to pending and the old owner is fenced out', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          await store.work.enqueue(job('o2'), T0);
          const [first] = await store.work.claim({ owner: 'slow', now: T0, leaseMs: 1_000, limit: 1 });
          const [second] = await store.work.claim({ owner: 'fast', now: T0, leaseMs: 60_000, limit: 1 });
          assert.ok(first && second);
          assert.equal(await store.work.reapExpiredLeases(T0 + 999), 0);
          assert.equal(await store.work.reapExpiredLeases(T0 + 1_000), 1);
          const reaped = await store.work.get(C, 'order.export', first.subjectId);
          assert.equal(reaped?.state, 'pending');
          assert.equal(reaped?.leaseOwner, null);
          assert.equal(reaped?.runAt, T0 + 1_000);
          assert.match(reaped?.lastError ?? '', /lease expired/);
          assert.equal(reaped?.attempts, 1, 'the abandoned attempt still counts');
          assert.equal(await store.work.complete(first.id, 'slow', T0 + 1_001), false);
          assert.equal(await store.work.extendLease(first.id, 'slow', T0 + 9_000), false);
          const [retaken] = await store.work.claim({ owner: 'next', now: T0 + 1_001, leaseMs: LEASE, limit: 5 });
          assert.equal(retaken?.id, first.id);
          assert.equal(retaken?.attempts, 2);
          assert.equal(await store.work.complete(first.id, 'slow', T0 + 1_002), false);
          assert.equal(await store.work.complete(first.id, 'next', T0 + 1_002), true);
          assert.equal((await store.work.get(C, 'order.export', second.subjectId))?.state, 'leased');
        }));

      it('retry returns the item to pending at the given time with the error', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          const id = await claimOne(store, 'w');
          assert.equal(await store.work.retry(id, 'w', T0 + 5_000, 'HTTP 503', T0 + 1), true);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([item?.state, item?.runAt, item?.lastError, item?.leaseOwner, item?.attempts], ['pending', T0 + 5_000, 'HTTP 503', null, 1]);
          assert.deepEqual(await store.work.claim({ owner: 'w', now: T0 + 4_999, leaseMs: LEASE, limit: 1 }), []);
          assert.equal((await store.work.claim({ owner: 'w', now: T0 + 5_000, leaseMs: LEASE, limit: 1 })).length, 1);
        }));

      it('dead letter keeps the error; complete clears it', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1'), T0);
          await store.work.enqueue(job('o2'), T0);
          const id1 = await claimOne(store, 'w');
          const id2 = await claimOne(store, 'w');
          await store.work.deadLetter(id1, 'w', 'invalid address', T0 + 1);
          await store.work.retry(id2, 'w', T0, 'flaky', T0);
          await store.work.complete(await claimOne(store, 'w'), 'w', T0 + 2);
          const dead = await store.work.get(C, 'order.export', 'o1');
          const done = await store.work.get(C, 'order.export', 'o2');
          assert.deepEqual([dead?.state, dead?.lastError, dead?.leaseOwner], ['dead', 'invalid address', null]);
          assert.deepEqual([done?.state, done?.lastError], ['done', null]);
        }));

      it('requeue gives the item back due now at a new priority without spending an attempt', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('o1', { priority: 600, runAt: T0 - 100 }), T0);
          const id = await claimOne(store, 'w');
          assert.equal(await store.work.requeue(id, 'w', 250, T0 + 3), true);
          const item = await store.work.get(C, 'order.export', 'o1');
          assert.deepEqual([item?.state, item?.priority, item?.runAt, item?.attempts, item?.leaseOwner], ['pending', 250, T0 + 3, 0, null]);
        }));
    });

    describe('work queue: stats and next run', () => {
      it('counts per kind and finds the oldest due item', () =>
        withStore(async (store) => {
          assert.deepEqual(await store.work.stats(C, T0), []);
          await store.work.enqueue(job('due-old', { runAt: T0 - 500 }), T0);
          await store.work.enqueue(job('due-new', { runAt: T0 - 10 }), T0);
          await store.work.enqueue(job('later', { runAt: T0 + 500 }), T0);
          await store.work.enqueue(job('leased', { priority: 1_000 }), T0);
          await store.work.enqueue(job('t1', { kind: 'order.track', priority: 1_000 }), T0);
          await store.work.enqueue(job('other-connection', { connectionId: 'conn-2' }), T0);
          await claimOne(store, 'w'); // one of the priority-1000 items
          await claimOne(store, 'w');
          const stats = await store.work.stats(C, T0);
          assert.deepEqual(stats, [
            { kind: 'order.export', pending: 3, due: 2, leased: 1, dead: 0, done: 0, oldestDueAt: T0 - 500 },
            { kind: 'order.track', pending: 0, due: 0, leased: 1, dead: 0, done: 0, oldestDueAt: null },
          ]);
        }));

      it('nextRunAt is the earliest pending runAt, optionally of some kinds', () =>
        withStore(async (store) => {
          assert.equal(await store.work.nextRunAt(), null);
          await store.work.enqueue(job('a', { runAt: T0 + 300 }), T0);
          await store.work.enqueue(job('b', { kind: 'order.track', runAt: T0 + 100 }), T0);
          assert.equal(await store.work.nextRunAt(), T0 + 100);
          assert.equal(await store.work.nextRunAt(['order.export']), T0 + 300);
          assert.equal(await store.work.nextRunAt([]), null);
        }));

      it('hasDueAtOrAbove sees pending, due items of the connection at the priority or above', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('low', { priority: 100 }), T0);
          await store.work.enqueue(job('later', { priority: 500, runAt: T0 + 1_000 }), T0);
          await store.work.enqueue(job('other-connection', { connectionId: 'conn-2', priority: 500 }), T0);
          assert.equal(await store.work.hasDueAtOrAbove(C, 400, T0), false, 'lower, not due yet, or another connection');
          assert.equal(await store.work.hasDueAtOrAbove(C, 100, T0), true);
          assert.equal(await store.work.hasDueAtOrAbove(C, 400, T0 + 1_000), true, 'due now');
          const leased = await store.work.claim({ owner: 'w#1', now: T0 + 1_000, leaseMs: 1_000, limit: 2 });
          assert.deepEqual(leased.map((i) => i.subjectId).sort(), ['later', 'other-connection']);
          assert.equal(await store.work.hasDueAtOrAbove(C, 400, T0 + 1_000), false, 'a leased item is not waiting');
        }));

      it('reprioritizeLeased moves a leased item from the given priority only', () =>
        withStore(async (store) => {
          await store.work.enqueue(job('a', { priority: 510 }), T0);
          await store.work.enqueue(job('b', { priority: 510 }), T0);
          const [a] = await store.work.claim({ owner: 'w#1', now: T0, leaseMs: 1_000, limit: 1 });
          await store.work.reprioritizeLeased(a!.id, 400, 300);
          assert.equal((await store.work.get(C, 'order.export', a!.subjectId))?.priority, 510, 'not at the given priority: unchanged');
          await store.work.reprioritizeLeased(a!.id, 510, 400);
          assert.equal((await store.work.get(C, 'order.export', a!.subjectId))?.priority, 400);
          const b = await store.work.get(C, 'order.export', a!.subjectId === 'a' ? 'b' : 'a');
          await store.work.reprioritizeLeased(b!.id, 510, 400);
          assert.equal((await store.work.get(C, 'order.export', b!.subjectId))?.priority, 510, 'a pending item is not touched');
        }));
    });

    describe('transactions', () => {
      it('commits all writes together', () =>
        withStore(async (store) => {
          const result = await store.transaction(async (tx) => {
            await tx.inbox.record('ct', 'm1', T0);
            await tx.work.enqueue(job('o1'), T0);
            return 'ok';
          });
          assert.equal(result, 'ok');
          assert.equal(await store.inbox.record('ct', 'm1', T0), false);
          assert.ok(await store.work.get(C, 'order.export', 'o1'));
        }));

      it('rolls back every write when the body throws', () =>
        withStore(async (store) => {
          await assert.rejects(
            store.transaction(async (tx) => {
              await tx.inbox.record('ct', 'm1', T0);
              await tx.work.enqueue(job('o1'), T0);
              await tx.transaction(async (nested) => nested.watermarks.set(C, 'w', 'v', T0));
              throw new Error('boom');
            }),
            /boom/,
          );
          assert.equal(await store.inbox.record('ct', 'm1', T0), true);
          assert.equal(await store.work.get(C, 'order.export', 'o1'), null);
          assert.equal(await store.watermarks.get(C, 'w'), null);
        }));

      it('other callers do not see or join an open transaction', () =>
        withStore(async (store) => {
          let release!: () => void;
          const gate = new Promise<void>((resolve) => (release = resolve));
          const inTx = store.transaction(async (tx) => {
            await tx.watermarks.set(C, 'w', 'inside', T0);
            await gate;
            throw new Error('rolled back');
          });
          // A write from outside while the transaction is open must survive its rollback.
          const outside = store.watermarks.set(C, 'other', 'outside', T0);
          release();
          await assert.rejects(inTx, /rolled back/);
          await outside;
          assert.equal(await store.watermarks.get(C, 'w'), null);
          assert.equal(await store.watermarks.get(C, 'other'), 'outside');
        }));
    });

    describe('order links', () => {
      it('upserts, keeps createdAt, and finds by each key', () =>
        withStore(async (store) => {
          await store.orderLinks.upsert(link('ct-1', { state: 'submitting' }), T0);
          await store.orderLinks.upsert(link('ct-1', { sellerFulfillmentOrderId: 'SFO-1', state: 'submitted', submittedAt: T0 + 5 }), T0 + 10);
          const byId = await store.orderLinks.get(C, 'ct-1');
          assert.deepEqual(byId, { ...link('ct-1', { sellerFulfillmentOrderId: 'SFO-1', submittedAt: T0 + 5 }), createdAt: T0, updatedAt: T0 + 10 });
          assert.deepEqual(await store.orderLinks.getBySellerFulfillmentOrderId(C, 'SFO-1'), byId);
          assert.deepEqual(await store.orderLinks.getByOrderNumber(C, 'N-ct-1'), byId);
          assert.equal(await store.orderLinks.get('conn-2', 'ct-1'), null);
          assert.equal(await store.orderLinks.getBySellerFulfillmentOrderId(C, 'nope'), null);
        }));

      it('moves a submitted link on to a notified status only from the statuses before it', () =>
        withStore(async (store) => {
          await store.orderLinks.upsert(link('ct-1', { sellerFulfillmentOrderId: 'SFO-1', state: 'submitted', fbaStatus: 'Received' }), T0);
          await store.orderLinks.upsert(link('ct-2', { sellerFulfillmentOrderId: 'SFO-2', state: 'cancelling', fbaStatus: 'Received' }), T0);
          assert.equal(await store.orderLinks.advanceFbaStatus(C, 'ct-1', 'Processing', ['New', 'Received', 'Planning'], T0 + 5, T0 + 9), true);
          const moved = await store.orderLinks.get(C, 'ct-1');
          assert.deepEqual([moved?.fbaStatus, moved?.fbaStatusAt, moved?.updatedAt], ['Processing', T0 + 5, T0 + 9]);
          assert.equal(await store.orderLinks.advanceFbaStatus(C, 'ct-1', 'Planning', ['New', 'Received'], T0 + 3, T0 + 10), false, 'a late one');
          assert.equal((await store.orderLinks.get(C, 'ct-1'))?.fbaStatus, 'Processing');
          assert.equal(await store.orderLinks.advanceFbaStatus(C, 'ct-2', 'Processing', ['New', 'Received', 'Planning'], T0 + 5, T0 + 9), false, 'not simply submitted');
          assert.equal(await store.orderLinks.advanceFbaStatus(C, 'nope', 'Processing', ['Received'], T0 + 5, T0 + 9), false);
        }));

      it('lists by state, oldest update first, and counts every state', () =>
        withStore(async (store) => {
          await store.orderLinks.upsert(link('a', { state: 'submitted' }), T0 + 3);
          await store.orderLinks.upsert(link('b', { state: 'cancelling' }), T0 + 1);
          await store.orderLinks.upsert(link('c', { state: 'closed' }), T0 + 2);
          await store.orderLinks.upsert(link('d', { state: 'submitted' }), T0 + 2);
          const open = await store.orderLinks.listByState(C, ['submitted', 'cancelling'], 10);
          assert.deepEqual(open.map((l) => l.ctOrderId), ['b', 'd', 'a']);
          assert.equal((await store.orderLinks.listByState(C, ['submitted'], 1)).length, 1);
          assert.deepEqual(await store.orderLinks.listByState(C, [], 10), []);
          assert.deepEqual(await store.orderLinks.countByState(C), {
            local: 0, blocked: 0, submitting: 0, submitted: 2, cancelling: 1, closed: 1,
          });
        }));

      it('pages the links the bridge sent, updated since a time, by (updatedAt, ctOrderId)', () =>
        withStore(async (store) => {
          await store.orderLinks.upsert(link('old', { sellerFulfillmentOrderId: 'SFO-old', state: 'closed' }), T0);
          await store.orderLinks.upsert(link('x', { sellerFulfillmentOrderId: 'SFO-x', state: 'submitted' }), T0 + 10);
          await store.orderLinks.upsert(link('y', { sellerFulfillmentOrderId: 'SFO-y', state: 'closed' }), T0 + 10);
          await store.orderLinks.upsert(link('z', { sellerFulfillmentOrderId: 'SFO-z', state: 'submitted' }), T0 + 20);
          await store.orderLinks.upsert(link('never-sent', { sellerFulfillmentOrderId: null, state: 'blocked' }), T0 + 20);
          const first = await store.orderLinks.listSentUpdatedSince(C, T0 + 5, null, 2);
          assert.deepEqual(first.map((l) => l.ctOrderId), ['x', 'y']);
          const last = first[first.length - 1]!;
          const next = await store.orderLinks.listSentUpdatedSince(C, T0 + 5, { updatedAt: last.updatedAt, ctOrderId: last.ctOrderId }, 2);
          assert.deepEqual(next.map((l) => l.ctOrderId), ['z']);
        }));

      it('keeps the storefront revenue per order: the latest record wins, listed in batches, per connection', () =>
        withStore(async (store) => {
          const revenue = (ctOrderId: string, totalGross: number, fbaLinesValue: number | null = null) => ({
            connectionId: C, ctOrderId, orderNumber: `N-${ctOrderId}`, sellerFulfillmentOrderId: `SFO-${ctOrderId}`, currency: 'EUR',
            fractionDigits: 2, totalGross, fbaLinesValue, recordedAt: T0,
          });
          await store.orderLinks.recordRevenue(revenue('r-1', 59_97, 39_98));
          await store.orderLinks.recordRevenue({ ...revenue('r-1', 64_97, null), recordedAt: T0 + 1 });
          await store.orderLinks.recordRevenue({ ...revenue('r-2', 9_007_199_254_740), currency: 'JPY', fractionDigits: 0 });
          await store.orderLinks.recordRevenue({ ...revenue('r-1', 1), connectionId: 'conn-2' });
          for (let i = 0; i < 600; i++) await store.orderLinks.recordRevenue(revenue(`bulk-${i}`, i));
          const got = await store.orderLinks.listRevenue(C, ['r-1', 'r-2', 'missing', 'r-1']);
          assert.deepEqual(got.sort((a, b) => (a.ctOrderId < b.ctOrderId ? -1 : 1)), [
            { ...revenue('r-1', 64_97, null), recordedAt: T0 + 1 },
            { ...revenue('r-2', 9_007_199_254_740), currency: 'JPY', fractionDigits: 0 },
          ]);
          const bulk = await store.orderLinks.listRevenue(C, Array.from({ length: 600 }, (_, i) => `bulk-${i}`));
          assert.equal(bulk.length, 600);
          assert.equal(bulk.reduce((n, r) => n + r.totalGross, 0), (599 * 600) / 2);
          assert.deepEqual(await store.orderLinks.listRevenue(C, []), []);
          assert.deepEqual((await store.orderLinks.listRevenue('conn-2', ['r-1'])).map((r) => r.totalGross), [1]);
        }));
    });

    describe('exceptions', () => {
      it('raising the same problem again refreshes one record', () =>
        withStore(async (store) => {
          const first = await store.exceptions.raise(problem('o1'), T0);
          assert.deepEqual(
            [first.status, first.occurrences, first.firstSeenAt, first.lastSeenAt, first.resolvedAt, first.subjectLabel],
            ['open', 1, T0, T0, null, '#o1'],
          );
          const again = await store.exceptions.raise(problem('o1', { reason: 'street too long', subjectLabel: null }), T0 + 60_000);
          assert.equal(again.id, first.id);
          assert.equal(again.occurrences, 2);
          assert.equal(again.firstSeenAt, T0);
          assert.equal(again.lastSeenAt, T0 + 60_000);
          assert.equal(again.reason, 'street too long');
          assert.equal(again.subjectLabel, '#o1', 'a missing label does not erase the known one');
          const otherType = await store.exceptions.raise(problem('o1', { type: 'order.unknown-sku', owner: 'ecommerce' }), T0);
          assert.notEqual(otherType.id, first.id);
        }));

      it('an ignored record stays ignored and counts; a resolved one is not reopened', () =>
        withStore(async (store) => {
          const first = await store.exceptions.raise(problem('o1'), T0);
          const ignored = await store.exceptions.setStatus(first.id, 'ignored', T0 + 1);
          assert.equal(ignored?.status, 'ignored');
          const refreshed = await store.exceptions.raise(problem('o1'), T0 + 2);
          assert.deepEqual([refreshed.id, refreshed.status, refreshed.occurrences], [first.id, 'ignored', 2]);
          const resolved = await store.exceptions.setStatus(first.id, 'resolved', T0 + 3);
          assert.deepEqual([resolved?.status, resolved?.resolvedAt], ['resolved', T0 + 3]);
          const fresh = await store.exceptions.raise(problem('o1'), T0 + 4);
          assert.notEqual(fresh.id, first.id);
          assert.deepEqual([fresh.status, fresh.occurrences, fresh.firstSeenAt], ['open', 1, T0 + 4]);
          assert.equal((await store.exceptions.get(first.id))?.status, 'resolved');
          // Reopening the old one would make two unresolved records of one problem.
          await assert.rejects(store.exceptions.setStatus(first.id, 'open', T0 + 5), /already has an open or ignored record/);
        }));

      it('setStatus to the same status keeps resolvedAt; unknown id is null', () =>
        withStore(async (store) => {
          const e = await store.exceptions.raise(problem('o1'), T0);
          await store.exceptions.setStatus(e.id, 'resolved', T0 + 1);
          const again = await store.exceptions.setStatus(e.id, 'resolved', T0 + 2);
          assert.equal(again?.resolvedAt, T0 + 1);
          const reopened = await store.exceptions.setStatus(e.id, 'open', T0 + 3);
          assert.deepEqual([reopened?.status, reopened?.resolvedAt], ['open', null]);
          assert.equal(await store.exceptions.setStatus(999_999, 'resolved', T0), null);
          assert.equal(await store.exceptions.get(999_999), null);
        }));

      it('resolveForSubject resolves the open ones of the subject, optionally of some types', () =>
        withStore(async (store) => {
          await store.exceptions.raise(problem('o1'), T0);
          await store.exceptions.raise(problem('o1', { type: 'order.unknown-sku', owner: 'ecommerce' }), T0);
          const ignored = await store.exceptions.raise(problem('o1', { type: 'order.invalid' }), T0);
          await store.exceptions.setStatus(ignored.id, 'ignored', T0);
          await store.exceptions.raise(problem('o2'), T0);
          assert.equal(await store.exceptions.resolveForSubject(C, 'order', 'o1', T0 + 1, ['order.unknown-sku']), 1);
          assert.equal(await store.exceptions.resolveForSubject(C, 'order', 'o1', T0 + 2, []), 0);
          assert.equal(await store.exceptions.resolveForSubject(C, 'order', 'o1', T0 + 3), 1);
          const o1 = await store.exceptions.list({ connectionId: C, subjectId: 'o1' });
          assert.deepEqual(o1.map((e) => [e.type, e.status]).sort(), [
            ['order.invalid', 'ignored'],
            ['order.invalid-address', 'resolved'],
            ['order.unknown-sku', 'resolved'],
          ]);
          assert.equal(o1.find((e) => e.type === 'order.invalid-address')?.resolvedAt, T0 + 3);
          assert.equal((await store.exceptions.list({ subjectId: 'o2' }))[0]?.status, 'open');
        }));

      it('resolveOpenForSubject resolves like resolveForSubject and returns what it resolved', () =>
        withStore(async (store) => {
          const sku = await store.exceptions.raise(problem('o1', { type: 'order.unknown-sku', owner: 'ecommerce' }), T0);
          const address = await store.exceptions.raise(problem('o1'), T0);
          const ignored = await store.exceptions.raise(problem('o1', { type: 'order.invalid' }), T0);
          await store.exceptions.setStatus(ignored.id, 'ignored', T0);
          await store.exceptions.raise(problem('o2'), T0);
          assert.deepEqual(await store.exceptions.resolveOpenForSubject(C, 'order', 'o1', T0 + 1, []), []);
          const first = await store.exceptions.resolveOpenForSubject(C, 'order', 'o1', T0 + 1, ['order.unknown-sku']);
          assert.deepEqual(first.map((e) => [e.id, e.status, e.resolvedAt]), [[sku.id, 'resolved', T0 + 1]]);
          const rest = await store.exceptions.resolveOpenForSubject(C, 'order', 'o1', T0 + 2);
          assert.deepEqual(rest.map((e) => [e.id, e.type]), [[address.id, 'order.invalid-address']]);
          assert.equal((await store.exceptions.get(ignored.id))?.status, 'ignored');
          assert.equal((await store.exceptions.list({ subjectId: 'o2' }))[0]?.status, 'open');
        }));

      it('lists by filters, most recently seen first, and counts open ones by type', () =>
        withStore(async (store) => {
          await store.exceptions.raise(problem('o1'), T0 + 1);
          await store.exceptions.raise(problem('o2'), T0 + 3);
          await store.exceptions.raise(problem('o3', { type: 'order.unknown-sku', owner: 'ecommerce' }), T0 + 2);
          await store.exceptions.raise(problem('o4', { connectionId: 'conn-2' }), T0);
          const all = await store.exceptions.list({ connectionId: C });
          assert.deepEqual(all.map((e) => e.subjectId), ['o2', 'o3', 'o1']);
          assert.deepEqual((await store.exceptions.list({ owner: 'ecommerce' })).map((e) => e.subjectId), ['o3']);
          assert.deepEqual((await store.exceptions.list({ type: 'order.invalid-address', limit: 2 })).map((e) => e.subjectId), ['o2', 'o1']);
          assert.deepEqual((await store.exceptions.list({ connectionId: C, types: ['order.unknown-sku', 'order.invalid'] })).map((e) => e.subjectId), ['o3']);
          assert.deepEqual((await store.exceptions.list({ types: ['order.unknown-sku', 'order.invalid-address'], status: 'open' })).length, 4);
          assert.deepEqual(await store.exceptions.list({ types: [] }), []);
          assert.equal((await store.exceptions.list({ status: 'resolved' })).length, 0);
          assert.equal((await store.exceptions.list({})).length, 4);
          assert.deepEqual(await store.exceptions.countOpenByType(C), [
            { type: 'order.invalid-address', owner: 'operations', count: 2 },
            { type: 'order.unknown-sku', owner: 'ecommerce', count: 1 },
          ]);
        }));
    });

    describe('inbox, watermarks, audit, connections', () => {
      it('the inbox recognises a redelivered message, per source', () =>
        withStore(async (store) => {
          assert.equal(await store.inbox.record('ct', 'm1', T0), true);
          assert.equal(await store.inbox.record('ct', 'm1', T0 + 1), false);
          assert.equal(await store.inbox.record('amazon', 'm1', T0), true);
          assert.equal(await store.inbox.purgeOlderThan(T0 + 1), 2);
          assert.equal(await store.inbox.record('ct', 'm1', T0 + 2), true);
        }));

      it('watermarks are per connection and overwritten', () =>
        withStore(async (store) => {
          assert.equal(await store.watermarks.get(C, 'orders'), null);
          await store.watermarks.set(C, 'orders', '2024-01-01T00:00:00Z', T0);
          await store.watermarks.set(C, 'orders', '2024-01-02T00:00:00Z', T0 + 1);
          assert.equal(await store.watermarks.get(C, 'orders'), '2024-01-02T00:00:00Z');
          assert.equal(await store.watermarks.get('conn-2', 'orders'), null);
        }));

      it('the audit log lists the subjects’ entries newest first', () =>
        withStore(async (store) => {
          const entry = { connectionId: C, system: 'amazon', action: 'createFulfillmentOrder', subjectType: 'order', outcome: 'ok', message: 'sent' } as const;
          await store.audit.append({ ...entry, subjectId: 'o1', at: T0 });
          await store.audit.append({ ...entry, subjectId: 'o2', at: T0 + 2, outcome: 'failed' });
          await store.audit.append({ ...entry, subjectId: 'o1', at: T0 + 1, system: 'commercetools' });
          await store.audit.append({ ...entry, subjectId: 'o3', at: T0 + 3 });
          await store.audit.append({ ...entry, connectionId: 'conn-2', subjectId: 'o1', at: T0 + 9 });
          const list = await store.audit.listForSubject(C, ['o1', 'o2'], 10);
          assert.deepEqual(list.map((e) => [e.subjectId, e.at, e.system, e.outcome]), [
            ['o2', T0 + 2, 'amazon', 'failed'],
            ['o1', T0 + 1, 'commercetools', 'ok'],
            ['o1', T0, 'amazon', 'ok'],
          ]);
          assert.equal(typeof list[0]?.id, 'number');
          assert.equal((await store.audit.listForSubject(C, ['o1', 'o2'], 2)).length, 2);
          assert.deepEqual(await store.audit.listForSubject(C, [], 10), []);
        }));

      it('connections are upserted and listed', () =>
        withStore(async (store) => {
          const conn = { id: 'eu', name: 'EU shop', ctProjectKey: 'shop-eu', marketplaceId: 'A1PA6795UKMFR9', sellerKey: 'seller-1' };
          await store.connections.upsert(conn, T0);
          await store.connections.upsert({ ...conn, name: 'EU store' }, T0 + 1);
          await store.connections.upsert({ ...conn, id: 'aa', name: 'AA' }, T0);
          assert.deepEqual(await store.connections.list(), [{ ...conn, id: 'aa', name: 'AA' }, { ...conn, name: 'EU store' }]);
        }));
    });
  });
}
