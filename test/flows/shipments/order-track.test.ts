// trackOrder: Amazon's shipments written back as deliveries with parcels (once, however often it runs),
// the shipment state, the FBA status on the order and link, and what Amazon could not do as exceptions.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { exportOrder } from '../../../src/flows/orders/order-export-handler.js';
import { trackOrder } from '../../../src/flows/shipments/order-track-handler.js';
import { STATUS_NOTE_PRIORITY, TRACK_PRIORITY } from '../../../src/flows/orders/order-flow-types.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import type { FbaOrderSnapshot, FbaShipment } from '../../../src/domain/orders/fba-order.js';
import type { StorefrontOrder } from '../../../src/domain/orders/storefront-order.js';
import { concurrentModification } from '../../support/fakes/fake-commercetools-orders.js';
import { failure } from '../../../src/domain/shared/result.js';
import {
  CONNECTION, fbaIdOf, HOUR, line, orderFlowWorld, storefrontOrder, workItem, type OrderFlowWorld,
} from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const track = (orderId: string) => trackOrder(w.deps, workItem('order.track', orderId, TRACK_PRIORITY));

/** A two-line order (2 × MUG-RED, 1 × MUG-BLUE) that Amazon has accepted. */
async function sentOrder(overrides: Partial<StorefrontOrder> = {}): Promise<StorefrontOrder> {
  const order = w.ct.put(storefrontOrder({ lineItems: [line('MUG-RED', 2), line('MUG-BLUE', 1)], ...overrides }));
  assert.deepEqual(await exportOrder(w.deps, workItem('order.export', order.id, CallPriority.orderStandard)), { outcome: 'done' });
  w.clock.advance(HOUR);
  return w.ct.order(order.id);
}

function shipment(id: string, status: FbaShipment['status'], items: Array<[lineItemId: string, quantity: number, packageNumber: number]>, packages: number[]): FbaShipment {
  return {
    amazonShipmentId: id, status,
    items: items.map(([lineItemId, quantity, packageNumber]) => ({ sellerFulfillmentOrderItemId: lineItemId, quantity, packageNumber })),
    packages: packages.map((n) => ({ packageNumber: n, carrierCode: 'DHL', trackingNumber: `TRK${n}` })),
  };
}

function amazonMoves(order: StorefrontOrder, patch: Partial<FbaOrderSnapshot>): void {
  w.amazon.update(fbaIdOf(order), patch);
}

