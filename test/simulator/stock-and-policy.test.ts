// Stock moves with orders (fulfillable → reserved at creation, consumed when shipped, released on
// cancel), and short orders end per their fulfillmentPolicy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderRequest, withHarness, type OrderItemJson, type ShipmentItemJson, type ShipmentJson } from './sim-harness.js';

const HOUR = 3600;

test('creating an order reserves its units; shipping consumes them', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 10);
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 10, reserved: 0, total: 10 });
  await api.createOrder(orderRequest('S-1', [['MUG', 3]]));
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 7, reserved: 3, total: 10 });
  sim.advance(8 * HOUR);
  assert.equal(await api.status('S-1'), 'Complete');
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 7, reserved: 0, total: 7 });
}));

test('FillOrKill (the default) with too little stock: nothing reserved, New, then Unfulfillable', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 2);
  assert.equal((await api.createOrder(orderRequest('K-1', [['MUG', 3]]))).status, 200, 'Amazon accepts the order and judges it later');
  assert.equal(await api.status('K-1'), 'New');
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 2, reserved: 0, total: 2 });
  sim.advance(3 * 60);
  const order = (await api.getOrder('K-1')).json.payload;
  assert.equal(order.fulfillmentOrder.fulfillmentOrderStatus, 'Unfulfillable');
  assert.equal(order.fulfillmentOrderItems[0].unfulfillableQuantity, 3);
  assert.deepEqual(order.fulfillmentShipments, []);
  assert.equal((await api.fulfillable('MUG')).fulfillable, 2);
}));

test('FillOrKill judges the whole order: one short line sinks the lines that had stock', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.stock('CUP', 1);
  await api.createOrder(orderRequest('K-2', [['MUG', 2], ['CUP', 2]]));
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 5, reserved: 0, total: 5 });
  sim.advance(3 * 60);
  const order = (await api.getOrder('K-2')).json.payload;
  assert.equal(order.fulfillmentOrder.fulfillmentOrderStatus, 'Unfulfillable');
  assert.deepEqual(order.fulfillmentOrderItems.map((i: OrderItemJson) => i.unfulfillableQuantity), [2, 2]);
}));

test('FillAllAvailable ships what there is and ends CompletePartialled with the shortfall unfulfillable', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.stock('CUP', 1);
  await api.createOrder(orderRequest('A-1', [['MUG', 2], ['CUP', 3]], { fulfillmentPolicy: 'FillAllAvailable' }));
  assert.equal(await api.status('A-1'), 'Received');
  assert.deepEqual(await api.fulfillable('CUP'), { fulfillable: 0, reserved: 1, total: 1 });
  const early = (await api.getOrder('A-1')).json.payload.fulfillmentOrderItems;
  assert.deepEqual(early.map((i: OrderItemJson) => i.unfulfillableQuantity), [0, 2], 'FillAllAvailable gives up on missing units at once');

  sim.advance(9 * HOUR);
  const order = (await api.getOrder('A-1')).json.payload;
  assert.equal(order.fulfillmentOrder.fulfillmentOrderStatus, 'CompletePartialled');
  const shipped = order.fulfillmentShipments.flatMap((s: ShipmentJson) => s.fulfillmentShipmentItem);
  const units = (id: string) => shipped.filter((i: ShipmentItemJson) => i.sellerFulfillmentOrderItemId === id).reduce((n: number, i: ShipmentItemJson) => n + i.quantity, 0);
  assert.equal(units('A-1-1'), 2);
  assert.equal(units('A-1-2'), 1);
  assert.deepEqual(await api.fulfillable('CUP'), { fulfillable: 0, reserved: 0, total: 0 });
}));

test('FillAll ships what there is, then waits 24 h for the rest before CompletePartialled', () => withHarness(async ({ sim, api }) => {
  await api.stock('CUP', 1);
  await api.createOrder(orderRequest('F-1', [['CUP', 3]], { fulfillmentPolicy: 'FillAll' }));
  sim.advance(9 * HOUR);
  const waiting = (await api.getOrder('F-1')).json.payload;
  assert.equal(waiting.fulfillmentOrder.fulfillmentOrderStatus, 'Processing');
  assert.equal(waiting.fulfillmentShipments[0].fulfillmentShipmentStatus, 'SHIPPED');
  assert.equal(waiting.fulfillmentOrderItems[0].unfulfillableQuantity, 0);
  sim.advance(24 * HOUR);
  const done = (await api.getOrder('F-1')).json.payload;
  assert.equal(done.fulfillmentOrder.fulfillmentOrderStatus, 'CompletePartialled');
  assert.equal(done.fulfillmentOrderItems[0].unfulfillableQuantity, 2);
}));

test('FillAllAvailable with no stock at all is Unfulfillable', () => withHarness(async ({ sim, api }) => {
  await api.stock('EMPTY', 0);
  await api.createOrder(orderRequest('A-2', [['EMPTY', 1]], { fulfillmentPolicy: 'FillAllAvailable' }));
  sim.advance(3 * 60);
  assert.equal(await api.status('A-2'), 'Unfulfillable');
}));

test('two lines of one SKU draw on the same stock', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 3);
  await api.createOrder(orderRequest('T-1', [['MUG', 2], ['MUG', 2]]));
  assert.equal(await api.status('T-1'), 'New', '4 units asked of 3: short under FillOrKill');
  await api.createOrder(orderRequest('T-2', [['MUG', 2], ['MUG', 1]]));
  assert.equal(await api.status('T-2'), 'Received');
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 0, reserved: 3, total: 3 });
}));
