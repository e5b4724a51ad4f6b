import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommercetoolsOrderGateway } from '../../src/adapters/commercetools/ct-order-gateway.js';
import { FBA_EXPORT_CHANNEL_KEY } from '../../src/adapters/commercetools/ct-bridge-resources.js';
import { cancelOrder, createDemoOrder } from '../../src/demo/seeders/demo-catalogue.js';
import type { StorefrontOrder } from '../../src/domain/orders/storefront-order.js';
import { ok, type Result } from '../../src/domain/shared/result.js';
import type { ShipmentWrite } from '../../src/ports/commercetools-orders.js';
import { anOrderSpec, startTestProject, type TestProject } from './ct-test-project.js';

const clock = { now: () => new Date('2025-03-14T09:26:53.000Z') };

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('CommercetoolsOrderGateway against the commercetools mock over HTTP', () => {
  let project: TestProject;
  let gateway: CommercetoolsOrderGateway;
  before(async () => {
    project = await startTestProject({ seed: true });
    gateway = new CommercetoolsOrderGateway(project.api, clock);
  });
  after(() => project.server.close());

  /** writeShipments, answering the order as written. */
  async function ship(orderId: string, version: number, write: Partial<ShipmentWrite>): Promise<Result<StorefrontOrder>> {
    const written = await gateway.writeShipments(orderId, version, { deliveries: [], parcels: [], ...write });
    return written.ok ? ok(written.value.order) : written;
  }

  async function placeOrder(overrides = {}): Promise<StorefrontOrder> {
    const created = await createDemoOrder(project.api, anOrderSpec(overrides));
    const order = value(await gateway.getOrder(created.id));
    assert.ok(order);
    return order;
  }

  it('reads a demo order back with shipping method key, supply channel keys, address and lines', async () => {
    const spec = anOrderSpec();
    const created = await createDemoOrder(project.api, spec);
    const order = value(await gateway.getOrder(created.id));
    assert.ok(order);
    assert.equal(order.orderNumber, spec.orderNumber);
    assert.equal(order.orderState, 'Open');
    assert.equal(order.shippingMethodKey, 'fba-expedited');
    assert.equal(order.customerEmail, 'lukas.mueller@example.com');
    assert.equal(order.locale, 'de-DE');
    assert.deepEqual(order.shippingAddress, {
      firstName: 'Lukas',
      lastName: 'Müller',
      streetName: 'Leopoldstraße',
      streetNumber: '45',
      postalCode: '80802',
      city: 'München',
      country: 'DE',
      phone: '+49 89 1234567',
    });
    assert.deepEqual(
      order.lineItems.map((l) => [l.sku, l.quantity, l.supplyChannelKey, l.name]),
      [
        ['KTL-1700-BLK', 2, 'fba-eu', 'Stainless Steel Electric Kettle 1.7 l, Black'],
        ['HDP-BT-ANC', 1, 'fba-eu', 'Wireless Noise-Cancelling Headphones'],
        ['CND-SOY-LAV', 3, 'warehouse-berlin', 'Lavender Soy Candle 200 g'],
      ],
    );
    assert.deepEqual(order.lineItems[0]?.unitPrice, { centAmount: 3999, currencyCode: 'EUR', fractionDigits: 2 });
    // commercetools adds shipping (8.95) to totalPrice; the mock leaves it out. Either is a faithful read.
    const lines = 2 * 3999 + 12999 + 3 * 1499;
    assert.ok([lines, lines + 895].includes(order.totalPrice.centAmount), `totalPrice ${order.totalPrice.centAmount}`);
    assert.equal(order.totalPrice.currencyCode, 'EUR');
    assert.deepEqual(order.fields, { fulfillmentChannel: 'FBA' });
    assert.deepEqual(order.deliveries, []);

    const byNumber = value(await gateway.getOrderByNumber(spec.orderNumber!));
    assert.equal(byNumber?.id, order.id);
  });

  it('answers ok(null) for an order that does not exist', async () => {
    assert.equal(value(await gateway.getOrder('00000000-0000-4000-8000-000000000000')), null);
    assert.equal(value(await gateway.getOrderByNumber('NO-SUCH-ORDER')), null);
  });

  it('records the FBA export in the custom fields and syncInfo, once', async () => {
    const order = await placeOrder({ fulfillmentChannel: undefined });
    assert.deepEqual(order.fields, {});
    const record = { sellerFulfillmentOrderId: `FBA-${order.orderNumber}`, fbaStatus: 'RECEIVED', message: '2 of 3 lines sent to FBA' };

    const recorded = value(await gateway.recordFbaState(order.id, order.version, record));
    assert.deepEqual(recorded.fields, { sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: 'RECEIVED', fbaMessage: '2 of 3 lines sent to FBA' });
    assert.ok(recorded.version > order.version);
    const raw = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
    const channel = (await project.api.channels().withKey({ key: FBA_EXPORT_CHANNEL_KEY }).get().execute()).body;
    assert.deepEqual(
      raw.syncInfo.map((s) => [s.channel.id, s.externalId, s.syncedAt]),
      [[channel.id, record.sellerFulfillmentOrderId, '2025-03-14T09:26:53.000Z']],
    );

    // Same state again: nothing to write, the version stays.
    const replay = value(await gateway.recordFbaState(order.id, recorded.version, record));
    assert.equal(replay.version, recorded.version);

    // A later state replaces the status and clears the message, without a second syncInfo entry.
    const later = value(await gateway.recordFbaState(order.id, recorded.version, { sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: 'COMPLETE' }));
    assert.deepEqual(later.fields, { sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: 'COMPLETE' });
    const rawLater = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
    assert.equal(rawLater.syncInfo.length, 1);
  });

  it('keeps a merchant field already on the order when recording FBA state', async () => {
    const order = await placeOrder();
    const recorded = value(await gateway.recordFbaState(order.id, order.version, { sellerFulfillmentOrderId: 'FBA-X1', fbaStatus: 'PLANNING' }));
    assert.deepEqual(recorded.fields, { fulfillmentChannel: 'FBA', sellerFulfillmentOrderId: 'FBA-X1', fbaStatus: 'PLANNING' });
  });

  it('records only syncInfo and fails clearly when the order has a foreign custom type without the fields', async () => {
    await project.api
      .types()
      .post({
        body: {
          key: 'merchant-order-extras',
          name: { en: 'Merchant order extras' },
          resourceTypeIds: ['order'],
          fieldDefinitions: [
            { name: 'giftNote', label: { en: 'Gift note' }, required: false, type: { name: 'String' } },
            { name: 'fbaStatus', label: { en: 'FBA status' }, required: false, type: { name: 'String' } },
          ],
        },
      })
      .execute();
    const order = await placeOrder({ fulfillmentChannel: undefined });
    const raw = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
    const typed = await project.api
      .orders()
      .withId({ ID: order.id })
      .post({
        body: {
          version: raw.version,
          actions: [{ action: 'setCustomType', type: { typeId: 'type', key: 'merchant-order-extras' }, fields: { giftNote: 'Happy birthday' } }],
        },
      })
      .execute();

    const result = await gateway.recordFbaState(order.id, typed.body.version, { sellerFulfillmentOrderId: 'FBA-FOREIGN-1', fbaStatus: 'RECEIVED' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.category, 'permanent');
    assert.equal(result.error.code, 'OrderCustomTypeLacksFields');
    assert.match(result.error.message, /merchant-order-extras/);
    assert.match(result.error.message, /sellerFulfillmentOrderId/);
    assert.match(result.error.message, /syncInfo/);

    const after = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
    assert.deepEqual(after.custom?.fields, { giftNote: 'Happy birthday', fbaStatus: 'RECEIVED' }, 'the field the type has is written, nothing else');
    assert.deepEqual(after.syncInfo.map((s) => s.externalId), ['FBA-FOREIGN-1']);
  });

  it('adds a delivery with parcels and tracking, idempotently, and later parcels to it', async () => {
    const order = await placeOrder();
    const [kettle, headphones] = order.lineItems;
    assert.ok(kettle && headphones);
    const delivery = {
      key: 'AMZ-SHIP-7731',
      items: [
        { lineItemId: kettle.id, quantity: 2 },
        { lineItemId: headphones.id, quantity: 1 },
      ],
      parcels: [
        { key: 'AMZ-SHIP-7731-1', trackingId: '00340434161094042557', carrier: 'DHL', items: [{ lineItemId: kettle.id, quantity: 2 }] },
      ],
    };

    const withDelivery = value(await ship(order.id, order.version, { deliveries: [delivery] }));
    assert.equal(withDelivery.deliveries.length, 1);
    const written = withDelivery.deliveries[0]!;
    assert.equal(written.key, 'AMZ-SHIP-7731');
    assert.deepEqual(written.items, [
      { id: kettle.id, quantity: 2 },
      { id: headphones.id, quantity: 1 },
    ]);
    assert.deepEqual(
      written.parcels.map((p) => [p.key, p.trackingId, p.carrier]),
      [['AMZ-SHIP-7731-1', '00340434161094042557', 'DHL']],
    );
    const raw = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
    assert.deepEqual(raw.shippingInfo?.deliveries?.[0]?.parcels[0]?.trackingData, {
      trackingId: '00340434161094042557',
      carrier: 'DHL',
      provider: 'Amazon FBA',
    });

    // The same shipment again (a replayed event): nothing written.
    const replay = value(await ship(order.id, withDelivery.version, { deliveries: [delivery] }));
    assert.equal(replay.version, withDelivery.version);
    assert.equal(replay.deliveries.length, 1);

    // The shipment reported again with a second package: only that parcel is added.
    const grown = { ...delivery, parcels: [...delivery.parcels, { key: 'AMZ-SHIP-7731-2', trackingId: '00340434161094042558', carrier: 'DHL' }] };
    const withTwo = value(await ship(order.id, replay.version, { deliveries: [grown] }));
    assert.deepEqual(withTwo.deliveries[0]?.parcels.map((p) => p.key), ['AMZ-SHIP-7731-1', 'AMZ-SHIP-7731-2']);

    const third = value(
      await ship(order.id, withTwo.version, { parcels: [{ deliveryId: written.id, parcel: { key: 'AMZ-SHIP-7731-3', trackingId: 'TBA000111', carrier: 'AMZL' } }] }),
    );
    assert.deepEqual(third.deliveries[0]?.parcels.map((p) => [p.key, p.carrier]), [
      ['AMZ-SHIP-7731-1', 'DHL'],
      ['AMZ-SHIP-7731-2', 'DHL'],
      ['AMZ-SHIP-7731-3', 'AMZL'],
    ]);
    const again = value(await ship(order.id, third.version, { parcels: [{ deliveryId: written.id, parcel: { key: 'AMZ-SHIP-7731-3', carrier: 'AMZL' } }] }));
    assert.equal(again.version, third.version);

    const shipped = value(await ship(order.id, again.version, { shipmentState: 'Shipped' }));
    assert.equal(shipped.shipmentState, 'Shipped');
  });

  it('answers a stale version with a retryable ConcurrentModification, whether it checks or commercetools does', async () => {
    const order = await placeOrder();
    const moved = value(await ship(order.id, order.version, { shipmentState: 'Delayed' }));

    const delivery = { key: 'AMZ-STALE', items: [], parcels: [] };
    for (const result of [
      await ship(order.id, order.version, { shipmentState: 'Shipped' }),
      await ship(order.id, order.version, { deliveries: [delivery] }),
      await gateway.recordFbaState(order.id, order.version, { sellerFulfillmentOrderId: 'FBA-S', fbaStatus: 'RECEIVED' }),
    ]) {
      assert.ok(!result.ok);
      assert.equal(result.error.category, 'retryable');
      assert.equal(result.error.code, 'ConcurrentModification');
      assert.equal(result.error.status, 409);
    }
    const unchanged = value(await gateway.getOrder(order.id));
    assert.equal(unchanged?.version, moved.version);
    assert.equal(unchanged?.shipmentState, 'Delayed');
  });

  it('reads a cancelled order as Cancelled', async () => {
    const order = await placeOrder();
    await cancelOrder(project.api, order.id);
    assert.equal(value(await gateway.getOrder(order.id))?.orderState, 'Cancelled');
  });
});