describe('trackOrder: shipments become deliveries', () => {
  it('writes one delivery per SHIPPED shipment with its parcels and tracking, and never twice', async () => {
    const order = await sentOrder();
    const [red, blue] = order.lineItems;
    amazonMoves(order, {
      status: 'Complete',
      shipments: [
        shipment('A1', 'SHIPPED', [[red!.id, 2, 11], [blue!.id, 1, 12]], [11, 12]),
        shipment('A2', 'PENDING', [[blue!.id, 1, 13]], [13]),
        shipment('A0', 'CANCELLED_BY_FULFILLER', [[red!.id, 2, 10]], [10]),
      ],
    });

    assert.deepEqual(await track(order.id), { outcome: 'done' });

    const after = w.ct.order(order.id);
    assert.deepEqual(after.deliveries.map((d) => ({ key: d.key, items: d.items, parcels: d.parcels.map((p) => [p.key, p.carrier, p.trackingId]) })), [{
      key: 'A1',
      items: [{ id: red!.id, quantity: 2 }, { id: blue!.id, quantity: 1 }],
      parcels: [['A1-11', 'DHL', 'TRK11'], ['A1-12', 'DHL', 'TRK12']],
    }]);
    assert.equal(after.shipmentState, 'Shipped');
    assert.equal(after.fields.fbaStatus, 'Complete');
    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual([link?.fbaStatus, link?.state], ['Complete', 'submitted'], 'open until the parcels are delivered');

    const writes = w.ct.writes().length;
    assert.deepEqual(await track(order.id), { outcome: 'done' });
    assert.equal(w.ct.writes().length, writes, 'a second run writes nothing');
    assert.equal(w.ct.order(order.id).deliveries.length, 1);
  });

  it('adds a later shipment as a second delivery and closes the link once every package is delivered', async () => {
    const order = await sentOrder();
    const [red, blue] = order.lineItems;
    amazonMoves(order, { status: 'Processing', shipments: [shipment('B1', 'SHIPPED', [[red!.id, 2, 21]], [21])] });
    await track(order.id);
    assert.equal(w.ct.order(order.id).shipmentState, 'Partial');
    assert.equal(w.amazon.count('getPackageTracking'), 0, 'no tracking calls before Amazon is done');

    amazonMoves(order, { status: 'Complete', shipments: [shipment('B1', 'SHIPPED', [[red!.id, 2, 21]], [21]), shipment('B2', 'SHIPPED', [[blue!.id, 1, 22]], [22])] });
    w.amazon.tracking.set(21, { packageNumber: 21, currentStatus: 'DELIVERED' });
    w.amazon.tracking.set(22, { packageNumber: 22, currentStatus: 'DELIVERED' });
    await track(order.id);

    const after = w.ct.order(order.id);
    assert.deepEqual(after.deliveries.map((d) => d.key), ['B1', 'B2']);
    assert.equal(after.shipmentState, 'Delivered');
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'closed');

    const calls = w.amazon.calls.length;
    await track(order.id);
    assert.equal(w.amazon.count('getPackageTracking'), 2, 'a delivered order asks for no more tracking');
    assert.equal(w.amazon.calls.length, calls + 1);
  });

  it('writes a shipment that just left without asking the carrier; asks once it may have arrived', async () => {
    const order = await sentOrder();
    const [red, blue] = order.lineItems;
    const left = { ...shipment('C1', 'SHIPPED', [[red!.id, 2, 31], [blue!.id, 1, 31]], [31]), shippingDate: w.clock.iso() };
    amazonMoves(order, { status: 'Complete', shipments: [left] });
    w.amazon.tracking.set(31, { packageNumber: 31, currentStatus: 'DELIVERED' });
    await track(order.id);
    assert.deepEqual(w.ct.order(order.id).deliveries.map((d) => d.key), ['C1'], 'the delivery and its parcel are written at once');
    assert.equal(w.amazon.count('getPackageTracking'), 0, 'no carrier delivers within minutes of the package leaving');

    w.clock.advance(HOUR);
    await track(order.id);
    assert.equal(w.amazon.count('getPackageTracking'), 1);
    assert.equal(w.ct.order(order.id).shipmentState, 'Delivered');
  });

  it('keeps the note of a mixed order when it records a new status', async () => {
    const order = await sentOrder({ lineItems: [line('MUG-RED'), line('LOCAL-9', 1, { supplyChannelKey: 'warehouse-berlin' })] });
    const note = w.ct.order(order.id).fields.fbaMessage;
    assert.equal(note, '1 of 2 lines sent to FBA; 1 stays with the merchant');
    amazonMoves(order, { status: 'Planning' });

    await track(order.id);

    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Planning');
    assert.equal(w.ct.order(order.id).fields.fbaMessage, note);
  });

  it('writes deliveries, parcels, shipment state and FBA status as one update, and audits each', async () => {
    const order = await sentOrder();
    const [red, blue] = order.lineItems;
    amazonMoves(order, { status: 'Processing', shipments: [shipment('U1', 'SHIPPED', [[red!.id, 2, 51], [blue!.id, 1, 52]], [51, 52])] });
    const before = w.ct.writes().length;
    const audited = (await w.store.audit.listForSubject(CONNECTION, [order.id], 50)).length;

    await track(order.id);

    assert.deepEqual(w.ct.writes().slice(before).map((c) => c.op), ['writeShipments']);
    const after = w.ct.order(order.id);
    assert.equal(after.version, order.version + 1);
    assert.deepEqual([after.deliveries.length, after.shipmentState, after.fields.fbaStatus], [1, 'Shipped', 'Processing']);
    const audit = (await w.store.audit.listForSubject(CONNECTION, [order.id], 50)).slice(0, -audited);
    assert.deepEqual(audit.filter((a) => a.system === 'commercetools').map((a) => a.action).sort(), ['addDelivery', 'changeShipmentState', 'recordFbaState']);
  });

  it('on a 409 reads the order again and writes at its new version in the same look', async () => {
    const order = await sentOrder();
    amazonMoves(order, { status: 'Processing', shipments: [shipment('C1', 'SHIPPED', [[order.lineItems[0]!.id, 2, 31]], [31])] });
    w.ct.failNext('writeShipments', concurrentModification(order.id));

    assert.deepEqual(await track(order.id), { outcome: 'done' });

    assert.equal(w.ct.count('writeShipments'), 2);
    assert.equal(w.ct.order(order.id).deliveries.length, 1);
  });

  it('gives the look back for a quick retry when the order keeps moving (409 after every re-read)', async () => {
    const order = await sentOrder();
    amazonMoves(order, { status: 'Processing', shipments: [shipment('C2', 'SHIPPED', [[order.lineItems[0]!.id, 2, 32]], [32])] });
    for (let i = 0; i < 4; i++) w.ct.failNext('writeShipments', concurrentModification(order.id));

    const outcome = await track(order.id);

    assert.equal(outcome.outcome, 'retry');
    assert.equal(outcome.outcome === 'retry' && outcome.delayMs, 50);
    assert.match(outcome.outcome === 'retry' ? outcome.error : '', /^writing shipments to commercetools: .*\(ConcurrentModification\)$/);
    assert.equal(w.ct.order(order.id).deliveries.length, 0);

    assert.deepEqual(await track(order.id), { outcome: 'done' });
    assert.equal(w.ct.order(order.id).deliveries.length, 1);
  });

  it('neither reads nor writes commercetools while Amazon answers as at the last look written back', async () => {
    const order = await sentOrder();
    amazonMoves(order, { status: 'Processing' });
    await track(order.id);
    const calls = w.ct.calls.length;

    assert.deepEqual(await track(order.id), { outcome: 'done' });
    assert.equal(w.ct.calls.length, calls, 'same answer: no commercetools call');

    amazonMoves(order, { status: 'Complete', shipments: [shipment('F1', 'SHIPPED', [[order.lineItems[0]!.id, 2, 61], [order.lineItems[1]!.id, 1, 61]], [61])] });
    await track(order.id);
    assert.deepEqual(w.ct.calls.slice(calls).map((c) => c.op), ['writeShipments'], 'a new answer is written at the version last written, without a read');
    assert.equal(w.ct.order(order.id).shipmentState, 'Shipped');

    // Amazon's order stays the same, but the carrier delivers: that is news too.
    w.amazon.tracking.set(61, { packageNumber: 61, currentStatus: 'DELIVERED' });
    await track(order.id);
    assert.equal(w.ct.order(order.id).shipmentState, 'Delivered');
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'closed');
  });

  it('when the order changed in the storefront since the bridge wrote it, reads it again and writes at its new version', async () => {
    const order = await sentOrder();
    const edited = w.ct.change(order.id, { customerEmail: 'new@example.com' });
    amazonMoves(order, { status: 'Processing', shipments: [shipment('E1', 'SHIPPED', [[order.lineItems[0]!.id, 2, 71]], [71])] });
    const reads = w.ct.count('getOrder');

    assert.deepEqual(await track(order.id), { outcome: 'done' });

    assert.equal(w.ct.count('getOrder'), reads + 1);
    const after = w.ct.order(order.id);
    assert.deepEqual([after.customerEmail, after.deliveries.length, after.version], ['new@example.com', 1, edited.version + 1]);
  });

  it('a look whose FBA record could not be written is not remembered: the next look writes it', async () => {
    const order = await sentOrder();
    amazonMoves(order, { status: 'Processing' });
    w.ct.recordProblemNext(failure('permanent', 'SetupMissing', 'The commercetools project has no channel "fba-bridge-export"'));
    await track(order.id);
    assert.notEqual(w.ct.order(order.id).fields.fbaStatus, 'Processing');

    await track(order.id);

    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Processing');
    assert.equal(w.logger.entries.filter((e) => e.msg === 'could not record the FBA state on the commercetools order').length, 1);
  });

  it('does nothing for an order the bridge has not sent', async () => {
    const order = w.ct.put(storefrontOrder());
    assert.deepEqual(await track(order.id), { outcome: 'done' });
    assert.equal(w.amazon.calls.length, 0);
  });
});

