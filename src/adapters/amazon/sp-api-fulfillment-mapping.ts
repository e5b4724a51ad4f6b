// Pure mapping between the domain's FBA shapes and Fulfillment Outbound 2020-07-01 wire shapes. The
// wire types come from @sp-api-sdk (generated from Amazon's official models), so a field that does not
// exist on Amazon's side fails to compile. Answers are still read defensively: the types say what
// Amazon promises, not what old sandboxes or a simulator actually send (UPPER-case statuses, numbers
// as strings, missing quantities).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
import type {
  CreateFulfillmentOrderRequest,
  FulfillmentOrder,
  FulfillmentShipment,
  GetFulfillmentOrderResult,
  PackageTrackingDetails,
} from '@sp-api-sdk/fulfillment-outbound-api-2020-07-01';
import {
  FBA_ORDER_STATUSES, FBA_SHIPMENT_STATUSES,
  type FbaOrderChange, type FbaOrderRequest, type FbaOrderSnapshot, type FbaPackage, type FbaShipment,
  type PackageTracking, type PackageTrackingStatus, type ShippingSpeed,
} from '../../domain/orders/fba-order.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';

const SHIPPING_SPEEDS: readonly ShippingSpeed[] = ['Standard', 'Expedited', 'Priority'];

const PACKAGE_TRACKING_STATUSES: readonly PackageTrackingStatus[] = [
  'IN_TRANSIT', 'DELIVERED', 'RETURNING', 'RETURNED', 'UNDELIVERABLE', 'DELAYED', 'AVAILABLE_FOR_PICKUP',
  'CUSTOMER_ACTION', 'UNKNOWN', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'PICKUP_SUCCESSFUL', 'PICKUP_CANCELLED',
  'PICKUP_ATTEMPTED', 'PICKUP_SCHEDULED', 'RETURN_REQUEST_ACCEPTED', 'REFUND_ISSUED', 'RETURN_RECEIVED_IN_FC',
];

export function toCreateFulfillmentOrderRequest(request: FbaOrderRequest): CreateFulfillmentOrderRequest {
  const address = request.destinationAddress;
  return {
    sellerFulfillmentOrderId: request.sellerFulfillmentOrderId,
    displayableOrderId: request.displayableOrderId,
    displayableOrderDate: request.displayableOrderDate,
    displayableOrderComment: request.displayableOrderComment,
    shippingSpeedCategory: request.shippingSpeedCategory,
    destinationAddress: {
      name: address.name,
      addressLine1: address.addressLine1,
      postalCode: address.postalCode,
      countryCode: address.countryCode,
      ...defined({
        addressLine2: address.addressLine2,
        addressLine3: address.addressLine3,
        city: address.city,
        districtOrCounty: address.districtOrCounty,
        stateOrRegion: address.stateOrRegion,
        phone: address.phone,
      }),
    },
    // The bridge only sends orders it wants shipped; Hold orders would silently auto-cancel after 14 days.
    fulfillmentAction: 'Ship',
    items: request.items.map((item) => ({
      sellerSku: item.sellerSku,
      sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
      quantity: item.quantity,
      ...defined({
        displayableComment: item.displayableComment,
        perUnitDeclaredValue: item.perUnitDeclaredValue
          ? { currencyCode: item.perUnitDeclaredValue.currencyCode, value: item.perUnitDeclaredValue.value }
          : undefined,
      }),
    })),
    ...defined({
      marketplaceId: request.marketplaceId,
      fulfillmentPolicy: request.fulfillmentPolicy,
      notificationEmails: request.notificationEmails ? [...request.notificationEmails] : undefined,
    }),
  };
}

