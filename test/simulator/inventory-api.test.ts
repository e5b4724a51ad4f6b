// FBA Inventory v1 over the simulated pool: getInventorySummaries (filters, pages of 50) and the
// sandbox operations that fill the pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US, orderRequest, withHarness, type SpApiTestClient, type SummaryJson } from './sim-harness.js';

const SUMMARIES = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`;

async function allPages(api: SpApiTestClient, query: string): Promise<SummaryJson[]> {
  const out: SummaryJson[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const answer = await api.call('GET', `${SUMMARIES}${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.ok(answer.json.payload.inventorySummaries.length <= 50);
    out.push(...answer.json.payload.inventorySummaries);
    token = answer.json.pagination?.nextToken;
    pages += 1;
  } while (token && pages < 20);
  return out;
}

test('summaries come in pages of 50 with nextToken, each SKU exactly once', () => withHarness(async ({ api }) => {
  for (let i = 0; i < 120; i++) await api.stock(`SKU-${String(i).padStart(3, '0')}`, i);
  const first = await api.call('GET', SUMMARIES);
  assert.equal(first.json.payload.inventorySummaries.length, 50);
  assert.ok(first.json.pagination.nextToken);
  assert.equal(first.json.payload.inventorySummaries[0].inventoryDetails, undefined, 'details only when asked for');
  const all = await allPages(api, '&details=true');
  assert.equal(all.length, 120);
  assert.equal(new Set(all.map((s) => s.sellerSku)).size, 120);
  const sku7 = all.find((s) => s.sellerSku === 'SKU-007');
  assert.ok(sku7?.inventoryDetails);
  assert.equal(sku7.inventoryDetails.fulfillableQuantity, 7);
  assert.equal(sku7.totalQuantity, 7);
  assert.match(sku7.asin, /^B0[A-Z0-9]{8}$/);
}));

test('sellerSkus (comma list) narrows the answer; unknown SKUs are simply absent', () => withHarness(async ({ api }) => {
  await api.stock('A', 1);
  await api.stock('B', 2);
  await api.stock('C', 3);
  const answer = await api.call('GET', `${SUMMARIES}&details=true&sellerSkus=A,C,NOPE`);
  assert.deepEqual(answer.json.payload.inventorySummaries.map((s: SummaryJson) => s.sellerSku), ['A', 'C']);
  const tooMany = Array.from({ length: 51 }, (_, i) => `S${i}`).join(',');
  assert.equal((await api.call('GET', `${SUMMARIES}&sellerSkus=${tooMany}`)).status, 400);
}));

test('startDateTime returns what changed since, ignoring sellerSkus', () => withHarness(async ({ sim, api }) => {
  await api.stock('OLD', 5);
  await api.stock('NEW', 5);
  sim.advance(3600);
  await api.createOrder(orderRequest('I-1', [['NEW', 1]])); // reservation changes NEW
  const since = new Date(Date.parse('2025-03-03T09:00:00Z') + 1800_000).toISOString();
  const changed = await api.call('GET', `${SUMMARIES}&startDateTime=${since}&sellerSkus=OLD`);
  assert.deepEqual(changed.json.payload.inventorySummaries.map((s: SummaryJson) => s.sellerSku), ['NEW']);
}));

test('summaries are per marketplace the SKU was created for', () => withHarness(async ({ api }) => {
  await api.stock('US-ONLY', 1);
  await api.stock('DE-ONLY', 1, 'A1PA6795UKMFR9');
  const us = await api.call('GET', SUMMARIES);
  assert.deepEqual(us.json.payload.inventorySummaries.map((s: SummaryJson) => s.sellerSku), ['US-ONLY']);
}));

test('addInventory needs an idempotency token and applies a token once', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 0);
  const body = { inventoryItems: [{ sellerSku: 'MUG', marketplaceId: US, quantity: 4 }] };
  assert.equal((await api.call('POST', '/fba/inventory/v1/items/inventory', body)).status, 400);
  for (let i = 0; i < 2; i++) {
    assert.equal((await api.call('POST', '/fba/inventory/v1/items/inventory', body, { 'x-amzn-idempotency-token': 'once' })).status, 200);
  }
  assert.equal((await api.fulfillable('MUG')).fulfillable, 4);
  const unknown = await api.call('POST', '/fba/inventory/v1/items/inventory', { inventoryItems: [{ sellerSku: 'NOPE', marketplaceId: US, quantity: 1 }] }, { 'x-amzn-idempotency-token': 'two' });
  assert.equal(unknown.status, 400);
}));

test('deleteInventoryItem removes the SKU; orders for it are then refused as invalid SKU', () => withHarness(async ({ api }) => {
  await api.stock('GONE', 3);
  assert.equal((await api.call('DELETE', `/fba/inventory/v1/items/GONE?marketplaceId=${US}`)).status, 200);
  assert.equal((await api.call('DELETE', `/fba/inventory/v1/items/GONE?marketplaceId=${US}`)).status, 404);
  assert.equal((await api.call('DELETE', '/fba/inventory/v1/items/GONE')).status, 400, 'marketplaceId is required');
  const order = await api.createOrder(orderRequest('I-2', [['GONE', 1]]));
  assert.match(order.json.errors[0].message, /SellerSKU for Item Id: I-2-1 is invalid/);
}));

test('createInventoryItem requires its three fields', () => withHarness(async ({ api }) => {
  const answer = await api.call('POST', '/fba/inventory/v1/items', { sellerSku: 'X', marketplaceId: US });
  assert.equal(answer.status, 400);
  assert.match(answer.json.errors[0].message, /productName/);
}));
