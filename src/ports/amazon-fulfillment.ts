// The Amazon side as the flows need it. One adapter per API version (2020-07-01 today; 2026-07-04 can
// be added without touching the domain). Every call goes through the rate governor at a priority.
import type { Result } from '../domain/shared/result.js';
import type { FbaInventoryLevel } from '../domain/inventory/fba-inventory-level.js';
import type {
  FbaOrderChange, FbaOrderRequest, FbaOrderSnapshot, FbaStockLevel, PackageTracking,
} from '../domain/orders/fba-order.js';

/** Bigger runs sooner when tokens are scarce (architecture.md §4). */
export const CallPriority = {
  orderPriority: 500,
  orderExpedited: 450,
  orderStandard: 400,
  cancel: 480,
  tracking: 300,
  inventory: 200,
  reports: 100,
} as const;

export interface CallOptions {
  readonly priority: number;
  readonly signal?: AbortSignal;
}

/**
 * Failure codes the flows act on (Failure.code); anything else is handled by its category.
 * - 'DuplicateOrder': an order with this sellerFulfillmentOrderId exists already (adopt it).
 * - 'OrderNotFound': no such fulfillment order.
 * - 'NotCancellable': Amazon refuses the cancellation (too late, or cancelled already).
 * - 'InvalidSku': Amazon does not know a SKU (message names the item id).
 * - 'InvalidInput': any other 400 (message kept verbatim).
 * - 'QuotaExceeded' (throttled), 'Unauthorized' (permanent), 'Timeout' / 'ServerError' (retryable).
 * - 'NextTokenExpired' (retryable): an inventory scan kept losing its nextToken and gave up restarting.
 */
export type { AmazonFailureCode } from '../domain/shared/failure-code.js';

export interface FulfillmentOrderPage {
  readonly orders: readonly FbaOrderChange[];
  readonly nextToken?: string;
}

export interface AmazonFulfillmentPort {
  createFulfillmentOrder(request: FbaOrderRequest, options: CallOptions): Promise<Result<void>>;
  /** `null` when Amazon does not know the id. */
  getFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<FbaOrderSnapshot | null>>;
  /** Orders whose status changed since `queryStartDate` (ISO); follow `nextToken` for more. */
  listFulfillmentOrders(queryStartDate: string, nextToken: string | undefined, options: CallOptions): Promise<Result<FulfillmentOrderPage>>;
  cancelFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<void>>;
  getPackageTracking(packageNumber: number, options: CallOptions): Promise<Result<PackageTracking>>;
}

export interface AmazonInventoryPort {
  /** Stock of the given SKUs (at most 50 per call are sent; the adapter pages). Unknown SKUs are absent. */
  getStockLevels(marketplaceId: string, sellerSkus: readonly string[], options: CallOptions): Promise<Result<FbaStockLevel[]>>;
}

export interface InventoryScanOptions extends CallOptions {
  /** Only SKUs whose summaries changed at or after this moment (ISO 8601); omitted: every SKU. */
  readonly startDateTime?: string;
  /** Only these SKUs (at most 50, Amazon's limit per request); omitted: every SKU. */
  readonly sellerSkus?: readonly string[];
}

/** One page of an inventory scan, in the order Amazon answered. */
export interface FbaInventoryPage {
  readonly levels: readonly FbaInventoryLevel[];
  /**
   * Which pass over Amazon's pages this page belongs to: 0, then 1, 2… after each restart. A restart
   * reads everything again from the first page, so a SKU can appear once per pass; a level from a
   * higher pass supersedes the same SKU's level from a lower one.
   */
  readonly pass: number;
  /** True on the first page of a pass after a restart: what the caller counted so far is being re-read. */
  readonly restarted: boolean;
  /** 0-based position of the page within its pass. */
  readonly page: number;
  /** True on the scan's final page (the iteration then ends). */
  readonly last: boolean;
}

export interface AmazonInventoryScanPort {
  /**
   * Every SKU of the marketplace's FBA pool (or those changed since `startDateTime`), page by page
   * with details. Pages are fetched ahead of the caller, as fast as the rate governor allows, because
   * a nextToken lives 30 s; when one is refused anyway the scan restarts from the first page (a few
   * times, then it yields a retryable 'NextTokenExpired' failure). A failure is the iteration's last
   * item. Aborting `signal` rejects the pending `next()` with the signal's reason; leaving the loop
   * early stops the reading.
   */
  scanInventory(marketplaceId: string, options: InventoryScanOptions): AsyncIterable<Result<FbaInventoryPage>>;
}
