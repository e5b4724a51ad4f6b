// POST /events/amazon with FBA_INVENTORY_AVAILABILITY_CHANGES: with inventory sync on, the named SKU is
// handed to the sync once per notification id (for the connections the seller id names); without it,
// the notification is acknowledged and ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptAmazonNotification } from '../../src/http/amazon-intake.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';

function inventoryChange(id: string, sku: string | undefined, sellerId = 'SELLER-A') {
  return {
    NotificationVersion: '1.0', NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES', PayloadVersion: '1.0', EventTime: '2026-11-28T10:00:00Z',
    Payload: { SellerId: sellerId, FNSKU: 'X00', ASIN: 'B00', ...(sku ? { SKU: sku } : {}), FulfillmentInventoryByMarketplace: [{ MarketplaceId: 'A1PA6795UKMFR9', ItemName: 'Kettle' }] },
    NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: '2026-11-28T10:00:01Z', NotificationId: id },
  };
}

test('an inventory change names the SKU to sync, once per notification, for the seller\'s connections', async () => {
  const store = await openStore(':memory:');
  const calls: Array<[readonly string[], string, readonly string[]]> = [];
  const deps = {
    store, connections: [{ id: 'a', sellerId: 'SELLER-A' }, { id: 'b', sellerId: 'SELLER-B' }], workClock: { now: () => new Date(5_000) },
    logger: silentLogger, wake: () => {}, inventoryChanged: (ids: readonly string[], sku: string, m: readonly string[]) => { calls.push([ids, sku, m]); },
  };
  const first = await acceptAmazonNotification(deps, inventoryChange('i-1', 'KTL-1700-BLK'));
  assert.deepEqual([first.status, first.body], [202, { inventorySync: 'KTL-1700-BLK' }]);
  assert.deepEqual(calls, [[['a'], 'KTL-1700-BLK', ['A1PA6795UKMFR9']]]);
  const again = await acceptAmazonNotification(deps, inventoryChange('i-1', 'KTL-1700-BLK'));
  assert.deepEqual(again.body, { duplicate: 'i-1' });
  assert.equal(calls.length, 1);
  const bad = await acceptAmazonNotification(deps, inventoryChange('i-2', undefined));
  assert.equal(bad.status, 400);
  const off = await acceptAmazonNotification({ ...deps, inventoryChanged: undefined }, inventoryChange('i-3', 'KTL-1700-BLK'));
  assert.deepEqual(off.body, { ignored: 'FBA_INVENTORY_AVAILABILITY_CHANGES' });
  await store.close();
});
