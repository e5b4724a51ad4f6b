// Faults come from the seed, deterministically: 5xx answers, timeouts, artificial 429s, latency and
// orders stuck in Planning. Some create failures strike AFTER the order was stored, so exactly-once
// logic in clients gets exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, eventually, settle } from '../engine/manual-clock.js';
import { OUTBOUND, orderRequest, withHarness, type SpApiTestClient } from './sim-harness.js';

async function createStatuses(api: SpApiTestClient, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    try {
      out.push(String((await api.createOrder(orderRequest(id, [['MUG', 1]]))).status));
    } catch {
      out.push('dropped');
    }
  }
  return out;
}

const IDS = Array.from({ length: 40 }, (_, i) => `F-${i}`);
const FAULTS = { faultRate: 0.2, timeoutRate: 0.1, throttleRate: 0.1, timeoutMs: 0 };

test('the same seed injects the same faults into the same requests; another seed does not', async () => {
  const runs: Record<string, string[]> = {};
  for (const [name, seed] of [['a', 7], ['b', 7], ['c', 8]] as const) {
    await withHarness(async ({ api }) => {
      await api.stock('MUG', 100);
      runs[name] = await createStatuses(api, IDS);
    }, { seed, faults: FAULTS });
  }
  assert.deepEqual(runs.b, runs.a);
  assert.notDeepEqual(runs.c, runs.a);
  const kinds = new Set(runs.a);
  for (const kind of ['200', '429', 'dropped']) assert.ok(kinds.has(kind), `${kind} among ${[...kinds].join(',')}`);
  assert.ok(kinds.has('500') || kinds.has('503'));
});

test('injected 5xx answers carry an InternalFailure-style errors body and a request id', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  const answer = await api.getOrder('ANY');
  assert.ok(answer.status === 500 || answer.status === 503);
  const error = answer.json.errors[0];
  assert.ok(['InternalFailure', 'ServiceUnavailable'].includes(error.code));
  assert.equal(error.details, '');
  assert.ok(answer.headers.get('x-amzn-requestid'));
  assert.equal(answer.headers.get('x-amzn-ratelimit-limit'), null);
}, { faults: { faultRate: 1, operations: ['getFulfillmentOrder'] } }));

test('a 5xx AFTER the effect: the client sees a failure but the order exists (and a retry is a duplicate)', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  const first = await api.createOrder(orderRequest('X-1', [['MUG', 1]]));
  assert.ok(first.status >= 500);
  sim.setFaults({ faultRate: 0 });
  assert.equal(await api.status('X-1'), 'Received');
  const retry = await api.createOrder(orderRequest('X-1', [['MUG', 1]]));
  assert.equal(retry.status, 400);
  assert.match(retry.json.errors[0].message, /already exists/);
  const detail = await api.admin('GET', '/orders/X-1');
  assert.equal(detail.json.createRequests, 2);
  assert.equal((await api.admin('GET', '/orders')).json.orders.length, 1, 'exactly one Amazon order for the id');
}, { faults: { faultRate: 1, afterEffectShare: 1 } }));

test('a 5xx BEFORE the effect: nothing is stored', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  assert.ok((await api.createOrder(orderRequest('X-2', [['MUG', 1]]))).status >= 500);
  sim.setFaults({ faultRate: 0 });
  assert.equal((await api.getOrder('X-2')).status, 400);
  const all = (await api.admin('GET', '/orders')).json;
  assert.deepEqual(all.createRequestsWithoutOrder, { 'X-2': 1 });
  assert.equal((await api.fulfillable('MUG')).reserved, 0);
}, { faults: { faultRate: 1, afterEffectShare: 0 } }));

test('a timeout holds the socket for timeoutMs and then drops it, after storing the order', async () => {
  const time = new ManualClock();
  await withHarness(async ({ sim, api }) => {
    await api.stock('MUG', 5);
    let outcome: 'answered' | 'dropped' | undefined;
    const creating = api.createOrder(orderRequest('X-3', [['MUG', 1]])).then(() => (outcome = 'answered'), () => (outcome = 'dropped'));
    await eventually(() => time.pendingTimers > 0);
    assert.deepEqual(time.armed, [150], 'the socket is held for timeoutMs');
    await time.advance(149);
    for (let turn = 0; turn < 50; turn++) await settle();
    assert.equal(outcome, undefined, 'nothing comes back while the socket is held');
    await time.advance(1);
    await creating;
    assert.equal(outcome, 'dropped');
    sim.setFaults({ timeoutRate: 0 });
    assert.equal(await api.status('X-3'), 'Received');
  }, { faults: { timeoutRate: 1, timeoutMs: 150, afterEffectShare: 1 }, realTimer: time.setTimer });
});

test('throttleRate answers 429 QuotaExceeded although tokens remain; latency delays answers', async () => {
  const time = new ManualClock();
  await withHarness(async ({ sim, api }) => {
    const throttled = await api.getOrder('ANY');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.json.errors[0].code, 'QuotaExceeded');
    assert.deepEqual(time.armed, [], 'no latency asked for, none added');
    sim.setFaults({ throttleRate: 0, latencyMs: 120 });
    let status: number | undefined;
    const reading = api.getOrder('ANY').then((answer) => (status = answer.status));
    await eventually(() => time.pendingTimers > 0);
    const [latency] = time.armed;
    assert.ok(latency !== undefined && latency >= 60 && latency <= 180, `latency is 0.5–1.5 × latencyMs, not ${latency}`);
    for (let turn = 0; turn < 50; turn++) await settle();
    assert.equal(status, undefined, 'the answer waits for the latency');
    await time.advance(latency);
    await reading;
    assert.equal(status, 400);
  }, { faults: { throttleRate: 1 }, realTimer: time.setTimer });
});

test('sandbox set-up operations are never faulted by default', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5); // would throw on a fault
  const answer = await api.call('GET', `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER`);
  assert.ok(answer.status >= 500, 'getInventorySummaries is a real operation and is faulted');
}, { faults: { faultRate: 1 } }));

test('stuckRate leaves orders in Planning forever; a status update gets them moving again', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 5);
  await api.createOrder(orderRequest('ST-1', [['MUG', 1]]));
  sim.advance(7 * 24 * 3600);
  assert.equal(await api.status('ST-1'), 'Planning');
  const state = (await api.admin('GET', '/state')).json;
  assert.equal(state.counts.stuckOrders, 1);
  assert.equal((await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/ST-1/status`, { fulfillmentOrderStatus: 'Processing' })).status, 200);
  sim.advance(8 * 3600);
  assert.equal(await api.status('ST-1'), 'Complete');
}, { faults: { stuckRate: 1 } }));

test('faults can be changed at run time through the admin API, and bad values are refused', () => withHarness(async ({ api }) => {
  assert.equal((await api.getOrder('ANY')).status, 400);
  const set = await api.admin('POST', '/faults', { faultRate: 1, operations: ['getFulfillmentOrder'] });
  assert.equal(set.status, 200);
  assert.equal(set.json.faults.faultRate, 1);
  assert.ok((await api.getOrder('ANY')).status >= 500);
  const injected = (await api.admin('GET', '/faults')).json.injected;
  assert.equal(injected.at(-1).operation, 'getFulfillmentOrder');
  assert.equal((await api.admin('POST', '/faults', { faultRate: 2 })).status, 400);
  assert.equal((await api.admin('POST', '/faults', { operations: ['nope'] })).status, 400);
}));
