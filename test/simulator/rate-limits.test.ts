// Amazon's token buckets per operation, refilled in REAL time at rate × rateScale, 429 QuotaExceeded
// beyond them, and the headers: x-amzn-RateLimit-Limit (the effective rate) on non-429 answers,
// x-amzn-RequestId on every answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { TokenBucket } from '../../src/simulator/http/token-bucket.js';
import { OUTBOUND, SpApiTestClient, orderRequest, withHarness } from './sim-harness.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';

const QUOTA = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };

test('a token bucket starts full, refills at its rate and never holds more than its burst', () => {
  const real = new FixedClock();
  const bucket = new TokenBucket(2, 30, real.epochMs);
  for (let i = 0; i < 30; i++) assert.ok(bucket.tryTake(), `token ${i + 1}`);
  assert.equal(bucket.tryTake(), false);
  real.advance(470);
  assert.equal(bucket.tryTake(), false, 'at 2/s the next token takes 500 ms');
  real.advance(10);
  assert.ok(bucket.tryTake(), 'a request up to 20 ms early for its token is served');
  assert.equal(bucket.tryTake(), false, 'and the bucket is in debt for it');
  real.advance(520);
  assert.ok(bucket.tryTake(), 'the long-run rate is unchanged');
  assert.equal(bucket.tryTake(), false);
  real.advance(3_600_000);
  assert.equal(bucket.tokens, 30);
});

test('getFulfillmentOrder: 30 at once pass, the 31st is 429 QuotaExceeded, and a token returns after 500 ms', async () => {
  const real = new FixedClock();
  await withHarness(async ({ api }) => {
    for (let i = 0; i < 30; i++) {
      const answer = await api.getOrder('ANY');
      assert.equal(answer.status, 400, `call ${i + 1} answered (order unknown), not throttled`);
      assert.equal(answer.headers.get('x-amzn-ratelimit-limit'), '2.0');
    }
    const throttled = await api.getOrder('ANY');
    assert.equal(throttled.status, 429);
    assert.deepEqual(throttled.json, QUOTA);
    assert.equal(throttled.headers.get('x-amzn-ratelimit-limit'), null, 'never on a 429');
    assert.match(throttled.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const list = await api.call('GET', `${OUTBOUND}/fulfillmentOrders`);
    assert.equal(list.status, 200, 'every operation has its own bucket');

    real.advance(500);
    assert.equal((await api.getOrder('ANY')).status, 400);
    assert.equal((await api.getOrder('ANY')).status, 429);
  }, { rateScale: 1, realNow: real.epochMs });
});

test('rateScale multiplies the real-time refill and the header reports the effective rate', async () => {
  const real = new FixedClock();
  await withHarness(async ({ api }) => {
    for (let i = 0; i < 30; i++) await api.getOrder('ANY');
    const first = await api.getOrder('ANY');
    assert.equal(first.status, 429);
    real.advance(25); // 40 per second: one token every 25 ms
    const next = await api.getOrder('ANY');
    assert.equal(next.status, 400);
    assert.equal(next.headers.get('x-amzn-ratelimit-limit'), '40.0');
  }, { rateScale: 20, realNow: real.epochMs });
});

test('getInventorySummaries has a burst of 2', async () => {
  const real = new FixedClock();
  await withHarness(async ({ api }) => {
    const path = '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER';
    assert.equal((await api.call('GET', path)).status, 200);
    const second = await api.call('GET', path);
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('x-amzn-ratelimit-limit'), '2.0');
    assert.equal((await api.call('GET', path)).status, 429);
  }, { rateScale: 1, realNow: real.epochMs });
});

test('a client that paces itself by x-amzn-RateLimit-Limit never sees a 429', () => withHarness(async ({ api }) => {
  let rate = 1;
  const statuses: number[] = [];
  for (let i = 0; i < 70; i++) {
    const answer = await api.getOrder('ANY');
    statuses.push(answer.status);
    rate = Number(answer.headers.get('x-amzn-ratelimit-limit') ?? rate);
    await delay(1000 / rate);
  }
  assert.equal(rate, 40);
  assert.deepEqual(statuses.filter((s) => s === 429), []);
}, { rateScale: 20 }));

