// The SKUs of one pool sync, in batches of at most BATCH_SKUS (docs/adr/0019): first as Amazon's pages
// arrive, then the SKUs Amazon did not name that must still be decided — in a full sync those with
// entries in the pool's commercetools channels that FBA does not stock, in an incremental one the SKUs
// still drifting, in a sync of named SKUs the named ones Amazon did not answer for. Only the SKU names
// seen so far are kept for the whole run (to tell which are left); levels and entries live per batch.
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import { readMarketplaceId } from '../../domain/inventory/inventory-pool.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';
import { amazonLevelPages } from './inventory-amazon-read.js';
import type { ChannelIds } from './inventory-commercetools-read.js';
import { INCREMENTAL_OVERLAP_MS } from './inventory-flow-types.js';
import type { SkuBatch } from './inventory-sync-inputs.js';
import type { SyncRun } from './inventory-sync-run.js';

/** SKUs decided, read and written together: one commercetools query's worth (skuChunks), a few Amazon pages. */
export const BATCH_SKUS = 100;
const ENTRIES_PER_PAGE = 500;

export interface BatchSource {
  /** SKUs Amazon named in this run (a restarted scan's repeats not counted twice). */
  readonly amazonSkus: number;
  readonly amazonPages: number;
  /** Batches in order; a failure (Amazon or commercetools could not be read) ends them. */
  batches(): AsyncGenerator<Result<SkuBatch, string>>;
}

export function batchSource(run: SyncRun, channels: ChannelIds): BatchSource {
  const seen = new Set<string>();
  let pages = 0;
  return {
    get amazonSkus() { return seen.size; },
    get amazonPages() { return pages; },
    async *batches() {
      const { deps, pool, mode, lastScan, named } = run;
      let levels = new Map<string, FbaInventoryLevel>();
      for await (const page of amazonLevelPages(deps.amazon, {
        marketplaceId: readMarketplaceId(pool),
        ...(mode === 'incremental' && lastScan !== null ? { startDateTime: new Date(lastScan - INCREMENTAL_OVERLAP_MS).toISOString() } : {}),
        ...(named ? { skus: named } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
      })) {
        if (!page.ok) {
          yield fail(`reading FBA inventory of marketplace ${readMarketplaceId(pool)} failed: ${page.error.code}: ${page.error.message}`);
          return;
        }
        pages += 1;
        // A restarted scan repeats SKUs already decided on a read moments older: they are not decided twice.
        for (const level of page.value) if (!seen.has(level.sellerSku)) { seen.add(level.sellerSku); levels.set(level.sellerSku, level); }
        run.progress('amazon', seen.size);
        if (levels.size >= BATCH_SKUS) {
          yield ok(amazonBatch(levels));
          levels = new Map();
        }
      }
      if (levels.size > 0) yield ok(amazonBatch(levels));
      yield* leftBatches(run, channels, seen);
    },
  };
}

function amazonBatch(levels: Map<string, FbaInventoryLevel>): SkuBatch {
  return { skus: [...levels.keys()].sort(), levels, notInFba: false };
}

/** The SKUs to decide that Amazon did not name in this run. */
async function* leftBatches(run: SyncRun, channels: ChannelIds, seen: ReadonlySet<string>): AsyncGenerator<Result<SkuBatch, string>> {
  if (run.mode === 'full') {
    yield* skusInChannelsNotSeen(run, channels, seen);
    return;
  }
  const left = run.mode === 'skus'
    ? (run.named ?? []).filter((s) => !seen.has(s))
    // Entries still drifting are decided again even when Amazon's figure did not change.
    : [...new Set((await run.deps.store.inventory.driftingSince(run.deps.connectionId, Number.MAX_SAFE_INTEGER)).filter((e) => e.poolId === run.pool.id).map((e) => e.sku))].filter((s) => !seen.has(s));
  for (let i = 0; i < left.length; i += BATCH_SKUS) yield ok({ skus: left.slice(i, i + BATCH_SKUS).sort(), levels: new Map(), notInFba: false });
}

/** Full sync: the pool's commercetools entries page by page; SKUs Amazon did not name are not in FBA. */
async function* skusInChannelsNotSeen(run: SyncRun, channels: ChannelIds, seen: ReadonlySet<string>): AsyncGenerator<Result<SkuBatch, string>> {
  const ids = [...channels.byKey.values()].map((c) => c.id);
  const pending = new Set<string>();
  const done = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await run.deps.commercetools.listEntries(ids, { pageSize: ENTRIES_PER_PAGE, ...(cursor ? { cursor } : {}) });
    if (!page.ok) {
      yield fail(`reading commercetools inventory entries failed: ${page.error.code}: ${page.error.message}`);
      return;
    }
    for (const e of page.value.entries) if (!seen.has(e.sku) && !done.has(e.sku)) pending.add(e.sku);
    cursor = page.value.cursor;
    while (pending.size >= BATCH_SKUS || (cursor === undefined && pending.size > 0)) {
      const skus = [...pending].slice(0, BATCH_SKUS);
      for (const s of skus) { pending.delete(s); done.add(s); }
      yield ok({ skus: skus.sort(), levels: new Map(), notInFba: true });
    }
  } while (cursor !== undefined);
}
