// SpApiInventoryClient.scanInventory over real HTTP against the SP-API simulator: a full scan in pages
// of 50 with every detail mapped, an incremental scan by startDateTime, a clean restart when a
// nextToken expires (and a retryable failure when it keeps expiring), reading ahead of a slow
// consumer (at most readAheadPages), in-place retries of a failed page, and Amazon's own rate (2/s, burst 2) kept without a 429.
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiInventoryClient } from '../../src/adapters/amazon/sp-api-inventory-client.js';
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { Secret } from '../../src/config/secret.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { CallPriority, type FbaInventoryPage } from '../../src/ports/amazon-fulfillment.js';
import type { Result } from '../../src/domain/shared/result.js';
import { ManualClock, startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/index.js';
import { SpApiTestClient, US, orderRequest } from '../simulator/sim-harness.js';
import type { SetTimer } from '../../src/engine/set-timer.js';
import { SteppingClock } from '../support/stepping-clock.js';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const SKUS = Array.from({ length: 260 }, (_, i) => `SCAN-${String(i).padStart(3, '0')}`);
const scanCall = { priority: CallPriority.inventory };

interface World {
  readonly sim: AmazonSimulator;
  readonly api: SpApiTestClient;
  /** Real time as the simulator reads it (nextToken expiry); tests move it on. */
  readonly real: { offset: number };
  /** SP-API summaries requests the client sent (LWA left out). */
  readonly summaryRequests: string[];
  /** Called after each summaries answer reached the client; tests hook expiry and faults here. */
  afterSummaries: (n: number) => void;
  /** Answers a summaries request instead of the simulator (n counts from 1) when it returns a Response. */
  interceptSummaries: (n: number) => Response | undefined;
  readonly governor: PriorityRateGovernor;
  readonly client: SpApiInventoryClient;
  /** The same HTTP client, for clients with other read-ahead tuning. */
  readonly http: SpApiHttpClient;
}

/**
 * @param time real time for the simulator (token buckets, nextToken expiry) and the governor alike;
 *   default the machine's.
 */
async function startWorld(rateScale: number, time: { now: () => number; setTimer?: SetTimer } = { now: Date.now }): Promise<World> {
  const real = { offset: 0 };
  const sim = await startAmazonSimulator({ port: 0, seed: 7, clock: new ManualClock(T0), rateScale, realNow: () => time.now() + real.offset });
  const api = new SpApiTestClient(sim.url);
  await api.login();
  const governor = new PriorityRateGovernor({ now: time.now, ...(time.setTimer ? { setTimer: time.setTimer } : {}) });
  const summaryRequests: string[] = [];
  const hooks: Pick<World, 'afterSummaries' | 'interceptSummaries'> = { afterSummaries: () => {}, interceptSummaries: () => undefined };
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    if (!url.includes('/fba/inventory/v1/summaries')) return fetch(input, init);
    summaryRequests.push(url);
    const n = summaryRequests.length;
    const response = hooks.interceptSummaries(n) ?? await fetch(input, init);
    hooks.afterSummaries(n);
    return response;
  };
  const http = new SpApiHttpClient({
    endpoint: sim.url,
    lwa: { endpoint: `${sim.url}/auth/o2/token`, clientId: 'amzn1.application-oa2-client.scan', clientSecret: new Secret('s'), refreshToken: new Secret('Atzr|scan') },
    governor,
    seller: 'scan-seller',
    timeoutMs: 5_000,
    fetch: recordingFetch,
  });
  // The hooks live on the world object itself, so tests can swap them.
  return Object.assign(hooks, { sim, api, real, governor, summaryRequests, http, client: new SpApiInventoryClient(http) });
}

async function stockAll(api: SpApiTestClient): Promise<void> {
  for (const sku of SKUS) await api.stock(sku, 20);
}

async function collect(iterable: AsyncIterable<Result<FbaInventoryPage>>, onPage?: (page: FbaInventoryPage) => Promise<void>): Promise<{ pages: FbaInventoryPage[]; failure?: Result<FbaInventoryPage> }> {
  const pages: FbaInventoryPage[] = [];
  for await (const result of iterable) {
    if (!result.ok) return { pages, failure: result };
    pages.push(result.value);
    await onPage?.(result.value);
  }
  return { pages };
}

/** The levels a consumer keeps: a page of a later pass supersedes what earlier passes said. */
function latestLevels(pages: readonly FbaInventoryPage[]) {
  const bySku = new Map<string, { pass: number; fulfillable: number }>();
  for (const page of pages) for (const level of page.levels) bySku.set(level.sellerSku, { pass: page.pass, fulfillable: level.fulfillable });
  return bySku;
}

