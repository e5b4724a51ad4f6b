// Step 1 of deciding a batch of a pool sync: read what is (ADR 0008). Amazon's levels of the batch
// came with it (t_s was taken before asking); here the batch's commercetools entries are read, and
// Amazon's last figures for the SKUs of the batch this read did not return.
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import type { ObservedEntry } from '../../domain/inventory/inventory-write-plan.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';
import { readEntries, type ChannelIds } from './inventory-commercetools-read.js';
import type { SyncRun } from './inventory-sync-run.js';

/** SKUs to decide together (at most a batch), with what Amazon said of them in this read. */
export interface SkuBatch {
  readonly skus: readonly string[];
  readonly levels: ReadonlyMap<string, FbaInventoryLevel>;
  /** SKUs with entries in the pool's channels that FBA does not stock (full sync only). */
  readonly notInFba: boolean;
}

export interface SyncInputs {
  readonly channels: ChannelIds;
  /** Amazon's levels read for this batch (SKUs Amazon did not return are absent). */
  readonly levels: ReadonlyMap<string, FbaInventoryLevel>;
  readonly entries: readonly ObservedEntry[];
  /** The SKUs decided. */
  readonly decided: readonly string[];
  /** SKUs of the batch with entries in the pool's channels that FBA does not stock. */
  readonly notInFba: readonly string[];
  /** Amazon's fulfillable units; for a SKU not in this read, the last snapshot's (unchanged since), else 0. */
  fulfillable(sku: string): number;
}

/** The batch's inputs, or why they could not be read. */
export async function readBatchInputs(run: SyncRun, channels: ChannelIds, batch: SkuBatch, onEntries?: (read: number) => void): Promise<Result<SyncInputs, string>> {
  const { deps, pool } = run;
  const entries = await readEntries(deps.commercetools, channels, batch.skus, onEntries);
  if (!entries.ok) return fail(`reading commercetools inventory entries failed: ${entries.error.code}: ${entries.error.message}`);
  const missing = batch.skus.filter((s) => !batch.levels.has(s));
  const stored = new Map(missing.length === 0 ? [] : (await deps.store.inventory.snapshots(deps.connectionId, pool.id, missing)).map((s) => [s.sku, s] as const));
  return ok({
    channels, levels: batch.levels, entries: entries.value, decided: batch.skus,
    notInFba: batch.notInFba ? batch.skus : [],
    fulfillable: (sku) => batch.levels.get(sku)?.fulfillable ?? stored.get(sku)?.fulfillable ?? 0,
  });
}
