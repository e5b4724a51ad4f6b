// After every run of a settlement is stored: ties the refunds of its orders to their sales, per amount
// (matchRefund), page by page over the orders with refund rows only, each page one short transaction:
// one query for the orders' history in other imported settlements, one upsert of the results.
import { matchRefund } from '../../domain/settlements/settlement-matching.js';
import type { SettlementOrderMatchUpdate, SettlementOrderRecord, SettlementUnmatchedInput } from '../../ports/settlement-store.js';
import type { Store } from '../../ports/store.js';

const ORDERS_PER_PAGE = 1_000;

export async function matchSettlementRefunds(store: Store, connectionId: string, settlementId: string, fractionDigits: number): Promise<void> {
  let afterKey: string | null = null;
  for (;;) {
    const done: boolean = await store.transaction(async (tx) => {
      const page = await tx.settlements.listRefundOrdersPage(connectionId, settlementId, afterKey, ORDERS_PER_PAGE);
      if (page.length === 0) return true;
      afterKey = page[page.length - 1]?.orderKey ?? null;
      const history = groupByOrder(await tx.settlements.orderHistory(connectionId, page.map((o) => o.orderKey), settlementId));
      const updates: SettlementOrderMatchUpdate[] = [];
      const unmatched: SettlementUnmatchedInput[] = [];
      for (const order of page) {
        const match = matchRefund(order, history.get(order.orderKey) ?? [], fractionDigits);
        if (match.refundOfSettlement !== order.refundOfSettlement) {
          updates.push({
            connectionId, settlementId, orderKey: order.orderKey, matchStatus: order.matchStatus, ctOrderId: order.ctOrderId,
            ctOrderNumber: order.ctOrderNumber, refundOfSettlement: match.refundOfSettlement,
          });
        }
        if (match.problem !== null) {
          unmatched.push({
            connectionId, settlementId, orderKey: order.orderKey, lineNumber: match.problem.lineNumber, exceptionType: match.problem.type,
            reason: match.problem.reason, amount: match.problem.amount, row: refundDigest(order),
          });
        }
      }
      await tx.settlements.setOrderMatches(updates);
      await tx.settlements.addUnmatched(unmatched);
      return page.length < ORDERS_PER_PAGE;
    });
    if (done) return;
  }
}

function groupByOrder(records: readonly SettlementOrderRecord[]): Map<string, SettlementOrderRecord[]> {
  const byOrder = new Map<string, SettlementOrderRecord[]>();
  for (const r of records) {
    const list = byOrder.get(r.orderKey);
    if (list === undefined) byOrder.set(r.orderKey, [r]);
    else list.push(r);
  }
  return byOrder;
}

function refundDigest(o: SettlementOrderRecord): unknown {
  return {
    orderKey: o.orderKey, orderId: o.orderId, merchantOrderId: o.merchantOrderId, marketplaceName: o.marketplaceName, lines: `${o.firstLine}-${o.lastLine}`,
    saleRows: o.saleRows, refundRows: o.refundRows, principal: o.principal, shipping: o.shipping, refunds: o.refunds, refundedFees: o.refundedFees, total: o.total,
  };
}
