// The settlement part of the Store contract (src/ports/settlement-store.ts), run against every adapter
// by settlement-store.test.ts: SQLite always, PostgreSQL when reachable (and always in CI).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SettlementOrderRecord, SettlementRecord } from '../../src/ports/settlement-store.js';
import type { Store } from '../../src/ports/store.js';
import type { FreshDatabase } from './store-contract.js';

const C = 'conn-1';
const T0 = 1_700_000_000_000;

export function settlementRecord(settlementId: string, overrides: Partial<SettlementRecord> = {}): SettlementRecord {
  return {
    connectionId: C, settlementId, fileSha256: 'a'.repeat(64), format: 'v2', currency: 'EUR', fractionDigits: 2,
    startDate: '2024-10-01T00:00:00Z', endDate: '2024-10-15T00:00:00Z', depositDate: '2024-10-17T00:00:00Z',
    totalAmount: 123_45, rowCount: 3, summary: { productCharges: 100_00, netProceeds: 123_45 }, importedAt: T0,
    ...overrides,
  };
}

export function orderRecord(settlementId: string, orderKey: string, overrides: Partial<SettlementOrderRecord> = {}): SettlementOrderRecord {
  return {
    connectionId: C, settlementId, orderKey, orderId: orderKey, merchantOrderId: orderKey, marketplaceName: 'Non-Amazon DE',
    channel: 'multi-channel', matchStatus: 'matched', ctOrderId: `ct-${orderKey}`, ctOrderNumber: `N-${orderKey}`,
    refundOfSettlement: null, principal: 0, shipping: 0, tax: 0, withheldTax: 0, promotions: 0, fees: -4_87, refunds: 0,
    refundedFees: 0, other: 0, total: -4_87, saleRows: 2, refundRows: 0, firstLine: 3, lastLine: 4, itemIds: ['line-1'],
    ...overrides,
  };
}

