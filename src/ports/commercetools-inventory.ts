// The commercetools side of the inventory flow: supply channels, inventory entries, and the variant SKUs
// the SKU audit compares with FBA. Writes are absolute and guarded by the version the caller read: a
// stale version answers Failure code 'ConcurrentModification' (retryable) — re-read and re-decide,
// never resend.
import type { Result } from '../domain/shared/result.js';

/** A commercetools Channel used as a stock pool (role InventorySupply). */
export interface SupplyChannel {
  readonly id: string;
  readonly key: string;
}

/** One InventoryEntry as read: enough to decide and to write at its version. */
export interface InventoryEntrySnapshot {
  readonly id: string;
  readonly version: number;
  readonly sku: string;
  readonly supplyChannelId: string;
  /** Overall stock: availableQuantity + units reserved by orders/carts. */
  readonly quantityOnStock: number;
  /** What the storefront may still sell: quantityOnStock − reserved. */
  readonly availableQuantity: number;
  readonly lastModifiedAt: string;
}

/** What setAvailableQuantity needs from an entry: its version and the quantities read at that version. */
export type InventoryEntryAtVersion = Pick<InventoryEntrySnapshot, 'id' | 'version' | 'quantityOnStock' | 'availableQuantity'>;

export interface ListEntriesOptions {
  /**
   * Only entries for these SKUs. Absent: every entry of the channels. Empty: none (an empty page).
   * A cursor is only valid with the same channels and SKUs it was issued for.
   */
  readonly skus?: readonly string[];
  /** From the previous page; absent for the first. */
  readonly cursor?: string;
  /** Entries per page, at most 499 (larger values are lowered); a page may hold fewer. */
  readonly pageSize: number;
}

export interface InventoryEntryPage {
  readonly entries: readonly InventoryEntrySnapshot[];
  /** Pass back to get the next page; absent on the last page. */
  readonly cursor?: string;
}

/** One product variant's SKU, for the SKU audit. Variants without a SKU are not listed. */
export interface VariantSku {
  readonly sku: string;
  readonly productId: string;
  readonly productKey?: string;
  readonly variantId: number;
  readonly isMasterVariant: boolean;
  /** In the product's published (current) data, and the product is published; false for staged-only variants. */
  readonly published: boolean;
}

export interface VariantSkuPage {
  readonly variants: readonly VariantSku[];
  readonly cursor?: string;
}

export interface CommercetoolsInventoryPort {
  /** Every key must exist: a missing key is a permanent 'ChannelNotFound' failure naming all missing keys. */
  channelsByKey(keys: readonly string[]): Promise<Result<ReadonlyMap<string, SupplyChannel>>>;

  /**
   * Entries of these supply channels, in id order, in keyset pages (`id > last`: no 10,000 offset limit,
   * no skips or repeats when entries change mid-scan). Each entry is seen once, as it was when its page
   * was read; one created mid-scan may be missed (ids are random) and is seen by the next scan. With
   * `skus`, they are read in chunks of up to 100 and a page never spans two chunks.
   */
  listEntries(supplyChannelIds: readonly string[], options: ListEntriesOptions): Promise<Result<InventoryEntryPage>>;

  /**
   * Sets quantityOnStock (changeQuantity, an absolute value) to `target` + the units reserved at the read
   * (quantityOnStock − availableQuantity), so availableQuantity becomes `target`. Sent at `entry.version`:
   * if anything changed the entry since — a reservation, another writer — the answer is a retryable
   * 'ConcurrentModification'. An entry deleted since is a retryable 'EntryNotFound'. Sends even when
   * nothing would change: whether to write is the caller's decision.
   */
  setAvailableQuantity(entry: InventoryEntryAtVersion, target: number): Promise<Result<InventoryEntrySnapshot>>;

  /**
   * Sets quantityOnStock to `quantityOnStock` (changeQuantity, an absolute value), as docs/adr/0008
   * decided: the channel's allocation, so units held in carts come out of the allocation. Sent at
   * `entry.version`: a stale version is a retryable 'ConcurrentModification'; a deleted entry a
   * retryable 'EntryNotFound'.
   */
  setQuantityOnStock(entry: Pick<InventoryEntryAtVersion, 'id' | 'version'>, quantityOnStock: number): Promise<Result<InventoryEntrySnapshot>>;

  /**
   * A new entry with quantityOnStock = availableQuantity (nothing is reserved yet). If the (sku, channel)
   * entry exists already: retryable 'EntryExists' (re-read, then set its quantity instead).
   */
  createEntry(sku: string, supplyChannelId: string, availableQuantity: number): Promise<Result<InventoryEntrySnapshot>>;

  /** Every variant SKU (master and variants, published and staged) in keyset pages of `pageSize` products. */
  listVariantSkus(cursor: string | undefined, pageSize: number): Promise<Result<VariantSkuPage>>;
}
