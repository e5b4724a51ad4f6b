// getInventorySummaries paging and filters as Amazon documents them: startDateTime lists the SKUs
// changed since (sellerSkus then ignored) and must be resent with nextToken; sellerSkus takes at most
// 50; pages of 50; a nextToken lives 30 REAL seconds and belongs to the query that produced it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUMMARIES, US, allSummaryPages, orderRequest, withHarness } from './sim-harness.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const sku = (i: number) => `SKU-${String(i).padStart(3, '0')}`;
const skus = (answer: { json: any }) => answer.json.payload.inventorySummaries.map((s: { sellerSku: string }) => s.sellerSku);


test('startDateTime lists SKUs whose lastUpdatedTime is at or after it, across pages, ignoring sellerSkus', () => withHarness(async ({ sim, api }) => {
  for (let i = 0; i < 130; i++) await api.stock(sku(i), 5);
  sim.advance(600);
  // 70 SKUs change 10 minutes in: one reserved by an order, the others through adjustments and sales.
  await api.createOrder(orderRequest('SD-1', [[sku(0), 1]]));
  for (let i = 1; i < 70; i++) await api.admin('POST', '/marketplace-sale', { sellerSku: sku((i * 7) % 130), quantity: 1 });
  const changed = new Set([sku(0), ...Array.from({ length: 69 }, (_, k) => sku(((k + 1) * 7) % 130))]);
  assert.equal(changed.size, 70);

  const since = await allSummaryPages(api, `&details=true&startDateTime=${encodeURIComponent(iso(600))}&sellerSkus=${sku(129)}`);
  assert.equal(since.pages, 2, 'pages of 50');
  assert.deepEqual(since.summaries.map((s) => s.sellerSku), [...changed].sort());
  assert.ok(since.summaries.every((s) => Date.parse(s.lastUpdatedTime) >= T0 + 600_000));
  const later = await api.call('GET', `${SUMMARIES}&startDateTime=${encodeURIComponent(iso(601))}`);
  assert.deepEqual(skus(later), [], 'nothing changed after');
  const everything = await allSummaryPages(api, `&startDateTime=${encodeURIComponent(iso(0))}`);
  assert.equal(everything.summaries.length, 130);
}));

test('a nextToken needs the query it came from: startDateTime resent, same marketplace and filter', () => withHarness(async ({ api }) => {
  for (let i = 0; i < 60; i++) await api.stock(sku(i), 1);
  const query = `&startDateTime=${encodeURIComponent(iso(0))}`;
  const first = await api.call('GET', `${SUMMARIES}${query}`);
  const token = encodeURIComponent(first.json.pagination.nextToken);
  const refusals = [
    `${SUMMARIES}&nextToken=${token}`,
    `${SUMMARIES}&startDateTime=${encodeURIComponent(iso(-60))}&nextToken=${token}`,
    `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=A1PA6795UKMFR9&marketplaceIds=A1PA6795UKMFR9${query}&nextToken=${token}`,
  ];
  for (const path of refusals) {
    const refused = await api.call('GET', path);
    assert.equal(refused.status, 400, path);
    assert.deepEqual([refused.json.errors[0].code, refused.json.errors[0].message], ['InvalidInput', 'Next token is invalid or expired']);
    assert.match(refused.json.errors[0].details, /another query/);
  }
  const second = await api.call('GET', `${SUMMARIES}${query}&details=true&nextToken=${token}`);
  assert.equal(second.status, 200, 'details may differ: it does not change which SKUs are listed');
  assert.deepEqual(skus(second), Array.from({ length: 10 }, (_, i) => sku(50 + i)));
  assert.ok(second.json.payload.inventorySummaries[0].inventoryDetails);
  const again = await api.call('GET', `${SUMMARIES}${query}&nextToken=${token}`);
  assert.deepEqual(skus(again), skus(second), 'a living token can be used again (a retried page)');
  const forged = await api.call('GET', `${SUMMARIES}${query}&nextToken=bm90LWEtdG9rZW4`);
  assert.equal(forged.status, 400);
}));

test('a nextToken expires 30 real seconds after it was issued', async () => {
  // Real time for token expiry stands still until the test moves it: a clock that also followed
  // Date.now() let a slow machine's own milliseconds into the age asserted below.
  const real = new FixedClock();
  await withHarness(async ({ api }) => {
    for (let i = 0; i < 120; i++) await api.stock(sku(i), 1);
    const first = await api.call('GET', SUMMARIES);
    const token = encodeURIComponent(first.json.pagination.nextToken);
    real.advance(29_000);
    const inTime = await api.call('GET', `${SUMMARIES}&nextToken=${token}`);
    assert.equal(inTime.status, 200);
    const next = encodeURIComponent(inTime.json.pagination.nextToken);
    real.advance(1_500);
    const expired = await api.call('GET', `${SUMMARIES}&nextToken=${token}`);
    assert.equal(expired.status, 400);
    assert.equal(expired.json.errors[0].message, 'Next token is invalid or expired');
    assert.match(expired.json.errors[0].details, /expired: it was issued 30\.5 s ago and lives 30 s/);
    assert.equal(expired.headers.get('x-amzn-ratelimit-limit'), '2000.0', 'a 400 carries the rate header');
    assert.equal((await api.call('GET', `${SUMMARIES}&nextToken=${next}`)).status, 200, 'the token of the second page is only 1.5 s old');
    real.advance(600_000);
    assert.equal((await api.call('GET', `${SUMMARIES}&nextToken=${next}`)).status, 400);
  }, { realNow: real.epochMs });
});

test('sellerSkus: at most 50, refused beyond in Amazon\'s words; sellerSku alone; both ignored with startDateTime', () => withHarness(async ({ api }) => {
  await api.stock('A', 1);
  await api.stock('B', 1);
  const tooMany = await api.call('GET', `${SUMMARIES}&sellerSkus=${Array.from({ length: 51 }, (_, i) => `S${i}`).join(',')}`);
  assert.equal(tooMany.status, 400);
  assert.deepEqual(tooMany.json.errors, [{ code: 'InvalidInput', message: 'Value 51 for parameter sellerSkus is invalid. Reason: at most 50 SKUs per request.', details: '' }]);
  const fifty = await api.call('GET', `${SUMMARIES}&sellerSkus=${['A', ...Array.from({ length: 49 }, (_, i) => `S${i}`)].join(',')}`);
  assert.deepEqual(skus(fifty), ['A']);
  assert.deepEqual(skus(await api.call('GET', `${SUMMARIES}&sellerSku=B`)), ['B']);
  assert.deepEqual(skus(await api.call('GET', `${SUMMARIES}&sellerSkus=A&sellerSku=B`)), ['A'], 'sellerSkus wins over sellerSku');
  assert.deepEqual(skus(await api.call('GET', `${SUMMARIES}&sellerSkus=A&startDateTime=${encodeURIComponent(iso(0))}`)), ['A', 'B']);
  const badDate = await api.call('GET', `${SUMMARIES}&startDateTime=yesterday`);
  assert.equal(badDate.status, 400);
  const twoMarketplaces = await api.call('GET', `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US},A1PA6795UKMFR9`);
  assert.equal(twoMarketplaces.status, 400);
}));
