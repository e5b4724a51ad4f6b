// Step 4 of a batch of a pool sync: record what was read and what commercetools now holds, in one
// transaction per batch.
// Drift is "differs from expected since": kept from the earlier record while the entry still differs.
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import { channelKeys } from '../../domain/inventory/inventory-pool.js';
import type { InventoryEntryRecord, InventorySnapshotRecord } from '../../ports/inventory-store.js';
import type { SyncDecisions } from './inventory-sync-decisions.js';
import type { SyncInputs } from './inventory-sync-inputs.js';
import { entryKey, type SyncRun } from './inventory-sync-run.js';
import type { SyncWrites } from './inventory-sync-writes.js';

/** The entry records saved, one per decided SKU and channel of the pool. */
export async function recordSync(run: SyncRun, inputs: SyncInputs, decisions: SyncDecisions, writes: SyncWrites, at: number): Promise<InventoryEntryRecord[]> {
  const { deps, pool, snapshotAt } = run;
  const { store, connectionId } = deps;
  const earlier = await store.inventory.entries(connectionId, pool.id, inputs.decided);
  const priorEntries = new Map(earlier.map((e) => [entryKey(e.sku, e.channel), e]));
  const records: InventoryEntryRecord[] = [];
  for (const sku of inputs.decided) {
    for (const channel of channelKeys(pool)) {
      const k = entryKey(sku, channel);
      const expected = decisions.expectedOf.get(k) ?? 0;
      const seen = decisions.observedOf.get(k);
      const before = priorEntries.get(k);
      const differs = seen === undefined || seen.quantityOnStock !== expected || decisions.duplicates.has(sku);
      records.push({
        connectionId, sku, channel, poolId: pool.id, entryId: seen?.id ?? null, entryVersion: seen?.version ?? null,
        quantityOnStock: seen?.quantityOnStock ?? null, availableQuantity: seen?.availableQuantity ?? null, expectedQuantity: expected,
        observedAt: at, writtenAt: writes.landedAt.get(k) ?? before?.writtenAt ?? null, differsSince: differs ? (before?.differsSince ?? at) : null,
      });
    }
  }
  await store.transaction(async (tx) => {
    await tx.inventory.saveSnapshots([...inputs.levels.values()].map((l) => snapshotRecord(connectionId, pool.id, l, snapshotAt)));
    await tx.inventory.saveEntries(records);
    for (const a of writes.audit) await tx.audit.append(a);
    for (const c of writes.postedOk) await tx.inventory.markChannelPost(connectionId, pool.id, c, 'ok', at);
    for (const c of writes.postedFailed) await tx.inventory.markChannelPost(connectionId, pool.id, c, 'failed', at);
  });
  return records;
}

function snapshotRecord(connectionId: string, poolId: string, l: FbaInventoryLevel, readAt: number): InventorySnapshotRecord {
  return {
    connectionId, poolId, sku: l.sellerSku, fulfillable: l.fulfillable, reservedTotal: l.reserved.total, pendingCustomerOrder: l.reserved.pendingCustomerOrder,
    inbound: l.inbound.working + l.inbound.shipped + l.inbound.receiving, unfulfillable: l.unfulfillable, researching: l.researching,
    totalQuantity: l.totalQuantity, amazonUpdatedAt: l.lastUpdatedTime ?? null, readAt,
  };
}
