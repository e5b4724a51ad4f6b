// What the inventory sync needs (ports, not adapters), how it is asked to run, and what it reports.
import type { AmazonInventoryScanPort } from '../../ports/amazon-fulfillment.js';
import type { CommercetoolsInventoryPort } from '../../ports/commercetools-inventory.js';
import type { Store } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import type { FlowMetrics } from '../../ports/flow-metrics.js';
import type { Logger } from '../../ports/logger.js';
import type { InventorySettings } from '../../config/inventory-schema.js';
import type { ChannelIdMemory } from './inventory-channel-memory.js';

export interface InventoryFlowDeps {
  readonly connectionId: string;
  readonly settings: InventorySettings;
  readonly store: Store;
  readonly amazon: AmazonInventoryScanPort;
  readonly commercetools: CommercetoolsInventoryPort;
  /** Business time: snapshot times and order acceptance times are compared on it. */
  readonly clock: Clock;
  readonly logger: Logger;
  /** Round-trip histograms (start only). */
  readonly metrics?: FlowMetrics;
  /** Supply channel ids remembered across syncs (a running bridge); absent: read on every sync. */
  readonly channelIds?: ChannelIdMemory;
}

/**
 * full: every SKU of the pool; incremental: SKUs Amazon changed since the last scan (minus an overlap),
 * plus entries still drifting; skus: just these (an Amazon notification named them).
 */
export type SyncMode =
  | { readonly kind: 'full' }
  | { readonly kind: 'incremental' }
  | { readonly kind: 'skus'; readonly skus: readonly string[] };

export interface SyncProgress {
  readonly poolId: string;
  readonly phase: 'amazon' | 'commercetools' | 'writing';
  readonly done: number;
  /** Known for writing; unknown while reading. */
  readonly total?: number;
}

export interface SyncOptions {
  readonly mode: SyncMode;
  /** Plan only: nothing is written to commercetools or recorded as written. */
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly signal?: AbortSignal;
}

export interface InventoryChange {
  readonly sku: string;
  readonly channel: string;
  /** quantityOnStock before; null for an entry created. */
  readonly from: number | null;
  readonly to: number;
}

export interface PoolSyncSummary {
  readonly poolId: string;
  /** The mode actually run (an incremental sync without an earlier scan runs in full). */
  readonly mode: SyncMode['kind'];
  readonly dryRun: boolean;
  readonly snapshotAt: number;
  /** When the sync ended (business time); finishedAt − snapshotAt is how long it took. */
  readonly finishedAt: number;
  readonly skusRead: number;
  readonly skusDecided: number;
  readonly entriesRead: number;
  readonly unchanged: number;
  /** Entries written (or, in a dry run, that would be). */
  readonly written: number;
  /** The first CHANGES_LISTED of them: a sync streams its pool, and a first sync of a big pool writes every entry (docs/adr/0019). */
  readonly changes: readonly InventoryChange[];
  /** 409 answers, each followed by a re-read and a new decision. */
  readonly conflicts: number;
  /** Writes that failed for good in this sync (an exception each). */
  readonly failed: number;
  /** Increases not sent because an earlier write of the same SKU failed (ADR 0008, rule 4). */
  readonly heldBack: number;
  readonly duplicates: number;
  /** Amazon page reads. */
  readonly pages: number;
  /**
   * Set when the sync could not run or stopped (Amazon or commercetools could not be read): the
   * batches before were written and recorded, the rest not; the scan is not marked done.
   */
  readonly error?: string;
}

/** How many changes a summary lists (the count is `written`). */
export const CHANGES_LISTED = 1000;

/** How far back an incremental scan reaches before the last scan's start: Amazon's figures settle late. */
export const INCREMENTAL_OVERLAP_MS = 10 * 60_000;
/** Re-decide rounds after 409s before leaving the rest to the next sync. */
export const MAX_REDECIDE_ROUNDS = 3;
