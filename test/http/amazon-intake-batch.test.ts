// Status notifications that arrive together are recorded in one transaction (intake-batch.ts), each
// answered only after it committed; a batch that fails answers 503 for all and records none, so the
// redelivery counts; the Amazon order id → commercetools order pair is looked up once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptAmazonNotification, type AmazonIntakeDeps, type StatusIntake } from '../../src/http/amazon-intake.js';
import { IntakeBatch } from '../../src/http/intake-batch.js';
import { BoundedMap } from '../../src/domain/shared/bounded-map.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import type { Store } from '../../src/ports/store.js';

function notification(id: string, sfo: string, status = 'Processing') {
  return {
    NotificationType: 'FULFILLMENT_ORDER_STATUS',
    Payload: { FulfillmentOrderStatusNotification: { EventType: 'Order', SellerFulfillmentOrderId: sfo, FulfillmentOrderStatus: status } },
    NotificationMetadata: { NotificationId: id },
  };
}

/** The store, counting transactions and link look-ups; `failNext` makes the next transaction throw before it commits. */
async function setup() {
  const store = await openStore(':memory:');
  for (const n of [1, 2, 3]) {
    await store.orderLinks.upsert({
      connectionId: 'default', ctOrderId: `ct-${n}`, orderNumber: `N${n}`, sellerFulfillmentOrderId: `N${n}-abc`, state: 'submitted', fbaStatus: 'Planning',
      shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: 1, fbaStatusAt: 1,
    }, 1);
  }
  const counts = { transactions: 0, lookups: 0, failNext: false };
  const spied = (tx: Store): Store => Object.create(tx, {
    orderLinks: { value: Object.create(tx.orderLinks, { getBySellerFulfillmentOrderId: { value: (c: string, s: string) => { counts.lookups++; return tx.orderLinks.getBySellerFulfillmentOrderId(c, s); } } }) },
  }) as Store;
  const counted: Store = Object.create(store, {
    transaction: {
      value: <T>(fn: (tx: Store) => Promise<T>) => {
        counts.transactions++;
        return store.transaction(async (tx) => {
          const result = await fn(spied(tx));
          if (counts.failNext) {
            counts.failNext = false;
            throw new Error('disk full');
          }
          return result;
        });
      },
    },
  }) as Store;
  const deps: AmazonIntakeDeps = {
    store: counted, connections: [{ id: 'default' }], workClock: { now: () => new Date(5_000) }, logger: silentLogger, wake: () => {},
    statusBatch: new IntakeBatch<StatusIntake>(counted), knownOrders: new BoundedMap(100),
  };
  return { store, deps, counts };
}

test('notifications arriving together are recorded in one transaction; a duplicate among them counts once', async () => {
  const { store, deps, counts } = await setup();
  const answers = await Promise.all([
    acceptAmazonNotification(deps, notification('n-1', 'N1-abc')),
    acceptAmazonNotification(deps, notification('n-2', 'N2-abc')),
    acceptAmazonNotification(deps, notification('n-1', 'N1-abc')),
    acceptAmazonNotification(deps, notification('n-3', 'N9-unknown')),
  ]);
  assert.deepEqual(answers.map((a) => [a.status, a.body]), [
    [202, { accepted: 'N1-abc' }], [202, { accepted: 'N2-abc' }], [202, { duplicate: 'n-1' }], [202, { ignored: 'no order N9-unknown sent by the bridge' }],
  ]);
  assert.equal(counts.transactions, 1);
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.state, 'pending');
  assert.equal((await store.work.get('default', 'order.track', 'ct-2'))?.state, 'pending');
  await store.close();
});

test('a batch whose transaction fails answers 503 to each and records none: the redelivery is accepted', async () => {
  const { store, deps, counts } = await setup();
  counts.failNext = true;
  const failed = await Promise.all([acceptAmazonNotification(deps, notification('n-1', 'N1-abc')), acceptAmazonNotification(deps, notification('n-2', 'N2-abc'))]);
  assert.deepEqual(failed.map((a) => a.status), [503, 503]);
  assert.equal(await store.work.get('default', 'order.track', 'ct-1'), null);

  const again = await Promise.all([acceptAmazonNotification(deps, notification('n-1', 'N1-abc')), acceptAmazonNotification(deps, notification('n-2', 'N2-abc'))]);
  assert.deepEqual(again.map((a) => a.body), [{ accepted: 'N1-abc' }, { accepted: 'N2-abc' }]);
  await store.close();
});

test('the commercetools order of an Amazon order id is looked up once, then remembered', async () => {
  const { store, deps, counts } = await setup();
  await acceptAmazonNotification(deps, notification('n-1', 'N3-abc'));
  await store.work.complete((await store.work.claim({ now: 70_000, owner: 'w', leaseMs: 1_000, limit: 1 }))[0]!.id, 'w', 70_000);
  const later = await acceptAmazonNotification(deps, notification('n-2', 'N3-abc', 'Complete'));
  assert.deepEqual(later.body, { accepted: 'N3-abc' });
  assert.equal(counts.lookups, 1);
  assert.equal((await store.work.get('default', 'order.track', 'ct-3'))?.state, 'pending');
  await store.close();
});
