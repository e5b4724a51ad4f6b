// The inventory sync of one pool, through real HTTP: the SP-API simulator via the real inventory client
// and governor, commercetools-mock via the real inventory gateway, a real SQLite store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { syncPool } from '../../../src/flows/inventory/inventory-sync.js';
import type { CommercetoolsInventoryPort } from '../../../src/ports/commercetools-inventory.js';
import { startInventoryWorld, type InventoryWorld } from '../../support/inventory-world.js';

async function entriesBySkuChannel(w: InventoryWorld): Promise<Map<string, number>> {
  const keyOf = new Map([...w.channelIds].map(([k, id]) => [id, k]));
  const page = await w.gateway.listEntries([...w.channelIds.values()], { pageSize: 499 });
  assert.ok(page.ok);
  return new Map(page.value.entries.map((e) => [`${e.sku}@${keyOf.get(e.supplyChannelId)}`, e.quantityOnStock]));
}

describe('inventory sync of a split pool (60/40, holdback 1, buffer 2)', () => {
  let w: InventoryWorld;
  before(async () => {
    w = await startInventoryWorld(undefined, { 'SKU-A': 100, 'SKU-B': 10, 'SKU-C': 0 });
  });
  after(() => w.close());
  const pool = () => w.settings.pools[0]!;

  it('a dry run says what it would write and writes nothing', async () => {
    const s = await syncPool(w.deps(), pool(), { mode: { kind: 'full' }, dryRun: true });
    assert.equal(s.dryRun, true);
    assert.equal(s.changes.length, 6);
    assert.equal((await entriesBySkuChannel(w)).size, 0);
    assert.equal(await w.store.inventory.poolSync('default', 'us'), null);
  });

  it('a full sync creates every entry at its allocation and records what it read and wrote', async () => {
    w.simClock.advance(20 * 60); // past the incremental overlap after the stock arrived
    const s = await syncPool(w.deps(), pool(), { mode: { kind: 'full' } });
    assert.equal(s.error, undefined);
    assert.equal(s.mode, 'full');
    assert.equal(s.changes.length, 6);
    // A: free 100, holdback 1, buffer 2, sellable 97 → 58.2 / 38.8 → 58 + 39 (the remainder unit to the larger fraction).
    // B: free 10, kept 3, sellable 7 → 4.2 / 2.8 → 4 + 3. C: nothing.
    assert.deepEqual(Object.fromEntries(await entriesBySkuChannel(w)), {
      'SKU-A@web-us': 58, 'SKU-A@app-us': 39, 'SKU-B@web-us': 4, 'SKU-B@app-us': 3, 'SKU-C@web-us': 0, 'SKU-C@app-us': 0,
    });
    const [snap] = await w.store.inventory.snapshots('default', 'us', ['SKU-A']);
    assert.equal(snap?.fulfillable, 100);
    const recorded = await w.store.inventory.entriesOfSku('default', 'SKU-A');
    assert.deepEqual(recorded.map((e) => [e.channel, e.quantityOnStock, e.expectedQuantity, e.differsSince]), [['app-us', 39, 39, null], ['web-us', 58, 58, null]]);
    assert.ok((await w.store.inventory.poolSync('default', 'us'))?.lastFullScanAt);
    assert.equal((await w.store.inventory.channelSync('default')).length, 2);
  });

  it('an incremental sync writes only the entries whose allocation changed', async () => {
    w.simClock.advance(3600);
    const moved = await w.amazonApi.admin('POST', '/inventory/adjust', { sellerSku: 'SKU-B', bucket: 'unfulfillable', quantity: 5 });
    assert.equal(moved.status, 200);
    const s = await syncPool(w.deps(), pool(), { mode: { kind: 'incremental' } });
    assert.equal(s.mode, 'incremental');
    assert.equal(s.skusRead, 1, 'only SKU-B changed since the last scan');
    // B: free 5, kept 3, sellable 2 → 1.2 / 0.8 → 1 + 1.
    assert.deepEqual(s.changes.map((c) => `${c.sku}@${c.channel}:${c.from}->${c.to}`).sort(), ['SKU-B@app-us:3->1', 'SKU-B@web-us:4->1']);
    const again = await syncPool(w.deps(), pool(), { mode: { kind: 'incremental' } });
    assert.equal(again.changes.length, 0, 'nothing changed: nothing written');
  });

  it('subtracts storefront units Amazon has not reserved yet', async () => {
    const now = w.simClock.now();
    await w.store.orderLinks.upsert({
      connectionId: 'default', ctOrderId: 'o-1', orderNumber: 'N-1', sellerFulfillmentOrderId: 'sfo-1', state: 'submitting',
      fbaStatus: null, shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: null, fbaStatusAt: null,
    }, now);
    await w.store.inventory.replaceOrderLines('default', 'o-1', [{ sku: 'SKU-A', quantity: 5 }]);
    const s = await syncPool(w.deps(), pool(), { mode: { kind: 'skus', skus: ['SKU-A'] } });
    // A: free 95, kept 3, sellable 92 → 55.2 / 36.8 → 55 + 37.
    assert.deepEqual(s.changes.map((c) => `${c.channel}:${c.to}`).sort(), ['app-us:37', 'web-us:55']);
  });

  it('a 409 (the entry changed after it was read) is re-read and re-decided, not resent', async () => {
    await w.amazonApi.admin('POST', '/inventory/adjust', { sellerSku: 'SKU-A', bucket: 'researching', quantity: 10 });
    let meddled = false;
    const real = w.gateway;
    const meddling: CommercetoolsInventoryPort = {
      channelsByKey: (k) => real.channelsByKey(k),
      listEntries: (c, o) => real.listEntries(c, o),
      createEntry: (s, c, q) => real.createEntry(s, c, q),
      setAvailableQuantity: (e, t) => real.setAvailableQuantity(e, t),
      listVariantSkus: (c, n) => real.listVariantSkus(c, n),
      setQuantityOnStock: async (entry, quantity) => {
        if (!meddled) {
          meddled = true;
          // Another writer (an order, a person) changes the entry between the bridge's read and write.
          const other = await real.setQuantityOnStock(entry, 7);
          assert.ok(other.ok);
        }
        return real.setQuantityOnStock(entry, quantity);
      },
    };
    const s = await syncPool(w.deps({ commercetools: meddling }), w.settings.pools[0]!, { mode: { kind: 'skus', skus: ['SKU-A'] } });
    assert.equal(s.conflicts, 1);
    assert.equal(s.failed, 0);
    // A: fulfillable 90, 5 unreserved → free 85, kept 3, sellable 82 → 49.2 / 32.8 → 49 + 33.
    const now = await entriesBySkuChannel(w);
    assert.deepEqual([now.get('SKU-A@web-us'), now.get('SKU-A@app-us')], [49, 33]);
  });
});
