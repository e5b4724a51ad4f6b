// Runs inventory syncs for one connection: every pool (or one), in full or incrementally, and the
// SKUs Amazon's FBA_INVENTORY_AVAILABILITY_CHANGES notifications name. One sync at a time per
// connection. Notified SKUs are gathered for `notificationBatchSeconds` from the first one and synced
// as one batch (docs/adr/0023): a burst of notifications costs one Amazon read, one commercetools read
// and one exception look-up instead of one each. A notification arriving while the batch waits for a
// running sync is folded into it. A busy SKU — notified again within `busySkuSeconds` of the start of
// its last notified sync — waits until they have passed, then joins a window: at peak every order moves
// its SKU, and one write per busySkuSeconds carries all of those moves instead of one write per window.
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

/** SKUs whose last notified sync is remembered; past this, those older than busySkuSeconds are forgotten. */
const SYNCED_AT_KEPT = 10_000;

interface HeldSku {
  readonly marketplaceIds: Set<string>;
  readonly done: Promise<PoolSyncSummary[]>;
  /** Ends the wait now (idle()). */
  readonly release: () => void;
}

export class InventorySyncRunner {
  #chain: Promise<unknown> = Promise.resolve();
  /** When each SKU's last notified sync started (real time, ms). */
  readonly #syncedAt = new Map<string, number>();
  /** Busy SKUs waiting for busySkuSeconds to pass since their last notified sync. */
  readonly #held = new Map<string, HeldSku>();
  /** SKUs named by notifications and not yet synced, per pool id. */
  readonly #pendingSkus = new Map<string, Set<string>>();
  /** The sync of the pending SKUs, from the first request until it starts. */
  #flush: Promise<PoolSyncSummary[]> | null = null;
  /** Ends the notification window now (idle()); null when no window is open. */
  #closeWindow: (() => void) | null = null;

  constructor(readonly deps: InventoryFlowDeps, private readonly startLater: StartLater = afterTimeout, private readonly realNow: () => number = Date.now) {}

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
    const holdMs = this.deps.settings.busySkuSeconds * 1000;
    if (!(holdMs > 0)) return this.#request(skus, marketplaceIds);
    const now = this.realNow();
    const ready: string[] = [];
    const waits: Array<Promise<PoolSyncSummary[]>> = [];
    for (const sku of skus) {
      const last = this.#syncedAt.get(sku);
      if (this.#held.has(sku) || (last !== undefined && now - last < holdMs)) waits.push(this.#hold(sku, marketplaceIds, (last ?? now) + holdMs - now));
      else ready.push(sku);
    }
    if (ready.length > 0) waits.push(this.#request(ready, marketplaceIds));
    return waits.length === 1 ? waits[0] as Promise<PoolSyncSummary[]> : Promise.all(waits).then((all) => all.flat());
  }

  /** A busy SKU waits `ms`, then is requested as a notified one (with every marketplace named meanwhile). */
  #hold(sku: string, marketplaceIds: readonly string[], ms: number): Promise<PoolSyncSummary[]> {
    const held = this.#held.get(sku);
    if (held !== undefined) {
      for (const m of marketplaceIds) held.marketplaceIds.add(m);
      return held.done;
    }
    const named = new Set(marketplaceIds);
    let settle: (synced: Promise<PoolSyncSummary[]>) => void = () => undefined;
    const done = new Promise<PoolSyncSummary[]>((resolve) => { settle = resolve; });
    let cancel = (): void => undefined;
    const entry: HeldSku = {
      marketplaceIds: named,
      done,
      release: () => {
        if (this.#held.get(sku) !== entry) return;
        cancel();
        this.#held.delete(sku);
        settle(this.#request([sku], [...named]));
      },
    };
    this.#held.set(sku, entry);
    cancel = this.startLater(entry.release, Math.max(0, ms));
    return done;
  }

  #request(skus: readonly string[], marketplaceIds: readonly string[]): Promise<PoolSyncSummary[]> {
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
    for (const held of [...this.#held.values()]) held.release();
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
      this.#noteSynced(named);
      out.push(await syncPool(this.deps, pool, { mode: { kind: 'skus', skus: [...named] } }));
    }
    return out;
  }

  /** The notified sync of these SKUs starts now: a SKU notified again within busySkuSeconds waits. */
  #noteSynced(skus: Iterable<string>): void {
    const now = this.realNow();
    if (this.#syncedAt.size >= SYNCED_AT_KEPT) {
      const holdMs = this.deps.settings.busySkuSeconds * 1000;
      for (const [sku, at] of this.#syncedAt) if (now - at >= holdMs) this.#syncedAt.delete(sku);
    }
    for (const sku of skus) this.#syncedAt.set(sku, now);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.catch(() => undefined).then(fn);
    this.#chain = next;
    return next;
  }
}
