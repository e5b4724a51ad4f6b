// The counts an import reports over a settlement's stored orders, in two GROUP BY queries instead of a
// pass over every order in memory (a million-row file has some hundred thousand orders).
import type { MarketplaceSales, SettlementMatchCounts } from '../../domain/settlements/settlement-order-record.js';
import type { SqlDriver } from './sql-driver.js';

type Count = number | string | null;

export async function matchCounts(
  db: SqlDriver, connectionId: string, settlementId: string,
): Promise<{ matching: SettlementMatchCounts; marketplaces: MarketplaceSales[] }> {
  const [c] = await db.query<Record<keyof SettlementMatchCounts, Count>>(
    `SELECT COUNT(*) AS orders,
       SUM(CASE WHEN channel = 'multi-channel' THEN 1 ELSE 0 END) AS "multiChannelOrders",
       SUM(CASE WHEN match_status = 'matched' THEN 1 ELSE 0 END) AS "matchedOrders",
       SUM(CASE WHEN match_status = 'amazon-sale' THEN 1 ELSE 0 END) AS "amazonOrders",
       SUM(CASE WHEN match_status = 'unmatched' THEN 1 ELSE 0 END) AS "unmatchedOrders",
       SUM(CASE WHEN refund_rows > 0 THEN 1 ELSE 0 END) AS "refundOrders",
       SUM(CASE WHEN refund_rows > 0 AND refund_of_settlement IS NOT NULL THEN 1 ELSE 0 END) AS "refundsMatched",
       SUM(CASE WHEN refund_rows > 0 AND refund_of_settlement IS NULL THEN 1 ELSE 0 END) AS "refundsWithoutSale",
       (SELECT COUNT(*) FROM settlement_unmatched u WHERE u.connection_id = $1 AND u.settlement_id = $2) AS exceptions
     FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2`,
    [connectionId, settlementId],
  );
  const n = (value: Count | undefined): number => Number(value ?? 0);
  const matching: SettlementMatchCounts = {
    orders: n(c?.orders), multiChannelOrders: n(c?.multiChannelOrders), matchedOrders: n(c?.matchedOrders), amazonOrders: n(c?.amazonOrders),
    unmatchedOrders: n(c?.unmatchedOrders), refundOrders: n(c?.refundOrders), refundsMatched: n(c?.refundsMatched),
    refundsWithoutSale: n(c?.refundsWithoutSale), exceptions: n(c?.exceptions),
  };
  const rows = await db.query<{ marketplace: string; orders: Count; sales: Count; fees: Count; refunds: Count; net: Count }>(
    `SELECT marketplace_name AS marketplace, COUNT(*) AS orders, SUM(principal + shipping + promotions) AS sales, SUM(fees) AS fees,
       SUM(refunds + refunded_fees) AS refunds, SUM(total) AS net
     FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 AND channel = 'amazon' AND marketplace_name IS NOT NULL
     GROUP BY marketplace_name ORDER BY marketplace_name`,
    [connectionId, settlementId],
  );
  return {
    matching,
    marketplaces: rows.map((r) => ({ marketplace: r.marketplace, orders: n(r.orders), sales: n(r.sales), fees: n(r.fees), refunds: n(r.refunds), net: n(r.net) })),
  };
}
