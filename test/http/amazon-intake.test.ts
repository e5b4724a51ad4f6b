// POST /events/amazon logic: FULFILLMENT_ORDER_STATUS marks the order for tracking, once per
// notification id; SQS body, EventBridge and SNS shapes are all understood.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptAmazonNotification } from '../../src/http/amazon-intake.js';
import { parseAmazonNotification } from '../../src/http/amazon-notification.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { SHIPMENT_TRACK_PRIORITY, STATUS_NOTE_PRIORITY, STATUS_NOTE_SETTLE_MS, SWEEP_TRACK_PRIORITY, TRACK_PRIORITY, TRIAGE_PRIORITY } from '../../src/flows/orders/order-flow-types.js';

const SCHEMA = new URL('../../../shared/spapi-models/FulfillmentOrderStatusNotification.json', import.meta.url);

function notification(id: string, sfo: string, sellerId = 'A3TH9S8BH6GOGM', eventType = 'Shipment', status = 'Complete', at = '2026-11-28T10:00:00Z') {
  return {
    NotificationVersion: '1.0', NotificationType: 'FULFILLMENT_ORDER_STATUS', PayloadVersion: '1.0', EventTime: '2026-11-28T10:00:00Z',
    Payload: { FulfillmentOrderStatusNotification: { SellerId: sellerId, EventType: eventType, StatusUpdatedDateTime: at, SellerFulfillmentOrderId: sfo, FulfillmentOrderStatus: status } },
    NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: '2026-11-28T10:00:01Z', NotificationId: id },
  };
}

async function setup() {
  const store = await openStore(':memory:');
  await store.orderLinks.upsert({
    connectionId: 'default', ctOrderId: 'ct-1', orderNumber: 'N1', sellerFulfillmentOrderId: 'N1-abc', state: 'submitted', fbaStatus: 'Planning',
    shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: 1, fbaStatusAt: 1,
  }, 1);
  let woken = 0;
  const deps = { store, connections: [{ id: 'default' }], workClock: { now: () => new Date(5_000) }, logger: silentLogger, wake: () => { woken++; } };
  return { store, deps, woken: () => woken };
}

test('a status notification marks the order for tracking, once', async () => {
  const { store, deps, woken } = await setup();
  const first = await acceptAmazonNotification(deps, notification('n-1', 'N1-abc'));
  assert.equal(first.status, 202);
  assert.deepEqual(first.body, { accepted: 'N1-abc' });
  const item = await store.work.get('default', 'order.track', 'ct-1');
  assert.equal(item?.state, 'pending');
  assert.equal(woken(), 1);
  const again = await acceptAmazonNotification(deps, notification('n-1', 'N1-abc'));
  assert.deepEqual(again.body, { duplicate: 'n-1' });
  assert.equal(woken(), 1);
  await store.close();
});

test('a shipment goes before a status change, and a status change before the sweep: each look costs a getFulfillmentOrder token', async () => {
  const { store, deps } = await setup();
  await acceptAmazonNotification(deps, notification('n-s1', 'N1-abc', undefined, 'Order'));
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.priority, TRACK_PRIORITY);
  // A shipment while the status look still waits: the same item, raised.
  await acceptAmazonNotification(deps, notification('n-s2', 'N1-abc', undefined, 'Shipment'));
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.priority, SHIPMENT_TRACK_PRIORITY);
  assert.ok(SWEEP_TRACK_PRIORITY < TRACK_PRIORITY && SHIPMENT_TRACK_PRIORITY < TRIAGE_PRIORITY);
  await store.close();
});

test('a status on the way is taken at its word: the link moves on and the run asks no look; a late one moves nothing', async () => {
  const { store, deps, woken } = await setup();
  const processing = await acceptAmazonNotification(deps, notification('n-p', 'N1-abc', undefined, 'Order', 'PROCESSING', '2026-11-28T10:05:00Z'));
  assert.deepEqual(processing.body, { accepted: 'N1-abc' });
  const link = await store.orderLinks.get('default', 'ct-1');
  assert.equal(link?.fbaStatus, 'Processing');
  assert.equal(link?.fbaStatusAt, Date.parse('2026-11-28T10:05:00Z'), "as of Amazon's time of the change");
  const noted = await store.work.get('default', 'order.track', 'ct-1');
  assert.deepEqual([noted?.priority, noted?.runAt], [STATUS_NOTE_PRIORITY, 5_000 + STATUS_NOTE_SETTLE_MS], 'written after the settle time, with whatever follows it');
  assert.equal(woken(), 1);
  // A shipment meanwhile: looked at now.
  await acceptAmazonNotification(deps, notification('n-s', 'N1-abc', undefined, 'Shipment', 'Processing'));
  const raised = await store.work.get('default', 'order.track', 'ct-1');
  assert.deepEqual([raised?.priority, raised?.runAt], [SHIPMENT_TRACK_PRIORITY, 5_000]);
  // Planning, delivered after Processing: the order is not put back, and nothing is asked for.
  await store.work.complete((await store.work.claim({ now: 6_000, owner: 'w', leaseMs: 1_000, limit: 1 }))[0]!.id, 'w', 6_000);
  const late = await acceptAmazonNotification(deps, notification('n-late', 'N1-abc', undefined, 'Order', 'Planning', '2026-11-28T10:01:00Z'));
  assert.deepEqual(late.body, { known: 'N1-abc' });
  assert.equal((await store.orderLinks.get('default', 'ct-1'))?.fbaStatus, 'Processing');
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.state, 'done');
  assert.equal(woken(), 2);
  // A final status needs a look, whatever the link shows.
  await acceptAmazonNotification(deps, notification('n-c', 'N1-abc', undefined, 'Order', 'Complete'));
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.priority, TRACK_PRIORITY);
  assert.ok(SWEEP_TRACK_PRIORITY < STATUS_NOTE_PRIORITY && STATUS_NOTE_PRIORITY < TRACK_PRIORITY, 'any look asked for raises a status note above it');
  await store.close();
});

