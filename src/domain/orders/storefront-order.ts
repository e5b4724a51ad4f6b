// The storefront (commercetools) order as the domain sees it: plain data, mapped by the commercetools
// adapter from the SDK's Order. Only what the bridge needs.
import type { Money } from '../shared/money.js';

export type OrderState = 'Open' | 'Confirmed' | 'Complete' | 'Cancelled';
export type ShipmentState = 'Shipped' | 'Delivered' | 'Ready' | 'Pending' | 'Delayed' | 'Partial' | 'Backorder' | 'Canceled';

export interface StorefrontAddress {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly company?: string;
  readonly streetName?: string;
  readonly streetNumber?: string;
  readonly additionalStreetInfo?: string;
  readonly additionalAddressInfo?: string;
  readonly building?: string;
  readonly apartment?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly region?: string;
  readonly state?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
  readonly phone?: string;
  readonly mobile?: string;
  readonly email?: string;
}

export interface StorefrontLineItem {
  readonly id: string;
  readonly sku?: string;
  /** Product name in the order's locale (or the first one). */
  readonly name: string;
  readonly quantity: number;
  /** Key of the line's supply channel (the stock pool), when set. */
  readonly supplyChannelKey?: string;
  readonly unitPrice?: Money;
}

export interface StorefrontParcel {
  readonly id: string;
  readonly key?: string;
  readonly trackingId?: string;
  readonly carrier?: string;
}

export interface StorefrontDelivery {
  readonly id: string;
  readonly key?: string;
  readonly items: ReadonlyArray<{ readonly id: string; readonly quantity: number }>;
  readonly parcels: readonly StorefrontParcel[];
}

/** What the bridge has written on the order's custom fields (type key `fba-bridge-order`). */
export interface FbaOrderFields {
  readonly fulfillmentChannel?: string;
  readonly sellerFulfillmentOrderId?: string;
  readonly fbaStatus?: string;
  readonly fbaMessage?: string;
}

export interface StorefrontOrder {
  readonly id: string;
  readonly version: number;
  readonly orderNumber?: string;
  readonly createdAt: string;
  readonly lastModifiedAt: string;
  readonly orderState: OrderState;
  readonly shipmentState?: ShipmentState;
  readonly shippingMethodKey?: string;
  readonly shippingAddress?: StorefrontAddress;
  readonly customerEmail?: string;
  readonly locale?: string;
  readonly totalPrice: Money;
  readonly lineItems: readonly StorefrontLineItem[];
  readonly deliveries: readonly StorefrontDelivery[];
  readonly fields: FbaOrderFields;
}