export function settlementStoreContract(adapter: string, freshDatabase: FreshDatabase): void {
  async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
    const db = await freshDatabase();
    try {
      const store = await db.open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    } finally {
      await db.dispose();
    }
  }

  describe(`Settlement store contract: ${adapter}`, () => {
    it('stores a settlement and reads it back, summary JSON and big totals included', () => withStore(async (store) => {
      const record = settlementRecord('111', { totalAmount: 9_007_199_254_740, summary: { nested: { a: [1, 2] }, label: 'Ä€' } });
      assert.deepEqual(await store.settlements.insert(record), { outcome: 'inserted' });
      assert.deepEqual(await store.settlements.get(C, '111'), record);
      assert.equal(await store.settlements.get(C, '222'), null);
      assert.equal(await store.settlements.get('other', '111'), null, 'settlements belong to a connection');
    }));

    it('the same file again is unchanged; another file under the same id is a conflict and changes nothing', () => withStore(async (store) => {
      const first = settlementRecord('111');
      await store.settlements.insert(first);
      const again = await store.settlements.insert({ ...first, importedAt: T0 + 1 });
      assert.equal(again.outcome, 'unchanged');
      const other = await store.settlements.insert({ ...first, fileSha256: 'b'.repeat(64), totalAmount: 1 });
      assert.equal(other.outcome, 'conflict');
      assert.equal(other.existing.fileSha256, first.fileSha256);
      assert.deepEqual(await store.settlements.get(C, '111'), first);
    }));

    it('lists settlements newest deposit first', () => withStore(async (store) => {
      await store.settlements.insert(settlementRecord('1', { depositDate: '2024-09-01T00:00:00Z' }));
      await store.settlements.insert(settlementRecord('2', { depositDate: '2024-10-01T00:00:00Z' }));
      assert.deepEqual((await store.settlements.list(C, 10)).map((s) => s.settlementId), ['2', '1']);
      assert.equal((await store.settlements.list(C, 1)).length, 1);
    }));

    it('stores per-order economics in batches and lists them in file order', () => withStore(async (store) => {
      await store.settlements.insert(settlementRecord('111'));
      const orders = Array.from({ length: 450 }, (_, i) => orderRecord('111', `K${String(i).padStart(4, '0')}`, { firstLine: 1000 - i, lastLine: 1000 - i }));
      await store.settlements.addOrders(orders);
      const back = await store.settlements.listOrders(C, '111');
      assert.equal(back.length, 450);
      assert.deepEqual(back[0], orders[449]);
      assert.deepEqual(await store.settlements.listOrders(C, '999'), []);
    }));

    it('merges runs of one order as they come: amounts added, line range widened, first ids kept, item ids appended once', () => withStore(async (store) => {
      await store.settlements.insert(settlementRecord('111'));
      const first = orderRecord('111', 'A', {
        orderId: null, marketplaceName: null, channel: 'amazon', matchStatus: 'amazon-sale', ctOrderId: null, ctOrderNumber: null,
        principal: 20_00, fees: -3_00, total: 17_00, saleRows: 2, refundRows: 0, firstLine: 10, lastLine: 11, itemIds: ['line-1', 'line-2'],
      });
      // Several runs in one call: the same key twice (a statement may not touch a row twice on PostgreSQL) and another order.
      await store.settlements.mergeOrders([
        first,
        orderRecord('111', 'B', { firstLine: 12, lastLine: 12, saleRows: 1 }),
        orderRecord('111', 'A', {
          orderId: 'AMZ-A', merchantOrderId: 'other', marketplaceName: 'Non-Amazon DE', channel: 'multi-channel', matchStatus: 'unmatched',
          principal: 0, fees: 1_00, refunds: -20_00, refundedFees: 2_00, total: -17_00, saleRows: 0, refundRows: 3, firstLine: 40, lastLine: 42,
          itemIds: ['line-2', 'line-3'],
        }),
      ]);
      // A later call: a run with an earlier first line (file order is not assumed for the range), no item ids, the default fees -4_87.
      await store.settlements.mergeOrders([orderRecord('111', 'A', { principal: 1, total: 1, saleRows: 1, firstLine: 5, lastLine: 5, itemIds: [] })]);
      const a = (await store.settlements.listOrders(C, '111')).find((o) => o.orderKey === 'A');
      assert.deepEqual(a, {
        ...first, orderId: 'AMZ-A', marketplaceName: 'Non-Amazon DE', channel: 'multi-channel',
        principal: 20_01, fees: -6_87, refunds: -20_00, refundedFees: 2_00, total: 1, saleRows: 3, refundRows: 3, firstLine: 5, lastLine: 42,
        itemIds: ['line-1', 'line-2', 'line-3'],
      }, 'match columns stay those of the first run; merchant order id keeps its first value');
      assert.equal((await store.settlements.listOrders(C, '111')).length, 2);

      // Matching, once every run is in: set per order, paged by order key.
      await store.settlements.setOrderMatches([
        { connectionId: C, settlementId: '111', orderKey: 'A', matchStatus: 'matched', ctOrderId: 'ct-A', ctOrderNumber: 'N-A', refundOfSettlement: '111' },
      ]);
      const pageOne = await store.settlements.listOrdersPage(C, '111', null, 1);
      assert.deepEqual(pageOne.map((o) => [o.orderKey, o.matchStatus, o.ctOrderId, o.ctOrderNumber, o.refundOfSettlement]), [['A', 'matched', 'ct-A', 'N-A', '111']]);
      assert.deepEqual((await store.settlements.listOrdersPage(C, '111', 'A', 10)).map((o) => o.orderKey), ['B']);
      assert.deepEqual(await store.settlements.listOrdersPage(C, '111', 'B', 10), []);
      assert.deepEqual(await store.settlements.listOrdersPage(C, '999', null, 10), []);
    }));

    it('merges at most 250 distinct item ids per order, in order of first appearance', () => withStore(async (store) => {
      const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `L${from + i}`);
      await store.settlements.mergeOrders([orderRecord('111', 'A', { itemIds: ids(0, 200) })]);
      await store.settlements.mergeOrders([orderRecord('111', 'A', { itemIds: [...ids(150, 100), ...ids(250, 100)] })]);
      const [a] = await store.settlements.listOrders(C, '111');
      assert.deepEqual(a?.itemIds, ids(0, 250));
    }));

    it('a rolled-back transaction takes back merged runs, the earlier stored order stays as it was', () => withStore(async (store) => {
      await store.settlements.mergeOrders([orderRecord('111', 'A')]);
      await assert.rejects(store.transaction(async (tx) => {
        await tx.settlements.mergeOrders([orderRecord('111', 'A'), orderRecord('111', 'B')]);
        throw new Error('boom');
      }), /boom/);
      assert.deepEqual(await store.settlements.listOrders(C, '111'), [orderRecord('111', 'A')]);
    }));

    it('finds the sale of an order in other settlements, not in the one asked to skip, not refund-only ones', () => withStore(async (store) => {
      await store.settlements.insert(settlementRecord('1', { startDate: '2024-09-01T00:00:00Z' }));
      await store.settlements.insert(settlementRecord('2', { startDate: '2024-10-01T00:00:00Z' }));
      await store.settlements.addOrders([orderRecord('1', 'A'), orderRecord('1', 'B', { saleRows: 0, refundRows: 1 })]);
      await store.settlements.addOrders([orderRecord('2', 'A', { saleRows: 0, refundRows: 2 }), orderRecord('2', 'B', { saleRows: 0, refundRows: 1 })]);
      assert.deepEqual((await store.settlements.findEarlierSales(C, 'A', '2')).map((o) => o.settlementId), ['1']);
      assert.deepEqual(await store.settlements.findEarlierSales(C, 'A', '1'), []);
      assert.deepEqual(await store.settlements.findEarlierSales(C, 'B', '2'), []);
      // Refunds of an order across every imported settlement, oldest settlement first.
      assert.deepEqual((await store.settlements.findRefunds(C, 'B')).map((o) => o.settlementId), ['1', '2']);
      assert.deepEqual((await store.settlements.findRefunds(C, 'A')).map((o) => o.settlementId), ['2']);
      assert.deepEqual(await store.settlements.findRefunds(C, 'NONE'), []);
    }));

    it('stores unmatched rows with their reason and the row', () => withStore(async (store) => {
      await store.settlements.insert(settlementRecord('111'));
      await store.settlements.addUnmatched([
        { connectionId: C, settlementId: '111', orderKey: 'X', lineNumber: 9, exceptionType: 'settlement.unmatched-row', reason: 'no link', amount: -5_00, row: { sku: 'S' } },
        { connectionId: C, settlementId: '111', orderKey: null, lineNumber: 4, exceptionType: 'settlement.refund-without-sale', reason: 'no sale', amount: 1, row: {} },
      ]);
      const back = await store.settlements.listUnmatched(C, '111');
      assert.deepEqual(back.map((u) => [u.lineNumber, u.orderKey, u.exceptionType, u.amount]), [[4, null, 'settlement.refund-without-sale', 1], [9, 'X', 'settlement.unmatched-row', -5_00]]);
      assert.deepEqual(back[1]?.row, { sku: 'S' });
      assert.equal(typeof back[0]?.id, 'number');
      // Paged in the same order (keyset on line number, then id), and totals per exception type.
      await store.settlements.addUnmatched([
        { connectionId: C, settlementId: '111', orderKey: 'Y', lineNumber: 9, exceptionType: 'settlement.unmatched-row', reason: 'no link', amount: -2_00, row: {} },
      ]);
      const all = await store.settlements.listUnmatched(C, '111');
      const first = await store.settlements.listUnmatchedPage(C, '111', null, 2);
      assert.deepEqual(first, all.slice(0, 2));
      const last = first[first.length - 1]!;
      assert.deepEqual(await store.settlements.listUnmatchedPage(C, '111', { lineNumber: last.lineNumber, id: last.id }, 2), all.slice(2));
      assert.deepEqual(await store.settlements.listUnmatchedPage(C, '111', { lineNumber: 9, id: all[2]!.id }, 2), []);
      assert.deepEqual(await store.settlements.unmatchedTotals(C, '111'), [
        { exceptionType: 'settlement.refund-without-sale', count: 1, amount: 1 },
        { exceptionType: 'settlement.unmatched-row', count: 2, amount: -7_00 },
      ]);
      assert.deepEqual(await store.settlements.unmatchedTotals(C, '999'), []);
    }));

    it('a rolled-back transaction leaves no settlement, order or unmatched row', () => withStore(async (store) => {
      await assert.rejects(store.transaction(async (tx) => {
        await tx.settlements.insert(settlementRecord('111'));
        await tx.settlements.addOrders([orderRecord('111', 'A')]);
        await tx.settlements.addUnmatched([{ connectionId: C, settlementId: '111', orderKey: 'A', lineNumber: 1, exceptionType: 't', reason: 'r', amount: 0, row: {} }]);
        throw new Error('boom');
      }), /boom/);
      assert.equal(await store.settlements.get(C, '111'), null);
      assert.deepEqual(await store.settlements.listOrders(C, '111'), []);
      assert.deepEqual(await store.settlements.listUnmatched(C, '111'), []);
    }));

    it('an import claims the id, stages rows nobody reads, publishes them at once; a busy or imported id is not claimed', () => withStore(async (store) => {
      const claim = await store.settlements.claimImport(settlementRecord('300', { fileSha256: '' }), T0 - 60_000);
      assert.equal(claim.outcome, 'claimed');
      if (claim.outcome !== 'claimed') return;
      assert.equal(claim.leftovers, false);
      await store.settlements.mergeOrders([orderRecord('300', 'A', { saleRows: 0, refundRows: 1, refunds: -5_00 }), orderRecord('300', 'B', { channel: 'amazon', matchStatus: 'amazon-sale', marketplaceName: 'Amazon.de', principal: 10_00 })]);
      await store.settlements.addUnmatched([{ connectionId: C, settlementId: '300', orderKey: 'A', lineNumber: 7, exceptionType: 'settlement.unmatched-row', reason: 'r', amount: -1_00, row: {} }]);
      await store.settlements.addUnmatched([{ connectionId: C, settlementId: '300', orderKey: 'A', lineNumber: 3, exceptionType: 'settlement.unmatched-row', reason: 'r', amount: -2_00, row: {} }]);
      assert.deepEqual((await store.settlements.listUnmatched(C, '300')).map((u) => [u.lineNumber, u.amount]), [[3, -3_00]], 'one row per order and reason');
      assert.equal(await store.settlements.get(C, '300'), null, 'not visible while importing');
      assert.deepEqual(await store.settlements.list(C, 10), []);
      assert.deepEqual(await store.settlements.findRefunds(C, 'A'), []);
      assert.deepEqual((await store.settlements.claimImport(settlementRecord('300'), T0 - 60_000)).outcome, 'busy');
      assert.deepEqual((await store.settlements.listRefundOrdersPage(C, '300', null, 10)).map((o) => o.orderKey), ['A']);
      const counts = await store.settlements.matchCounts(C, '300');
      assert.deepEqual([counts.matching.orders, counts.matching.refundOrders, counts.matching.exceptions], [2, 1, 1]);
      assert.deepEqual(counts.marketplaces.map((m) => [m.marketplace, m.orders, m.sales]), [['Amazon.de', 1, 10_00]]);
      await store.settlements.checkpoint();
      assert.equal(await store.settlements.publish(settlementRecord('300'), 'not-the-token'), false);
      assert.equal(await store.settlements.publish(settlementRecord('300'), claim.token), true);
      assert.deepEqual(await store.settlements.get(C, '300'), settlementRecord('300'));
      assert.deepEqual((await store.settlements.findRefunds(C, 'A')).map((o) => o.settlementId), ['300']);
      assert.deepEqual((await store.settlements.orderHistory(C, ['A', 'B', 'Z'], 'other')).map((o) => o.orderKey), ['A', 'B']);
      assert.deepEqual(await store.settlements.orderHistory(C, ['A'], '300'), []);
      const again = await store.settlements.claimImport(settlementRecord('300'), T0);
      assert.equal(again.outcome, 'imported');
      assert.equal(await store.settlements.discardStaged(C, '300', 10), 0, 'an imported settlement is never discarded');
    }));

    it('a stale import is taken over; discarding removes its rows batch by batch, abandoning its row', () => withStore(async (store) => {
      const first = await store.settlements.claimImport(settlementRecord('400', { importedAt: T0 }), T0 - 60_000);
      assert.equal(first.outcome, 'claimed');
      await store.settlements.mergeOrders(['A', 'B', 'C'].map((k) => orderRecord('400', k)));
      const later = await store.settlements.claimImport(settlementRecord('400', { importedAt: T0 + 3_600_000 }), T0 + 1);
      assert.equal(later.outcome, 'claimed');
      if (later.outcome !== 'claimed') return;
      assert.equal(later.leftovers, true);
      assert.equal(await store.settlements.discardStaged(C, '400', 2), 2);
      assert.equal(await store.settlements.discardStaged(C, '400', 2), 1);
      assert.equal(await store.settlements.discardStaged(C, '400', 2), 0);
      if (first.outcome === 'claimed') assert.equal(await store.settlements.publish(settlementRecord('400'), first.token), false, 'the old claim is lost');
      await store.settlements.abandonImport(C, '400', later.token);
      assert.equal((await store.settlements.claimImport(settlementRecord('400'), T0)).outcome, 'claimed', 'free again');
    }));

    it('finds the order links of sellerFulfillmentOrderIds in one call', () => withStore(async (store) => {
      await store.orderLinks.upsert({
        connectionId: C, ctOrderId: 'ct-1', orderNumber: '1001', sellerFulfillmentOrderId: 'SFO-1', state: 'closed', fbaStatus: 'COMPLETE',
        shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: T0, fbaStatusAt: T0,
      }, T0);
      assert.deepEqual(await store.settlements.linkedOrders(C, ['SFO-1', 'SFO-2']), [{ sellerFulfillmentOrderId: 'SFO-1', ctOrderId: 'ct-1', orderNumber: '1001' }]);
      assert.deepEqual(await store.settlements.linkedOrders(C, []), []);
      assert.deepEqual(await store.settlements.linkedOrders('other', ['SFO-1']), []);
    }));
  });
}
