// The safety nets that make lost events cost latency only: the storefront poll (exportPriority and
// pollStorefrontOrders), Amazon's change poll (pollFbaChanges) and the sweep over open orders.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { exportPriority, pollStorefrontOrders, STOREFRONT_WATERMARK } from '../../../src/flows/orders/storefront-order-poller.js';
import { FBA_WATERMARK, pollFbaChanges } from '../../../src/flows/shipments/fba-change-poller.js';
import { sweepOpenOrders } from '../../../src/flows/shipments/open-order-sweep.js';
import { SWEEP_TRACK_PRIORITY, TRACK_PRIORITY } from '../../../src/flows/orders/order-flow-types.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { DEFAULT_ROUTING } from '../../../src/domain/orders/routing.js';
import { failure } from '../../../src/domain/shared/result.js';
import type { FbaOrderStatus } from '../../../src/domain/orders/fba-order.js';
import type { OrderLink, OrderLinkState } from '../../../src/ports/store.js';
import {
  CONNECTION, HOUR, line, orderFlowWorld, storefrontOrder, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';
import { T0 } from '../../support/fakes/fixed-clock.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

function link(ctOrderId: string, state: OrderLinkState, extra: Partial<OrderLink> = {}): OrderLink {
  return {
    connectionId: CONNECTION, ctOrderId, orderNumber: null, sellerFulfillmentOrderId: null, state, fbaStatus: null, shippingSpeed: 'Standard',
    fbaLines: 1, localLines: 0, submittedAt: null, fbaStatusAt: null, createdAt: T0, updatedAt: T0, ...extra,
  };
}

describe('exportPriority', () => {
  const before = new Date(T0 - 60_000).toISOString();
  const after = new Date(T0 + 60_000).toISOString();
  const cases: Array<[string, Parameters<typeof storefrontOrder>[0], OrderLink | null, number | null]> = [
    ['new Standard order', {}, null, CallPriority.orderStandard],
    ['new Priority order', { shippingMethodKey: 'fba-priority' }, null, CallPriority.orderPriority],
    ['new merchant order (recorded as local once)', { shippingMethodKey: 'dhl' }, null, CallPriority.tracking],
    ['cancelled after submit', { orderState: 'Cancelled' }, link('o', 'submitted'), CallPriority.cancel],
    ['cancelled while in doubt', { orderState: 'Cancelled' }, link('o', 'submitting'), CallPriority.cancel],
    ['create in doubt', {}, link('o', 'submitting'), CallPriority.orderStandard],
    ['blocked and changed since', { lastModifiedAt: after }, link('o', 'blocked'), CallPriority.orderStandard],
    ['blocked and unchanged', { lastModifiedAt: before }, link('o', 'blocked'), null],
    ['submitted and open', {}, link('o', 'submitted'), null],
    ['cancelling', { orderState: 'Cancelled' }, link('o', 'cancelling'), null],
    ['closed', { orderState: 'Cancelled' }, link('o', 'closed'), null],
    ['local and still local', { shippingMethodKey: 'dhl' }, link('o', 'local'), null],
    ['local, since marked for FBA', { shippingMethodKey: 'dhl', fields: { fulfillmentChannel: 'FBA' } }, link('o', 'local'), CallPriority.orderStandard],
  ];
  for (const [name, order, existing, expected] of cases) {
    it(`${name} → ${expected ?? 'nothing to do'}`, () => {
      assert.equal(exportPriority({ routing: DEFAULT_ROUTING }, storefrontOrder(order), existing), expected);
    });
  }
});

describe('pollStorefrontOrders', () => {
  it('marks orders with work for export at their priority, skips the rest and keeps the newest lastModifiedAt', async () => {
    const fba = w.ct.put(storefrontOrder({ shippingMethodKey: 'fba-expedited', lastModifiedAt: '2025-03-03T08:00:00.000Z' }));
    const local = w.ct.put(storefrontOrder({ shippingMethodKey: 'dhl', lastModifiedAt: '2025-03-03T08:10:00.000Z' }));
    const done = w.ct.put(storefrontOrder({ lastModifiedAt: '2025-03-03T08:20:00.000Z' }));
    await w.store.orderLinks.upsert(link(done.id, 'submitted'), T0);

    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 3, enqueued: 2 });

    assert.equal(w.ct.calls[0]?.op, 'listOrdersModifiedSince');
    assert.deepEqual(w.ct.calls[0]?.arg, { since: new Date(0).toISOString(), cursor: undefined, pageSize: 200 });
    const item = await w.store.work.get(CONNECTION, 'order.export', fba.id);
    assert.deepEqual([item?.priority, item?.runAt], [CallPriority.orderExpedited, w.workClock.ms]);
    assert.equal((await w.store.work.get(CONNECTION, 'order.export', local.id))?.priority, CallPriority.tracking);
    assert.equal(await w.store.work.get(CONNECTION, 'order.export', done.id), null);
    assert.equal(await w.store.watermarks.get(CONNECTION, STOREFRONT_WATERMARK), '2025-03-03T08:20:00.000Z');
  });

  it('asks again from two minutes before the watermark (lastModifiedAt is eventually consistent)', async () => {
    await w.store.watermarks.set(CONNECTION, STOREFRONT_WATERMARK, '2025-03-03T08:20:00.000Z', T0);
    await pollStorefrontOrders(w.deps);
    assert.equal((w.ct.calls[0]?.arg as { since: string }).since, '2025-03-03T08:18:00.000Z');
  });

  it('follows the cursor over pages', async () => {
    for (let i = 0; i < 201; i++) w.ct.put(storefrontOrder({ lineItems: [line('MUG-RED')] }));
    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 201, enqueued: 201 });
    assert.equal(w.ct.count('listOrdersModifiedSince'), 2);
  });

  it('an order still waiting for its turn is not enqueued again by the next poll; a more urgent one is', async () => {
    const standard = w.ct.put(storefrontOrder({ shippingMethodKey: 'fba-standard' }));
    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 1, enqueued: 1 });
    const before = await w.store.work.get(CONNECTION, 'order.export', standard.id);
    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 1, enqueued: 0 });
    assert.deepEqual(await w.store.work.get(CONNECTION, 'order.export', standard.id), before);
    // The shopper upgraded to Priority: the work must move up.
    w.ct.put({ ...standard, shippingMethodKey: 'fba-priority' });
    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 1, enqueued: 1 });
    assert.equal((await w.store.work.get(CONNECTION, 'order.export', standard.id))?.priority, CallPriority.orderPriority);
  });

  it('keeps the watermark when commercetools cannot be read, and says so', async () => {
    w.ct.put(storefrontOrder());
    w.ct.failNext('listOrdersModifiedSince', failure('retryable', 'ServerError', 'commercetools answered 502'));
    assert.deepEqual(await pollStorefrontOrders(w.deps), { seen: 0, enqueued: 0 });
    assert.equal(await w.store.watermarks.get(CONNECTION, STOREFRONT_WATERMARK), null);
    assert.ok(w.logger.messages('warn').some((m) => m.includes('polling commercetools orders failed')));
  });
});

