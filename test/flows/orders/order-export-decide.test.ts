// exportOrder before anything is sent: merchant orders, triage of event-found orders, validation that
// blocks an order (exceptions, link, note on the order), and orders cancelled before they were sent.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { exportOrder } from '../../../src/flows/orders/order-export-handler.js';
import { pollStorefrontOrders } from '../../../src/flows/orders/storefront-order-poller.js';
import { TRIAGE_PRIORITY } from '../../../src/flows/orders/order-flow-types.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { failure } from '../../../src/domain/shared/result.js';
import {
  CONNECTION, line, orderFlowWorld, storefrontOrder, workItem, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const exportItem = (orderId: string, priority: number = CallPriority.orderStandard) => workItem('order.export', orderId, priority);

/** Another order's export, pending (due now unless `runAt` says later). */
async function waiting(subjectId: string, priority: number, runAt = w.workClock.ms): Promise<void> {
  await w.store.work.enqueue({ connectionId: CONNECTION, kind: 'order.export', subjectId, priority, runAt }, w.workClock.ms);
}

describe('exportOrder: which orders go to Amazon', () => {
  it('links a merchant-fulfilled order as local and calls neither Amazon API', async () => {
    const order = w.ct.put(storefrontOrder({ shippingMethodKey: 'dhl-standard', lineItems: [line('MUG-RED'), line('TEE-M')] }));

    const outcome = await exportOrder(w.deps, exportItem(order.id, TRIAGE_PRIORITY));

    assert.deepEqual(outcome, { outcome: 'done' });
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.equal(link?.state, 'local');
    assert.equal(link?.localLines, 2);
    assert.equal(link?.fbaLines, 0);
    assert.equal(w.amazon.calls.length, 0);
    assert.equal(w.inventory.requests.length, 0);
    assert.equal(w.ct.writes().length, 0, 'nothing is written on a merchant order');
  });

  it('links an FBA order whose lines all come from merchant supply channels as local', async () => {
    const order = w.ct.put(storefrontOrder({ lineItems: [line('MUG-RED', 1, { supplyChannelKey: 'warehouse-berlin' })] }));
    await exportOrder(w.deps, exportItem(order.id));
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'local');
    assert.equal(w.amazon.calls.length, 0);
  });

  it('sends an order linked local once it is marked for FBA, when the storefront poll finds it', async () => {
    const order = w.ct.put(storefrontOrder({ shippingMethodKey: 'dhl-standard' }));
    await exportOrder(w.deps, exportItem(order.id));
    w.ct.change(order.id, { fields: { fulfillmentChannel: 'FBA' } });

    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 1, enqueued: 1 });
    const item = await w.store.work.get(CONNECTION, 'order.export', order.id);
    assert.equal(item?.priority, CallPriority.orderStandard);
    await exportOrder(w.deps, exportItem(order.id, item?.priority));

    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted');
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
  });

  for (const [method, priority] of [
    ['fba-standard', CallPriority.orderStandard], ['fba-expedited', CallPriority.orderExpedited], ['fba-priority', CallPriority.orderPriority],
  ] as const) {
    it(`gives a triaged ${method} order back at priority ${priority} before any Amazon call while an order at that priority waits`, async () => {
      await waiting('earlier-order', priority);
      const order = w.ct.put(storefrontOrder({ shippingMethodKey: method }));

      const outcome = await exportOrder(w.deps, exportItem(order.id, TRIAGE_PRIORITY));

      assert.deepEqual(outcome, { outcome: 'requeue', priority });
      assert.equal(w.amazon.calls.length, 0);
      assert.equal(w.inventory.requests.length, 0);
      assert.equal(await w.store.orderLinks.get(CONNECTION, order.id), null);
    });
  }

  it('sends a triaged order at once, at its real priority, when nothing due waits at that priority or above', async () => {
    await waiting('standard-backlog', CallPriority.orderStandard);
    await waiting('expedited-after-backoff', CallPriority.orderExpedited, w.workClock.ms + 60_000);
    const order = w.ct.put(storefrontOrder({ shippingMethodKey: 'fba-expedited' }));
    await w.store.work.enqueue({ connectionId: CONNECTION, kind: 'order.export', subjectId: order.id, priority: TRIAGE_PRIORITY, runAt: w.workClock.ms }, w.workClock.ms);
    const [claimed] = await w.store.work.claim({ owner: 'w#1', now: w.workClock.ms, leaseMs: 60_000, limit: 1 });
    assert.equal(claimed?.subjectId, order.id);

    assert.deepEqual(await exportOrder(w.deps, claimed!), { outcome: 'done' });

    assert.deepEqual(w.amazon.calls.map((c) => [c.op, c.priority]), [['createFulfillmentOrder', CallPriority.orderExpedited]]);
    assert.equal((await w.store.work.get(CONNECTION, 'order.export', order.id))?.priority, CallPriority.orderExpedited, 'a retry would run at the real priority');
  });

  it('the first look at an event-announced order goes before every known order (it costs no Amazon token), then the order takes its real place', () => {
    assert.ok(Object.values(CallPriority).every((p) => TRIAGE_PRIORITY > p));
  });

  it('finishes quietly when commercetools no longer has the order', async () => {
    assert.deepEqual(await exportOrder(w.deps, exportItem('gone')), { outcome: 'done' });
    assert.equal(w.amazon.calls.length, 0);
    assert.ok(w.logger.messages('warn').includes('order not found in commercetools'));
  });

  it('retries when commercetools cannot be read', async () => {
    const order = w.ct.put(storefrontOrder());
    w.ct.failNext('getOrder', failure('retryable', 'ServerError', 'commercetools answered 503'));
    const outcome = await exportOrder(w.deps, exportItem(order.id));
    assert.equal(outcome.outcome, 'retry');
    assert.match(outcome.outcome === 'retry' ? outcome.error : '', /reading the commercetools order: commercetools answered 503/);
  });
});

