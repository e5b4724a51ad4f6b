// A delivery with its parcels as the bridge writes it to a commercetools order: the Amazon shipment
// id and package numbers are the idempotency keys (architecture.md §3).
export interface ParcelToWrite {
  /** Idempotency key: `<amazonShipmentId>-<packageNumber>`. */
  readonly key: string;
  readonly trackingId?: string;
  readonly carrier: string;
  readonly items?: ReadonlyArray<{ readonly lineItemId: string; readonly quantity: number }>;
}

export interface DeliveryToWrite {
  /** Idempotency key: the Amazon shipment id. */
  readonly key: string;
  readonly items: ReadonlyArray<{ readonly lineItemId: string; readonly quantity: number }>;
  readonly parcels: readonly ParcelToWrite[];
}
