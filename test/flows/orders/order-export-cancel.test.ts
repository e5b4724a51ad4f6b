// exportOrder when the storefront cancels an order Amazon already has: the cancel is sent once, a
// refusal becomes an order.cancel-too-late exception (and is not asked again), and an order cancelled
// while its create was in doubt is adopted, then cancelled.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { exportOrder } from '../../../src/flows/orders/order-export-handler.js';
import { TRACK_PRIORITY } from '../../../src/flows/orders/order-flow-types.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { failure } from '../../../src/domain/shared/result.js';
import type { StorefrontOrder } from '../../../src/domain/orders/storefront-order.js';
import { amazonTimeout } from '../../support/fakes/fake-amazon-fulfillment.js';
import {
  CONNECTION, fbaIdOf, orderFlowWorld, storefrontOrder, workItem, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const run = (orderId: string, priority: number = CallPriority.orderStandard) => exportOrder(w.deps, workItem('order.export', orderId, priority));

/** An order sent to Amazon, then cancelled in the storefront. */
async function submittedThenCancelled(): Promise<StorefrontOrder> {
  const order = w.ct.put(storefrontOrder());
  assert.deepEqual(await run(order.id), { outcome: 'done' });
  w.clock.advance(5 * 60_000);
  return w.ct.change(order.id, { orderState: 'Cancelled' });
}

describe('exportOrder: cancelling at Amazon', () => {
  it('sends the cancel, links the order cancelling, queues a read-back and says so on the order', async () => {
    const order = await submittedThenCancelled();

    assert.deepEqual(await run(order.id, CallPriority.cancel), { outcome: 'done' });

    const cancels = w.amazon.calls.filter((c) => c.op === 'cancelFulfillmentOrder');
    assert.deepEqual(cancels, [{ op: 'cancelFulfillmentOrder', priority: CallPriority.cancel, arg: fbaIdOf(order) }]);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'cancelling');
    const track = await w.store.work.get(CONNECTION, 'order.track', order.id);
    assert.deepEqual([track?.state, track?.priority], ['pending', TRACK_PRIORITY]);
    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'CancelRequested');

    assert.deepEqual(await run(order.id), { outcome: 'done' });
    assert.equal(w.amazon.count('cancelFulfillmentOrder'), 1, 'a cancelling order is not cancelled twice');
  });

  it('raises order.cancel-too-late when Amazon refuses (Processing) and does not ask again on the next run', async () => {
    const order = await submittedThenCancelled();
    w.amazon.update(fbaIdOf(order), { status: 'Processing' });

    assert.deepEqual(await run(order.id, CallPriority.cancel), { outcome: 'done' });

    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open.map((e) => e.type), ['order.cancel-too-late']);
    assert.match(open[0]?.reason ?? '', /already Processing and can no longer be cancelled/);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted', 'Amazon will ship it: keep tracking');

    // The poller sees the cancelled order again (overlap window): no second cancel is sent.
    assert.deepEqual(await run(order.id, CallPriority.cancel), { outcome: 'done' });
    assert.equal(w.amazon.count('cancelFulfillmentOrder'), 1);
    const again = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(again.map((e) => e.type), ['order.cancel-too-late']);
  });

  it('does not ask Amazon at all when the known status no longer allows a cancel', async () => {
    const order = await submittedThenCancelled();
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.ok(link);
    await w.store.orderLinks.upsert({ ...link, fbaStatus: 'Processing' }, w.clock.ms);
    const callsBefore = w.amazon.calls.length;

    await run(order.id, CallPriority.cancel);

    assert.equal(w.amazon.calls.length, callsBefore);
    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open.map((e) => e.type), ['order.cancel-too-late']);
  });

  it('closes the link when Amazon refuses because the order is cancelled already', async () => {
    const order = await submittedThenCancelled();
    w.amazon.update(fbaIdOf(order), { status: 'Cancelled' });

    await run(order.id, CallPriority.cancel);

    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual([link?.state, link?.fbaStatus], ['closed', 'Cancelled']);
    assert.deepEqual(await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id }), []);
  });

  it('retries a cancel that timed out', async () => {
    const order = await submittedThenCancelled();
    w.amazon.failNext('cancelFulfillmentOrder', amazonTimeout());
    assert.equal((await run(order.id, CallPriority.cancel)).outcome, 'retry');
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted');
  });

  it('raises order.cancel-failed for any other refusal', async () => {
    const order = await submittedThenCancelled();
    w.amazon.failNext('cancelFulfillmentOrder', failure('permanent', 'InvalidInput', 'Value for parameter SellerFulfillmentOrderId is invalid.', { status: 400 }));
    assert.deepEqual(await run(order.id, CallPriority.cancel), { outcome: 'done' });
    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open.map((e) => e.type), ['order.cancel-failed']);
  });

  it('refused credentials are not the order\'s fault: retried, no order exception', async () => {
    const order = await submittedThenCancelled();
    w.amazon.failNext('cancelFulfillmentOrder', failure('permanent', 'Unauthorized', 'Access to requested resource is denied.', { status: 403 }));
    assert.equal((await run(order.id, CallPriority.cancel)).outcome, 'retry');
    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open, []);
  });
});

describe('exportOrder: cancelled while its create was in doubt', () => {
  it('adopts the order Amazon has and queues the storefront side again at cancel priority', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', amazonTimeout(), { afterApplying: true });
    await run(order.id);
    w.ct.change(order.id, { orderState: 'Cancelled' });

    assert.deepEqual(await run(order.id, CallPriority.cancel), { outcome: 'done' });

    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'submitted');
    const again = await w.store.work.get(CONNECTION, 'order.export', order.id);
    assert.deepEqual([again?.state, again?.priority], ['pending', CallPriority.cancel]);
    assert.equal(w.amazon.count('cancelFulfillmentOrder'), 0);

    await run(order.id, CallPriority.cancel);
    assert.equal(w.amazon.count('cancelFulfillmentOrder'), 1);
    assert.equal(w.amazon.count('createFulfillmentOrder'), 1);
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'cancelling');
  });

  it('closes the order without a create when Amazon never got it', async () => {
    const order = w.ct.put(storefrontOrder());
    w.amazon.failNext('createFulfillmentOrder', amazonTimeout());
    await run(order.id);
    w.ct.change(order.id, { orderState: 'Cancelled' });

    await run(order.id, CallPriority.cancel);

    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'closed');
    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder', 'getFulfillmentOrder']);
  });
});