describe('trackOrder: what Amazon could not do', () => {
  for (const { status, type, closed } of [
    { status: 'Unfulfillable', type: 'order.unfulfillable', closed: true },
    { status: 'Invalid', type: 'order.invalid', closed: true },
    { status: 'CompletePartialled', type: 'order.partially-fulfilled', closed: false },
  ] as const) {
    it(`${status} → ${type}`, async () => {
      const order = await sentOrder();
      const [red, blue] = order.lineItems;
      const shipped = status === 'CompletePartialled';
      amazonMoves(order, {
        status,
        items: [
          { sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: red!.id, quantity: 2, cancelledQuantity: 0, unfulfillableQuantity: 0 },
          { sellerSku: 'MUG-BLUE', sellerFulfillmentOrderItemId: blue!.id, quantity: 1, cancelledQuantity: 0, unfulfillableQuantity: 1 },
        ],
        shipments: shipped ? [shipment('P1', 'SHIPPED', [[red!.id, 2, 41]], [41])] : [],
      });

      await track(order.id);

      const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
      assert.deepEqual(open.map((e) => e.type), [type]);
      assert.match(open[0]?.reason ?? '', new RegExp(fbaIdOf(order)));
      const link = await w.store.orderLinks.get(CONNECTION, order.id);
      assert.deepEqual([link?.state, link?.fbaStatus], [closed ? 'closed' : 'submitted', status]);
      assert.equal(w.ct.order(order.id).fields.fbaStatus, status);
      if (shipped) assert.equal(w.ct.order(order.id).shipmentState, 'Partial');
    });
  }

  it('raises order.stuck-in-planning past the threshold only, and resolves it when the order moves on', async () => {
    const order = await sentOrder();
    const since = w.clock.iso();
    amazonMoves(order, { status: 'Planning', statusUpdatedDate: since });
    w.clock.advance(23 * HOUR);
    await track(order.id);
    assert.deepEqual(await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id }), []);

    w.clock.advance(2 * HOUR);
    await track(order.id);
    const open = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id, status: 'open' });
    assert.deepEqual(open.map((e) => e.type), ['order.stuck-in-planning']);
    assert.match(open[0]?.reason ?? '', new RegExp(`in status Planning since ${since}`));

    amazonMoves(order, { status: 'Processing' });
    await track(order.id);
    const after = await w.store.exceptions.list({ connectionId: CONNECTION, subjectId: order.id });
    assert.deepEqual(after.map((e) => [e.type, e.status]), [['order.stuck-in-planning', 'resolved']]);
  });

  it('closes a cancelled order with nothing shipped and marks its shipment state Canceled', async () => {
    const order = await sentOrder();
    w.ct.change(order.id, { orderState: 'Cancelled' });
    await exportOrder(w.deps, workItem('order.export', order.id, CallPriority.cancel));
    assert.equal((await w.store.orderLinks.get(CONNECTION, order.id))?.state, 'cancelling');

    await track(order.id);

    const link = await w.store.orderLinks.get(CONNECTION, order.id);
    assert.deepEqual([link?.state, link?.fbaStatus], ['closed', 'Cancelled']);
    assert.equal(w.ct.order(order.id).shipmentState, 'Canceled');
    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Cancelled');
  });
});

