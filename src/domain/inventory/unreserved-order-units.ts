// Which storefront order units the allocation must subtract from Amazon's fulfillable figure, so that
// every unit sold on the storefront is counted exactly once (docs/adr/0008, "Counting each order once").
//
// Amazon's snapshot already excludes an order once Amazon has accepted it (the units sit in
// reservedQuantity.pendingCustomerOrderQuantity, then leave the totals when shipped). Every other
// live storefront line is invisible to Amazon and must be subtracted by the bridge. The boundary is
// drawn per snapshot, not per moment of computing: an order accepted after the snapshot was taken
// is still in the snapshot's fulfillable figure, so it still counts here.

export interface StorefrontLineState {
  readonly sku: string;
  readonly quantity: number;
  /**
   * When Amazon accepted the fulfillment order carrying this line (epoch ms); null while it is not
   * yet sent, being sent, or its outcome is unknown (a create that may or may not have landed).
   */
  readonly acceptedByAmazonAt: number | null;
  /**
   * The line will never take stock at Amazon: cancelled in commercetools before it was sent, or
   * refused by Amazon. (A line Amazon accepted and later cancelled is not "closed without Amazon":
   * its units are back in fulfillable, and acceptedByAmazonAt keeps it out of the count.)
   */
  readonly closedWithoutAmazon: boolean;
}

export interface SnapshotTiming {
  /** When Amazon's figures were read (epoch ms). */
  readonly snapshotAt: number;
  /**
   * How long after acceptance Amazon's inventory figures are assumed to show an order as reserved.
   * Orders accepted within this margin before the snapshot count here too: counted twice for a
   * moment (the safe side) rather than possibly not at all.
   */
  readonly settleMs: number;
}

/** True when the snapshot does not yet reflect this line, so the bridge must subtract it. */
export function isUnreservedAt(line: StorefrontLineState, timing: SnapshotTiming): boolean {
  if (line.closedWithoutAmazon) return false;
  return line.acceptedByAmazonAt === null || line.acceptedByAmazonAt > timing.snapshotAt - timing.settleMs;
}

/** Units per SKU that the snapshot taken at `timing.snapshotAt` does not count as reserved. */
export function unreservedOrderUnits(lines: Iterable<StorefrontLineState>, timing: SnapshotTiming): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
      throw new RangeError(`sku ${line.sku}: line quantity must be a whole number ≥ 0, got ${line.quantity}`);
    }
    if (line.quantity === 0 || !isUnreservedAt(line, timing)) continue;
    units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
  }
  return units;
}
