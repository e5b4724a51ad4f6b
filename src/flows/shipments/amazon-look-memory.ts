// What Amazon answered at the last tracking look that was wholly written back, per order: a fingerprint
// of the fulfillment order and the packages the carrier reported delivered. When the next look gets the
// same answer, commercetools already holds everything it implies, so the look neither reads nor writes
// the commercetools order (docs/adr/0023). Only a look whose write-back (shipments, state, FBA record)
// went through is remembered. In memory: after a restart, or on another worker, the first look reads as
// before. A change a person makes in commercetools alone (a delivery removed) is not repaired until Amazon's
// answer changes again.
import { createHash } from 'node:crypto';
import type { FbaOrderSnapshot } from '../../domain/orders/fba-order.js';
import { BoundedMap } from '../../domain/shared/bounded-map.js';

export interface RememberedLook {
  /** Fingerprint of the fulfillment order as getFulfillmentOrder answered it. */
  readonly fingerprint: string;
  /** Package numbers the carrier reported delivered, ascending. */
  readonly delivered: readonly number[];
  /** Everything shipped has reached the customer (or commercetools says the order is Delivered). */
  readonly allDelivered: boolean;
}

export class AmazonLookMemory {
  readonly #looks: BoundedMap<string, RememberedLook>;

  /** Bounded: the order looked at longest ago is forgotten first (it is then read once more). */
  constructor(capacity = 20_000) {
    this.#looks = new BoundedMap(capacity);
  }

  get(orderId: string): RememberedLook | undefined {
    return this.#looks.get(orderId);
  }

  remember(orderId: string, look: RememberedLook): void {
    this.#looks.set(orderId, look);
  }

  forget(orderId: string): void {
    this.#looks.delete(orderId);
  }
}

export function fingerprintOf(snapshot: FbaOrderSnapshot): string {
  return createHash('sha1').update(JSON.stringify(snapshot)).digest('base64');
}

export function sameDelivered(a: readonly number[], b: ReadonlySet<number>): boolean {
  return a.length === b.size && a.every((n) => b.has(n));
}
