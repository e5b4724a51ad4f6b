// The simulated warehouse moves orders over SIMULATED time: Received → Planning (~2 min) →
// Processing (~30 min) → shipped and Complete (2–6 h later), tracking IN_TRANSIT → DELIVERED (~2 days).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTBOUND, orderRequest, startHarness, withHarness, type ShipmentItemJson, type ShipmentJson } from './sim-harness.js';

const MIN = 60;
const HOUR = 3600;

test('an order moves Received → Planning → Processing → Complete at its scheduled simulated times', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 10);
  assert.equal((await api.createOrder(orderRequest('L-1', [['MUG', 2]]))).status, 200);
  assert.equal(await api.status('L-1'), 'Received');

  sim.advance(89);
  assert.equal(await api.status('L-1'), 'Received', 'planning starts no sooner than 90 s');
  sim.advance(61);
  assert.equal(await api.status('L-1'), 'Planning', 'planning has started by 150 s');
  sim.advance(19 * MIN);
  assert.equal(await api.status('L-1'), 'Planning', 'processing starts no sooner than 20 min later');
  sim.advance(21 * MIN);
  const processing = await api.getOrder('L-1');
  assert.equal(processing.json.payload.fulfillmentOrder.fulfillmentOrderStatus, 'Processing');
  const pending = processing.json.payload.fulfillmentShipments;
  assert.ok(pending.length >= 1);
  assert.ok(pending.every((s: ShipmentJson) => s.fulfillmentShipmentStatus === 'PENDING' && s.fulfillmentShipmentPackage === undefined),
    'no packages or tracking before the boxes leave');

  sim.advance(8 * HOUR); // ship window is 2–6 h, a second shipment at most 90 min later
  const done = await api.getOrder('L-1');
  const payload = done.json.payload;
  assert.equal(payload.fulfillmentOrder.fulfillmentOrderStatus, 'Complete');
  const packages = payload.fulfillmentShipments.flatMap((s: ShipmentJson) => s.fulfillmentShipmentPackage);
  assert.ok(packages.length >= 1);
  for (const pkg of packages) {
    assert.ok(Number.isInteger(pkg.packageNumber) && pkg.packageNumber > 0 && pkg.packageNumber <= 2_147_483_647);
    assert.match(pkg.carrierCode, /^(UPS|USPS|AMZL)$/, 'US orders go by UPS, USPS or AMZL');
    assert.ok(pkg.trackingNumber.length >= 10);
  }
  const shippedUnits = payload.fulfillmentShipments.flatMap((s: ShipmentJson) => s.fulfillmentShipmentItem).reduce((n: number, i: ShipmentItemJson) => n + i.quantity, 0);
  assert.equal(shippedUnits, 2);

  // statusUpdatedDate is the moment of the transition, not the moment somebody looked.
  const updated = payload.fulfillmentOrder.statusUpdatedDate;
  sim.advance(5 * HOUR);
  assert.equal((await api.getOrder('L-1')).json.payload.fulfillmentOrder.statusUpdatedDate, updated);
}));

test('tracking says IN_TRANSIT after shipping and DELIVERED about two days later', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('L-2', [['MUG', 1]]));
  sim.advance(8 * HOUR);
  const order = (await api.getOrder('L-2')).json.payload;
  const pkg = order.fulfillmentShipments[0].fulfillmentShipmentPackage[0];
  const shipDate = Date.parse(order.fulfillmentShipments[0].shippingDate);

  const transit = await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${pkg.packageNumber}`);
  assert.equal(transit.status, 200);
  assert.equal(transit.json.payload.currentStatus, 'IN_TRANSIT');
  assert.equal(transit.json.payload.trackingNumber, pkg.trackingNumber);
  assert.equal(transit.json.payload.carrierCode, pkg.carrierCode);

  const arrival = Date.parse(transit.json.payload.estimatedArrivalDate);
  const days = (arrival - shipDate) / 86_400_000;
  assert.ok(days >= 1.75 && days <= 2.25, `Standard transit ~2 days, got ${days}`);

  sim.advance(2.5 * 24 * HOUR);
  const delivered = await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${pkg.packageNumber}`);
  assert.equal(delivered.json.payload.currentStatus, 'DELIVERED');
  assert.equal(delivered.json.payload.trackingEvents[0].eventCode, 'EVENT_301', 'newest event first: delivered');
}));

test('a status update to Complete ships the order at once, with packages and tracking', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('L-3', [['MUG', 1]]));
  const update = await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/L-3/status`, { fulfillmentOrderStatus: 'Complete' });
  assert.equal(update.status, 200);
  assert.deepEqual(update.json, {});
  const order = (await api.getOrder('L-3')).json.payload;
  assert.equal(order.fulfillmentOrder.fulfillmentOrderStatus, 'Complete');
  assert.equal(order.fulfillmentShipments[0].fulfillmentShipmentStatus, 'SHIPPED');
  const pkg = order.fulfillmentShipments[0].fulfillmentShipmentPackage[0];
  const tracking = await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${pkg.packageNumber}`);
  assert.equal(tracking.json.payload.currentStatus, 'IN_TRANSIT');
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 4, reserved: 0, total: 4 }, 'the shipped unit left the pool');

  const backwards = await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/L-3/status`, { fulfillmentOrderStatus: 'Received' });
  assert.equal(backwards.status, 400, 'a finished order does not move again');
  const upper = await api.createOrder(orderRequest('L-4', [['MUG', 1]]));
  assert.equal(upper.status, 200);
  assert.equal((await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/L-4/status`, { fulfillmentOrderStatus: 'PLANNING' })).status, 200, 'status names in any case');
  assert.equal(await api.status('L-4'), 'Planning');
}));

test('the same seed gives the same shipments, carriers, tracking numbers and timings; another seed does not', async () => {
  async function run(seed: number): Promise<unknown> {
    const h = await startHarness({ seed });
    try {
      await h.api.stock('MUG', 50);
      await h.api.stock('CUP', 50);
      for (let i = 0; i < 5; i++) await h.api.createOrder(orderRequest(`D-${i}`, [['MUG', 2], ['CUP', 3]]));
      h.sim.advance(10 * HOUR);
      const orders = [];
      for (let i = 0; i < 5; i++) orders.push((await h.api.getOrder(`D-${i}`)).json.payload);
      return orders;
    } finally {
      await h.sim.close();
    }
  }
  const a = await run(42);
  assert.deepEqual(await run(42), a);
  assert.notDeepEqual(await run(43), a);
});

test('Hold orders wait in Received and are cancelled after 14 days', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 3);
  await api.createOrder(orderRequest('H-1', [['MUG', 1]], { fulfillmentAction: 'Hold' }));
  sim.advance(13 * 24 * HOUR);
  assert.equal(await api.status('H-1'), 'Received');
  assert.equal((await api.fulfillable('MUG')).reserved, 1);
  sim.advance(2 * 24 * HOUR);
  assert.equal(await api.status('H-1'), 'Cancelled');
  assert.equal((await api.fulfillable('MUG')).fulfillable, 3);
}));