describe('pollFbaChanges', () => {
  function amazonOrder(id: string, status: FbaOrderStatus, statusUpdatedDate: string): void {
    w.amazon.orders.set(id, {
      sellerFulfillmentOrderId: id, displayableOrderId: id, status, statusUpdatedDate, receivedDate: statusUpdatedDate,
      shippingSpeedCategory: 'Standard', items: [], shipments: [],
    });
  }

  it('marks for tracking every changed order the bridge sent whose status it does not show yet, or that is open at a final status', async () => {
    amazonOrder('fba-open', 'Processing', '2025-03-03T07:00:00.000Z');
    amazonOrder('fba-open-moved', 'Processing', '2025-03-03T07:05:00.000Z');
    amazonOrder('fba-open-done', 'Complete', '2025-03-03T07:06:00.000Z');
    amazonOrder('fba-closed-same', 'Complete', '2025-03-03T07:10:00.000Z');
    amazonOrder('fba-closed-moved', 'Cancelled', '2025-03-03T07:20:00.000Z');
    amazonOrder('not-ours', 'Planning', '2025-03-03T07:30:00.000Z');
    await w.store.orderLinks.upsert(link('ct-open', 'submitted', { sellerFulfillmentOrderId: 'fba-open', fbaStatus: 'Processing' }), T0);
    await w.store.orderLinks.upsert(link('ct-open-moved', 'submitted', { sellerFulfillmentOrderId: 'fba-open-moved', fbaStatus: 'Planning' }), T0);
    await w.store.orderLinks.upsert(link('ct-open-done', 'submitted', { sellerFulfillmentOrderId: 'fba-open-done', fbaStatus: 'Complete' }), T0);
    await w.store.orderLinks.upsert(link('ct-closed-same', 'closed', { sellerFulfillmentOrderId: 'fba-closed-same', fbaStatus: 'Complete' }), T0);
    await w.store.orderLinks.upsert(link('ct-closed-moved', 'closed', { sellerFulfillmentOrderId: 'fba-closed-moved', fbaStatus: 'Complete' }), T0);

    assert.deepEqual(await pollFbaChanges(w.deps), { seen: 6, enqueued: 3 });

    assert.deepEqual(w.amazon.calls[0], {
      op: 'listFulfillmentOrders', priority: CallPriority.tracking, arg: { queryStartDate: new Date(T0 - 48 * HOUR).toISOString(), nextToken: undefined },
    });
    const expectations = [['ct-open', undefined], ['ct-open-moved', TRACK_PRIORITY], ['ct-open-done', TRACK_PRIORITY], ['ct-closed-moved', TRACK_PRIORITY], ['ct-closed-same', undefined]] as const;
    for (const [id, expected] of expectations) {
      assert.equal((await w.store.work.get(CONNECTION, 'order.track', id))?.priority, expected, id);
    }
    assert.equal(await w.store.watermarks.get(CONNECTION, FBA_WATERMARK), '2025-03-03T07:30:00.000Z');
  });

  it('asks from five minutes before the watermark and follows nextToken', async () => {
    await w.store.watermarks.set(CONNECTION, FBA_WATERMARK, '2025-03-03T07:00:00.000Z', T0);
    w.amazon.listPageSize = 1;
    amazonOrder('a', 'Planning', '2025-03-03T07:01:00.000Z');
    amazonOrder('b', 'Planning', '2025-03-03T07:02:00.000Z');

    assert.deepEqual(await pollFbaChanges(w.deps), { seen: 2, enqueued: 0 });

    // The nextToken is Amazon's opaque keyset; seeing both orders one per page shows it was passed back.
    const args = w.amazon.calls.map((c) => c.arg as { queryStartDate: string; nextToken?: string });
    assert.deepEqual(args.map((a) => a.queryStartDate), ['2025-03-03T06:55:00.000Z', '2025-03-03T06:55:00.000Z']);
    assert.equal(args[0]?.nextToken, undefined);
    assert.equal(typeof args[1]?.nextToken, 'string');
    assert.equal(await w.store.watermarks.get(CONNECTION, FBA_WATERMARK), '2025-03-03T07:02:00.000Z');
  });

  it('keeps the watermark when Amazon cannot be read', async () => {
    w.amazon.failNext('listFulfillmentOrders', failure('throttled', 'QuotaExceeded', 'quota'));
    assert.deepEqual(await pollFbaChanges(w.deps), { seen: 0, enqueued: 0 });
    assert.equal(await w.store.watermarks.get(CONNECTION, FBA_WATERMARK), null);
  });
});

