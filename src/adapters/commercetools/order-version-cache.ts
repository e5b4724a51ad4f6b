// Orders as read, kept by (id, version). commercetools bumps an order's version on every change, so an
// order at a given version never changes: reading it again to check the version the caller decided on
// (the gateway's guard before every write) can be answered from here, and the write itself still carries
// that version, so commercetools refuses it with 409 if the order moved since. Bounded: the oldest go first.
import type { Order } from '@commercetools/platform-sdk';
import { BoundedMap } from '../../domain/shared/bounded-map.js';

export class OrderVersionCache {
  readonly #orders: BoundedMap<string, Order>;

  constructor(capacity = 256) {
    this.#orders = new BoundedMap(capacity);
  }

  remember(order: Order): void {
    this.#orders.set(order.id, order);
  }

  /** The order exactly at `version`, if it was read or written at that version lately. */
  at(orderId: string, version: number): Order | undefined {
    const order = this.#orders.get(orderId);
    return order?.version === version ? order : undefined;
  }

  /** The order at the last version read or written, if remembered (it may have moved on since). */
  latest(orderId: string): Order | undefined {
    return this.#orders.get(orderId);
  }
}
