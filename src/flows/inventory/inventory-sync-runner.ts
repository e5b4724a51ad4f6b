// Runs inventory syncs for one connection: every pool (or one), in full or incrementally, and the
// SKUs Amazon's FBA_INVENTORY_AVAILABILITY_CHANGES notifications name. One sync at a time per
// connection: a notification arriving during a sync is folded into one follow-up run of the named SKUs.
import { identifierProblem, MAX_SELLER_SKU_LENGTH } from '../../domain/shared/identifier-limits.js';
import type { InventoryPool } from '../../domain/inventory/inventory-pool.js';
import type { InventoryFlowDeps, PoolSyncSummary, SyncMode, SyncProgress } from './inventory-flow-types.js';
import { syncPool } from './inventory-sync.js';

export interface RunOptions {
  readonly poolId?: string;
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly signal?: AbortSignal;
}

export class InventorySyncRunner {
  #chain: Promise<unknown> = Promise.resolve();
  /** SKUs named by notifications and not yet synced, per pool id. */
  readonly #pendingSkus = new Map<string, Set<string>>();
  #flush: Promise<PoolSyncSummary[]> | null = null;

  constructor(readonly deps: InventoryFlowDeps) {}

  get pools(): readonly InventoryPool[] {
    return this.deps.settings.pools;
  }

  /** Syncs every pool (or the one named) in this mode, one after the other. */
  run(mode: SyncMode, options: RunOptions = {}): Promise<PoolSyncSummary[]> {
    const pools = options.poolId === undefined ? this.pools : this.pools.filter((p) => p.id === options.poolId);
    if (options.poolId !== undefined && pools.length === 0) {
      return Promise.reject(new Error(`no inventory pool "${options.poolId}": configured pools are ${this.pools.map((p) => p.id).join(', ') || 'none'}`));
    }
    return this.#serial(async () => {
      const out: PoolSyncSummary[] = [];
      for (const pool of pools) {
        if (options.signal?.aborted) break;
        out.push(await syncPool(this.deps, pool, {
          mode, ...(options.dryRun ? { dryRun: true } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}),
        }));
      }
      return out;
    });
  }

  /**
   * Marks SKUs for an immediate sync (from a notification): the pools of the given marketplaces, or
   * every pool when none matches. Resolves when they have been synced.
   */
  requestSkus(skus: readonly string[], marketplaceIds: readonly string[] = []): Promise<PoolSyncSummary[]> {
    const matching = this.pools.filter((p) => p.marketplaceIds.some((m) => marketplaceIds.includes(m)));
    for (const pool of matching.length > 0 ? matching : this.pools) {
      const set = this.#pendingSkus.get(pool.id) ?? new Set<string>();
      // One SKU Amazon would refuse (too long, control characters) must not fail the batch it joins.
      for (const s of skus) if (identifierProblem('SKU', s, MAX_SELLER_SKU_LENGTH) === null) set.add(s);
      this.#pendingSkus.set(pool.id, set);
    }
    this.#flush ??= this.#serial(async () => {
      this.#flush = null;
      const out: PoolSyncSummary[] = [];
      for (const pool of this.pools) {
        const named = this.#pendingSkus.get(pool.id);
        if (!named || named.size === 0) continue;
        this.#pendingSkus.delete(pool.id);
        out.push(await syncPool(this.deps, pool, { mode: { kind: 'skus', skus: [...named] } }));
      }
      return out;
    });
    return this.#flush;
  }

  /** Waits for whatever runs now. */
  async idle(): Promise<void> {
    await this.#chain.catch(() => undefined);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.catch(() => undefined).then(fn);
    this.#chain = next;
    return next;
  }
}
