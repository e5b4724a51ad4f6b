// The pool sync streams its SKUs in batches (docs/adr/0019): commercetools is read a batch at a time,
// SKUs FBA does not stock are found after Amazon's pages, a failure part way keeps what was done and
// marks nothing as scanned, and the summary lists a bounded number of changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { syncPool } from '../../../src/flows/inventory/inventory-sync.js';
import { BATCH_SKUS } from '../../../src/flows/inventory/inventory-sync-batches.js';
import { SyncTally } from '../../../src/flows/inventory/inventory-sync-tally.js';
import { CHANGES_LISTED } from '../../../src/flows/inventory/inventory-flow-types.js';
import { failure, fail } from '../../../src/domain/shared/result.js';
import type { CommercetoolsInventoryPort, ListEntriesOptions } from '../../../src/ports/commercetools-inventory.js';
import { startInventoryWorld, type InventoryWorld } from '../../support/inventory-world.js';

const SKUS = 230;
const sku = (i: number) => `STREAM-${String(i).padStart(3, '0')}`;

/** The real gateway, watched: how many SKUs each read by SKU named; optionally failing from the nth such read. */
function watched(w: InventoryWorld, failFromRead = Number.POSITIVE_INFINITY): { port: CommercetoolsInventoryPort; readsBySku: number[] } {
  const real = w.gateway;
  const readsBySku: number[] = [];
  const port: CommercetoolsInventoryPort = {
    channelsByKey: (k) => real.channelsByKey(k),
    listEntries: async (c, o: ListEntriesOptions) => {
      if (o.skus && o.cursor === undefined) {
        readsBySku.push(o.skus.length);
        if (readsBySku.length >= failFromRead) return fail(failure('retryable', 'ServerError', 'commercetools answered HTTP 503'));
      }
      return real.listEntries(c, o);
    },
    createEntry: (s, c, q) => real.createEntry(s, c, q),
    setAvailableQuantity: (e, t) => real.setAvailableQuantity(e, t),
    setQuantityOnStock: (e, q) => real.setQuantityOnStock(e, q),
    listVariantSkus: (c, n) => real.listVariantSkus(c, n),
  };
  return { port, readsBySku };
}

describe('inventory sync streamed in batches', () => {
  let w: InventoryWorld;
  before(async () => {
    w = await startInventoryWorld(undefined, Object.fromEntries(Array.from({ length: SKUS }, (_, i) => [sku(i), 10 + i])));
    // A SKU the shop sells on an FBA channel that FBA does not stock.
    const created = await w.gateway.createEntry('GONE-1', w.channelIds.get('web-us')!, 5);
    assert.ok(created.ok);
  });
  after(() => w.close());
  const pool = () => w.settings.pools[0]!;

  it('a sync that cannot read commercetools part way keeps the batches written, marks no scan and raises the pool exception', async () => {
    w.simClock.advance(20 * 60);
    const { port, readsBySku } = watched(w, 2);
    const s = await syncPool(w.deps({ commercetools: port }), pool(), { mode: { kind: 'full' } });
    assert.match(s.error ?? '', /reading commercetools inventory entries failed: ServerError/);
    assert.equal(s.skusDecided, BATCH_SKUS, 'the first batch was decided and written');
    assert.equal(s.written, BATCH_SKUS * 2);
    assert.equal(readsBySku.length, 2);
    assert.equal(await w.store.inventory.poolSync('default', 'us'), null, 'the scan is not marked done');
    const open = await w.store.exceptions.list({ connectionId: 'default', status: 'open', type: 'inventory.sync-failed' });
    assert.equal(open.length, 1);
    assert.equal((await w.store.inventory.entriesOfSku('default', sku(0))).length, 2, 'the first batch is recorded');
  });

  it('a full sync reads commercetools a batch at a time and finds the SKUs FBA does not stock after Amazon\'s pages', async () => {
    const { port, readsBySku } = watched(w);
    const s = await syncPool(w.deps({ commercetools: port }), pool(), { mode: { kind: 'full' } });
    assert.equal(s.error, undefined);
    assert.equal(s.skusRead, SKUS);
    assert.equal(s.skusDecided, SKUS + 1, 'every FBA SKU and GONE-1');
    assert.ok(readsBySku.length >= Math.ceil(SKUS / BATCH_SKUS) + 1, `reads by SKU: ${readsBySku.join(', ')}`);
    assert.ok(readsBySku.every((n) => n <= BATCH_SKUS), `no read names more than a batch: ${readsBySku.join(', ')}`);
    assert.equal(s.written, (SKUS - BATCH_SKUS) * 2 + 2, 'the rest of the FBA SKUs; GONE-1 set to 0 and its missing entry created at 0');
    assert.deepEqual(s.changes.filter((c) => c.sku === 'GONE-1').map((c) => `${c.channel}:${c.from}->${c.to}`).sort(), ['app-us:null->0', 'web-us:5->0']);
    const notInFba = await w.store.exceptions.list({ connectionId: 'default', status: 'open', type: 'sku.not-in-fba' });
    assert.deepEqual(notInFba.map((e) => e.subjectId), ['GONE-1']);
    assert.equal((await w.store.exceptions.list({ connectionId: 'default', status: 'open', type: 'inventory.sync-failed' })).length, 0, 'resolved by the sync that went through');
    assert.ok((await w.store.inventory.poolSync('default', 'us'))?.lastFullScanAt);
  });

  it('a second full sync writes nothing and reads every SKU again', async () => {
    const s = await syncPool(w.deps(), pool(), { mode: { kind: 'full' } });
    assert.equal(s.written, 0);
    assert.equal(s.unchanged, (SKUS + 1) * 2);
  });
});

describe('SyncTally', () => {
  it('counts every change but lists only the first CHANGES_LISTED', () => {
    const tally = new SyncTally();
    tally.addChanges(Array.from({ length: CHANGES_LISTED + 5 }, (_, i) => ({ sku: `S${i}`, channel: 'web', from: 0, to: 1 })));
    const counts = tally.counts({ skusRead: 1, pages: 1 });
    assert.equal(counts.written, CHANGES_LISTED + 5);
    assert.equal(counts.changes?.length, CHANGES_LISTED);
  });
});