export function toFbaOrderSnapshot(result: GetFulfillmentOrderResult): Result<FbaOrderSnapshot> {
  const order = result.fulfillmentOrder as Partial<FulfillmentOrder> | undefined;
  if (!order) return unexpected('getFulfillmentOrder answered without a fulfillmentOrder');
  const status = parseEnum(FBA_ORDER_STATUSES, order.fulfillmentOrderStatus);
  if (!status) return unexpected(`unknown fulfillmentOrderStatus '${String(order.fulfillmentOrderStatus)}' for ${order.sellerFulfillmentOrderId}`);
  const speed = parseEnum(SHIPPING_SPEEDS, order.shippingSpeedCategory);
  if (!speed) return unexpected(`unsupported shippingSpeedCategory '${String(order.shippingSpeedCategory)}' for ${order.sellerFulfillmentOrderId}`);

  const shipments: FbaShipment[] = [];
  for (const shipment of result.fulfillmentShipments ?? []) {
    const mapped = toFbaShipment(shipment);
    if (!mapped.ok) return mapped;
    shipments.push(mapped.value);
  }
  return ok({
    sellerFulfillmentOrderId: text(order.sellerFulfillmentOrderId),
    displayableOrderId: text(order.displayableOrderId),
    status,
    statusUpdatedDate: text(order.statusUpdatedDate),
    receivedDate: text(order.receivedDate),
    shippingSpeedCategory: speed,
    items: (result.fulfillmentOrderItems ?? []).map((item) => ({
      sellerSku: text(item.sellerSku),
      sellerFulfillmentOrderItemId: text(item.sellerFulfillmentOrderItemId),
      quantity: count(item.quantity),
      cancelledQuantity: count(item.cancelledQuantity),
      unfulfillableQuantity: count(item.unfulfillableQuantity),
    })),
    shipments,
  });
}

function toFbaShipment(shipment: FulfillmentShipment): Result<FbaShipment> {
  const status = parseEnum(FBA_SHIPMENT_STATUSES, shipment.fulfillmentShipmentStatus);
  if (!status) {
    return unexpected(`unknown fulfillmentShipmentStatus '${String(shipment.fulfillmentShipmentStatus)}' on shipment ${shipment.amazonShipmentId}`);
  }
  const packages: FbaPackage[] = (shipment.fulfillmentShipmentPackage ?? []).flatMap((pkg) => {
    const packageNumber = integer(pkg.packageNumber);
    if (packageNumber === undefined) return [];
    return [{
      packageNumber,
      carrierCode: text(pkg.carrierCode),
      ...defined({ trackingNumber: pkg.trackingNumber || undefined, estimatedArrivalDate: pkg.estimatedArrivalDate || undefined }),
    }];
  });
  return ok({
    amazonShipmentId: text(shipment.amazonShipmentId),
    status,
    ...defined({
      fulfillmentCenterId: shipment.fulfillmentCenterId || undefined,
      shippingDate: shipment.shippingDate || undefined,
      estimatedArrivalDate: shipment.estimatedArrivalDate || undefined,
    }),
    items: (shipment.fulfillmentShipmentItem ?? []).map((item) => ({
      sellerFulfillmentOrderItemId: text(item.sellerFulfillmentOrderItemId),
      quantity: count(item.quantity),
      ...defined({ packageNumber: integer(item.packageNumber) }),
    })),
    packages,
  });
}

/** One entry of listAllFulfillmentOrders; undefined when its status is one the domain does not know. */
export function toFbaOrderChange(order: FulfillmentOrder): FbaOrderChange | undefined {
  const status = parseEnum(FBA_ORDER_STATUSES, order.fulfillmentOrderStatus);
  if (!status) return undefined;
  return {
    sellerFulfillmentOrderId: text(order.sellerFulfillmentOrderId),
    displayableOrderId: text(order.displayableOrderId),
    status,
    statusUpdatedDate: text(order.statusUpdatedDate),
  };
}

export function toPackageTracking(details: PackageTrackingDetails, requested: number): PackageTracking {
  return {
    packageNumber: integer(details.packageNumber) ?? requested,
    ...defined({
      trackingNumber: details.trackingNumber || undefined,
      carrierCode: details.carrierCode || undefined,
      currentStatus: parseEnum(PACKAGE_TRACKING_STATUSES, details.currentStatus),
      shipDate: details.shipDate || undefined,
      estimatedArrivalDate: details.estimatedArrivalDate || undefined,
    }),
  };
}

/**
 * Case- and separator-insensitive: real answers say `Processing`, old sandbox examples `PROCESSING`,
 * notifications `CancelledByFulfiller` where the API says `CANCELLED_BY_FULFILLER`.
 */
export function parseEnum<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = squash(raw);
  return values.find((value) => squash(value) === wanted);
}

function squash(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** Quantities: absent or malformed counts as 0 (Amazon omits zero quantities on some answers). */
function count(value: unknown): number {
  return integer(value) ?? 0;
}

/** Numbers that may arrive as strings (packageNumber in some sandbox answers). */
function integer(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Drops undefined members so answers compare cleanly and requests carry no empty keys. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Amazon answered something this adapter cannot represent: a person must look (and the adapter grow). */
function unexpected<T>(message: string): Result<T> {
  return fail(failure('permanent', 'UnexpectedAnswer', message));
}
