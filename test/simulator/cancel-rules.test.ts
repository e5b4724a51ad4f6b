// Cancellation as Amazon allows it: in New, Received or Planning (stock released), never once picking
// started (Processing or later), and a second cancel is a DuplicateCancelRequest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderRequest, withHarness } from './sim-harness.js';

const HOUR = 3600;

test('cancelling a Received order answers {} and releases its stock', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('C-1', [['MUG', 2]]));
  const cancel = await api.cancel('C-1');
  assert.equal(cancel.status, 200);
  assert.deepEqual(cancel.json, {});
  const order = (await api.getOrder('C-1')).json.payload;
  assert.equal(order.fulfillmentOrder.fulfillmentOrderStatus, 'Cancelled');
  assert.equal(order.fulfillmentOrderItems[0].cancelledQuantity, 2);
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 5, reserved: 0, total: 5 });
}));

test('a Planning order can be cancelled; a New (short) one too', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('C-2', [['MUG', 1]]));
  sim.advance(3 * 60);
  assert.equal(await api.status('C-2'), 'Planning');
  assert.equal((await api.cancel('C-2')).status, 200);
  assert.equal(await api.status('C-2'), 'Cancelled');

  await api.createOrder(orderRequest('C-3', [['MUG', 99]]));
  assert.equal(await api.status('C-3'), 'New');
  assert.equal((await api.cancel('C-3')).status, 200);
  assert.equal(await api.status('C-3'), 'Cancelled');
}));

test('a second cancel is refused as DuplicateCancelRequest', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('C-4', [['MUG', 1]]));
  await api.cancel('C-4');
  const again = await api.cancel('C-4');
  assert.equal(again.status, 400);
  assert.deepEqual(again.json, { errors: [{
    code: 'InvalidInput', message: 'Value C-4 for parameter SellerFulfillmentOrderId is invalid. Reason: DuplicateCancelRequest.', details: '',
  }] });
}));

test('once Processing, and after completion, cancel is refused and nothing changes', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('C-5', [['MUG', 1]]));
  sim.advance(45 * 60);
  assert.equal(await api.status('C-5'), 'Processing');
  const refused = await api.cancel('C-5');
  assert.equal(refused.status, 400);
  assert.equal(refused.json.errors[0].code, 'InvalidInput');
  assert.match(refused.json.errors[0].message, /C-5.*Processing/);
  assert.equal(await api.status('C-5'), 'Processing');
  assert.equal((await api.fulfillable('MUG')).reserved, 1);

  sim.advance(8 * HOUR);
  assert.equal(await api.status('C-5'), 'Complete');
  assert.equal((await api.cancel('C-5')).status, 400);
}));

test('cancelling an unknown order answers Amazon\'s not-found text', () => withHarness(async ({ api }) => {
  const answer = await api.cancel('NOPE-1');
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.json, { errors: [{ code: 'InvalidInput', message: "Requested order 'NOPE-1' not found", details: '' }] });
}));

test('the admin API counts cancel requests per order', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('C-6', [['MUG', 1]]));
  await api.cancel('C-6');
  await api.cancel('C-6');
  const detail = await api.admin('GET', '/orders/C-6');
  assert.equal(detail.json.cancelRequests, 2);
  assert.equal(detail.json.status, 'Cancelled');
}));
