// Step 5 of a pool sync: raise what is wrong now (failed writes, duplicate entries, SKUs FBA does not
// stock, entries drifting past the threshold) and resolve what is healthy again — per batch for the
// batch's SKUs, and once the run is through for the pool (the pool's own problem and, in a scheduled
// sync, drift of SKUs this run did not decide; a notified sync raises drift of its own SKUs per batch).
import { channelKeys } from '../../domain/inventory/inventory-pool.js';
import type { ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { InventoryEntryRecord } from '../../ports/inventory-store.js';
import { raiseSkuProblem, resolvePoolProblem, SKU_SYNC_TYPES, skusWithOpen } from './inventory-exceptions.js';
import type { SyncDecisions } from './inventory-sync-decisions.js';
import type { SyncInputs } from './inventory-sync-inputs.js';
import type { SyncRun } from './inventory-sync-run.js';
import type { SyncWrites } from './inventory-sync-writes.js';

/** SKU → its open sync exceptions, read once per run (bounded by the open exceptions, not the pool). */
export type OpenSkuProblems = Map<string, Set<ExceptionType>>;

export function openSkuProblems(run: SyncRun): Promise<OpenSkuProblems> {
  return skusWithOpen(run.deps.store, run.deps.connectionId, [...SKU_SYNC_TYPES, 'sku.not-in-fba']);
}

export async function reconcileBatchExceptions(
  run: SyncRun, open: OpenSkuProblems, inputs: SyncInputs, decisions: SyncDecisions, writes: SyncWrites, records: readonly InventoryEntryRecord[], at: number,
): Promise<void> {
  const { deps, pool } = run;
  const { store, connectionId } = deps;
  for (const [sku, why] of writes.failedSkus) await raiseSkuProblem(store, connectionId, 'inventory.write-failed', sku, `Writing the inventory of ${sku} failed: ${why}`, at);
  for (const [sku, d] of decisions.duplicates) {
    await raiseSkuProblem(store, connectionId, 'inventory.duplicate-entry', sku, `commercetools holds ${d.entryIds.length} inventory entries for ${sku} in channel ${d.channel} (${d.entryIds.join(', ')})`, at);
  }
  for (const sku of inputs.notInFba) await raiseSkuProblem(store, connectionId, 'sku.not-in-fba', sku, `${sku} has inventory entries in FBA supply channels of pool ${pool.id}, but FBA does not stock it`, at);

  const cutoff = at - deps.settings.driftThresholdMinutes * 60_000;
  const drifting = records.filter((r) => r.differsSince !== null && r.differsSince <= cutoff);
  // A notified sync raises drift for its own SKUs only; the scheduled syncs look at the whole pool.
  if (run.mode === 'skus') for (const r of drifting) await raiseDrift(run, r, at);
  const driftSkus = new Set(drifting.map((r) => r.sku));
  const notInFba = new Set(inputs.notInFba);
  for (const sku of inputs.decided) {
    const types = open.get(sku);
    if (!types) continue;
    const healthy = [...types].filter((t) =>
      (t === 'inventory.write-failed' && !writes.failedSkus.has(sku))
      || (t === 'inventory.duplicate-entry' && !decisions.duplicates.has(sku))
      || (t === 'inventory.drift' && !driftSkus.has(sku))
      || (t === 'sku.not-in-fba' && inputs.levels.has(sku) && !notInFba.has(sku)));
    if (healthy.length > 0) await store.exceptions.resolveForSubject(connectionId, 'sku', sku, at, healthy);
  }
}

/**
 * Once the run is through: the pool syncs again, and (in a scheduled sync) every entry of it drifting
 * too long is an exception.
 */
export async function finishSyncExceptions(run: SyncRun, at: number): Promise<void> {
  const { deps, pool } = run;
  await resolvePoolProblem(deps.store, deps.connectionId, pool.id, at);
  if (run.mode === 'skus') return;
  const cutoff = at - deps.settings.driftThresholdMinutes * 60_000;
  const poolKeys = new Set(channelKeys(pool));
  const drifting = (await deps.store.inventory.driftingSince(deps.connectionId, cutoff)).filter((e) => e.poolId === pool.id && poolKeys.has(e.channel));
  for (const e of drifting) await raiseDrift(run, e, at);
}

function raiseDrift(run: SyncRun, e: InventoryEntryRecord, at: number): Promise<void> {
  return raiseSkuProblem(run.deps.store, run.deps.connectionId, 'inventory.drift', e.sku,
    `${e.sku} in channel ${e.channel} shows ${e.quantityOnStock ?? 'no entry'} in commercetools but should hold ${e.expectedQuantity}, since ${new Date(e.differsSince ?? at).toISOString()}`, at);
}
