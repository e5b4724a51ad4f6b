// One run of the inventory sync of one pool: what every step needs to know (the pool, the mode actually
// run, the snapshot time t_s, dry run or not), and how the run reports progress and its summary.
import type { InventoryPool } from '../../domain/inventory/inventory-pool.js';
import type { InventoryFlowDeps, PoolSyncSummary, SyncMode, SyncOptions, SyncProgress } from './inventory-flow-types.js';

export interface SyncRun {
  readonly deps: InventoryFlowDeps;
  readonly pool: InventoryPool;
  /** The mode actually run: an incremental sync without an earlier scan runs in full. */
  readonly mode: SyncMode['kind'];
  readonly dryRun: boolean;
  /** t_s: when the bridge asked Amazon (ADR 0008, rule 1). */
  readonly snapshotAt: number;
  /** The last incremental scan's start, when there was one (read by an incremental sync only). */
  readonly lastScan: number | null;
  /** The SKUs a `skus` sync was asked for, without repeats. */
  readonly named: readonly string[] | undefined;
  readonly signal: AbortSignal | undefined;
  now(): number;
  progress(phase: SyncProgress['phase'], done: number, total?: number): void;
  summary(extra: Partial<PoolSyncSummary>): PoolSyncSummary;
}

export function startSyncRun(deps: InventoryFlowDeps, pool: InventoryPool, options: SyncOptions, lastScan: number | null): SyncRun {
  const now = (): number => deps.clock.now().getTime();
  const snapshotAt = now();
  const dryRun = options.dryRun ?? false;
  const mode = options.mode.kind === 'incremental' && lastScan === null ? 'full' : options.mode.kind;
  return {
    deps, pool, mode, dryRun, snapshotAt, lastScan, now,
    named: options.mode.kind === 'skus' ? [...new Set(options.mode.skus)] : undefined,
    signal: options.signal,
    progress: (phase, done, total) => options.onProgress?.({ poolId: pool.id, phase, done, ...(total === undefined ? {} : { total }) }),
    summary: (extra) => ({
      poolId: pool.id, mode, dryRun, snapshotAt, skusRead: 0, skusDecided: 0, entriesRead: 0, unchanged: 0, written: 0, changes: [],
      conflicts: 0, failed: 0, heldBack: 0, duplicates: 0, pages: 0, finishedAt: now(), ...extra,
    }),
  };
}

/** `sku` + `channel` as one map key. */
export const entryKey = (sku: string, channel: string): string => `${sku}\u0000${channel}`;
