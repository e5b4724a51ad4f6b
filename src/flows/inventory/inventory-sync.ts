// One inventory sync of one FBA pool (docs/adr/0008), in five steps: read Amazon (t_s is when the
// bridge asked) and the pool's commercetools entries; decide (subtract the storefront units Amazon has
// not reserved, allocate per SKU); write only what differs (absolute, version-guarded; 409 → re-read
// and re-decide); record what was read and written so `inventory explain` and the drift check can
// answer; raise and resolve the exceptions.
import type { InventoryPool } from '../../domain/inventory/inventory-pool.js';
import { raisePoolProblem } from './inventory-exceptions.js';
import type { InventoryFlowDeps, PoolSyncSummary, SyncOptions } from './inventory-flow-types.js';
import { SyncDecisions } from './inventory-sync-decisions.js';
import { reconcileSyncExceptions } from './inventory-sync-exceptions.js';
import { readSyncInputs } from './inventory-sync-inputs.js';
import { recordSync } from './inventory-sync-record.js';
import { startSyncRun, type SyncRun } from './inventory-sync-run.js';
import { writeDecisions } from './inventory-sync-writes.js';

export async function syncPool(deps: InventoryFlowDeps, pool: InventoryPool, options: SyncOptions): Promise<PoolSyncSummary> {
  const prior = await deps.store.inventory.poolSync(deps.connectionId, pool.id);
  const run = startSyncRun(deps, pool, options, prior?.lastIncrementalScanAt ?? null);

  const inputs = await readSyncInputs(run);
  if (!inputs.ok) return cannotRun(run, inputs.error);
  const read = inputs.value;
  const counts = { skusRead: read.levels.size, skusDecided: read.decided.length, entriesRead: read.entries.length, pages: read.pages };

  const decisions = new SyncDecisions(run, read);
  const first = await decisions.decide(read.decided, read.entries, run.mode === 'full');
  if (run.dryRun) {
    return run.summary({
      ...counts, unchanged: first.plan.unchanged, duplicates: first.plan.duplicates.length,
      changes: first.plan.writes.map((w) => ({ sku: w.sku, channel: w.channel, from: w.kind === 'create' ? null : w.previousQuantityOnStock, to: w.quantityOnStock })),
    });
  }

  const writes = await writeDecisions(run, read, decisions, first);
  const at = run.now();
  const records = await recordSync(run, read, decisions, writes, at);
  for (const landed of writes.landedAt.values()) deps.metrics?.inventoryWritten(deps.connectionId, (landed - run.snapshotAt) / 1000);
  await reconcileSyncExceptions(run, read, decisions, writes, at);

  const differing = records.filter((r) => r.differsSince !== null).length;
  deps.logger.info('inventory sync finished', {
    pool: pool.id, mode: run.mode, skus: read.decided.length, written: writes.changes.length, conflicts: writes.conflicts, failed: writes.failedSkus.size, pages: read.pages,
  });
  return run.summary({
    ...counts, unchanged: records.length - writes.changes.length - differing,
    changes: writes.changes, conflicts: writes.conflicts, failed: writes.failedSkus.size, heldBack: writes.heldBack, duplicates: decisions.duplicates.size,
  });
}

async function cannotRun(run: SyncRun, why: string): Promise<PoolSyncSummary> {
  run.deps.logger.warn('inventory sync could not run', { pool: run.pool.id, reason: why });
  if (!run.dryRun) await raisePoolProblem(run.deps.store, run.deps.connectionId, run.pool.id, why, run.now());
  return run.summary({ error: why });
}
