// KnownSkuCache: which SKUs FBA stocks, asked in one batch and remembered for the TTL; an unknown SKU
// is asked again after the TTL, and a failed look-up is passed on and remembers nothing.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { KnownSkuCache } from '../../../src/flows/orders/known-sku-cache.js';
import { CallPriority } from '../../../src/ports/amazon-fulfillment.js';
import { failure } from '../../../src/domain/shared/result.js';
import { FakeAmazonInventory } from '../../support/fakes/fake-amazon-fulfillment.js';

const TTL = 10 * 60_000;
let now: number;
let inventory: FakeAmazonInventory;
let cache: KnownSkuCache;

beforeEach(() => {
  now = 1_000_000;
  inventory = new FakeAmazonInventory(['MUG-RED', 'MUG-BLUE']);
  cache = new KnownSkuCache(inventory, 'A1PA6795UKMFR9', () => now, TTL);
});

async function known(skus: string[]): Promise<string[]> {
  const result = await cache.known(skus);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.ok ? [...result.value].sort() : [];
}

describe('KnownSkuCache', () => {
  it('asks once, in one batch without duplicates, at inventory priority, and answers the stocked subset', async () => {
    assert.deepEqual(await known(['MUG-RED', 'NOPE', 'MUG-RED', 'MUG-BLUE']), ['MUG-BLUE', 'MUG-RED']);
    assert.deepEqual(inventory.requests, [{ marketplaceId: 'A1PA6795UKMFR9', skus: ['MUG-RED', 'NOPE', 'MUG-BLUE'], priority: CallPriority.inventory }]);
  });

  it('answers from memory within the TTL, known and unknown SKUs alike', async () => {
    await known(['MUG-RED', 'NOPE']);
    now += TTL;
    assert.deepEqual(await known(['NOPE', 'MUG-RED']), ['MUG-RED']);
    assert.equal(inventory.requests.length, 1);
  });

  it('asks only for the SKUs it has not seen', async () => {
    await known(['MUG-RED']);
    await known(['MUG-RED', 'MUG-BLUE']);
    assert.deepEqual(inventory.requests.map((r) => r.skus), [['MUG-RED'], ['MUG-BLUE']]);
  });

  it('asks again after the TTL, so a listing created meanwhile is found', async () => {
    assert.deepEqual(await known(['NEW-SKU']), []);
    inventory.stock.set('NEW-SKU', 5);
    now += TTL + 1;
    assert.deepEqual(await known(['NEW-SKU']), ['NEW-SKU']);
    assert.equal(inventory.requests.length, 2);
  });

  it('passes a failed look-up on and remembers nothing from it', async () => {
    inventory.failNext(failure('throttled', 'QuotaExceeded', 'You exceeded your quota'));
    const failed = await cache.known(['MUG-RED']);
    assert.deepEqual(failed, { ok: false, error: failure('throttled', 'QuotaExceeded', 'You exceeded your quota') });
    assert.deepEqual(await known(['MUG-RED']), ['MUG-RED']);
    assert.equal(inventory.requests.length, 2);
  });

  it('makes no call for an order without SKUs', async () => {
    assert.deepEqual(await known([]), []);
    assert.equal(inventory.requests.length, 0);
  });
});
