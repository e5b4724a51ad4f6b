// One inventory sync of one FBA pool (docs/adr/0008), streamed in batches of SKUs (docs/adr/0019) so
// that memory does not grow with the pool. Per batch, five steps: Amazon's levels arrive page by page
// (t_s is when the bridge first asked); read the batch's commercetools entries; decide (subtract the
// storefront units Amazon has not reserved, allocate per SKU); write only what differs (absolute,
// version-guarded; 409 → re-read and re-decide); record what was read and written so `inventory
// explain` and the drift check can answer, and raise and resolve the batch's exceptions. Once every
// batch is through: the scan is marked done and drifting entries become exceptions.
import type { InventoryPool } from '../../domain/inventory/inventory-pool.js';
import { channelKeys } from '../../domain/inventory/inventory-pool.js';
import type { Result } from '../../domain/shared/result.js';
import { raisePoolProblem } from './inventory-exceptions.js';
import type { InventoryFlowDeps, PoolSyncSummary, SyncOptions } from './inventory-flow-types.js';
import { resolveChannels, type ChannelIds } from './inventory-commercetools-read.js';
import { batchSource } from './inventory-sync-batches.js';
import { SyncDecisions } from './inventory-sync-decisions.js';
import { finishSyncExceptions, openSkuProblems, reconcileBatchExceptions, type OpenSkuProblems } from './inventory-sync-exceptions.js';
import { readBatchInputs, type SkuBatch } from './inventory-sync-inputs.js';
import { recordSync } from './inventory-sync-record.js';
import { startSyncRun, type SyncRun } from './inventory-sync-run.js';
import { SyncTally } from './inventory-sync-tally.js';
import { writeDecisions } from './inventory-sync-writes.js';

export async function syncPool(deps: InventoryFlowDeps, pool: InventoryPool, options: SyncOptions): Promise<PoolSyncSummary> {
  // Only an incremental sync reads from the last scan on (a notified one runs every few seconds at peak).
  const prior = options.mode.kind === 'incremental' ? await deps.store.inventory.poolSync(deps.connectionId, pool.id) : null;
  const run = startSyncRun(deps, pool, options, prior?.lastIncrementalScanAt ?? null);

  const channels = await channelsOf(run);
  if (!channels.ok) return stopped(run, channels.error.message, undefined);
  const open: OpenSkuProblems = run.dryRun ? new Map() : await openSkuProblems(run);
  const source = batchSource(run, channels.value);
  const tally = new SyncTally();
  const summary = (error?: string): PoolSyncSummary => run.summary({ ...tally.counts({ skusRead: source.amazonSkus, pages: source.amazonPages }), ...(error ? { error } : {}) });

  for await (const batch of source.batches()) {
    if (!batch.ok) return stopped(run, batch.error, summary(batch.error));
    const problem = await syncBatch(run, channels.value, open, tally, batch.value);
    if (problem) return stopped(run, problem, summary(problem));
    if (run.signal?.aborted) return summary();
  }
  if (!run.dryRun) {
    const at = run.now();
    if (run.mode !== 'skus') await deps.store.inventory.markScan(deps.connectionId, pool.id, run.mode, run.snapshotAt);
    await finishSyncExceptions(run, at);
  }
  if (tally.failed > 0) deps.channelIds?.forget(channelKeys(pool));
  deps.logger.info('inventory sync finished', {
    pool: pool.id, mode: run.mode, dryRun: run.dryRun, skus: tally.skusDecided, written: tally.written, conflicts: tally.conflicts, failed: tally.failed, pages: source.amazonPages,
  });
  return summary();
}

/** The pool's channel ids: remembered ones for a notified sync, read afresh by a scheduled one. */
function channelsOf(run: SyncRun): Promise<Result<ChannelIds>> {
  const { deps, pool } = run;
  const keys = channelKeys(pool);
  return deps.channelIds ? deps.channelIds.resolve(deps.commercetools, keys, run.mode !== 'skus') : resolveChannels(deps.commercetools, keys);
}

/** One batch through all five steps; answers why the run must stop, if it must. */
async function syncBatch(run: SyncRun, channels: ChannelIds, open: OpenSkuProblems, tally: SyncTally, batch: SkuBatch): Promise<string | undefined> {
  const { deps } = run;
  const readBefore = tally.entriesRead;
  const inputs = await readBatchInputs(run, channels, batch, (n) => run.progress('commercetools', readBefore + n));
  if (!inputs.ok) return inputs.error;
  tally.entriesRead += inputs.value.entries.length;
  tally.skusDecided += inputs.value.decided.length;

  const decisions = new SyncDecisions(run, inputs.value);
  const first = await decisions.decide(inputs.value.decided, inputs.value.entries);
  if (run.dryRun) {
    tally.unchanged += first.plan.unchanged;
    tally.duplicates += first.plan.duplicates.length;
    tally.addChanges(first.plan.writes.map((w) => ({ sku: w.sku, channel: w.channel, from: w.kind === 'create' ? null : w.previousQuantityOnStock, to: w.quantityOnStock })));
    return undefined;
  }

  const writes = await writeDecisions(run, inputs.value, decisions, first, () => run.progress('writing', ++tally.sent));
  const at = run.now();
  const records = await recordSync(run, inputs.value, decisions, writes, at);
  for (const landed of writes.landedAt.values()) deps.metrics?.inventoryWritten(deps.connectionId, (landed - run.snapshotAt) / 1000);
  await reconcileBatchExceptions(run, open, inputs.value, decisions, writes, records, at);

  const differing = records.filter((r) => r.differsSince !== null).length;
  tally.unchanged += records.length - writes.changes.length - differing;
  tally.addChanges(writes.changes);
  tally.conflicts += writes.conflicts;
  tally.failed += writes.failedSkus.size;
  tally.heldBack += writes.heldBack;
  tally.duplicates += decisions.duplicates.size;
  return undefined;
}

/** Amazon or commercetools could not be read: what was decided so far stands; the pool gets an exception. */
async function stopped(run: SyncRun, why: string, sofar: PoolSyncSummary | undefined): Promise<PoolSyncSummary> {
  run.deps.channelIds?.forget(channelKeys(run.pool));
  run.deps.logger.warn(sofar && sofar.skusDecided > 0 ? 'inventory sync stopped part way' : 'inventory sync could not run', { pool: run.pool.id, reason: why, skusDecided: sofar?.skusDecided ?? 0 });
  if (!run.dryRun) await raisePoolProblem(run.deps.store, run.deps.connectionId, run.pool.id, why, run.now());
  return sofar ?? run.summary({ error: why });
}
