// The inventory section of the Store contract (src/ports/inventory-store.ts), run on every adapter
// by sqlite-store.test.ts and postgres-store.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/ports/store.js';
import type { InventoryEntryRecord, InventorySnapshotRecord } from '../../src/ports/inventory-store.js';
import type { FreshDatabase } from './store-contract.js';

const C = 'conn-1';
const T0 = 1_700_000_000_000;

function snapshot(sku: string, overrides: Partial<InventorySnapshotRecord> = {}): InventorySnapshotRecord {
  return {
    connectionId: C, poolId: 'eu', sku, fulfillable: 10, reservedTotal: 2, pendingCustomerOrder: 1, inbound: 5,
    unfulfillable: 0, researching: 0, totalQuantity: 17, amazonUpdatedAt: '2023-11-14T22:13:20Z', readAt: T0, ...overrides,
  };
}

function entry(sku: string, channel: string, overrides: Partial<InventoryEntryRecord> = {}): InventoryEntryRecord {
  return {
    connectionId: C, sku, channel, poolId: 'eu', entryId: `e-${sku}-${channel}`, entryVersion: 3, quantityOnStock: 4,
    availableQuantity: 4, expectedQuantity: 4, observedAt: T0, writtenAt: T0, differsSince: null, ...overrides,
  };
}

export function inventoryStoreContract(adapter: string, freshDatabase: FreshDatabase): void {
  async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
    const db = await freshDatabase();
    try {
      const store = await db.open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    } finally {
      await db.dispose();
    }
  }

  describe(`Store contract, inventory: ${adapter}`, () => {
    it('keeps the last Amazon snapshot per (connection, pool, sku), in many rows at once', () =>
      withStore(async (store) => {
        const many = Array.from({ length: 450 }, (_, i) => snapshot(`SKU-${String(i).padStart(3, '0')}`));
        await store.inventory.saveSnapshots(many);
        await store.inventory.saveSnapshots([snapshot('SKU-001', { fulfillable: 3, readAt: T0 + 5, amazonUpdatedAt: null }), snapshot('SKU-001', { poolId: 'us' })]);
        const all = await store.inventory.snapshots(C, 'eu');
        assert.equal(all.length, 450);
        const [one] = await store.inventory.snapshots(C, 'eu', ['SKU-001']);
        assert.deepEqual(one, snapshot('SKU-001', { fulfillable: 3, readAt: T0 + 5, amazonUpdatedAt: null }));
        assert.equal((await store.inventory.snapshots(C, 'eu', [])).length, 0);
        assert.deepEqual((await store.inventory.snapshotsOfSku(C, 'SKU-001')).map((s) => s.poolId), ['eu', 'us']);
        assert.equal((await store.inventory.snapshots('other', 'eu')).length, 0);
      }));

    it('keeps entries as written or observed, and finds those drifting since a moment', () =>
      withStore(async (store) => {
        await store.inventory.saveEntries([entry('A', 'web-de'), entry('A', 'web-fr', { entryId: null, entryVersion: null, quantityOnStock: null, availableQuantity: null, writtenAt: null })]);
        await store.inventory.saveEntries([entry('A', 'web-de', { quantityOnStock: 7, differsSince: T0 + 10, observedAt: T0 + 10 }), entry('B', 'web-de', { differsSince: T0 + 100 })]);
        const a = await store.inventory.entriesOfSku(C, 'A');
        assert.deepEqual(a.map((e) => [e.channel, e.quantityOnStock, e.differsSince]), [['web-de', 7, T0 + 10], ['web-fr', null, null]]);
        assert.equal(a[1]?.entryId, null);
        assert.deepEqual((await store.inventory.driftingSince(C, T0 + 50)).map((e) => e.sku), ['A']);
        assert.deepEqual((await store.inventory.driftingSince(C, T0 + 100)).map((e) => e.sku), ['A', 'B']);
        assert.deepEqual((await store.inventory.entries(C, 'eu', ['B'])).map((e) => e.sku), ['B']);
        assert.equal((await store.inventory.entries(C, 'eu')).length, 3);
      }));

    it('records scans per pool and posts per channel', () =>
      withStore(async (store) => {
        assert.equal(await store.inventory.poolSync(C, 'eu'), null);
        await store.inventory.markScan(C, 'eu', 'full', T0);
        await store.inventory.markScan(C, 'eu', 'incremental', T0 + 300_000);
        assert.deepEqual(await store.inventory.poolSync(C, 'eu'), { connectionId: C, poolId: 'eu', lastFullScanAt: T0, lastIncrementalScanAt: T0 + 300_000 });
        await store.inventory.markScan(C, 'at', 'incremental', T0);
        assert.deepEqual((await store.inventory.poolSyncs(C)).map((p) => [p.poolId, p.lastFullScanAt, p.lastIncrementalScanAt]), [['at', null, T0], ['eu', T0, T0 + 300_000]]);
        await store.inventory.markChannelPost(C, 'eu', 'web-de', 'ok', T0);
        await store.inventory.markChannelPost(C, 'eu', 'web-de', 'failed', T0 + 1);
        await store.inventory.markChannelPost(C, 'eu', 'web-de', 'ok', T0 + 2);
        assert.deepEqual(await store.inventory.channelSync(C), [{ connectionId: C, channel: 'web-de', poolId: 'eu', lastSuccessAt: T0 + 2, lastFailureAt: T0 + 1 }]);
      }));

    it('lists the order lines that may hold stock Amazon has not reserved', () =>
      withStore(async (store) => {
        const link = (ctOrderId: string, state: 'blocked' | 'submitting' | 'submitted' | 'closed' | 'local', submittedAt: number | null) =>
          store.orderLinks.upsert({
            connectionId: C, ctOrderId, orderNumber: null, sellerFulfillmentOrderId: submittedAt ? `sfo-${ctOrderId}` : null, state,
            fbaStatus: null, shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt, fbaStatusAt: null,
          }, T0);
        await link('o-blocked', 'blocked', null);
        await link('o-sending', 'submitting', null);
        await link('o-recent', 'submitted', T0);
        await link('o-old', 'submitted', T0 - 3_600_000);
        await link('o-cancelled', 'closed', null);
        await link('o-local', 'local', null);
        for (const id of ['o-blocked', 'o-sending', 'o-recent', 'o-old', 'o-cancelled', 'o-local']) {
          await store.inventory.replaceOrderLines(C, id, [{ sku: 'A', quantity: 1 }, { sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }]);
        }
        await store.inventory.replaceOrderLines(C, 'o-sending', [{ sku: 'A', quantity: 5 }]);
        const lines = await store.inventory.openOrderLines(C, T0 - 60_000);
        const seen = lines.map((l) => `${l.ctOrderId}:${l.sku}:${l.quantity}:${l.state}`).sort();
        assert.deepEqual(seen, ['o-blocked:A:3:blocked', 'o-blocked:B:1:blocked', 'o-recent:A:3:submitted', 'o-recent:B:1:submitted', 'o-sending:A:5:submitting']);
        const onlyB = await store.inventory.openOrderLines(C, T0 - 60_000, ['B']);
        assert.deepEqual(onlyB.map((l) => l.ctOrderId).sort(), ['o-blocked', 'o-recent']);
        assert.equal(onlyB.find((l) => l.ctOrderId === 'o-recent')?.submittedAt, T0);
      }));
  });
}
