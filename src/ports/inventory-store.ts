// The inventory section of the store: what the sync read from Amazon, what it wrote to (or saw in)
// commercetools, when each pool was last scanned and each channel last posted to, and the FBA-bound
// lines of the storefront orders the bridge routed. `inventory explain` answers from these records.
// Times are epoch milliseconds (UTC).
import type { OrderLinkState } from './store.js';

/** Amazon's figures for one SKU of one pool, as read at `readAt` (the snapshot time). */
export interface InventorySnapshotRecord {
  readonly connectionId: string;
  readonly poolId: string;
  readonly sku: string;
  readonly fulfillable: number;
  readonly reservedTotal: number;
  readonly pendingCustomerOrder: number;
  /** working + shipped + receiving. */
  readonly inbound: number;
  readonly unfulfillable: number;
  readonly researching: number;
  readonly totalQuantity: number;
  /** Amazon's lastUpdatedTime as it wrote it, when it sent one. */
  readonly amazonUpdatedAt: string | null;
  readonly readAt: number;
}

/** One commercetools inventory entry as the bridge last wrote or observed it, and what it expects there. */
export interface InventoryEntryRecord {
  readonly connectionId: string;
  readonly sku: string;
  readonly channel: string;
  readonly poolId: string;
  /** null while the entry does not exist (or a create failed). */
  readonly entryId: string | null;
  readonly entryVersion: number | null;
  readonly quantityOnStock: number | null;
  readonly availableQuantity: number | null;
  /** The allocation the bridge wants in quantityOnStock. */
  readonly expectedQuantity: number;
  readonly observedAt: number;
  /** When the bridge last wrote the entry successfully; null if never. */
  readonly writtenAt: number | null;
  /** Since when quantityOnStock has differed from expectedQuantity; null while they agree. */
  readonly differsSince: number | null;
}

export interface PoolSyncRecord {
  readonly connectionId: string;
  readonly poolId: string;
  readonly lastFullScanAt: number | null;
  readonly lastIncrementalScanAt: number | null;
}

export interface ChannelSyncRecord {
  readonly connectionId: string;
  readonly channel: string;
  readonly poolId: string;
  readonly lastSuccessAt: number | null;
  readonly lastFailureAt: number | null;
}

export interface OrderLineUnits {
  readonly sku: string;
  readonly quantity: number;
}

/** An FBA-bound storefront order line with its order's link state (for the unreserved units, ADR 0008). */
export interface StorefrontOrderLine {
  readonly ctOrderId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly state: OrderLinkState;
  readonly sellerFulfillmentOrderId: string | null;
  readonly submittedAt: number | null;
}

export interface InventoryRepository {
  /** Upserts Amazon's figures (one row per connection, pool, sku). */
  saveSnapshots(records: readonly InventorySnapshotRecord[]): Promise<void>;
  /** The last figures of a pool: all SKUs, or only those named. */
  snapshots(connectionId: string, poolId: string, skus?: readonly string[]): Promise<InventorySnapshotRecord[]>;
  /** The last figures of one SKU in every pool. */
  snapshotsOfSku(connectionId: string, sku: string): Promise<InventorySnapshotRecord[]>;

  /** Upserts what commercetools holds and what the bridge expects (one row per connection, sku, channel). */
  saveEntries(records: readonly InventoryEntryRecord[]): Promise<void>;
  entriesOfSku(connectionId: string, sku: string): Promise<InventoryEntryRecord[]>;
  /** Entries of a pool: all, or only those of the named SKUs. */
  entries(connectionId: string, poolId: string, skus?: readonly string[]): Promise<InventoryEntryRecord[]>;
  /** Entries whose commercetools value has differed from the expected one since `since` or earlier. */
  driftingSince(connectionId: string, since: number): Promise<InventoryEntryRecord[]>;

  /** Records that a scan of the pool started at `at` completed. */
  markScan(connectionId: string, poolId: string, kind: 'full' | 'incremental', at: number): Promise<void>;
  poolSync(connectionId: string, poolId: string): Promise<PoolSyncRecord | null>;
  /** Every pool of the connection with a completed scan, by pool id (for status and metrics). */
  poolSyncs(connectionId: string): Promise<PoolSyncRecord[]>;
  /** Records the outcome of a post to a channel. */
  markChannelPost(connectionId: string, poolId: string, channel: string, outcome: 'ok' | 'failed', at: number): Promise<void>;
  channelSync(connectionId: string): Promise<ChannelSyncRecord[]>;

  /** Replaces the FBA-bound lines recorded for one storefront order (units per SKU). */
  replaceOrderLines(connectionId: string, ctOrderId: string, lines: readonly OrderLineUnits[]): Promise<void>;
  /**
   * Lines of orders that may still hold stock Amazon has not reserved: links in blocked or submitting,
   * and links submitted (or later) at or after `submittedSince`. Local links are never listed.
   */
  openOrderLines(connectionId: string, submittedSince: number, skus?: readonly string[]): Promise<StorefrontOrderLine[]>;
}
