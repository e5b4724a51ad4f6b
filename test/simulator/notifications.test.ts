// Notifications posted to a local HTTP listener: FBA_INVENTORY_AVAILABILITY_CHANGES batched per SKU
// per simulated minute, FULFILLMENT_ORDER_STATUS on every status change and shipment, unique
// NotificationIds, retries on failure, both delivery formats, and the same notifications for the same
// seed. Shapes are checked against Amazon's schemas in ../shared/spapi-models (skipped without them).
import { after, before, beforeEach, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmazonNotification } from '../../src/http/amazon-notification.js';
import { startAmazonSimulator, type AmazonSimulatorOptions } from '../../src/simulator/index.js';
import {
  MODELS_MISSING, NotificationListener, SpApiTestClient, explain, modelsAvailable, notificationValidator, orderRequest, withHarness, type Harness,
} from './sim-harness.js';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const AVAILABILITY = 'FBA_INVENTORY_AVAILABILITY_CHANGES';
const ORDER_STATUS = 'FULFILLMENT_ORDER_STATUS';

/**
 * FulfillmentOrderStatusNotification.json requires FulfillmentShipment (with a stray `info`) and
 * FulfillmentReturnItem on every notification; Amazon's documentation has them only for EventType
 * Shipment and Return. The check keeps everything else and asserts the shipment where it belongs.
 */
function relaxConditionalMembers(schema: any): void {
  const status = schema.properties.Payload.properties.FulfillmentOrderStatusNotification;
  status.required = status.required.filter((name: string) => name !== 'FulfillmentShipment' && name !== 'FulfillmentReturnItem');
  const shipment = status.properties.FulfillmentShipment;
  shipment.required = shipment.required.filter((name: string) => name !== 'info');
}

function conformsToModels(notifications: any[]): void {
  for (const n of notifications) {
    const validate = n.NotificationType === AVAILABILITY
      ? notificationValidator('FBAInventoryAvailabilityChangeNotification.json')
      : notificationValidator('FulfillmentOrderStatusNotification.json', relaxConditionalMembers);
    assert.ok(validate(n), `${n.NotificationType} does not conform: ${explain(validate)}\n${JSON.stringify(n).slice(0, 400)}`);
  }
}

