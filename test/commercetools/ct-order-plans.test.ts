// Pure rules of the commercetools adapter: keyset cursor and the update actions it decides on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Order, Type } from '@commercetools/platform-sdk';
import { decodeCursor, encodeCursor, modifiedSincePredicate, normaliseSince } from '../../src/adapters/commercetools/ct-order-cursor.js';
import { planDelivery, planFbaState, planShipmentActions } from '../../src/adapters/commercetools/ct-order-actions.js';
import { FBA_ORDER_FIELD_DEFINITIONS, FBA_ORDER_TYPE_KEY } from '../../src/adapters/commercetools/ct-bridge-resources.js';

describe('order cursor', () => {
  it('round-trips and breaks lastModifiedAt ties by id', () => {
    const cursor = { lastModifiedAt: '2025-03-14T09:26:53.123Z', id: '5b0c1a8e-7f3e-4c0e-9a55-2f1d6f7f0c11' };
    const decoded = decodeCursor(encodeCursor(cursor));
    assert.deepEqual(decoded, { ok: true, value: cursor });
    assert.equal(
      modifiedSincePredicate('2025-03-14T00:00:00.000Z', cursor),
      'lastModifiedAt >= "2025-03-14T00:00:00.000Z" and (lastModifiedAt > "2025-03-14T09:26:53.123Z" or ' +
        '(lastModifiedAt = "2025-03-14T09:26:53.123Z" and id > "5b0c1a8e-7f3e-4c0e-9a55-2f1d6f7f0c11"))',
    );
  });

  it('refuses cursors that would inject into the predicate, and normalises the watermark', () => {
    const forged = Buffer.from(JSON.stringify(['2025-01-01T00:00:00Z" or id is defined or "', 'x'])).toString('base64url');
    assert.equal(decodeCursor(forged).ok, false);
    assert.equal(decodeCursor('not base64 json').ok, false);
    assert.deepEqual(normaliseSince('2025-03-14T10:00:00+01:00'), { ok: true, value: '2025-03-14T09:00:00.000Z' });
  });
});

const ourType = { key: FBA_ORDER_TYPE_KEY, fieldDefinitions: FBA_ORDER_FIELD_DEFINITIONS } as unknown as Type;
const order = (extra: Partial<Order>): Order => ({ id: 'o1', version: 3, syncInfo: [], ...extra }) as unknown as Order;
const record = { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'RECEIVED' };

describe('planFbaState', () => {
  it('puts the bridge type on an order without one, and syncs once per (channel, externalId)', () => {
    const plan = planFbaState(order({}), ourType, record, 'ch1', new Date('2025-01-01T00:00:00Z'));
    assert.deepEqual(plan.actions.map((a) => a.action), ['setCustomType', 'updateSyncInfo']);
    const synced = order({
      custom: { type: { typeId: 'type', id: 't' }, fields: { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'RECEIVED' } },
      syncInfo: [{ channel: { typeId: 'channel', id: 'ch1' }, externalId: 'FBA-1', syncedAt: '2025-01-01T00:00:00Z' }],
    });
    assert.deepEqual(planFbaState(synced, ourType, record, 'ch1', new Date()).actions, []);
  });

  it('lists the fields a foreign type lacks or holds as non-String', () => {
    const foreign = {
      key: 'merchant',
      fieldDefinitions: [
        { name: 'fbaStatus', type: { name: 'Enum', values: [] } },
        { name: 'sellerFulfillmentOrderId', type: { name: 'String' } },
      ],
    } as unknown as Type;
    const plan = planFbaState(order({ custom: { type: { typeId: 'type', id: 'm' }, fields: {} } }), foreign, record, 'ch1', new Date());
    assert.deepEqual(plan.unwritableFields, ['fbaStatus']);
    assert.deepEqual(plan.actions.map((a) => a.action), ['setCustomField', 'updateSyncInfo']);
  });
});

describe('planDelivery', () => {
  const withDelivery = order({
    shippingInfo: { deliveries: [{ id: 'd1', key: 'SHIP-1', items: [], parcels: [{ id: 'p1', key: 'SHIP-1-1' }] }] } as unknown as Order['shippingInfo'],
  });

  it('adds a new delivery by key, only missing parcels to an existing one, nothing on replay', () => {
    const p1 = { key: 'SHIP-1-1', carrier: 'DHL' };
    const p2 = { key: 'SHIP-1-2', carrier: 'DHL', trackingId: 'T2' };
    assert.deepEqual(planDelivery(withDelivery, { key: 'SHIP-2', items: [], parcels: [p1] }).map((a) => a.action), ['addDelivery']);
    assert.deepEqual(planDelivery(withDelivery, { key: 'SHIP-1', items: [], parcels: [p1] }), []);
    assert.deepEqual(planDelivery(withDelivery, { key: 'SHIP-1', items: [], parcels: [p1, p2] }), [
      { action: 'addParcelToDelivery', deliveryId: 'd1', parcelKey: 'SHIP-1-2', trackingData: { carrier: 'DHL', provider: 'Amazon FBA', trackingId: 'T2' } },
    ]);
  });
});

describe('planShipmentActions', () => {
  const shipped = order({
    shipmentState: 'Partial',
    shippingInfo: { deliveries: [{ id: 'd1', key: 'SHIP-1', items: [], parcels: [{ id: 'p1', key: 'SHIP-1-1' }] }] } as unknown as Order['shippingInfo'],
  });
  const parcel = (key: string) => ({ key, carrier: 'DHL' });

  it('puts a look\'s deliveries, parcels and shipment state into one list of actions, leaving out what is there', () => {
    const planned = planShipmentActions(shipped, {
      deliveries: [{ key: 'SHIP-2', items: [], parcels: [parcel('SHIP-2-1')] }],
      parcels: [{ deliveryId: 'd1', parcel: parcel('SHIP-1-1') }, { deliveryId: 'd1', parcel: parcel('SHIP-1-2') }],
      shipmentState: 'Shipped',
    });
    assert.deepEqual(planned.ok && planned.value.map((a) => a.action), ['addDelivery', 'addParcelToDelivery', 'changeShipmentState']);
    const again = planShipmentActions(shipped, { deliveries: [], parcels: [{ deliveryId: 'd1', parcel: parcel('SHIP-1-1') }], shipmentState: 'Partial' });
    assert.deepEqual(again, { ok: true, value: [] });
  });

  it('refuses deliveries on an order without shipping info, and parcels for a delivery it lacks', () => {
    const bare = planShipmentActions(order({}), { deliveries: [{ key: 'SHIP-2', items: [], parcels: [] }], parcels: [] });
    assert.equal(!bare.ok && bare.error.code, 'OrderHasNoShippingInfo');
    const lost = planShipmentActions(shipped, { deliveries: [], parcels: [{ deliveryId: 'd9', parcel: parcel('SHIP-9-1') }] });
    assert.equal(!lost.ok && lost.error.code, 'DeliveryNotFound');
  });
});
