// The Amazon side as the flows need it. One adapter per API version (2020-07-01 today; 2026-07-04 can
// be added without touching the domain). Every call goes through the rate governor at a priority.
import type { Result } from '../domain/shared/result.js';
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
 */
export type AmazonFailureCode =
  | 'DuplicateOrder' | 'OrderNotFound' | 'NotCancellable' | 'InvalidSku' | 'InvalidInput'
  | 'QuotaExceeded' | 'Unauthorized' | 'Timeout' | 'ServerError' | 'NetworkError';

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
