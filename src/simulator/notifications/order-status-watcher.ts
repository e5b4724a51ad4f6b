// Turns an order's history into FULFILLMENT_ORDER_STATUS events: one EventType Order per status the
// order took (acceptance included), one EventType Shipment per shipment that left the FC. It remembers
// how much of each order's history it has seen, so every event is told once.
import type { SimOrder, SimShipment } from '../state/sim-records.js';

export interface OrderStatusEvent {
  readonly order: SimOrder;
  readonly status: string;
  readonly at: number;
  readonly shipment?: SimShipment;
}

export class OrderStatusWatcher {
  readonly #seen = new Map<string, { entries: number; shipped: Set<string> }>();

  /** Orders the simulator starts with count as told already. */
  constructor(existing: Iterable<SimOrder>) {
    for (const order of existing) this.#seen.set(order.sellerFulfillmentOrderId, { entries: order.history.length, shipped: shippedIds(order) });
  }

  /** The events of `order` not told yet, in the order they happened. */
  changes(order: SimOrder): OrderStatusEvent[] {
    let seen = this.#seen.get(order.sellerFulfillmentOrderId);
    if (!seen) {
      seen = { entries: 0, shipped: new Set() };
      this.#seen.set(order.sellerFulfillmentOrderId, seen);
    }
    const events: OrderStatusEvent[] = [];
    for (let i = seen.entries; i < order.history.length; i++) {
      const entry = order.history[i]!;
      const previous = order.history[i - 1];
      if (!previous || previous.status !== entry.status) {
        events.push({ order, status: entry.status, at: entry.at });
        continue;
      }
      // An entry that keeps the status records a shipment leaving.
      const shipment = order.shipments.find((s) => s.status === 'SHIPPED' && s.shippedAt === entry.at && !seen.shipped.has(s.amazonShipmentId));
      if (shipment) {
        seen.shipped.add(shipment.amazonShipmentId);
        events.push({ order, status: entry.status, at: entry.at, shipment });
      }
    }
    seen.entries = order.history.length;
    return events;
  }
}

function shippedIds(order: SimOrder): Set<string> {
  return new Set(order.shipments.filter((s) => s.status === 'SHIPPED').map((s) => s.amazonShipmentId));
}
