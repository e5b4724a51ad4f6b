// Reads one pool's figures from Amazon: every SKU, those changed since a moment, or named SKUs
// (50 per request, Amazon's limit), page by page (the sync streams them, docs/adr/0019) or all at once
// (the SKU audit). Through the rate governor at the inventory priority; a scan that restarts after a
// refused nextToken simply re-reads, and later passes supersede earlier ones.
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { AmazonInventoryScanPort, InventoryScanOptions } from '../../ports/amazon-fulfillment.js';
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import { ok, type Result } from '../../domain/shared/result.js';

const SKUS_PER_REQUEST = 50;

export interface AmazonRead {
  readonly levels: Map<string, FbaInventoryLevel>;
  readonly pages: number;
}

export interface AmazonReadRequest {
  readonly marketplaceId: string;
  /** Only SKUs changed at or after this ISO time. */
  readonly startDateTime?: string;
  /** Only these SKUs. */
  readonly skus?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onPage?: (levelsSoFar: number) => void;
}

export async function readAmazonPool(amazon: AmazonInventoryScanPort, request: AmazonReadRequest): Promise<Result<AmazonRead>> {
  const levels = new Map<string, FbaInventoryLevel>();
  let pages = 0;
  for await (const page of amazonLevelPages(amazon, request)) {
    if (!page.ok) return page;
    pages += 1;
    for (const level of page.value) levels.set(level.sellerSku, level);
    request.onPage?.(levels.size);
  }
  return ok({ levels, pages });
}

/** Amazon's levels one page at a time (a page holds at most 50 SKUs); a failure ends the pages. */
export async function* amazonLevelPages(amazon: AmazonInventoryScanPort, request: AmazonReadRequest): AsyncGenerator<Result<FbaInventoryLevel[]>> {
  const base: InventoryScanOptions = {
    priority: CallPriority.inventory,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.startDateTime ? { startDateTime: request.startDateTime } : {}),
  };
  const scans: InventoryScanOptions[] = request.skus === undefined
    ? [base]
    : chunk([...new Set(request.skus)], SKUS_PER_REQUEST).map((sellerSkus) => ({ ...base, sellerSkus }));
  for (const options of scans) {
    for await (const page of amazon.scanInventory(request.marketplaceId, options)) {
      if (!page.ok) {
        yield page;
        return;
      }
      // With sellerSkus Amazon answers only those; a stray one is ignored rather than trusted.
      yield ok(options.sellerSkus ? page.value.levels.filter((l) => options.sellerSkus!.includes(l.sellerSku)) : [...page.value.levels]);
    }
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