describe('trackOrder: a status Amazon notified on the way', () => {
  const note = (orderId: string) => trackOrder(w.deps, workItem('order.track', orderId, STATUS_NOTE_PRIORITY));

  it('writes the status the intake took onto the order without asking Amazon, once', async () => {
    const order = await sentOrder();
    const link = (await w.store.orderLinks.get(CONNECTION, order.id))!;
    assert.ok(await w.store.orderLinks.advanceFbaStatus(CONNECTION, order.id, 'Processing', ['New', 'Received', 'Planning'], 1, 1));
    const looks = w.amazon.count('getFulfillmentOrder');

    assert.deepEqual(await note(order.id), { outcome: 'done' });
    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Processing');
    assert.equal(w.ct.order(order.id).fields.sellerFulfillmentOrderId, link.sellerFulfillmentOrderId);
    assert.equal(w.amazon.count('getFulfillmentOrder'), looks, 'no look at Amazon');

    const writes = w.ct.writes().length;
    assert.deepEqual(await note(order.id), { outcome: 'done' });
    assert.equal(w.ct.writes().length, writes, 'a status the order already shows is not written again');
  });

  it('looks at Amazon after all when the link is not simply submitted or its status is final', async () => {
    const order = await sentOrder();
    amazonMoves(order, { status: 'Cancelled' });
    const link = (await w.store.orderLinks.get(CONNECTION, order.id))!;
    await w.store.orderLinks.upsert({ ...link, state: 'cancelling' }, 2);
    const looks = w.amazon.count('getFulfillmentOrder');
    assert.deepEqual(await note(order.id), { outcome: 'done' });
    assert.equal(w.amazon.count('getFulfillmentOrder'), looks + 1);
    assert.equal(w.ct.order(order.id).fields.fbaStatus, 'Cancelled');
  });
});