test('a status note on a link that is not simply submitted moves nothing', async () => {
  const { store, deps } = await setup();
  await store.orderLinks.upsert({ ...(await store.orderLinks.get('default', 'ct-1'))!, state: 'cancelling' }, 2);
  assert.deepEqual((await acceptAmazonNotification(deps, notification('n-x', 'N1-abc', undefined, 'Order', 'Processing'))).body, { known: 'N1-abc' });
  assert.equal((await store.orderLinks.get('default', 'ct-1'))?.fbaStatus, 'Planning');
  assert.equal(await store.work.get('default', 'order.track', 'ct-1'), null);
  await store.close();
});

test('EventBridge and SNS shapes carry the same notification', () => {
  const inner = notification('n-2', 'X');
  for (const body of [inner, { 'detail-type': 'FULFILLMENT_ORDER_STATUS', source: 'aws.partner/sellingpartnerapi.amazon', detail: inner }, { Type: 'Notification', Message: JSON.stringify(inner) }]) {
    const parsed = parseAmazonNotification(body);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.sellerFulfillmentOrderId, 'X');
    assert.equal(parsed.value.notificationId, 'n-2');
  }
});

test('orders the bridge did not send, other types and malformed bodies', async () => {
  const { store, deps } = await setup();
  assert.deepEqual((await acceptAmazonNotification(deps, notification('n-3', 'NOT-OURS'))).body, { ignored: 'no order NOT-OURS sent by the bridge' });
  const other = { ...notification('n-4', 'N1-abc'), NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES' };
  assert.deepEqual((await acceptAmazonNotification(deps, other)).body, { ignored: 'FBA_INVENTORY_AVAILABILITY_CHANGES' });
  const bad = await acceptAmazonNotification(deps, { hello: 'world' });
  assert.equal(bad.status, 400);
  assert.match(String(bad.body.error), /NotificationType/);
  assert.equal(await store.work.get('default', 'order.track', 'ct-1'), null);
  await store.close();
});

test("Amazon's own example notification parses", (t) => {
  if (!existsSync(SCHEMA)) return t.skip('../shared/spapi-models is absent: skipping the official example');
  const example = JSON.parse(readFileSync(SCHEMA, 'utf8')).examples[0];
  const parsed = parseAmazonNotification({ ...example, NotificationMetadata: example.NotificationMetadata ?? { NotificationId: 'x' } });
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  assert.equal(parsed.value.sellerFulfillmentOrderId, 'SFOID2345');
});

test('notifications beyond Amazon\'s documented limits are refused with the reason, before anything is stored', () => {
  const notification = (payload: Record<string, unknown>, id = 'n-1') => ({
    NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES', Payload: payload, NotificationMetadata: { NotificationId: id },
  });
  assert.deepEqual(parseAmazonNotification(notification({ SKU: 'S'.repeat(51) })), { ok: false, error: 'Payload.SKU is 51 characters long; at most 50 are accepted' });
  assert.equal(parseAmazonNotification(notification({ SKU: 'S'.repeat(50) })).ok, true, 'a SKU of exactly 50 is fine');
  assert.deepEqual(parseAmazonNotification(notification({ SKU: 'OK' }, 'n-\u0000')), { ok: false, error: 'NotificationMetadata.NotificationId contains a control character' });
  assert.deepEqual(
    parseAmazonNotification({ NotificationType: 'FULFILLMENT_ORDER_STATUS', Payload: { FulfillmentOrderStatusNotification: { SellerFulfillmentOrderId: 'F'.repeat(41) } }, NotificationMetadata: { NotificationId: 'n' } }),
    { ok: false, error: 'SellerFulfillmentOrderId is 41 characters long; at most 40 are accepted' },
  );
});
