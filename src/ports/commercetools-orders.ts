// The commercetools side as the flows need it. Updates take the version the caller read; a stale
// version answers Failure code 'ConcurrentModification' (retryable): re-read and re-decide, never resend.
import type { Failure, Result } from '../domain/shared/result.js';
import type { ShipmentState, StorefrontOrder } from '../domain/orders/storefront-order.js';

export type { DeliveryToWrite, ParcelToWrite } from '../domain/shipments/delivery-to-write.js';
import type { DeliveryToWrite, ParcelToWrite } from '../domain/shipments/delivery-to-write.js';

export interface FbaExportRecord {
  readonly sellerFulfillmentOrderId: string;
  readonly fbaStatus: string;
  /** Plain-words note on the order, e.g. "2 of 3 lines sent to FBA; 1 line stays with the merchant". */
  readonly message?: string;
}

/** What one tracking look writes back, all in one update at one version. */
export interface ShipmentWrite {
  /** addDelivery (and, for a delivery already there, addParcelToDelivery for its missing parcels). */
  readonly deliveries: readonly DeliveryToWrite[];
  /** Parcels for deliveries the order already has (by delivery id), added unless their key is there. */
  readonly parcels: ReadonlyArray<{ readonly deliveryId: string; readonly parcel: ParcelToWrite }>;
  /** changeShipmentState, when it differs from the order's. */
  readonly shipmentState?: ShipmentState;
  /** As recordFbaState, in the same update. */
  readonly fbaRecord?: FbaExportRecord;
}

export interface ShipmentWritten {
  readonly order: StorefrontOrder;
  /**
   * Why the FBA record was not (or not wholly) written, while the shipments were: best effort, as
   * recordFbaState's failures are (e.g. a custom type without the fields, the setup missing).
   */
  readonly recordProblem?: Failure;
}

export interface OrderPage {
  readonly orders: readonly StorefrontOrder[];
  /** Pass back to get the next page; absent on the last page. */
  readonly cursor?: string;
}

export interface CommercetoolsOrderPort {
  getOrder(orderId: string): Promise<Result<StorefrontOrder | null>>;
  /**
   * The order as the bridge last read or wrote it, if remembered — without a call. It may have moved on
   * since: fit only to decide a write that carries its version, which commercetools then refuses (409)
   * if it did, and the caller reads again.
   */
  recentOrder(orderId: string): StorefrontOrder | undefined;
  /**
   * The order an OrderCreated message carries, mapped as a read one would be; undefined when the
   * message alone cannot say how to route it (its shipping method not known by key yet) or it is not
   * an order. Fit for scheduling only: the export reads the order itself.
   */
  orderFromMessage(payload: unknown): StorefrontOrder | undefined;
  getOrderByNumber(orderNumber: string): Promise<Result<StorefrontOrder | null>>;
  /** The polling safety net: orders with lastModifiedAt ≥ since, oldest first. */
  listOrdersModifiedSince(since: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>>;
  /** Custom fields (fbaStatus, sellerFulfillmentOrderId, fbaMessage) and, on first export, updateSyncInfo on the OrderExport channel. */
  recordFbaState(orderId: string, version: number, record: FbaExportRecord): Promise<Result<StorefrontOrder>>;
  /**
   * Deliveries, parcels, shipment state and FBA record in one update (writing only what is missing):
   * one version step, one call. A delivery on an order without a single shipping info is a permanent
   * OrderHasNoShippingInfo, a parcel for a delivery it lacks a permanent DeliveryNotFound.
   */
  writeShipments(orderId: string, version: number, write: ShipmentWrite): Promise<Result<ShipmentWritten>>;
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
