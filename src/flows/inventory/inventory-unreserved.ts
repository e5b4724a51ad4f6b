// Units of storefront order lines Amazon's snapshot does not count as reserved, per SKU, from the
// bridge's own records (order links and the FBA-bound lines the order export recorded). The rules are
// in src/domain/inventory/unreserved-order-units.ts; this maps link states onto them.
import type { InventoryRepository, StorefrontOrderLine } from '../../ports/inventory-store.js';
import { unreservedOrderUnits, type StorefrontLineState } from '../../domain/inventory/unreserved-order-units.js';

/** blocked and submitting: not at Amazon (or outcome unknown); submitted or later: accepted at submittedAt. */
export function lineState(line: StorefrontOrderLine): StorefrontLineState {
  const sentAndKnown = line.state === 'submitted' || line.state === 'cancelling' || line.state === 'closed';
  return {
    sku: line.sku,
    quantity: line.quantity,
    acceptedByAmazonAt: sentAndKnown ? line.submittedAt : null,
    // A link closed without ever reaching Amazon (cancelled before sending) takes no stock.
    closedWithoutAmazon: line.state === 'closed' && line.sellerFulfillmentOrderId === null,
  };
}

export async function unreservedUnitsAt(
  inventory: InventoryRepository, connectionId: string, snapshotAt: number, settleMs: number, skus?: readonly string[],
): Promise<Map<string, number>> {
  const lines = await inventory.openOrderLines(connectionId, snapshotAt - settleMs, skus);
  return unreservedOrderUnits(lines.map(lineState), { snapshotAt, settleMs });
}
