// Which key each shipping method id has, learned from the orders the bridge reads (they come with the
// shipping method expanded). Routing goes by shipping method key; an OrderCreated message carries the
// order with the method as a bare reference (id only), so without this the message alone cannot say
// whether FBA ships the order or how fast. Shipping methods are few and their keys rarely change; a
// key learned wrong only costs a scheduling guess, because the export reads the order itself.
import type { Order } from '@commercetools/platform-sdk';
import { BoundedMap } from '../../domain/shared/bounded-map.js';

const METHODS = 1_000;

export class ShippingMethodKeys {
  readonly #keys = new BoundedMap<string, string>(METHODS);

  learn(order: Order): void {
    const method = order.shippingInfo?.shippingMethod;
    const key = method?.obj?.key;
    if (method && key !== undefined) this.#keys.set(method.id, key);
  }

  /** The order with its shipping method's key filled in; undefined when it has a method whose key is not known yet. */
  expand(order: Order): Order | undefined {
    const method = order.shippingInfo?.shippingMethod;
    if (!order.shippingInfo || !method || method.obj) return order;
    const key = this.#keys.get(method.id);
    if (key === undefined) return undefined;
    return { ...order, shippingInfo: { ...order.shippingInfo, shippingMethod: { ...method, obj: { key } as never } } };
  }
}