describe('exportOrder: validation blocks an order', () => {
  it('raises one exception per problem type, links it blocked, records Blocked on the order, sends nothing', async () => {
    const order = w.ct.put(storefrontOrder({
      shippingAddress: { firstName: 'Erika', lastName: 'Mustermann', streetName: 'Hauptstraße', country: 'DE' },
      lineItems: [line('MUG-RED'), line(undefined, 1), line('NOT-AT-FBA', 2)],
    }));

    const outcome = await exportOrder(w.deps, exportItem(order.id));

    assert.deepEqual(outcome, { outcome: 'done' });
    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open.map((e) => e.type).sort(), ['order.invalid-address', 'order.invalid-sku', 'order.unknown-sku']);
    assert.ok(open.every((e) => e.subjectLabel === order.orderNumber && e.subjectType === 'order'));
    assert.match(open.find((e) => e.type === 'order.unknown-sku')?.reason ?? '', /NOT-AT-FBA/);
    assert.equal(open.find((e) => e.type === 'order.invalid-address')?.owner, 'operations');
    assert.equal(open.find((e) => e.type === 'order.invalid-sku')?.owner, 'ecommerce');

    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.equal(link?.state, 'blocked');
    assert.equal(link?.sellerFulfillmentOrderId, null);
    assert.equal(link?.fbaLines, 3);

    assert.equal(w.amazon.count('createFulfillmentOrder'), 0);
    const fields = w.ct.order(order.id).fields;
    assert.equal(fields.fbaStatus, 'Blocked');
    assert.equal(fields.sellerFulfillmentOrderId, '');
    assert.match(fields.fbaMessage ?? '', /missing postal code/);
  });

  it('sends the order once a person fixed it, resolving the validation exceptions', async () => {
    const order = w.ct.put(storefrontOrder({ lineItems: [line('NOT-AT-FBA')] }));
    await exportOrder(w.deps, exportItem(order.id));
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'blocked');

    w.ct.change(order.id, { lineItems: [line('MUG-BLUE')] });
    await exportOrder(w.deps, exportItem(order.id));

    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted');
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
    const exceptions = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id });
    assert.deepEqual(exceptions.map((e) => [e.type, e.status]), [['order.unknown-sku', 'resolved']]);
  });

  it('retries (without blocking) when FBA cannot say which SKUs it stocks', async () => {
    const order = w.ct.put(storefrontOrder());
    w.inventory.failNext(failure('throttled', 'QuotaExceeded', 'You exceeded your quota'));
    const outcome = await exportOrder(w.deps, exportItem(order.id));
    assert.deepEqual(outcome, { outcome: 'retry', error: 'checking the SKUs with FBA: You exceeded your quota (QuotaExceeded)', delayMs: 1_000 });
    assert.equal(await w.store.orderLinks.get(CONNECTION, order.id), null);
    assert.equal(w.amazon.calls.length, 0);
  });
});

describe('exportOrder: cancelled before it was sent', () => {
  it('closes a cancelled order without calling Amazon', async () => {
    const order = w.ct.put(storefrontOrder({ orderState: 'Cancelled' }));

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id)), { outcome: 'done' });

    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.equal(link?.state, 'closed');
    assert.equal(link?.sellerFulfillmentOrderId, null);
    assert.equal(w.amazon.calls.length, 0);
  });

  it('closes a blocked order when it is cancelled, resolving its exceptions', async () => {
    const order = w.ct.put(storefrontOrder({ shippingAddress: undefined }));
    await exportOrder(w.deps, exportItem(order.id));
    w.ct.change(order.id, { orderState: 'Cancelled' });

    await exportOrder(w.deps, exportItem(order.id));

    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'closed');
    assert.deepEqual(await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' }), []);
    assert.equal(w.amazon.count('createFulfillmentOrder'), 0);
  });
});
