// Per-order economics of an imported settlement's multi-channel orders: the per-order rows the import
// stored (Amazon's fees, refunds and the rest) joined with the storefront revenue the bridge recorded
// when it sent each order to Amazon. Read-only; needs only the store.
import type { OrderRevenue } from '../../domain/orders/order-revenue.js';
import { contributionTotals, orderContribution, type ContributionTotals, type OrderContribution } from '../../domain/settlements/order-contribution.js';
import type { SettlementRecord } from '../../ports/settlement-store.js';
import type { Store } from '../../ports/store.js';

export interface SettlementOrderEconomics {
  readonly settlement: SettlementRecord;
  readonly orders: readonly OrderContribution[];
  readonly totals: ContributionTotals;
}

/** Null when the settlement has not been imported (for this connection). */
export async function settlementOrderEconomics(store: Store, connectionId: string, settlementId: string): Promise<SettlementOrderEconomics | null> {
  const settlement = await store.settlements.get(connectionId, settlementId);
  if (settlement === null) return null;
  const records = (await store.settlements.listOrders(connectionId, settlementId)).filter((o) => o.channel === 'multi-channel');
  const ids = records.flatMap((o) => (o.ctOrderId === null ? [] : [o.ctOrderId]));
  const revenue = new Map<string, OrderRevenue>((await store.orderLinks.listRevenue(connectionId, ids)).map((r) => [r.ctOrderId, r]));
  const orders = records.map((o) => orderContribution(o, o.ctOrderId === null ? null : revenue.get(o.ctOrderId) ?? null, settlement));
  return { settlement, orders, totals: contributionTotals(orders, settlement) };
}
