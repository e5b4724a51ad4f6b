// Runs inventory syncs for one connection: every pool (or one), in full or incrementally, and the
// SKUs Amazon's FBA_INVENTORY_AVAILABILITY_CHANGES notifications name. One sync at a time per
// connection. Notified SKUs are gathered for `notificationBatchSeconds` from the first one and synced
// as one batch (docs/adr/0023): a burst of notifications costs one Amazon read, one commercetools read
// and one exception look-up instead of one each. A notification arriving while the batch waits for a
// running sync is folded into it.
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

/** Calls `fn` after `ms` of real time; answers how to cancel it. */
export type StartLater = (fn: () => void, ms: number) => () => void;

// The window is real time, not business time: it trades a moment of latency for fewer calls.
// unref: a window must not keep a stopping process alive (idle() syncs what it gathered).
const afterTimeout: StartLater = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export class InventorySyncRunner {
  #chain: Promise<unknown> = Promise.resolve();
  /** SKUs named by notifications and not yet synced, per pool id. */
  readonly #pendingSkus = new Map<string, Set<string>>();
  /** The sync of the pending SKUs, from the first request until it starts. */
  #flush: Promise<PoolSyncSummary[]> | null = null;
  /** Ends the notification window now (idle()); null when no window is open. */
  #closeWindow: (() => void) | null = null;

  constructor(readonly deps: InventoryFlowDeps, private readonly startLater: StartLater = afterTimeout) {}

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
   * Marks SKUs for a sync soon (from a notification): the pools of the given marketplaces, or every
   * pool when none matches. Resolves when they have been synced, with the SKUs gathered alongside.
   */
  requestSkus(skus: readonly string[], marketplaceIds: readonly string[] = []): Promise<PoolSyncSummary[]> {
    const matching = this.pools.filter((p) => p.marketplaceIds.some((m) => marketplaceIds.includes(m)));
    for (const pool of matching.length > 0 ? matching : this.pools) {
      const set = this.#pendingSkus.get(pool.id) ?? new Set<string>();
      // One SKU Amazon would refuse (too long, control characters) must not fail the batch it joins.
      for (const s of skus) if (identifierProblem('SKU', s, MAX_SELLER_SKU_LENGTH) === null) set.add(s);
      this.#pendingSkus.set(pool.id, set);
    }
    if (this.#flush === null) {
      const ms = this.deps.settings.notificationBatchSeconds * 1000;
      this.#flush = ms > 0 ? this.#windowOf(ms).then(() => this.#serial(() => this.#syncPending())) : this.#serial(() => this.#syncPending());
    }
    return this.#flush;
  }

  /** Waits for whatever runs now; SKUs still gathered in a notification window are synced first. */
  async idle(): Promise<void> {
    const flush = this.#flush;
    this.#closeWindow?.();
    await flush?.catch(() => undefined);
    await this.#chain.catch(() => undefined);
  }

  /** Resolves when the notification window closes: after `ms`, or when idle() closes it. */
  #windowOf(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const close = (): void => {
        cancel();
        this.#closeWindow = null;
        resolve();
      };
      const cancel = this.startLater(close, ms);
      this.#closeWindow = close;
    });
  }

  async #syncPending(): Promise<PoolSyncSummary[]> {
    this.#flush = null;
    const out: PoolSyncSummary[] = [];
    for (const pool of this.pools) {
      const named = this.#pendingSkus.get(pool.id);
      if (!named || named.size === 0) continue;
      this.#pendingSkus.delete(pool.id);
      out.push(await syncPool(this.deps, pool, { mode: { kind: 'skus', skus: [...named] } }));
    }
    return out;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.catch(() => undefined).then(fn);
    this.#chain = next;
    return next;
  }
}
