// Maps the SDK's Order to the domain's StorefrontOrder. Reads keys from expanded references, so the
// order must have been fetched with ORDER_EXPANSIONS. Unknown enum values (commercetools may add some)
// come back as a permanent failure naming the value rather than being guessed.
import type { Address, Delivery, LineItem, LocalizedString, Order, Parcel, TypedMoney } from '@commercetools/platform-sdk';
import type { Money } from '../../domain/shared/money.js';
import type {
  FbaOrderFields,
  OrderState,
  ShipmentState,
  StorefrontAddress,
  StorefrontDelivery,
  StorefrontLineItem,
  StorefrontOrder,
  StorefrontParcel,
} from '../../domain/orders/storefront-order.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import { FBA_ORDER_FIELDS } from './ct-bridge-resources.js';

/** Expansions every order read asks for: the mapper reads keys (and the custom type) from them. */
export const ORDER_EXPANSIONS = ['shippingInfo.shippingMethod', 'lineItems[*].supplyChannel', 'custom.type'];

const ORDER_STATES: Record<OrderState, true> = { Open: true, Confirmed: true, Complete: true, Cancelled: true };
const SHIPMENT_STATES: Record<ShipmentState, true> = {
  Shipped: true,
  Delivered: true,
  Ready: true,
  Pending: true,
  Delayed: true,
  Partial: true,
  Backorder: true,
  Canceled: true,
};

export function toStorefrontOrder(order: Order): Result<StorefrontOrder> {
  if (!Object.hasOwn(ORDER_STATES, order.orderState)) return unexpected(order, 'orderState', order.orderState);
  if (order.shipmentState !== undefined && !Object.hasOwn(SHIPMENT_STATES, order.shipmentState)) {
    return unexpected(order, 'shipmentState', order.shipmentState);
  }
  const shippingMethodKey = order.shippingInfo?.shippingMethod?.obj?.key;
  return ok({
    id: order.id,
    version: order.version,
    createdAt: order.createdAt,
    lastModifiedAt: order.lastModifiedAt,
    orderState: order.orderState as OrderState,
    totalPrice: toMoney(order.totalPrice),
    lineItems: order.lineItems.map((line) => toLineItem(line, order.locale)),
    // Single shipping mode only: Multiple mode (order.shipping[]) is not sent to FBA by this bridge.
    deliveries: (order.shippingInfo?.deliveries ?? []).map(toDelivery),
    fields: toFields(order),
    ...(order.orderNumber !== undefined ? { orderNumber: order.orderNumber } : {}),
    ...(order.shipmentState !== undefined ? { shipmentState: order.shipmentState as ShipmentState } : {}),
    ...(shippingMethodKey !== undefined ? { shippingMethodKey } : {}),
    ...(order.shippingAddress ? { shippingAddress: toAddress(order.shippingAddress) } : {}),
    ...(order.customerEmail !== undefined ? { customerEmail: order.customerEmail } : {}),
    ...(order.locale !== undefined ? { locale: order.locale } : {}),
  });
}

function toLineItem(line: LineItem, locale: string | undefined): StorefrontLineItem {
  const supplyChannelKey = line.supplyChannel?.obj?.key;
  return {
    id: line.id,
    name: localized(line.name, locale),
    quantity: line.quantity,
    unitPrice: toMoney(line.price.value),
    ...(line.variant.sku !== undefined ? { sku: line.variant.sku } : {}),
    ...(supplyChannelKey !== undefined ? { supplyChannelKey } : {}),
  };
}

function toDelivery(delivery: Delivery): StorefrontDelivery {
  return {
    id: delivery.id,
    items: delivery.items.map((item) => ({ id: item.id, quantity: item.quantity })),
    parcels: delivery.parcels.map(toParcel),
    ...(delivery.key !== undefined ? { key: delivery.key } : {}),
  };
}

function toParcel(parcel: Parcel): StorefrontParcel {
  const tracking = parcel.trackingData;
  return {
    id: parcel.id,
    ...(parcel.key !== undefined ? { key: parcel.key } : {}),
    ...(tracking?.trackingId !== undefined ? { trackingId: tracking.trackingId } : {}),
    ...(tracking?.carrier !== undefined ? { carrier: tracking.carrier } : {}),
  };
}

// Read by name whatever the custom type: recordFbaState only writes these names into our own type or
// into a merchant's type that defines them. Enum fields read back as their key, which is a string.
function toFields(order: Order): FbaOrderFields {
  const raw = order.custom?.fields ?? {};
  const fields: Record<string, string> = {};
  for (const name of Object.values(FBA_ORDER_FIELDS)) {
    const value: unknown = raw[name];
    if (typeof value === 'string') fields[name] = value;
    else if (value && typeof value === 'object' && typeof (value as { key?: unknown }).key === 'string') {
      fields[name] = (value as { key: string }).key;
    }
  }
  return fields;
}

const ADDRESS_FIELDS = [
  'firstName', 'lastName', 'company', 'streetName', 'streetNumber', 'additionalStreetInfo', 'additionalAddressInfo',
  'building', 'apartment', 'postalCode', 'city', 'region', 'state', 'country', 'phone', 'mobile', 'email',
] as const satisfies ReadonlyArray<keyof StorefrontAddress & keyof Address>;

function toAddress(address: Address): StorefrontAddress {
  const out: { -readonly [K in keyof StorefrontAddress]?: string } = {};
  for (const field of ADDRESS_FIELDS) {
    const value = address[field];
    if (typeof value === 'string' && value !== '') out[field] = value;
  }
  return out;
}

function toMoney(money: TypedMoney): Money {
  return { centAmount: money.centAmount, currencyCode: money.currencyCode, fractionDigits: money.fractionDigits };
}

/** The order's locale, then its language alone ("de" for "de-DE"), then any language the name has. */
function localized(name: LocalizedString, locale: string | undefined): string {
  if (locale) {
    const exact = name[locale];
    if (exact) return exact;
    const language = name[locale.split('-')[0] ?? ''];
    if (language) return language;
  }
  return Object.values(name).find((v) => v !== '') ?? '';
}

function unexpected(order: Order, field: string, value: string): Result<StorefrontOrder> {
  return fail(failure('permanent', 'UnexpectedOrderValue', `Order ${order.id} has ${field} "${value}", which this bridge does not know`));
}
