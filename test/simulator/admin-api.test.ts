// The simulator's admin API under /_simulator/: state and clock, advancing time, every order in full
// with its create-request count, inventory, and a state file that survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmazonSimulator } from '../../src/simulator/index.js';
import { OUTBOUND, SpApiTestClient, orderRequest, withHarness } from './sim-harness.js';

test('GET /_simulator/state counts orders by status and shows the clock', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('AD-1', [['MUG', 1]]));
  await api.createOrder(orderRequest('AD-2', [['MUG', 9]]));
  const state = (await api.admin('GET', '/state')).json;
  assert.equal(state.clock.now, '2025-03-03T09:00:00.000Z');
  assert.equal(state.counts.orders, 2);
  assert.equal(state.counts.ordersByStatus.Received, 1);
  assert.equal(state.counts.ordersByStatus.New, 1);
  assert.equal(state.counts.createRequests, 2);
  assert.equal(state.seed, 1);
}));

test('POST /_simulator/advance moves the simulated clock and the warehouse with it', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('AD-3', [['MUG', 1]]));
  const advanced = await api.admin('POST', '/advance', { seconds: 8 * 3600 });
  assert.equal(advanced.status, 200);
  assert.equal(advanced.json.clock.now, '2025-03-03T17:00:00.000Z');
  assert.equal(advanced.json.counts.ordersByStatus.Complete, 1);
  assert.equal((await api.admin('POST', '/advance', { seconds: -1 })).status, 400);
}));

test('GET /_simulator/orders lists every order with its create requests, history and Amazon view', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('AD-4', [['MUG', 1]]));
  await api.createOrder(orderRequest('AD-4', [['MUG', 1]]));
  await api.createOrder(orderRequest('AD-5', [['NOPE', 1]]));
  const all = (await api.admin('GET', '/orders')).json;
  assert.equal(all.orders.length, 1);
  const [order] = all.orders;
  assert.equal(order.sellerFulfillmentOrderId, 'AD-4');
  assert.equal(order.createRequests, 2);
  assert.equal(order.history[0].status, 'Received');
  assert.equal(order.amazon.fulfillmentOrder.fulfillmentOrderStatus, 'Received');
  assert.deepEqual(all.createRequestsWithoutOrder, { 'AD-5': 1 });
  assert.equal((await api.admin('GET', '/orders/NOPE')).status, 404);
  const inventory = (await api.admin('GET', '/inventory')).json.items;
  assert.equal(inventory[0].reserved, 1);
}));

test('admin needs no access token; SP-API still does', () => withHarness(async ({ sim }) => {
  assert.equal((await fetch(`${sim.url}/_simulator/state`)).status, 200);
  assert.equal((await fetch(`${sim.url}${OUTBOUND}/fulfillmentOrders`)).status, 403);
}));

test('with a state file, orders, stock and the simulated clock survive a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fba-sim-'));
  const stateFile = join(dir, 'state.json');
  try {
    const first = await startAmazonSimulator({ port: 0, stateFile, startTime: '2025-05-01T10:00:00Z', timeScale: 1 });
    const api = new SpApiTestClient(first.url);
    await api.login();
    await api.stock('MUG', 5);
    await api.createOrder(orderRequest('P-1', [['MUG', 2]]));
    first.advance(3600);
    await first.close();
    assert.ok(existsSync(stateFile));

    const second = await startAmazonSimulator({ port: 0, stateFile, timeScale: 1 });
    try {
      const again = new SpApiTestClient(second.url);
      await again.login();
      assert.equal(await again.status('P-1'), 'Processing');
      assert.ok(second.clock.now() >= Date.parse('2025-05-01T11:00:00Z'));
      assert.equal((await again.fulfillable('MUG')).reserved, 2);
      second.advance(8 * 3600);
      assert.equal(await again.status('P-1'), 'Complete');
    } finally {
      await second.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
