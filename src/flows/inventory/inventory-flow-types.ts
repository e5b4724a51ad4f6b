// What the inventory sync needs (ports, not adapters), how it is asked to run, and what it reports.
import type { AmazonInventoryScanPort } from '../../ports/amazon-fulfillment.js';
import type { CommercetoolsInventoryPort } from '../../ports/commercetools-inventory.js';
import type { Store } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import type { FlowMetrics } from '../../ports/flow-metrics.js';
import type { Logger } from '../../ports/logger.js';
import type { InventorySettings } from '../../config/inventory-schema.js';

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
  readonly skusRead: number;
  readonly skusDecided: number;
  readonly entriesRead: number;
  readonly unchanged: number;
  /** Writes that landed (or, in a dry run, would be sent). */
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
  /** Set when the sync could not run; nothing was written. */
  readonly error?: string;
}

/** How far back an incremental scan reaches before the last scan's start: Amazon's figures settle late. */
export const INCREMENTAL_OVERLAP_MS = 10 * 60_000;
/** Re-decide rounds after 409s before leaving the rest to the next sync. */
export const MAX_REDECIDE_ROUNDS = 3;
