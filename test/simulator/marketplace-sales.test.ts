// Sales on Amazon's own marketplace (`marketplaceSalesPerHour`): a seeded Poisson process per SKU on
// the same pool as Multi-Channel orders. Same seed, same sales — however finely time is advanced;
// another seed, other sales. Stock in flight (inbound shipments, sales awaiting shipment) survives a
// restart from a state file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, startAmazonSimulator } from '../../src/simulator/index.js';
import { SpApiTestClient, orderRequest, withHarness, type Harness } from './sim-harness.js';

const SKUS = Array.from({ length: 30 }, (_, i) => `MS-${String(i).padStart(2, '0')}`);

async function salesRun(seed: number, stepSeconds: number): Promise<{ items: any[]; sold: number; pending: number }> {
  let out: { items: any[]; sold: number; pending: number } | undefined;
  await withHarness(async ({ sim, api }: Harness) => {
    for (const sku of SKUS) await api.stock(sku, 50);
    await api.stock('EMPTY', 0);
    for (let t = 0; t < 10 * 3600; t += stepSeconds) sim.advance(stepSeconds);
    const inventory = (await api.admin('GET', '/inventory')).json;
    out = { items: inventory.items, sold: inventory.marketplaceSales.unitsSold, pending: inventory.marketplaceSales.awaitingShipment.length };
  }, { seed, marketplaceSalesPerHour: 2 });
  return out!;
}

test('the same seed sells the same units at the same moments, however time is advanced; another seed differs', async () => {
  const once = await salesRun(5, 10 * 3600);
  const stepped = await salesRun(5, 60);
  assert.deepEqual(stepped, once);
  // 30 SKUs × 2 sales an hour × 10 h, 1.18 units a sale on average: about 700 units.
  assert.ok(once.sold > 550 && once.sold < 870, `units sold: ${once.sold}`);
  for (const item of once.items) {
    assert.ok(item.fulfillable >= 0 && item.reserved >= 0);
    if (item.sellerSku === 'EMPTY') assert.deepEqual([item.fulfillable, item.reserved, item.lastUpdatedAt], [0, 0, Date.parse('2025-03-03T09:00:00Z')], 'nothing to sell, nothing sold');
  }
  const fulfillable = once.items.reduce((n, i) => n + i.fulfillable, 0);
  const reserved = once.items.reduce((n, i) => n + i.reserved, 0);
  assert.ok(once.pending > 0 && reserved > 0, 'recent sales still await shipment');
  assert.equal(fulfillable + once.sold, 30 * 50, 'every unit is on the shelf or sold (reserved or shipped)');
  assert.notDeepEqual((await salesRun(6, 10 * 3600)).items, once.items);
});

test('storefront orders and marketplace sales draw on one pool: nothing is sold twice', () => withHarness(async ({ sim, api }) => {
  await api.stock('POOL', 20);
  for (let i = 0; i < 12; i++) {
    await api.createOrder(orderRequest(`P-${i}`, [['POOL', 1]], { fulfillmentPolicy: 'FillAllAvailable' }));
    sim.advance(1200);
  }
  sim.advance(24 * 3600);
  const inventory = (await api.admin('GET', '/inventory')).json;
  const orders = (await api.admin('GET', '/orders')).json.orders;
  const shippedToStorefront = orders.flatMap((o: any) => o.items).reduce((n: number, i: any) => n + i.shippedQuantity, 0);
  const item = inventory.items[0];
  assert.equal(item.fulfillable + item.reserved + shippedToStorefront + inventory.marketplaceSales.unitsSold, 20);
  assert.ok(inventory.marketplaceSales.unitsSold > 0 && shippedToStorefront > 0, JSON.stringify({ sold: inventory.marketplaceSales.unitsSold, shippedToStorefront }));
}, { marketplaceSalesPerHour: 3 }));

test('inbound shipments and sales awaiting shipment survive a restart from a state file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fba-sim-stock-'));
  const stateFile = join(dir, 'state.json');
  try {
    const first = await startAmazonSimulator({ port: 0, stateFile, clock: new ManualClock('2025-03-03T09:00:00Z') });
    const api = new SpApiTestClient(first.url);
    await api.login();
    await api.stock('KEPT', 5);
    await api.admin('POST', '/inbound', { sellerSku: 'KEPT', quantity: 7, arriveAfterSeconds: 3600 });
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'KEPT', quantity: 2 });
    await first.close();

    const second = await startAmazonSimulator({ port: 0, stateFile, clock: new ManualClock('2025-03-03T09:10:00Z') });
    try {
      const again = new SpApiTestClient(second.url);
      await again.login();
      let item = (await again.admin('GET', '/inventory')).json.items[0];
      assert.deepEqual([item.fulfillable, item.reserved, item.inboundWorking + item.inboundShipped], [3, 2, 7]);
      second.advance(5 * 3600);
      item = (await again.admin('GET', '/inventory')).json.items[0];
      assert.deepEqual([item.fulfillable, item.reserved, item.inboundReceiving], [10, 0, 0], 'the shipment arrived and the sale shipped');
      assert.equal((await again.admin('GET', '/state')).json.counts.unitsSoldOnMarketplace, 2);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
