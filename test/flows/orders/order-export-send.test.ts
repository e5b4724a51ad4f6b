// exportOrder sending an order to Amazon exactly once: a successful create, a create whose outcome is
// unknown (timeout) and the read-then-adopt that follows, "already exists" adopted, Amazon refusing a
// SKU, and a stale commercetools version.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { exportOrder } from '../../../src/flows/orders/order-export-handler.js';
import { pollFbaChanges } from '../../../src/flows/shipments/fba-change-poller.js';
import { TRACK_PRIORITY, TRIAGE_PRIORITY } from '../../../src/flows/orders/order-flow-types.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { failure } from '../../../src/domain/shared/result.js';
import { amazonTimeout } from '../../support/fakes/fake-amazon-fulfillment.js';
import { concurrentModification } from '../../support/fakes/fake-commercetools-orders.js';
import {
  CONNECTION, fbaIdOf, line, orderFlowWorld, storefrontOrder, workItem, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const exportItem = (orderId: string, priority: number = CallPriority.orderStandard) => workItem('order.export', orderId, priority);

describe('exportOrder: a successful create', () => {
  it('links the order submitted and records the Amazon id and status on the order; the change poll queues a look once Amazon moves on', async () => {
    const order = w.ct.put(storefrontOrder({ shippingMethodKey: 'fba-expedited', lineItems: [line('MUG-RED', 2), line('MUG-BLUE')] }));
    const id = fbaIdOf(order);

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id, CallPriority.orderExpedited)), { outcome: 'done' });

    assert.equal(w.amazon.created.length, 1);
    const request = w.amazon.created[0]!;
    assert.equal(request.sellerFulfillmentOrderId, id);
    assert.equal(request.shippingSpeedCategory, 'Expedited');
    assert.equal(request.marketplaceId, 'A1PA6795UKMFR9');
    assert.deepEqual(request.items.map((i) => [i.sellerSku, i.quantity]), [['MUG-RED', 2], ['MUG-BLUE', 1]]);
    assert.equal(w.amazon.calls.find((c) => c.op === 'createFulfillmentOrder')?.priority, CallPriority.orderExpedited);

    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual(
      link && { state: link.state, id: link.sellerFulfillmentOrderId, status: link.fbaStatus, speed: link.shippingSpeed, submittedAt: link.submittedAt, fba: link.fbaLines, local: link.localLines },
      { state: 'submitted', id, status: 'Received', speed: 'Expedited', submittedAt: w.clock.ms, fba: 2, local: 0 },
    );
    // Amazon's change feed lists the create; the link already shows its status, so nothing is asked for.
    assert.deepEqual(await pollFbaChanges(w.deps), { seen: 1, enqueued: 0 });
    // Amazon moves on without a notification reaching the bridge: the poll asks for a look, at tracking priority.
    w.clock.advance(60_000);
    w.amazon.update(id, { status: 'Planning' });
    assert.deepEqual(await pollFbaChanges(w.deps), { seen: 1, enqueued: 1 });
    const track = await w.store.work.get(CONNECTION, 'order.track', order.id);
    assert.deepEqual([track?.state, track?.priority, track?.runAt], ['pending', TRACK_PRIORITY, w.workClock.ms]);

    const fields = w.ct.order(order.id).fields;
    assert.deepEqual([fields.sellerFulfillmentOrderId, fields.fbaStatus, fields.fbaMessage], [id, 'Received', undefined]);
    const audit = await w.store.audit.listForSubject(CONNECTION, [order.id], 10);
    assert.ok(audit.some((a) => a.system === 'amazon' && a.action === 'createFulfillmentOrder' && a.outcome === 'ok'));
  });

  it('sends only the FBA lines of a mixed order and says so on the order', async () => {
    const fba = line('MUG-RED');
    const order = w.ct.put(storefrontOrder({ lineItems: [fba, line('LOCAL-1', 1, { supplyChannelKey: 'warehouse-berlin' }), line('TEE-M', 1, { supplyChannelKey: 'fba-eu' })] }));

    await exportOrder(w.deps, exportItem(order.id));

    assert.deepEqual(w.amazon.created[0]?.items.map((i) => i.sellerSku), ['MUG-RED', 'TEE-M']);
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual([link?.fbaLines, link?.localLines], [2, 1]);
    assert.equal(w.ct.order(order.id).fields.fbaMessage, '2 of 3 lines sent to FBA; 1 stays with the merchant');
  });

  it('keeps what the storefront charged: the order total and the value of the FBA lines only', async () => {
    const order = w.ct.put(storefrontOrder({
      totalPrice: { centAmount: 64_96, currencyCode: 'EUR', fractionDigits: 2 },
      lineItems: [line('MUG-RED', 2), line('LOCAL-1', 1, { supplyChannelKey: 'warehouse-berlin' })],
    }));

    await exportOrder(w.deps, exportItem(order.id));

    assert.deepEqual(await w.store.orderLinks.listRevenue(CONNECTION, [order.id]), [{
      connectionId: CONNECTION, ctOrderId: order.id, orderNumber: order.orderNumber ?? null, sellerFulfillmentOrderId: fbaIdOf(order),
      currency: 'EUR', fractionDigits: 2, totalGross: 64_96, fbaLinesValue: 2 * 19_99, recordedAt: w.clock.ms,
    }]);
  });

  it('does not send again when the order is already submitted', async () => {
    const order = w.ct.put(storefrontOrder());
    await exportOrder(w.deps, exportItem(order.id));
    w.ct.change(order.id, { customerEmail: 'new@example.com' });

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id, TRIAGE_PRIORITY)), { outcome: 'done' });
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
  });
});

