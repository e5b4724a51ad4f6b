// orderWorkHandler routes work to its flow by kind and connection; raiseDeadLetter turns a task that
// kept failing into the exception a person sees. The last test runs the real WorkRunner wired as
// src/app/bridge-runtime.ts wires it: triage, retries, dead letter and its exception in one transaction.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { orderWorkHandler, raiseDeadLetter } from '../../../src/flows/orders/order-work-handler.js';
import { TRIAGE_PRIORITY, type OrderFlowDeps } from '../../../src/flows/orders/order-flow-types.js';
import { WorkRunner } from '../../../src/engine/work-runner.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { failure } from '../../../src/domain/shared/result.js';
import {
  CONNECTION, fbaIdOf, orderFlowWorld, storefrontOrder, workItem, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const flows = () => new Map<string, OrderFlowDeps>([[CONNECTION, w.deps]]);

describe('orderWorkHandler', () => {
  it("runs 'order.export' through the export flow and 'order.track' through the track flow", async () => {
    const handle = orderWorkHandler(flows());
    const order = w.ct.put(storefrontOrder());

    assert.deepEqual(await handle(workItem('order.export', order.id, CallPriority.orderStandard)), { outcome: 'done' });
    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder']);

    assert.deepEqual(await handle(workItem('order.track', order.id, 300)), { outcome: 'done' });
    assert.deepEqual(w.amazon.calls.map((c) => c.op), ['createFulfillmentOrder', 'getFulfillmentOrder']);
  });

  it('dead-letters work of a connection that is no longer configured', async () => {
    const outcome = await orderWorkHandler(flows())({ ...workItem('order.export', 'o-1', 400), connectionId: 'shop-us' });
    assert.deepEqual(outcome, { outcome: 'dead', error: 'no connection "shop-us" is configured any more' });
  });
});

describe('raiseDeadLetter', () => {
  for (const [kind, type, owner, what] of [
    ['order.export', 'order.send-failed', 'operations', 'send this order to Amazon'],
    ['order.track', 'shipment.write-failed', 'ecommerce', "bring this order's shipments back to commercetools"],
  ] as const) {
    it(`${kind} → ${type} with the attempts and the last error`, async () => {
      const order = w.ct.put(storefrontOrder());
      await w.store.orderLinks.upsert({
        connectionId: CONNECTION, ctOrderId: order.id, orderNumber: order.orderNumber ?? null, sellerFulfillmentOrderId: null, state: 'submitting',
        fbaStatus: null, shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: null, fbaStatusAt: null,
      }, w.clock.ms);

      await raiseDeadLetter(w.deps, w.store, workItem(kind, order.id, 400, 8), 'Amazon answered 503');

      const [raised, ...rest] = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id });
      assert.equal(rest.length, 0);
      assert.deepEqual(
        raised && [raised.type, raised.owner, raised.status, raised.subjectLabel, raised.reason, raised.firstSeenAt],
        [type, owner, 'open', order.orderNumber, `The bridge tried 8 times to ${what} and gave up. Last error: Amazon answered 503`, w.clock.ms],
      );
    });
  }

  it('is raised with the dead letter by the work runner once the attempts are spent', async () => {
    const order = w.ct.put(storefrontOrder({ shippingMethodKey: 'fba-priority' }));
    for (let i = 0; i < 2; i++) w.amazon.failNext('createFulfillmentOrder', failure('retryable', 'ServerError', 'Amazon answered 503', { status: 503 }));
    const deps = flows();
    const handle = orderWorkHandler(deps);
    const runner = new WorkRunner({
      store: w.store, clock: w.workClock, logger: w.logger, maxAttempts: 2, random: () => 0.5, backoff: { baseMs: 1_000, maxMs: 1_000 },
      handlers: { 'order.export': handle, 'order.track': handle },
      onDeadLetter: async ({ item, error }, tx) => {
        const d = deps.get(item.connectionId);
        if (d) await raiseDeadLetter(d, tx, item, error);
      },
    });
    // As an event would: first at triage priority.
    await w.store.work.enqueue({ connectionId: CONNECTION, kind: 'order.export', subjectId: order.id, priority: TRIAGE_PRIORITY, runAt: w.workClock.ms }, w.workClock.ms);

    await runner.runOnce();
    let item = await w.store.work.get(CONNECTION, 'order.export', order.id);
    // Nothing else waits, so the first look goes on to Amazon at once; the failed create is retried at the real priority.
    assert.deepEqual([item?.state, item?.priority, item?.attempts], ['pending', CallPriority.orderPriority, 1]);

    await runner.runOnce();
    w.workClock.advance(1_000);
    await runner.runOnce();

    item = await w.store.work.get(CONNECTION, 'order.export', order.id);
    assert.equal(item?.state, 'dead');
    assert.equal(item?.attempts, 2);
    assert.deepEqual(w.amazon.calls.map((c) => [c.op, c.priority]), [
      ['createFulfillmentOrder', CallPriority.orderPriority], ['getFulfillmentOrder', CallPriority.orderPriority], ['createFulfillmentOrder', CallPriority.orderPriority],
    ]);
    const [raised] = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.equal(raised?.type, 'order.send-failed');
    assert.equal(raised?.reason, 'The bridge tried 2 times to send this order to Amazon and gave up. '
      + 'Last error: gave up after 2 attempts: sending the order to Amazon: Amazon answered 503 (ServerError)');
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.sellerFulfillmentOrderId, fbaIdOf(order));
  });
});