test('every answer carries x-amzn-RequestId, and ids do not repeat', () => withHarness(async ({ api }) => {
  const answers = [
    await api.getOrder('ANY'),
    await api.call('GET', '/nothing'),
    await api.admin('GET', '/state'),
    await api.call('GET', '/'),
    await fetch(`${api.url}${OUTBOUND}/fulfillmentOrders/X`).then((r) => ({ headers: r.headers })),
  ];
  const ids = answers.map((a) => a.headers.get('x-amzn-requestid'));
  assert.ok(ids.every(Boolean), JSON.stringify(ids));
  assert.equal(new Set(ids).size, ids.length);
}));

test('access tokens expire after 3600 real seconds', async () => {
  const real = new FixedClock();
  await withHarness(async ({ api }) => {
    assert.equal((await api.getOrder('ANY')).status, 400);
    real.advance(3_601_000);
    assert.equal((await api.getOrder('ANY')).status, 403);
    await api.login();
    assert.equal((await api.getOrder('ANY')).status, 400);
  }, { realNow: real.epochMs });
});

test('each seller (refresh token) has buckets of its own: one seller\'s 429 does not touch another\'s calls', async () => {
  const real = new FixedClock();
  await withHarness(async ({ sim, api }) => {
    for (let i = 0; i < 30; i++) assert.equal((await api.getOrder('ANY')).status, 400);
    assert.equal((await api.getOrder('ANY')).status, 429, 'seller "test" spent its burst');
    const agencyShop = new SpApiTestClient(sim.url);
    await agencyShop.login('Atzr|second-shop');
    for (let i = 0; i < 30; i++) assert.equal((await agencyShop.getOrder('ANY')).status, 400, `the second seller's call ${i + 1} is served from its own bucket`);
    assert.equal((await agencyShop.getOrder('ANY')).status, 429);
    const state = (await api.admin('GET', '/state')).json as { counts: { throttledByOperation: Record<string, number>; throttledBySeller: Record<string, number> } };
    assert.deepEqual(state.counts.throttledByOperation, { getFulfillmentOrder: 2 });
    assert.deepEqual(state.counts.throttledBySeller, { 'Atzr|test': 1, 'Atzr|second-shop': 1 });
  }, { rateScale: 1, realNow: real.epochMs });
});

test('listAllFulfillmentOrders shows a seller its own orders only', async () => {
  await withHarness(async ({ sim, api }) => {
    await api.stock('SKU-1', 10);
    const other = new SpApiTestClient(sim.url);
    await other.login('Atzr|second-shop');
    assert.equal((await api.call('POST', `${OUTBOUND}/fulfillmentOrders`, orderRequest('MINE-1', [['SKU-1', 1]]))).status, 200);
    assert.equal((await other.call('POST', `${OUTBOUND}/fulfillmentOrders`, orderRequest('THEIRS-1', [['SKU-1', 1]]))).status, 200);
    const ids = async (client: SpApiTestClient) => ((await client.call('GET', `${OUTBOUND}/fulfillmentOrders`)).json as { payload: { fulfillmentOrders: Array<{ sellerFulfillmentOrderId: string }> } })
      .payload.fulfillmentOrders.map((o) => o.sellerFulfillmentOrderId);
    assert.deepEqual(await ids(api), ['MINE-1']);
    assert.deepEqual(await ids(other), ['THEIRS-1']);
  });
});

test('another seller\'s order reads, cancels and updates as not found; its owner sees it', async () => {
  await withHarness(async ({ sim, api }) => {
    await api.stock('SKU-1', 10);
    const other = new SpApiTestClient(sim.url);
    await other.login('Atzr|second-shop');
    assert.equal((await api.call('POST', `${OUTBOUND}/fulfillmentOrders`, orderRequest('MINE-2', [['SKU-1', 1]]))).status, 200);
    assert.equal((await api.getOrder('MINE-2')).status, 200);
    const read = await other.getOrder('MINE-2');
    assert.equal(read.status, 400);
    assert.match(JSON.stringify(read.json), /Requested order 'MINE-2' not found/);
    assert.equal((await other.call('PUT', `${OUTBOUND}/fulfillmentOrders/MINE-2/cancel`)).status, 400);
    assert.equal((await other.call('PUT', `${OUTBOUND}/fulfillmentOrders/MINE-2/status`, { fulfillmentOrderStatus: 'Complete' })).status, 400);
    assert.equal((await api.getOrder('MINE-2')).status, 200, 'the owner\'s order is untouched');
  });
});