describe('sweepOpenOrders', () => {
  it('tracks every open order and runs the storefront side again for a create in doubt', async () => {
    const states: OrderLinkState[] = ['submitted', 'cancelling', 'submitting', 'closed', 'blocked', 'local'];
    for (const state of states) await w.store.orderLinks.upsert(link(`ct-${state}`, state, { sellerFulfillmentOrderId: `fba-${state}` }), T0);

    assert.equal(await sweepOpenOrders(w.deps), 3);

    const queued = await Promise.all(states.map(async (s) => [s,
      (await w.store.work.get(CONNECTION, 'order.track', `ct-${s}`))?.priority ?? null,
      (await w.store.work.get(CONNECTION, 'order.export', `ct-${s}`))?.priority ?? null]));
    assert.deepEqual(queued, [
      ['submitted', SWEEP_TRACK_PRIORITY, null], ['cancelling', SWEEP_TRACK_PRIORITY, null], ['submitting', null, CallPriority.orderStandard],
      ['closed', null, null], ['blocked', null, null], ['local', null, null],
    ]);
  });

  it('looks at no more than the limit, oldest first', async () => {
    for (let i = 0; i < 4; i++) await w.store.orderLinks.upsert(link(`ct-${i}`, 'submitted', { sellerFulfillmentOrderId: `fba-${i}` }), T0 + i);
    assert.equal(await sweepOpenOrders(w.deps, 2), 2);
    assert.ok(await w.store.work.get(CONNECTION, 'order.track', 'ct-0'));
    assert.equal(await w.store.work.get(CONNECTION, 'order.track', 'ct-3'), null);
  });
});