describe('notifications to a listener', () => {
  let listener: NotificationListener;
  before(async () => {
    listener = await NotificationListener.start();
  });
  after(() => listener.close());
  beforeEach(() => {
    listener.received.length = 0;
    listener.failuresLeft = 0;
    listener.attempts = 0;
    listener.authorizations.length = 0;
  });
  const run = (fn: (h: Harness) => Promise<void>, options: Partial<AmazonSimulatorOptions> = {}) =>
    withHarness(fn, { notifyUrl: listener.url, notifyRetryDelaysMs: [10, 10, 10], ...options });

  it('an order\'s life: a FULFILLMENT_ORDER_STATUS per status and per shipment, stock changes per minute', () => run(async ({ sim, api }) => {
    await api.stock('MUG', 5);
    await api.createOrder(orderRequest('N-1', [['MUG', 2]]));
    sim.advance(10 * 3600);
    await sim.notificationsIdle();

    const statuses = listener.ofType(ORDER_STATUS).map((n) => n.Payload.FulfillmentOrderStatusNotification);
    assert.ok(statuses.every((s) => s.SellerFulfillmentOrderId === 'N-1' && s.SellerId === 'A1SIMULATEDSELLR'));
    const story = statuses.map((s) => `${s.EventType}:${s.FulfillmentOrderStatus}`);
    assert.deepEqual(story.filter((e) => e.startsWith('Order:')), ['Order:Received', 'Order:Planning', 'Order:Processing', 'Order:Complete']);
    const shipments = statuses.filter((s) => s.EventType === 'Shipment');
    assert.equal(shipments.length, 1, 'one line ships as one shipment');
    assert.equal(story.indexOf('Shipment:Processing'), 3, 'the shipment is told before Complete');
    const order = (await api.getOrder('N-1')).json.payload;
    const shipped = order.fulfillmentShipments[0];
    assert.deepEqual(shipments[0].FulfillmentShipment, {
      FulfillmentShipmentStatus: 'Shipped',
      AmazonShipmentId: shipped.amazonShipmentId,
      EstimatedArrivalDateTime: shipped.estimatedArrivalDate,
      FulfillmentShipmentPackages: shipped.fulfillmentShipmentPackage.map((p: any) => ({ PackageNumber: p.packageNumber, CarrierCode: p.carrierCode, TrackingNumber: p.trackingNumber })),
    });
    assert.equal(statuses[0].StatusUpdatedDateTime, iso(0).replace('.000Z', 'Z'));

    const stock = listener.ofType(AVAILABILITY);
    assert.equal(stock.length, 2, 'stocking and reserving share minute 0; shipping is the second change');
    const [reserved, gone] = stock.map((n) => n.Payload);
    assert.deepEqual([reserved.SKU, reserved.FulfillmentInventoryByMarketplace[0].MarketplaceId, reserved.FulfillmentInventoryByMarketplace[0].ItemName], ['MUG', 'ATVPDKIKX0DER', 'Product MUG']);
    assert.deepEqual(reserved.FulfillmentInventoryByMarketplace[0].FulfillmentInventory, {
      InboundQuantityBreakdown: { Working: 0, Shipped: 0, Receiving: 0 }, Fulfillable: 3, Unfulfillable: 0, Researching: 0,
      ReservedQuantityBreakdown: { WarehouseProcessing: 0, WarehouseTransfer: 0, PendingCustomerOrder: 2 }, FutureSupplyBuyable: 0, PendingCustomerOrderInTransit: 0,
    });
    assert.deepEqual([stock[0].EventTime, stock[0].NotificationMetadata.PublishTime], [iso(0), iso(60)]);
    assert.equal(gone.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.ReservedQuantityBreakdown.PendingCustomerOrder, 0);
    assert.equal(Math.floor(Date.parse(stock[1].EventTime) / 1000) * 1000, Date.parse(shipments[0].StatusUpdatedDateTime), 'shipping is the change');

    const ids = listener.received.map((n) => n.NotificationMetadata.NotificationId);
    assert.equal(new Set(ids).size, ids.length, 'NotificationIds are unique');
    assert.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)));
    for (const n of listener.received) assert.ok(parseAmazonNotification(n).ok, 'the bridge\'s own parser reads it');
    const log = (await api.admin('GET', '/notifications')).json;
    assert.deepEqual([log.enabled, log.format, log.counts.delivered, log.counts.pending], [true, 'sqs', listener.received.length, 0]);
  }));

  it('one notification per SKU per minute, and none for a minute whose changes cancel out', () => run(async ({ sim, api }) => {
    await api.stock('A', 10);
    await api.stock('B', 10);
    sim.advance(70); // minute 1
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'A', quantity: 1 });
    sim.advance(10);
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'A', quantity: 1 });
    sim.advance(50); // minute 2
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'A', quantity: 1 });
    sim.advance(120); // minute 4
    await api.createOrder(orderRequest('C-1', [['B', 4]]));
    await api.cancel('C-1');
    sim.advance(120);
    await sim.notificationsIdle();
    const told = listener.ofType(AVAILABILITY).map((n) => [n.Payload.SKU, n.EventTime, n.Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory.Fulfillable]);
    assert.deepEqual(told, [['A', iso(0), 10], ['B', iso(0), 10], ['A', iso(80), 8], ['A', iso(130), 7]]);
  }));

  it('inbound stock and adjustments are availability changes too', () => run(async ({ sim, api }) => {
    await api.stock('C', 1);
    sim.advance(60);
    await api.admin('POST', '/inbound', { sellerSku: 'C', quantity: 6, arriveAfterSeconds: 600 });
    sim.advance(300);
    await api.admin('POST', '/inventory/adjust', { sellerSku: 'C', bucket: 'researching', quantity: 1 });
    sim.advance(600);
    await sim.notificationsIdle();
    const inventories = listener.ofType(AVAILABILITY).map((n) => n.Payload.FulfillmentInventoryByMarketplace[0].FulfillmentInventory);
    assert.deepEqual(inventories.map((i) => [i.InboundQuantityBreakdown.Working, i.InboundQuantityBreakdown.Shipped, i.InboundQuantityBreakdown.Receiving, i.Fulfillable, i.Researching]), [
      [0, 0, 0, 1, 0], [6, 0, 0, 1, 0], [0, 6, 0, 1, 0], [0, 6, 0, 0, 1], [0, 0, 6, 0, 1], [0, 0, 0, 6, 1],
    ]);
  }));

  it('with notifySecret every delivery carries Authorization: Bearer <secret>, as POST /events/amazon requires; without, none', async () => {
    await run(async ({ sim, api }) => {
      await api.stock('S', 2);
      sim.advance(60);
      await sim.notificationsIdle();
    }, { notifySecret: 'intake-secret-0123456789abcdef' });
    assert.ok(listener.authorizations.length > 0);
    assert.ok(listener.authorizations.every((a) => a === 'Bearer intake-secret-0123456789abcdef'), String(listener.authorizations));
    listener.authorizations.length = 0;
    await run(async ({ sim, api }) => {
      await api.stock('S', 2);
      sim.advance(60);
      await sim.notificationsIdle();
    });
    assert.ok(listener.authorizations.length > 0);
    assert.ok(listener.authorizations.every((a) => a === undefined));
  });

  it('a failed delivery is retried; after four failed attempts it is given up and logged', () => run(async ({ sim, api }) => {
    listener.failuresLeft = 2;
    await api.stock('R', 1);
    sim.advance(60);
    await sim.notificationsIdle();
    assert.equal(listener.received.length, 1);
    assert.equal(listener.attempts, 3);
    let log = (await api.admin('GET', '/notifications')).json;
    assert.deepEqual([log.recent[0].status, log.recent[0].attempts, log.counts.retries], ['delivered', 3, 2]);

    listener.failuresLeft = 100;
    listener.failStatus = 503;
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'R', quantity: 1 });
    sim.advance(60);
    await sim.notificationsIdle();
    log = (await api.admin('GET', '/notifications')).json;
    assert.deepEqual([log.recent[1].status, log.recent[1].attempts, log.recent[1].lastError, log.counts.failed], ['failed', 4, 'HTTP 503', 1]);
    listener.failStatus = 500;
  }));

  it('eventbridge format wraps the notification in an EventBridge event the bridge reads', () => run(async ({ sim, api }) => {
    await api.stock('E', 2);
    sim.advance(60);
    await sim.notificationsIdle();
    const [event] = listener.received;
    assert.equal(event['detail-type'], AVAILABILITY);
    assert.match(event.source, /^aws\.partner\/sellingpartnerapi\.amazon\.com\/\d{12}\/amzn1\.sellerapps\.app\./);
    assert.equal(event.id, event.detail.NotificationMetadata.NotificationId);
    const parsed = parseAmazonNotification(event);
    assert.ok(parsed.ok && parsed.value.notificationType === AVAILABILITY && parsed.value.payload.SKU === 'E');
  }, { notifyFormat: 'eventbridge' }));

  it('the same seed sends the same notifications; another seed does not', async () => {
    const scenario = async (seed: number) => {
      listener.received.length = 0;
      await run(async ({ sim, api }) => {
        for (let i = 0; i < 8; i++) await api.stock(`S-${i}`, 6);
        await api.createOrder(orderRequest('D-1', [['S-1', 2], ['S-2', 1]]));
        for (let step = 0; step < 6; step++) sim.advance(1800);
        await sim.notificationsIdle();
      }, { seed, marketplaceSalesPerHour: 1 });
      return [...listener.received].sort((a, b) => (a.NotificationMetadata.NotificationId < b.NotificationMetadata.NotificationId ? -1 : 1));
    };
    const first = await scenario(42);
    assert.ok(first.length > 20, `sales and the order made notifications (${first.length})`);
    assert.deepEqual(await scenario(42), first);
    assert.notDeepEqual(await scenario(43), first);
  });
});

