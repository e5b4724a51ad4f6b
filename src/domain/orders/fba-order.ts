// Amazon-side shapes of a Multi-Channel Fulfillment order, as the domain uses them. They mirror
// fulfillmentOutbound_2020-07-01 (../shared/spapi-models) in the parts the bridge needs, so that a
// 2026-07-04 adapter can map to the same shapes without touching the domain.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference

export type ShippingSpeed = 'Standard' | 'Expedited' | 'Priority';
export type FulfillmentPolicy = 'FillOrKill' | 'FillAll' | 'FillAllAvailable';

export const FBA_ORDER_STATUSES = [
  'New', 'Received', 'Planning', 'Processing', 'Cancelled', 'Complete', 'CompletePartialled', 'Unfulfillable', 'Invalid',
] as const;
export type FbaOrderStatus = (typeof FBA_ORDER_STATUSES)[number];

export const FBA_SHIPMENT_STATUSES = ['PENDING', 'SHIPPED', 'CANCELLED_BY_FULFILLER', 'CANCELLED_BY_SELLER'] as const;
export type FbaShipmentStatus = (typeof FBA_SHIPMENT_STATUSES)[number];

export interface FbaAddress {
  readonly name: string;
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly city?: string;
  readonly districtOrCounty?: string;
  readonly stateOrRegion?: string;
  readonly postalCode: string;
  readonly countryCode: string;
  readonly phone?: string;
}

export interface FbaOrderItemRequest {
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  readonly displayableComment?: string;
  /** Decimal string in the order currency, e.g. "19.99". */
  readonly perUnitDeclaredValue?: { readonly currencyCode: string; readonly value: string };
}

export interface FbaOrderRequest {
  readonly sellerFulfillmentOrderId: string;
  readonly displayableOrderId: string;
  readonly displayableOrderDate: string;
  readonly displayableOrderComment: string;
  readonly shippingSpeedCategory: ShippingSpeed;
  readonly destinationAddress: FbaAddress;
  readonly items: readonly FbaOrderItemRequest[];
  readonly marketplaceId?: string;
  readonly fulfillmentPolicy?: FulfillmentPolicy;
  readonly notificationEmails?: readonly string[];
}

export interface FbaOrderItemState {
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  readonly cancelledQuantity: number;
  readonly unfulfillableQuantity: number;
}

export interface FbaPackage {
  readonly packageNumber: number;
  readonly carrierCode: string;
  readonly trackingNumber?: string;
  readonly estimatedArrivalDate?: string;
}

export interface FbaShipment {
  readonly amazonShipmentId: string;
  readonly fulfillmentCenterId?: string;
  readonly status: FbaShipmentStatus;
  readonly shippingDate?: string;
  readonly estimatedArrivalDate?: string;
  readonly items: ReadonlyArray<{ readonly sellerFulfillmentOrderItemId: string; readonly quantity: number; readonly packageNumber?: number }>;
  readonly packages: readonly FbaPackage[];
}

/** A fulfillment order as Amazon reports it (getFulfillmentOrder). */
export interface FbaOrderSnapshot {
  readonly sellerFulfillmentOrderId: string;
  readonly displayableOrderId: string;
  readonly status: FbaOrderStatus;
  readonly statusUpdatedDate: string;
  readonly receivedDate: string;
  readonly shippingSpeedCategory: ShippingSpeed;
  readonly items: readonly FbaOrderItemState[];
  readonly shipments: readonly FbaShipment[];
}

/** One entry of listAllFulfillmentOrders: enough to know it changed. */
export interface FbaOrderChange {
  readonly sellerFulfillmentOrderId: string;
  readonly displayableOrderId: string;
  readonly status: FbaOrderStatus;
  readonly statusUpdatedDate: string;
}

export type PackageTrackingStatus =
  | 'IN_TRANSIT' | 'DELIVERED' | 'RETURNING' | 'RETURNED' | 'UNDELIVERABLE' | 'DELAYED' | 'AVAILABLE_FOR_PICKUP'
  | 'CUSTOMER_ACTION' | 'UNKNOWN' | 'OUT_FOR_DELIVERY' | 'DELIVERY_ATTEMPTED' | 'PICKUP_SUCCESSFUL' | 'PICKUP_CANCELLED'
  | 'PICKUP_ATTEMPTED' | 'PICKUP_SCHEDULED' | 'RETURN_REQUEST_ACCEPTED' | 'REFUND_ISSUED' | 'RETURN_RECEIVED_IN_FC';

export interface PackageTracking {
  readonly packageNumber: number;
  readonly trackingNumber?: string;
  readonly carrierCode?: string;
  readonly currentStatus?: PackageTrackingStatus;
  readonly shipDate?: string;
  readonly estimatedArrivalDate?: string;
}

/** What FBA holds of a SKU (getInventorySummaries). */
export interface FbaStockLevel {
  readonly sellerSku: string;
  readonly fulfillableQuantity: number;
  readonly totalQuantity: number;
}