describe('exportOrder: a create whose outcome is unknown', () => {
  it('keeps the link submitting after a timeout, then reads Amazon first and adopts the order without a second create', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', amazonTimeout(), { afterApplying: true });

    const first = await exportOrder(w.deps, exportItem(order.id));

    assert.equal(first.outcome, 'retry');
    assert.match(first.outcome === 'retry' ? first.error : '', /sending the order to Amazon: .*\(Timeout\)/);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitting');
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.sellerFulfillmentOrderId, fbaIdOf(order));
    assert.deepEqual(await w.store.orderLinks.listRevenue(CONNECTION, [order.id]), [], 'revenue is kept once Amazon has the order');

    w.clock.advance(60_000);
    // An event for the order arrives meanwhile: triage must not skip the read-back.
    const second = await exportOrder(w.deps, exportItem(order.id, TRIAGE_PRIORITY));

    assert.deepEqual(second, { outcome: 'done' });
    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder', 'getFulfillmentOrder']);
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.equal(link?.state, 'submitted');
    assert.equal(link?.fbaStatus, 'Received');
    assert.equal(w.ct.order(order.id).fields.sellerFulfillmentOrderId, fbaIdOf(order));
    assert.deepEqual((await w.store.orderLinks.listRevenue(CONNECTION, [order.id])).map((r) => [r.totalGross, r.recordedAt]), [[19_99, w.clock.ms]], 'adopted orders keep their revenue too');
  });

  it('sends the create again when the read shows Amazon never got it', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', amazonTimeout());
    await exportOrder(w.deps, exportItem(order.id));

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id)), { outcome: 'done' });

    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder', 'getFulfillmentOrder', 'createFulfillmentOrder']);
    assert.equal(w.amazon.created.length, 1);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted');
  });

  it('retries without sending when the read-back itself fails', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', amazonTimeout(), { afterApplying: true });
    await exportOrder(w.deps, exportItem(order.id));
    w.amazon.failNext('getFulfillmentOrder', failure('retryable', 'ServerError', 'Amazon answered 503'));

    const outcome = await exportOrder(w.deps, exportItem(order.id));

    assert.equal(outcome.outcome, 'retry');
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitting');
  });

  it("adopts the order when Amazon answers 'DuplicateOrder'", async () => {
    const order = w.ct.put(storefrontOrder());
    // Sent by an earlier process whose link never got committed.
    w.amazon.orders.set(fbaIdOf(order), { ...amazonCopyOf(w, order.id), status: 'Planning' });

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id)), { outcome: 'done' });

    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder', 'getFulfillmentOrder']);
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual([link?.state, link?.fbaStatus], ['submitted', 'Planning']);
    assert.deepEqual(await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id }), []);
  });
});

