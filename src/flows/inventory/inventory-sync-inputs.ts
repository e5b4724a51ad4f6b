// Step 1 of a pool sync: read what is (ADR 0008). Amazon's levels first (t_s was taken before asking),
// then the pool's commercetools channels and the entries to decide on, and which SKUs to decide.
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import { channelKeys, readMarketplaceId } from '../../domain/inventory/inventory-pool.js';
import type { ObservedEntry } from '../../domain/inventory/inventory-write-plan.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';
import { readAmazonPool } from './inventory-amazon-read.js';
import { readEntries, resolveChannels, type ChannelIds } from './inventory-commercetools-read.js';
import { INCREMENTAL_OVERLAP_MS } from './inventory-flow-types.js';
import type { SyncRun } from './inventory-sync-run.js';

export interface SyncInputs {
  readonly levels: ReadonlyMap<string, FbaInventoryLevel>;
  readonly pages: number;
  readonly channels: ChannelIds;
  readonly entries: readonly ObservedEntry[];
  /** The SKUs this run decides on. */
  readonly decided: readonly string[];
  /** In a full sync: SKUs with entries in the pool's channels that FBA does not stock. */
  readonly notInFba: readonly string[];
  /** Amazon's fulfillable units; for a SKU not in this read, the last snapshot's (unchanged since), else 0. */
  fulfillable(sku: string): number;
}

/** The inputs, or why the sync cannot run (nothing is written then). */
export async function readSyncInputs(run: SyncRun): Promise<Result<SyncInputs, string>> {
  const { deps, pool, mode, lastScan, named } = run;
  const amazon = await readAmazonPool(deps.amazon, {
    marketplaceId: readMarketplaceId(pool),
    ...(mode === 'incremental' && lastScan !== null ? { startDateTime: new Date(lastScan - INCREMENTAL_OVERLAP_MS).toISOString() } : {}),
    ...(named ? { skus: named } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
    onPage: (n) => run.progress('amazon', n),
  });
  if (!amazon.ok) return fail(`reading FBA inventory of marketplace ${readMarketplaceId(pool)} failed: ${amazon.error.code}: ${amazon.error.message}`);
  const { levels, pages } = amazon.value;

  const channels = await resolveChannels(deps.commercetools, channelKeys(pool));
  if (!channels.ok) return fail(channels.error.message);
  const skus = await skusToRead(run, levels);
  const entries = skus !== undefined && skus.length === 0
    ? ok([] as ObservedEntry[])
    : await readEntries(deps.commercetools, channels.value, skus, (n) => run.progress('commercetools', n));
  if (!entries.ok) return fail(`reading commercetools inventory entries failed: ${entries.error.code}: ${entries.error.message}`);

  const decided = skus ?? [...new Set([...levels.keys(), ...entries.value.map((e) => e.sku)])].sort();
  const missing = levels.size === decided.length ? [] : decided.filter((s) => !levels.has(s));
  const stored = new Map((await deps.store.inventory.snapshots(deps.connectionId, pool.id, missing)).map((s) => [s.sku, s]));
  return ok({
    levels, pages, channels: channels.value, entries: entries.value, decided,
    notInFba: mode === 'full' ? decided.filter((s) => !levels.has(s)) : [],
    fulfillable: (sku) => levels.get(sku)?.fulfillable ?? stored.get(sku)?.fulfillable ?? 0,
  });
}

/** Incremental: what Amazon changed plus what still drifts; skus: the named ones; full: all (undefined). */
async function skusToRead(run: SyncRun, levels: ReadonlyMap<string, FbaInventoryLevel>): Promise<string[] | undefined> {
  if (run.mode === 'incremental') {
    const drifting = (await run.deps.store.inventory.entries(run.deps.connectionId, run.pool.id)).filter((e) => e.differsSince !== null).map((e) => e.sku);
    return [...new Set([...levels.keys(), ...drifting])];
  }
  return run.named ? [...run.named] : undefined;
}
