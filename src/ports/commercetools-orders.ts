// The commercetools side as the flows need it. Updates take the version the caller read; a stale
// version answers Failure code 'ConcurrentModification' (retryable): re-read and re-decide, never resend.
import type { Result } from '../domain/shared/result.js';
import type { ShipmentState, StorefrontOrder } from '../domain/orders/storefront-order.js';

export type { DeliveryToWrite, ParcelToWrite } from '../domain/shipments/delivery-to-write.js';
import type { DeliveryToWrite, ParcelToWrite } from '../domain/shipments/delivery-to-write.js';

export interface FbaExportRecord {
  readonly sellerFulfillmentOrderId: string;
  readonly fbaStatus: string;
  /** Plain-words note on the order, e.g. "2 of 3 lines sent to FBA; 1 line stays with the merchant". */
  readonly message?: string;
}

export interface OrderPage {
  readonly orders: readonly StorefrontOrder[];
  /** Pass back to get the next page; absent on the last page. */
  readonly cursor?: string;
}

export interface CommercetoolsOrderPort {
  getOrder(orderId: string): Promise<Result<StorefrontOrder | null>>;
  getOrderByNumber(orderNumber: string): Promise<Result<StorefrontOrder | null>>;
  /** The polling safety net: orders with lastModifiedAt ≥ since, oldest first. */
  listOrdersModifiedSince(since: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>>;
  /** Custom fields (fbaStatus, sellerFulfillmentOrderId, fbaMessage) and, on first export, updateSyncInfo on the OrderExport channel. */
  recordFbaState(orderId: string, version: number, record: FbaExportRecord): Promise<Result<StorefrontOrder>>;
  /** addDelivery (and, for a delivery already there, addParcelToDelivery for its missing parcels). */
  addDelivery(orderId: string, version: number, delivery: DeliveryToWrite): Promise<Result<StorefrontOrder>>;
  addParcelToDelivery(orderId: string, version: number, deliveryId: string, parcel: ParcelToWrite): Promise<Result<StorefrontOrder>>;
  changeShipmentState(orderId: string, version: number, state: ShipmentState): Promise<Result<StorefrontOrder>>;
}

export interface SetupChange {
  readonly resource: 'type' | 'channel' | 'field';
  readonly key: string;
  readonly action: 'create' | 'add-field' | 'exists';
  readonly description: string;
}

export interface CommercetoolsSetupPort {
  /** What the project lacks; with apply=true also creates it. Idempotent. */
  ensureSetup(apply: boolean): Promise<Result<SetupChange[]>>;
}
