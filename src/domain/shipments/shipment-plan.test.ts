import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FbaOrderSnapshot, FbaOrderStatus, FbaPackage, FbaShipment } from '../orders/fba-order.js';
import { sellerFulfillmentOrderItemIdFor } from '../orders/seller-fulfillment-order-id.js';
import type { ShipmentState, StorefrontLineItem, StorefrontOrder } from '../orders/storefront-order.js';
import { planShipmentWrites, type ShipmentPlan, type ShipmentPlanOptions } from './shipment-plan.js';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const LOCAL = 'cccccccc-0000-4000-8000-00000000000c';

function line(id: string, quantity: number): StorefrontLineItem {
  return { id, sku: `SKU-${id.slice(0, 4)}`, name: `Product ${id.slice(0, 4)}`, quantity };
}

function order(overrides: Partial<StorefrontOrder> = {}): StorefrontOrder {
  return {
    id: 'order-1', version: 1, orderNumber: '10042', createdAt: '2024-05-01T10:00:00.000Z', lastModifiedAt: '2024-05-01T10:00:00.000Z',
    orderState: 'Confirmed', totalPrice: { centAmount: 1000, currencyCode: 'EUR', fractionDigits: 2 },
    lineItems: [line(A, 2), line(B, 1)], deliveries: [], fields: {},
    ...overrides,
  };
}

type ItemSpec = [lineItemId: string, quantity: number, packageNumber?: number];

function pkg(packageNumber: number, trackingNumber?: string): FbaPackage {
  return { packageNumber, carrierCode: 'DHL', ...(trackingNumber === undefined ? {} : { trackingNumber }) };
}

function shipment(id: string, status: FbaShipment['status'], items: ItemSpec[], packages: FbaPackage[]): FbaShipment {
  return {
    amazonShipmentId: id, status,
    items: items.map(([lineItemId, quantity, packageNumber]) => ({
      sellerFulfillmentOrderItemId: sellerFulfillmentOrderItemIdFor(lineItemId), quantity, ...(packageNumber === undefined ? {} : { packageNumber }),
    })),
    packages,
  };
}

function fba(status: FbaOrderStatus, shipments: FbaShipment[], items: Array<[string, number]> = [[A, 2], [B, 1]]): FbaOrderSnapshot {
  return {
    sellerFulfillmentOrderId: '10042-k3v9q2m7xa', displayableOrderId: '10042', status,
    statusUpdatedDate: '2024-05-02T10:00:00.000Z', receivedDate: '2024-05-01T10:01:00.000Z', shippingSpeedCategory: 'Standard',
    items: items.map(([id, quantity]) => ({
      sellerSku: `SKU-${id.slice(0, 4)}`, sellerFulfillmentOrderItemId: sellerFulfillmentOrderItemIdFor(id), quantity, cancelledQuantity: 0, unfulfillableQuantity: 0,
    })),
    shipments,
  };
}

const fbaOnly: ShipmentPlanOptions = { localLineIds: new Set() };

/** What commercetools does with the plan: the order as it would read afterwards. */
function apply(o: StorefrontOrder, plan: ShipmentPlan): StorefrontOrder {
  let n = o.deliveries.length;
  const deliveries = o.deliveries.map((d) => ({
    ...d,
    parcels: [...d.parcels, ...plan.parcels.filter((p) => p.deliveryId === d.id).map((p, i) => ({ id: `${d.id}-p${d.parcels.length + i}`, key: p.parcel.key, carrier: p.parcel.carrier, ...(p.parcel.trackingId === undefined ? {} : { trackingId: p.parcel.trackingId }) }))],
  }));
  for (const d of plan.deliveries) {
    const id = `delivery-${n++}`;
    deliveries.push({
      id, key: d.key,
      items: d.items.map((i) => ({ id: i.lineItemId, quantity: i.quantity })),
      parcels: d.parcels.map((p, i) => ({ id: `${id}-p${i}`, key: p.key, carrier: p.carrier, ...(p.trackingId === undefined ? {} : { trackingId: p.trackingId }) })),
    });
  }
  return { ...o, version: o.version + 1, deliveries, ...(plan.shipmentState === undefined ? {} : { shipmentState: plan.shipmentState }) };
}