describe('inventory scan against the simulator', () => {
  let w: World;
  before(async () => {
    w = await startWorld(50);
    await stockAll(w.api);
  });
  after(() => w.sim.close());

  it('a full scan reads 260 SKUs in 6 pages of at most 50, each SKU once, every detail mapped', async () => {
    const sku = SKUS[17]!;
    await w.api.createOrder(orderRequest('SC-1', [[sku, 3]]));
    await w.api.admin('POST', '/inbound', { sellerSku: sku, quantity: 9, arriveAfterSeconds: 3600 });
    await w.api.admin('POST', '/marketplace-sale', { sellerSku: sku, quantity: 2 });
    for (const [bucket, quantity] of [['unfulfillable', 1], ['researching', 2], ['fcProcessing', 1], ['pendingTransshipment', 3]] as const) {
      await w.api.admin('POST', '/inventory/adjust', { sellerSku: sku, bucket, quantity });
    }
    w.summaryRequests.length = 0;

    const { pages, failure } = await collect(w.client.scanInventory(US, scanCall));
    assert.equal(failure, undefined);
    assert.deepEqual(pages.map((p) => [p.page, p.levels.length, p.pass, p.restarted, p.last]), [
      [0, 50, 0, false, false], [1, 50, 0, false, false], [2, 50, 0, false, false], [3, 50, 0, false, false], [4, 50, 0, false, false], [5, 10, 0, false, true],
    ]);
    const skus = pages.flatMap((p) => p.levels.map((l) => l.sellerSku));
    assert.deepEqual(skus, SKUS, 'every SKU once, in Amazon\'s order');
    const level = pages.flatMap((p) => p.levels).find((l) => l.sellerSku === sku)!;
    const amazon = (await w.api.call('GET', `/fba/inventory/v1/summaries?details=true&granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}&sellerSkus=${sku}`)).json.payload.inventorySummaries[0];
    assert.deepEqual(level, {
      sellerSku: sku, fnSku: amazon.fnSku, asin: amazon.asin, productName: `Product ${sku}`, condition: 'NewItem', lastUpdatedTime: '2025-03-03T09:00:00Z',
      fulfillable: 8,
      inbound: { working: 9, shipped: 0, receiving: 0 },
      reserved: { total: 9, pendingCustomerOrder: 5, pendingTransshipment: 3, fcProcessing: 1 },
      unfulfillable: 1,
      researching: 2,
      totalQuantity: 29,
    });
    assert.ok(w.summaryRequests.every((url) => /details=true/.test(url) && /granularityType=Marketplace/.test(url) && /marketplaceIds=ATVPDKIKX0DER/.test(url)));
    assert.equal(w.summaryRequests.filter((url) => url.includes('nextToken=')).length, 5);
  });

  it('an incremental scan by startDateTime reads only what changed, resending startDateTime with each nextToken', async () => {
    w.sim.advance(600);
    const since = new Date(T0 + 600_000).toISOString();
    const changed = SKUS.filter((_, i) => i % 4 === 1); // 65 SKUs: two pages
    for (const sku of changed) await w.api.admin('POST', '/marketplace-sale', { sellerSku: sku, quantity: 1 });
    w.summaryRequests.length = 0;

    const { pages, failure } = await collect(w.client.scanInventory(US, { ...scanCall, startDateTime: since }));
    assert.equal(failure, undefined);
    assert.deepEqual(pages.map((p) => p.levels.length), [50, 15]);
    assert.deepEqual(pages.flatMap((p) => p.levels.map((l) => l.sellerSku)), changed);
    assert.ok(pages.flatMap((p) => p.levels).every((l) => Date.parse(l.lastUpdatedTime!) >= T0 + 600_000));
    assert.equal(w.summaryRequests.length, 2);
    assert.ok(w.summaryRequests.every((url) => url.includes(`startDateTime=${encodeURIComponent(since)}`)), 'the model: use both startDateTime and nextToken');
  });

  it('when a nextToken expires the scan restarts from the first page, the restart marked, nothing lost', async () => {
    w.summaryRequests.length = 0;
    // Real time jumps past the token's 30 s right after the first page arrives.
    w.afterSummaries = (n) => {
      if (n === 1) w.real.offset += 31_000;
    };
    const { pages, failure } = await collect(w.client.scanInventory(US, scanCall));
    w.afterSummaries = () => {};
    assert.equal(failure, undefined);
    assert.deepEqual(pages.map((p) => [p.pass, p.page, p.restarted]), [[0, 0, false], [1, 0, true], [1, 1, false], [1, 2, false], [1, 3, false], [1, 4, false], [1, 5, false]]);
    assert.equal(w.summaryRequests.length, 8, 'first page, the refused second page, then six pages again');
    const latest = latestLevels(pages);
    assert.equal(latest.size, 260);
    assert.ok([...latest.values()].every((l) => l.pass === 1), 'the second pass superseded the first');
    const firstPass = pages.filter((p) => p.pass === 0).flatMap((p) => p.levels.map((l) => l.sellerSku));
    const secondPass = pages.filter((p) => p.pass === 1).flatMap((p) => p.levels.map((l) => l.sellerSku));
    assert.deepEqual([firstPass.length, new Set(secondPass).size, secondPass.length], [50, 260, 260], 'a SKU repeats only across passes, never within one');
  });

  it('a nextToken that keeps expiring ends the scan with a retryable NextTokenExpired after 3 restarts', async () => {
    w.summaryRequests.length = 0;
    w.afterSummaries = () => (w.real.offset += 31_000);
    const { pages, failure } = await collect(w.client.scanInventory(US, scanCall));
    w.afterSummaries = () => {};
    assert.ok(failure && !failure.ok);
    assert.deepEqual([failure.error.category, failure.error.code, failure.error.status], ['retryable', 'NextTokenExpired', 400]);
    assert.match(failure.error.message, /after 3 restarts.*Next token is invalid or expired/);
    assert.deepEqual(pages.map((p) => [p.pass, p.page, p.restarted]), [[0, 0, false], [1, 0, true], [2, 0, true], [3, 0, true]]);
    assert.equal(w.summaryRequests.length, 8);
  });

  it('a timeout or 5xx on a page is retried in place with the same token, no restart', async () => {
    w.summaryRequests.length = 0;
    w.interceptSummaries = (n) => (n === 3 ? new Response(JSON.stringify({ errors: [{ code: 'ServiceUnavailable', message: 'try again' }] }), { status: 503 }) : undefined);
    const { pages, failure } = await collect(w.client.scanInventory(US, scanCall));
    w.interceptSummaries = () => undefined;
    assert.equal(failure, undefined);
    assert.ok(pages.every((p) => p.pass === 0));
    assert.equal(pages.length, 6);
    assert.equal(w.summaryRequests[2], w.summaryRequests[3], 'the same page asked again');
  });

  it('reads ahead of a slow consumer: every page is fetched while the consumer still holds the first', async () => {
    w.summaryRequests.length = 0;
    let fetchedWhileHoldingFirst = -1;
    const { pages } = await collect(w.client.scanInventory(US, scanCall), async (page) => {
      if (page.page !== 0) return;
      await new Promise((resolve) => setTimeout(resolve, 600));
      fetchedWhileHoldingFirst = w.summaryRequests.length;
    });
    assert.equal(pages.length, 6);
    assert.equal(fetchedWhileHoldingFirst, 6);
  });

  it('reads no more than readAheadPages ahead while the consumer is busy (memory stays flat), and all pages in the end', async () => {
    w.summaryRequests.length = 0;
    const client = new SpApiInventoryClient(w.http, { readAheadPages: 2 });
    let fetchedWhileHoldingFirst = -1;
    const { pages } = await collect(client.scanInventory(US, scanCall), async (page) => {
      if (page.page !== 0) return;
      await new Promise((resolve) => setTimeout(resolve, 600));
      fetchedWhileHoldingFirst = w.summaryRequests.length;
    });
    assert.equal(pages.length, 6);
    assert.ok(fetchedWhileHoldingFirst <= 3, `the first page and 2 ahead, not ${fetchedWhileHoldingFirst}`);
  });

  it('aborting rejects the iteration with the signal\'s reason; leaving the loop stops the reading', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    await assert.rejects(async () => {
      for await (const page of w.client.scanInventory(US, { ...scanCall, signal: controller.signal })) {
        assert.ok(page.ok);
        controller.abort(reason);
      }
    }, (error) => error === reason);

    const slow = await startWorld(1); // Amazon's own rate: pages half a second apart
    try {
      await stockAll(slow.api);
      for await (const page of slow.client.scanInventory(US, scanCall)) {
        assert.ok(page.ok);
        break;
      }
      const atBreak = slow.summaryRequests.length;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.ok(slow.summaryRequests.length <= atBreak + 1, `no more pages after leaving (${atBreak} → ${slow.summaryRequests.length})`);
    } finally {
      await slow.sim.close();
    }
  });
});

