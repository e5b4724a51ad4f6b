import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiInventoryClient } from '../../src/adapters/amazon/sp-api-inventory-client.js';
import { CallPriority } from '../../src/ports/amazon-fulfillment.js';
import { FakeAmazonServer, amazonError, clientOptions, type RecordedRequest } from './fake-amazon-server.js';
import { INVENTORY_SANDBOX_EXAMPLES, exampleBody, missing } from './spapi-examples.js';

const PATH = '/fba/inventory/v1/summaries';
const DE = 'A1PA6795UKMFR9';
const call = { priority: CallPriority.inventory };

/** Stock for each requested SKU: fulfillable = index, total = index + 10; pages of `pageSize` via nextToken. */
function warehouse(pageSize: number) {
  return (request: RecordedRequest) => {
    const skus = (request.query.get('sellerSkus') ?? '').split(',').filter((s) => s !== '');
    const offset = Number(request.query.get('nextToken') ?? '0');
    const page = skus.slice(offset, offset + pageSize);
    const next = offset + pageSize < skus.length ? String(offset + pageSize) : undefined;
    return {
      status: 200,
      body: {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: DE },
          inventorySummaries: page.map((sellerSku) => {
            const n = Number(sellerSku.replace(/\D/g, ''));
            return { sellerSku, totalQuantity: n + 10, inventoryDetails: { fulfillableQuantity: n } };
          }),
        },
        ...(next ? { pagination: { nextToken: next } } : {}),
      },
    };
  };
}

describe('SpApiInventoryClient', () => {
  let fake: FakeAmazonServer;
  let client: SpApiInventoryClient;
  before(async () => {
    fake = await FakeAmazonServer.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    client = new SpApiInventoryClient(clientOptions(fake));
  });

  it('asks for details at marketplace granularity, 50 SKUs a call, and follows nextToken', async () => {
    fake.route('GET', PATH, warehouse(30));
    const skus = Array.from({ length: 120 }, (_, i) => `SKU-${i}`);
    const result = await client.getStockLevels(DE, [...skus, 'SKU-7'], call);
    assert.ok(result.ok);
    assert.equal(result.value.length, 120);
    assert.deepEqual(result.value.find((s) => s.sellerSku === 'SKU-42'), { sellerSku: 'SKU-42', fulfillableQuantity: 42, totalQuantity: 52 });

    const calls = fake.apiRequests;
    // 50 → pages of 30 + 20, 50 → 30 + 20, 20 → 20
    assert.equal(calls.length, 5);
    assert.deepEqual(calls.map((c) => (c.query.get('sellerSkus') ?? '').split(',').length), [50, 50, 50, 50, 20]);
    assert.deepEqual(calls.map((c) => c.query.get('nextToken')), [null, '30', null, '30', null]);
    for (const c of calls) {
      assert.equal(c.query.get('details'), 'true');
      assert.equal(c.query.get('granularityType'), 'Marketplace');
      assert.equal(c.query.get('granularityId'), DE);
      assert.equal(c.query.get('marketplaceIds'), DE);
    }
  });

  it('no SKUs → no call (an unfiltered call would list every SKU of the seller)', async () => {
    assert.deepEqual(await client.getStockLevels(DE, [], call), { ok: true, value: [] });
    assert.equal(fake.apiRequests.length, 0);
  });

  it('missing quantities count as 0 and summaries without a SKU are ignored', async () => {
    fake.route('GET', PATH, () => ({
      status: 200,
      body: { payload: { granularity: {}, inventorySummaries: [{ sellerSku: 'A' }, { asin: 'B0000' }, { sellerSku: 'B', totalQuantity: 4, inventoryDetails: {} }] } },
    }));
    const result = await client.getStockLevels(DE, ['A', 'B'], call);
    assert.deepEqual(result, {
      ok: true,
      value: [
        { sellerSku: 'A', fulfillableQuantity: 0, totalQuantity: 0 },
        { sellerSku: 'B', fulfillableQuantity: 0, totalQuantity: 4 },
      ],
    });
  });

  it('maps the official sandbox answer', { skip: missing(INVENTORY_SANDBOX_EXAMPLES) }, async () => {
    const body = exampleBody(INVENTORY_SANDBOX_EXAMPLES, 'getInventorySummaries', '200') as { payload: { inventorySummaries: Array<{ sellerSku: string }> } };
    // The example's nextToken ("seed") would make a real client page on; answer it once, then stop.
    fake.route('GET', PATH, (request) => (request.query.get('nextToken') ? { status: 200, body: { payload: { inventorySummaries: [] } } } : { status: 200, body }));
    const skus = body.payload.inventorySummaries.map((s) => s.sellerSku);
    const result = await client.getStockLevels('ATVPDKIKX0DER', skus, call);
    assert.ok(result.ok);
    assert.deepEqual(result.value.map((s) => s.sellerSku), [...new Set(skus)]);
    assert.equal(fake.apiRequests[1]?.query.get('nextToken'), 'seed');
  });

  it('an error on any page fails the whole read, classified', async () => {
    fake.route('GET', PATH, (request) => (request.query.get('nextToken')
      ? amazonError(403, 'Access to requested resource is denied.', 'Unauthorized')
      : { status: 200, body: { payload: { inventorySummaries: [{ sellerSku: 'A' }] }, pagination: { nextToken: 't1' } } }));
    const result = await client.getStockLevels(DE, ['A'], call);
    assert.ok(!result.ok);
    assert.deepEqual([result.error.category, result.error.code], ['permanent', 'Unauthorized']);
  });

  it('an expired nextToken restarts the chunk from its first page', async () => {
    let refusals = 1;
    fake.route('GET', PATH, (request) => {
      if (!request.query.get('nextToken')) {
        return { status: 200, body: { payload: { inventorySummaries: [{ sellerSku: 'A', totalQuantity: 1 }] }, pagination: { nextToken: 't1' } } };
      }
      if (refusals-- > 0) return amazonError(400, 'Value t1 for parameter nextToken is invalid. Reason: InvalidValue.');
      return { status: 200, body: { payload: { inventorySummaries: [{ sellerSku: 'B', totalQuantity: 2 }] } } };
    });
    const result = await client.getStockLevels(DE, ['A', 'B'], call);
    assert.ok(result.ok);
    assert.deepEqual(result.value.map((s) => s.sellerSku), ['A', 'B']);
    assert.deepEqual(fake.apiRequests.map((r) => r.query.get('nextToken')), [null, 't1', null, 't1']);
  });

  it('a nextToken that keeps expiring ends as a retryable failure with Amazon\'s words', async () => {
    fake.route('GET', PATH, (request) => (request.query.get('nextToken')
      ? amazonError(400, 'Invalid nextToken.')
      : { status: 200, body: { payload: { inventorySummaries: [] }, pagination: { nextToken: 'stale' } } }));
    const result = await client.getStockLevels(DE, ['A'], call);
    assert.ok(!result.ok);
    assert.deepEqual([result.error.category, result.error.message], ['retryable', 'Invalid nextToken.']);
    assert.equal(fake.apiRequests.length, 6, 'first try and two restarts, two pages each');
  });

  it('Amazon\'s 500 example is retryable', { skip: missing(INVENTORY_SANDBOX_EXAMPLES) }, async () => {
    fake.route('GET', PATH, () => ({ status: 500, body: exampleBody(INVENTORY_SANDBOX_EXAMPLES, 'getInventorySummaries', '500') }));
    const result = await client.getStockLevels(DE, ['A'], call);
    assert.ok(!result.ok && result.error.category === 'retryable' && result.error.code === 'ServerError');
  });
});