function isEmpty(plan: ShipmentPlan): boolean {
  return plan.deliveries.length === 0 && plan.parcels.length === 0 && plan.shipmentState === undefined;
}

describe('planShipmentWrites', () => {
  it('one delivery per shipped Amazon shipment, one parcel per package, with tracking', () => {
    const snap = fba('Complete', [shipment('S1', 'SHIPPED', [[A, 1, 1], [A, 1, 2], [B, 1, 2]], [pkg(1, 'TRK1'), pkg(2, 'TRK2')])]);
    assert.deepEqual(planShipmentWrites(order(), snap, fbaOnly), {
      deliveries: [{
        key: 'S1',
        items: [{ lineItemId: A, quantity: 2 }, { lineItemId: B, quantity: 1 }],
        parcels: [
          { key: 'S1-1', carrier: 'DHL', trackingId: 'TRK1', items: [{ lineItemId: A, quantity: 1 }] },
          { key: 'S1-2', carrier: 'DHL', trackingId: 'TRK2', items: [{ lineItemId: A, quantity: 1 }, { lineItemId: B, quantity: 1 }] },
        ],
      }],
      parcels: [],
      shipmentState: 'Shipped',
    });
  });

  it('nothing while shipments are PENDING', () => {
    const plan = planShipmentWrites(order(), fba('Processing', [shipment('S1', 'PENDING', [[A, 2, 1], [B, 1, 1]], [pkg(1)])]), fbaOnly);
    assert.deepEqual(plan, { deliveries: [], parcels: [] });
  });

  it('a package without tracking number gets no trackingId', () => {
    const plan = planShipmentWrites(order(), fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 7], [B, 1, 7]], [pkg(7)])]), fbaOnly);
    assert.deepEqual(plan.deliveries[0]?.parcels, [{ key: 'S1-7', carrier: 'DHL', items: [{ lineItemId: A, quantity: 2 }, { lineItemId: B, quantity: 1 }] }]);
  });

  it('items without package number: all in the only package, none assigned when there are several', () => {
    const one = planShipmentWrites(order(), fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2], [B, 1]], [pkg(1, 'T')])]), fbaOnly);
    assert.deepEqual(one.deliveries[0]?.parcels[0]?.items, [{ lineItemId: A, quantity: 2 }, { lineItemId: B, quantity: 1 }]);
    const two = planShipmentWrites(order(), fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2], [B, 1]], [pkg(1, 'T'), pkg(2, 'U')])]), fbaOnly);
    assert.deepEqual(two.deliveries[0]?.parcels, [{ key: 'S1-1', carrier: 'DHL', trackingId: 'T' }, { key: 'S1-2', carrier: 'DHL', trackingId: 'U' }]);
  });

  it('multi-shipment: the first shipment makes it Partial, the second Shipped', () => {
    const first = fba('Processing', [
      shipment('S1', 'SHIPPED', [[A, 2, 1]], [pkg(1, 'T1')]),
      shipment('S2', 'PENDING', [[B, 1, 2]], [pkg(2)]),
    ]);
    const plan1 = planShipmentWrites(order(), first, fbaOnly);
    assert.deepEqual(plan1.deliveries.map((d) => d.key), ['S1']);
    assert.equal(plan1.shipmentState, 'Partial');
    const after1 = apply(order(), plan1);

    const second = fba('Complete', [
      shipment('S1', 'SHIPPED', [[A, 2, 1]], [pkg(1, 'T1')]),
      shipment('S2', 'SHIPPED', [[B, 1, 2]], [pkg(2, 'T2')]),
    ]);
    const plan2 = planShipmentWrites(after1, second, fbaOnly);
    assert.deepEqual(plan2.deliveries.map((d) => d.key), ['S2']);
    assert.deepEqual(plan2.parcels, []);
    assert.equal(plan2.shipmentState, 'Shipped');
    assert.ok(isEmpty(planShipmentWrites(apply(after1, plan2), second, fbaOnly)));
  });

  it('re-planned shipment: CANCELLED_BY_FULFILLER is skipped, its replacement is written', () => {
    const snap = fba('Complete', [
      shipment('S0', 'CANCELLED_BY_FULFILLER', [[A, 2, 1], [B, 1, 1]], [pkg(1)]),
      shipment('S1', 'SHIPPED', [[A, 2, 5], [B, 1, 5]], [pkg(5, 'T5')]),
    ]);
    const plan = planShipmentWrites(order(), snap, fbaOnly);
    assert.deepEqual(plan.deliveries.map((d) => [d.key, d.parcels.map((p) => p.key)]), [['S1', ['S1-5']]]);
    assert.equal(plan.shipmentState, 'Shipped');
  });

  it('re-planned while the replacement is still PENDING: nothing to write, state unchanged', () => {
    const snap = fba('Processing', [
      shipment('S0', 'CANCELLED_BY_FULFILLER', [[A, 2, 1], [B, 1, 1]], [pkg(1)]),
      shipment('S1', 'PENDING', [[A, 2, 5], [B, 1, 5]], [pkg(5)]),
    ]);
    assert.deepEqual(planShipmentWrites(order(), snap, fbaOnly), { deliveries: [], parcels: [] });
  });

  it('CANCELLED_BY_SELLER shipments are skipped', () => {
    const snap = fba('Cancelled', [shipment('S1', 'CANCELLED_BY_SELLER', [[A, 2, 1], [B, 1, 1]], [pkg(1)])]);
    const plan = planShipmentWrites(order(), snap, fbaOnly);
    assert.deepEqual(plan.deliveries, []);
    assert.equal(plan.shipmentState, 'Canceled');
  });

  it('never a duplicate: a delivery already on the order only gets its missing parcels', () => {
    const existing = order({
      deliveries: [{ id: 'd-1', key: 'S1', items: [{ id: A, quantity: 2 }, { id: B, quantity: 1 }], parcels: [{ id: 'p-1', key: 'S1-1', carrier: 'DHL', trackingId: 'T1' }] }],
      shipmentState: 'Shipped',
    });
    const snap = fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 2]], [pkg(1, 'T1'), pkg(2, 'T2')])]);
    assert.deepEqual(planShipmentWrites(existing, snap, fbaOnly), {
      deliveries: [],
      parcels: [{ deliveryId: 'd-1', parcel: { key: 'S1-2', carrier: 'DHL', trackingId: 'T2', items: [{ lineItemId: B, quantity: 1 }] } }],
    });
  });

  it('deliveries without a key (written by hand) do not count as Amazon shipments', () => {
    const manual = order({ deliveries: [{ id: 'd-x', items: [{ id: A, quantity: 2 }], parcels: [] }] });
    const plan = planShipmentWrites(manual, fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 1]], [pkg(1)])]), fbaOnly);
    assert.deepEqual(plan.deliveries.map((d) => d.key), ['S1']);
  });

  it('Amazon items of no order line are left out and reported', () => {
    const snap = fba('Complete', [{
      amazonShipmentId: 'S1', status: 'SHIPPED', packages: [pkg(1, 'T')],
      items: [{ sellerFulfillmentOrderItemId: A, quantity: 2, packageNumber: 1 }, { sellerFulfillmentOrderItemId: 'stranger', quantity: 1, packageNumber: 1 }],
    }], [[A, 2]]);
    const plan = planShipmentWrites(order({ lineItems: [line(A, 2)] }), snap, fbaOnly);
    assert.deepEqual(plan.deliveries[0]?.items, [{ lineItemId: A, quantity: 2 }]);
    assert.deepEqual(plan.unmatchedItemIds, ['stranger']);
  });

  it('a shipment with only unknown items writes no empty delivery', () => {
    const snap = fba('Complete', [{ amazonShipmentId: 'S1', status: 'SHIPPED', packages: [pkg(1)], items: [{ sellerFulfillmentOrderItemId: 'x', quantity: 1 }] }]);
    const plan = planShipmentWrites(order(), snap, fbaOnly);
    assert.deepEqual(plan.deliveries, []);
    assert.deepEqual(plan.unmatchedItemIds, ['x']);
  });

  it('maps line item ids that are not UUIDs through the same item-id rule', () => {
    const odd = 'line #1 with spaces';
    const o = order({ lineItems: [line(odd, 1)] });
    const plan = planShipmentWrites(o, fba('Complete', [shipment('S1', 'SHIPPED', [[odd, 1, 1]], [pkg(1)])], [[odd, 1]]), fbaOnly);
    assert.deepEqual(plan.deliveries[0]?.items, [{ lineItemId: odd, quantity: 1 }]);
  });

  describe('shipment state', () => {
    const shippedAll = [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 2]], [pkg(1, 'T1'), pkg(2, 'T2')])];
    const shippedSome = [shipment('S1', 'SHIPPED', [[A, 2, 1]], [pkg(1, 'T1')])];
    const withLocal = { lineItems: [line(A, 2), line(B, 1), line(LOCAL, 1)] };
    const localOpts: ShipmentPlanOptions = { localLineIds: new Set([LOCAL]) };
    const cases: Array<[string, Partial<StorefrontOrder>, FbaOrderSnapshot, ShipmentPlanOptions, ShipmentState | undefined]> = [
      ['all FBA units shipped, no local lines → Shipped', {}, fba('Complete', shippedAll), fbaOnly, 'Shipped'],
      ['… and every package delivered → Delivered', {}, fba('Complete', shippedAll), { localLineIds: new Set(), deliveredPackageNumbers: new Set([1, 2]) }, 'Delivered'],
      ['… one package still on its way → Shipped', {}, fba('Complete', shippedAll), { localLineIds: new Set(), deliveredPackageNumbers: new Set([1]) }, 'Shipped'],
      ['some units shipped → Partial', {}, fba('Processing', shippedSome), fbaOnly, 'Partial'],
      ['FBA done but local lines remain → Partial', withLocal, fba('Complete', shippedAll), localOpts, 'Partial'],
      ['… even when all FBA packages are delivered', withLocal, fba('Complete', shippedAll), { ...localOpts, deliveredPackageNumbers: new Set([1, 2]) }, 'Partial'],
      ['nothing shipped yet → unchanged', {}, fba('Planning', []), fbaOnly, undefined],
      ['FBA Cancelled with nothing shipped, whole order FBA → Canceled', {}, fba('Cancelled', []), fbaOnly, 'Canceled'],
      ['FBA Cancelled with nothing shipped, local lines → unchanged', withLocal, fba('Cancelled', []), localOpts, undefined],
      ['FBA Cancelled after part shipped → Partial', {}, fba('Cancelled', shippedSome), fbaOnly, 'Partial'],
      ['CompletePartialled → Partial', {}, fba('CompletePartialled', shippedSome), fbaOnly, 'Partial'],
      ['Unfulfillable → unchanged (an exception says why)', {}, fba('Unfulfillable', []), fbaOnly, undefined],
      ['from Pending → Shipped', { shipmentState: 'Pending' }, fba('Complete', shippedAll), fbaOnly, 'Shipped'],
      ['from Partial → Shipped', { shipmentState: 'Partial' }, fba('Complete', shippedAll), fbaOnly, 'Shipped'],
      ['from Shipped → Delivered', { shipmentState: 'Shipped' }, fba('Complete', shippedAll), { localLineIds: new Set(), deliveredPackageNumbers: new Set([1, 2]) }, 'Delivered'],
      ['already Shipped → no change', { shipmentState: 'Shipped' }, fba('Complete', shippedAll), fbaOnly, undefined],
      ['never down: Shipped stays Shipped on Partial', { shipmentState: 'Shipped' }, fba('Processing', shippedSome), fbaOnly, undefined],
      ['never down: Shipped stays on CompletePartialled', { shipmentState: 'Shipped' }, fba('CompletePartialled', shippedSome), fbaOnly, undefined],
      ['never down: Delivered stays Delivered', { shipmentState: 'Delivered' }, fba('Complete', shippedAll), fbaOnly, undefined],
      ['never down: Delivered is not Canceled', { shipmentState: 'Delivered' }, fba('Cancelled', []), fbaOnly, undefined],
      ['never down: Partial is not Canceled', { shipmentState: 'Partial' }, fba('Cancelled', []), fbaOnly, undefined],
      ['Canceled by a person stays Canceled even when Amazon ships', { shipmentState: 'Canceled' }, fba('Complete', shippedAll), fbaOnly, undefined],
      ['Ready → Canceled', { shipmentState: 'Ready' }, fba('Cancelled', []), fbaOnly, 'Canceled'],
    ];
    for (const [name, overrides, snap, options, expected] of cases) {
      it(name, () => assert.equal(planShipmentWrites(order(overrides), snap, options).shipmentState, expected));
    }
  });

  describe('idempotence: applying the plan, then planning again, plans nothing', () => {
    const scenarios: Array<[string, Partial<StorefrontOrder>, FbaOrderSnapshot, ShipmentPlanOptions]> = [
      ['single shipment, two packages', {}, fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 2]], [pkg(1, 'T1'), pkg(2, 'T2')])]), fbaOnly],
      ['two shipments and a re-plan', {}, fba('Complete', [
        shipment('S0', 'CANCELLED_BY_FULFILLER', [[A, 2, 1]], [pkg(1)]),
        shipment('S1', 'SHIPPED', [[A, 2, 3]], [pkg(3, 'T3')]),
        shipment('S2', 'SHIPPED', [[B, 1, 4]], [pkg(4, 'T4')]),
      ]), fbaOnly],
      ['partial with a pending shipment', {}, fba('Processing', [shipment('S1', 'SHIPPED', [[A, 2, 1]], [pkg(1)]), shipment('S2', 'PENDING', [[B, 1]], [])]), fbaOnly],
      ['delivered', {}, fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 1]], [pkg(1, 'T')])]), { localLineIds: new Set(), deliveredPackageNumbers: new Set([1]) }],
      ['mixed order', { lineItems: [line(A, 2), line(B, 1), line(LOCAL, 1)] }, fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 1]], [pkg(1)])]), { localLineIds: new Set([LOCAL]) }],
      ['cancelled', {}, fba('Cancelled', []), fbaOnly],
      ['CompletePartialled', {}, fba('CompletePartialled', [shipment('S1', 'SHIPPED', [[A, 1, 1]], [pkg(1)])]), fbaOnly],
      ['delivery present with a parcel missing', {
        deliveries: [{ id: 'd-1', key: 'S1', items: [{ id: A, quantity: 2 }, { id: B, quantity: 1 }], parcels: [{ id: 'p-1', key: 'S1-1', carrier: 'DHL' }] }],
      }, fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 2]], [pkg(1), pkg(2)])]), fbaOnly],
    ];
    for (const [name, overrides, snap, options] of scenarios) {
      it(name, () => {
        const before = order(overrides);
        const plan = planShipmentWrites(before, snap, options);
        assert.ok(!isEmpty(plan), 'the first plan writes something');
        const after = apply(before, plan);
        const again = planShipmentWrites(after, snap, options);
        assert.ok(isEmpty(again), JSON.stringify(again));
        // And the delivery keys on the order are unique.
        const keys = after.deliveries.map((d) => d.key);
        assert.equal(new Set(keys).size, keys.length);
      });
    }
  });

  it('does not mutate its inputs', () => {
    const o = order();
    const snap = fba('Complete', [shipment('S1', 'SHIPPED', [[A, 2, 1], [B, 1, 1]], [pkg(1)])]);
    const before = JSON.stringify([o, snap]);
    planShipmentWrites(o, snap, fbaOnly);
    assert.equal(JSON.stringify([o, snap]), before);
  });
});
