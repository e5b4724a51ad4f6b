// Places demo orders the way a storefront does — cart with lines, address and shipping method, then
// order from cart — so shippingInfo (with its method reference), shippingAddress and each line's supply
// channel are real. (`/orders/import` would be simpler but the mock drops shippingInfo there, and
// against a real project import skips the checks a real checkout passes.)
import type { BaseAddress, CartDraft, Order } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { FBA_ORDER_FIELDS, FBA_ORDER_TYPE_KEY } from '../../adapters/commercetools/ct-bridge-resources.js';
import { DEMO_CURRENCY } from './demo-catalogue.js';
import { statusOf } from '../../adapters/commercetools/ct-errors.js';

export interface DemoOrderLine {
  readonly sku: string;
  readonly quantity: number;
  /** Key of the InventorySupply channel the line ships from, e.g. `fba-eu` or `warehouse-berlin`. */
  readonly supplyChannelKey?: string;
}

export interface DemoOrderSpec {
  readonly orderNumber?: string;
  readonly customerEmail: string;
  readonly shippingAddress: BaseAddress;
  readonly lines: readonly DemoOrderLine[];
  /** e.g. `fba-standard`, `fba-priority`, `dhl-home`. */
  readonly shippingMethodKey: string;
  /** Sets the order custom field (type `fba-bridge-order`, which setup must have created). */
  readonly fulfillmentChannel?: string;
  readonly locale?: string;
}

export async function createDemoOrder(api: CommercetoolsApi, spec: DemoOrderSpec): Promise<Order> {
  const cartDraft: CartDraft = {
    currency: DEMO_CURRENCY,
    country: spec.shippingAddress.country,
    locale: spec.locale ?? 'en',
    customerEmail: spec.customerEmail,
    shippingAddress: spec.shippingAddress,
    billingAddress: spec.shippingAddress,
    inventoryMode: 'None',
    lineItems: spec.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      ...(line.supplyChannelKey ? { supplyChannel: { typeId: 'channel' as const, key: line.supplyChannelKey } } : {}),
    })),
    shippingMethod: { typeId: 'shipping-method', key: spec.shippingMethodKey },
    ...(spec.fulfillmentChannel !== undefined
      ? {
          custom: {
            type: { typeId: 'type' as const, key: FBA_ORDER_TYPE_KEY },
            fields: { [FBA_ORDER_FIELDS.fulfillmentChannel]: spec.fulfillmentChannel },
          },
        }
      : {}),
  };
  const cart = (await api.carts().post({ body: cartDraft }).execute()).body;
  const order = await api
    .orders()
    .post({
      body: {
        cart: { typeId: 'cart', id: cart.id },
        version: cart.version,
        ...(spec.orderNumber ? { orderNumber: spec.orderNumber } : {}),
      },
    })
    .execute();
  return order.body;
}

/**
 * The shopper (or customer service) cancels: what the bridge must then cancel at Amazon. The bridge
 * may be writing to the same order at that moment, so a stale version (409) is re-read and retried.
 */
export async function cancelOrder(api: CommercetoolsApi, orderId: string): Promise<Order> {
  for (let attempt = 1; ; attempt++) {
    const current = (await api.orders().withId({ ID: orderId }).get().execute()).body;
    try {
      const updated = await api
        .orders()
        .withId({ ID: orderId })
        .post({ body: { version: current.version, actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }] } })
        .execute();
      return updated.body;
    } catch (err) {
      if (attempt >= 5 || statusOf(err) !== 409) throw err;
    }
  }
}
