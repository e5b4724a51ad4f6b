// commercetools inventory entries and products as the inventory port speaks of them, and the SKU chunks
// a filtered listing is read in.
import type { InventoryEntry, Product, ProductVariant } from '@commercetools/platform-sdk';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { InventoryEntrySnapshot, VariantSku } from '../../ports/commercetools-inventory.js';

export function toEntrySnapshot(entry: InventoryEntry): Result<InventoryEntrySnapshot> {
  const supplyChannelId = entry.supplyChannel?.id;
  if (!supplyChannelId) {
    // Entries without a channel are the project's default stock, never one the bridge reads or writes.
    return fail(failure('permanent', 'EntryWithoutChannel', `Inventory entry ${entry.id} (sku ${entry.sku}) has no supply channel`));
  }
  return ok({
    id: entry.id,
    version: entry.version,
    sku: entry.sku,
    supplyChannelId,
    quantityOnStock: entry.quantityOnStock,
    availableQuantity: entry.availableQuantity,
    lastModifiedAt: entry.lastModifiedAt,
  });
}

export function toEntrySnapshots(entries: readonly InventoryEntry[]): Result<InventoryEntrySnapshot[]> {
  const out: InventoryEntrySnapshot[] = [];
  for (const entry of entries) {
    const mapped = toEntrySnapshot(entry);
    if (!mapped.ok) return mapped;
    out.push(mapped.value);
  }
  return ok(out);
}

/**
 * The variant SKUs of one product: its published data first, then variants only in its staged data
 * (added but not yet published) — a SKU the merchant is about to sell is no stranger to the audit.
 */
export function variantSkusOf(product: Product): VariantSku[] {
  const { current, staged, published } = product.masterData;
  const out: VariantSku[] = [];
  const seen = new Set<string>();
  const add = (variant: ProductVariant, isMasterVariant: boolean, inCurrent: boolean) => {
    if (!variant.sku || seen.has(variant.sku)) return;
    seen.add(variant.sku);
    out.push({
      sku: variant.sku,
      productId: product.id,
      ...(product.key !== undefined ? { productKey: product.key } : {}),
      variantId: variant.id,
      isMasterVariant,
      published: published && inCurrent,
    });
  };
  for (const data of [current, staged]) {
    const inCurrent = data === current;
    add(data.masterVariant, true, inCurrent);
    for (const variant of data.variants) add(variant, false, inCurrent);
  }
  return out;
}

// A filtered listing sends its SKUs as repeated `var.skus` query parameters. 100 SKUs × a few channels
// fit in one page of 499, and the URL stays below the 8 KB many proxies and load balancers accept
// (commercetools documents no URL limit of its own).
const SKUS_PER_CHUNK = 100;
const CHUNK_URL_BUDGET = 6_000;
const PER_SKU_OVERHEAD = '&var.skus='.length;

/**
 * Distinct SKUs in a fixed order, cut into chunks small enough for one query each. Empty SKUs are left
 * out: no entry has one, and the SDK drops empty query values.
 */
export function skuChunks(skus: readonly string[]): string[][] {
  const distinct = [...new Set(skus)].filter((sku) => sku.length > 0).sort();
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const sku of distinct) {
    const cost = PER_SKU_OVERHEAD + encodeURIComponent(sku).length;
    if (chunk.length > 0 && (chunk.length >= SKUS_PER_CHUNK || length + cost > CHUNK_URL_BUDGET)) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(sku);
    length += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