describe('exportOrder: Amazon refuses the order', () => {
  for (const [code, message, type] of [
    ['InvalidSku', 'Invalid seller SKU for item 1: MUG-RED', 'order.unknown-sku'],
    ['InvalidInput', 'DestinationAddress.PostalCode is invalid', 'order.rejected-by-amazon'],
  ] as const) {
    it(`${code} → ${type}, link blocked, Rejected on the order`, async () => {
      const order = w.ct.put(storefrontOrder());
      w.amazon.failNext('createFulfillmentOrder', failure('permanent', code, message, { status: 400 }));

      assert.deepEqual(await exportOrder(w.deps, exportItem(order.id)), { outcome: 'done' });

      const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
      assert.deepEqual(open.map((e) => e.type), [type]);
      assert.equal(open[0]?.reason, `Amazon rejected the order: ${message}`);
      const link = await w.store.orderLinks.get(CONNECTION, order.id);
      assert.deepEqual([link?.state, link?.sellerFulfillmentOrderId], ['blocked', null]);
      assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Rejected');
      assert.equal(w.amazon.orders.size, 0);
    });
  }

  it('retries a throttled create after a second and keeps the link submitting', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', failure('throttled', 'QuotaExceeded', 'You exceeded your quota for the requested resource.', { status: 429 }));
    const outcome = await exportOrder(w.deps, exportItem(order.id));
    assert.equal(outcome.outcome === 'retry' && outcome.delayMs, 1_000);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitting');
  });
});

describe('exportOrder: a stale commercetools version', () => {
  it('answers a quick retry for a 409 ConcurrentModification from commercetools', async () => {
    const order = w.ct.put(storefrontOrder());
    w.ct.failNext('getOrder', concurrentModification(order.id));
    const outcome = await exportOrder(w.deps, exportItem(order.id));
    assert.deepEqual(outcome, { outcome: 'retry', error: `reading the commercetools order: Order ${order.id} has a newer version: re-read and re-decide (ConcurrentModification)`, delayMs: 50 });
    assert.equal(w.amazon.calls.length, 0);
  });

  it('records the status on the order after re-reading it when its version moved on meanwhile', async () => {
    const order = w.ct.put(storefrontOrder());
    w.ct.failNext('recordFbaState', concurrentModification(order.id));

    assert.deepEqual(await exportOrder(w.deps, exportItem(order.id)), { outcome: 'done' });

    assert.equal(w.ct.count('recordFbaState'), 2);
    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Received');
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
  });
});

/** What Amazon holds for the order if it had been created, without going through the fake's create. */
function amazonCopyOf(world: OrderFlowWorld, orderId: string) {
  const order = world.ct.order(orderId);
  const at = world.clock.iso();
  return {
    sellerFulfillmentOrderId: fbaIdOf(order), displayableOrderId: order.orderNumber ?? order.id, status: 'Received' as const,
    statusUpdatedDate: at, receivedDate: at, shippingSpeedCategory: 'Standard' as const,
    items: order.lineItems.map((l) => ({ sellerSku: l.sku ?? '', sellerFulfillmentOrderItemId: l.id, quantity: l.quantity, cancelledQuantity: 0, unfulfillableQuantity: 0 })),
    shipments: [],
  };
}
