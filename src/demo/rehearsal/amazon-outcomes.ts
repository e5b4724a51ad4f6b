// What the simulator's admin API says about the storefront's orders at Amazon (/_simulator/orders).

export interface SimOrderView {
  readonly displayableOrderId: string;
  readonly status: string;
  /** Simulated epoch ms. */
  readonly receivedAtMs: number;
  readonly amazon: {
    readonly fulfillmentShipments?: ReadonlyArray<{ readonly amazonShipmentId: string; readonly fulfillmentShipmentStatus: string; readonly shippingDate?: string }>;
  };
}

/** Statuses in which Amazon did not ship everything ordered: sold on the storefront, not fulfilled. */
const NOT_FULFILLED = new Set(['Unfulfillable', 'Invalid', 'CompletePartialled']);

/** commercetools ids of storefront orders Amazon could not fulfil in full. */
export function unfulfilledAtAmazon(orders: readonly SimOrderView[], idByNumber: ReadonlyMap<string, string>): Set<string> {
  const ids = new Set<string>();
  for (const order of orders) {
    const id = idByNumber.get(order.displayableOrderId);
    if (id !== undefined && NOT_FULFILLED.has(order.status)) ids.add(id);
  }
  return ids;
}