test('at Amazon\'s own rate (2/s, burst 2) a scan keeps pace with the governor and never meets a 429', async () => {
  // The governor's waits and the simulator's buckets run on one stepping clock: the scan's pacing is
  // measured in the time both sides see, the same on a fast or a slow machine.
  const time = new SteppingClock(Date.now());
  const w = await startWorld(1, time);
  try {
    await stockAll(w.api);
    const started = time.now();
    const { pages, failure } = await collect(w.client.scanInventory(US, scanCall));
    const elapsed = time.now() - started;
    assert.equal(failure, undefined);
    assert.equal(pages.flatMap((p) => p.levels).length, 260);
    const bucket = w.governor.snapshot().find((b) => b.operation === 'getInventorySummaries');
    assert.equal(bucket?.throttled, 0, 'the governor was never told of a 429');
    assert.equal((await w.api.admin('GET', '/state')).json.counts.throttledByOperation.getInventorySummaries, undefined, 'the simulator answered none');
    // Six pages: one at once, five more at the governor's pace (just under 2/s), each a wait for a token.
    assert.equal(w.summaryRequests.length, 6);
    assert.ok(time.fired.length >= 5, `waited for tokens ${time.fired.length} times`);
    assert.ok(elapsed >= 2_000 && elapsed < 4_500, `6 pages in ${elapsed} ms`);
  } finally {
    await w.sim.close();
  }
});