test('without notifyUrl nothing is sent and the log says so', () => withHarness(async ({ api }) => {
  assert.deepEqual((await api.admin('GET', '/notifications')).json, { enabled: false });
}));

test('with real time running, due notifications go out without anyone calling', async () => {
  const listener = await NotificationListener.start();
  // 600 simulated seconds per real second: the minute of the change is over 0.1 s later.
  const sim = await startAmazonSimulator({ port: 0, timeScale: 600, rateScale: 1000, notifyUrl: listener.url, startTime: '2025-03-03T09:00:00Z' });
  try {
    const api = new SpApiTestClient(sim.url);
    await api.login();
    await api.stock('T', 3);
    const deadline = Date.now() + 30_000; // a guard against hanging, not a speed target
    while (listener.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(listener.ofType(AVAILABILITY)[0]?.Payload.SKU, 'T');
  } finally {
    await sim.close();
    await listener.close();
  }
});

describe('notification shapes against Amazon\'s schemas', { skip: modelsAvailable ? false : MODELS_MISSING }, () => {
  // Every kind of notification the simulator makes, in both wire formats, each checked against the
  // official schema: order statuses, shipments, and stock changes from orders, sales, inbound and adjustments.
  for (const notifyFormat of ['sqs', 'eventbridge'] as const) {
    it(`${notifyFormat}: every notification of a busy day conforms`, async () => {
      const listener = await NotificationListener.start();
      try {
        await withHarness(async ({ sim, api }) => {
          for (let i = 0; i < 4; i++) await api.stock(`S-${i}`, 6);
          await api.createOrder(orderRequest('V-1', [['S-1', 2], ['S-2', 1]]));
          await api.createOrder(orderRequest('V-2', [['S-3', 1]]));
          await api.cancel('V-2');
          await api.admin('POST', '/inbound', { sellerSku: 'S-0', quantity: 3, arriveAfterSeconds: 600 });
          await api.admin('POST', '/inventory/adjust', { sellerSku: 'S-0', bucket: 'researching', quantity: 1 });
          for (let step = 0; step < 24; step++) sim.advance(1800); // twelve hours: everything ships
          await sim.notificationsIdle();
        }, { notifyUrl: listener.url, notifyFormat, marketplaceSalesPerHour: 1, seed: 42 });
        const notifications = listener.received.map((n) => (notifyFormat === 'eventbridge' ? n.detail : n));
        const types = new Set(notifications.map((n) => n.NotificationType));
        assert.deepEqual([...types].sort(), [AVAILABILITY, ORDER_STATUS].sort(), 'both kinds were sent');
        const events = new Set(notifications.filter((n) => n.NotificationType === ORDER_STATUS).map((n) => n.Payload.FulfillmentOrderStatusNotification.EventType));
        assert.ok(events.has('Order') && events.has('Shipment'), `order and shipment events: ${[...events].join(', ')}`);
        conformsToModels(notifications);
      } finally {
        await listener.close();
      }
    });
  }
});
