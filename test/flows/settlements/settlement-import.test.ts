// The settlement import use case over a real (SQLite :memory:) store: stored once, matched to the order
// links, refunds tied to their sale, exceptions for finance, nothing stored from a rejected file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { openStore } from '../../../src/adapters/store/open-store.js';
import { openSettlementFile } from '../../../src/adapters/settlement-file/settlement-file.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../../src/domain/settlements/default-chart-of-accounts.js';
import { importSettlement, UNMATCHED_LISTED, type SettlementImportOutcome } from '../../../src/flows/settlements/settlement-import.js';
import { settlementOrderEconomics } from '../../../src/flows/settlements/settlement-order-economics.js';
import type { Store } from '../../../src/ports/store.js';
import { v2SettlementText } from '../../support/settlement-text.js';

const C = 'default';
const T0 = 1_732_000_000_000;
const US_FIXTURE = new URL('../../fixtures/settlements/v2-us-point-utf8bom-lf.txt', import.meta.url).pathname;

async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(':memory:');
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

function run(store: Store, source: Parameters<typeof importSettlement>[0]['source'], now = T0): Promise<SettlementImportOutcome> {
  return importSettlement({ store, connectionId: C, source, chart: DEFAULT_CHART_OF_ACCOUNTS, now });
}

async function seedLink(store: Store, sellerFulfillmentOrderId: string, orderNumber: string): Promise<void> {
  await store.orderLinks.upsert({
    connectionId: C, ctOrderId: `ct-${orderNumber}`, orderNumber, sellerFulfillmentOrderId, state: 'closed', fbaStatus: 'COMPLETE',
    shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: T0, fbaStatusAt: T0,
  }, T0);
}

describe('settlement import', () => {
  it('imports the US fixture: summary, Amazon sales per marketplace, MCF orders matched to seeded links, the rest as exceptions', () => withStore(async (store) => {
    await seedLink(store, 'DEMO-1001-i2bybmv3us', '1001');
    await seedLink(store, 'DEMO-1006-7sn3rvlama', '1006');
    const outcome = await run(store, openSettlementFile(US_FIXTURE));
    assert.equal(outcome.status, 'imported');
    if (outcome.status !== 'imported') return;
    assert.equal(outcome.stored.summary.netProceeds, -1001);
    assert.equal(outcome.stored.summary.productCharges, 5496);
    assert.equal(outcome.journal.totalDebit, outcome.journal.totalCredit);
    const m = outcome.stored.matching;
    assert.equal(m.multiChannelOrders, 4);
    assert.equal(m.matchedOrders, 2);
    assert.equal(m.unmatchedOrders, 2);
    assert.ok(m.amazonOrders > 0);
    assert.equal(m.refundsWithoutSale, 0, 'the fixture refunds orders sold in the same settlement');
    assert.deepEqual(outcome.stored.marketplaces.map((x) => x.marketplace), ['Amazon.com']);

    const orders = await store.settlements.listOrders(C, '20000000012');
    const first = orders.find((o) => o.orderKey === 'DEMO-1001-i2bybmv3us');
    assert.equal(first?.ctOrderNumber, '1001');
    assert.equal(first?.fees, -487 - 1461);
    assert.equal(first?.itemIds.length, 2, 'the commercetools line item ids of the order');
    const exceptions = await store.exceptions.list({ connectionId: C, owner: 'finance' });
    assert.equal(exceptions.length, 1, 'one exception for the settlement\'s unmatched orders, not one per order');
    assert.equal(outcome.exceptionsRaised, 1);
    assert.ok(exceptions.every((e) => e.type === 'settlement.unmatched-row' && e.subjectType === 'settlement'));
    assert.match(exceptions[0]?.reason ?? '', /^2 multi-channel order\(s\) match no storefront order, .*no storefront order was sent/);
    assert.equal((await store.settlements.listUnmatched(C, '20000000012')).length, 2);
    // Below UNMATCHED_LISTED the answer lists every unmatched row, as stored.
    assert.deepEqual(outcome.unmatched, (await store.settlements.listUnmatched(C, '20000000012')).map(({ id: _id, ...u }) => u));
    assert.equal(outcome.unmatchedCount, 2);
    assert.deepEqual(outcome.unmatchedTotals, [
      { exceptionType: 'settlement.unmatched-row', count: 2, amount: outcome.unmatched.reduce((n, u) => n + u.amount, 0) },
    ]);
  }));

  it(`lists only the first ${UNMATCHED_LISTED} unmatched rows, with exact counts and amounts per type; every one is stored and raised`, () => withStore(async (store) => {
    const mcf = 'Non-Amazon US';
    const extra = 10;
    const rows = [
      ...Array.from({ length: UNMATCHED_LISTED + extra }, (_, i) => (
        { type: 'Order', order: `MCF-${String(i).padStart(3, '0')}`, marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -100 - i })),
      { type: 'Refund', order: 'B-9', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: -500 },
    ];
    const outcome = await run(store, [v2SettlementText('400', rows)]);
    assert.equal(outcome.status, 'imported');
    if (outcome.status !== 'imported') return;
    const stored = (await store.settlements.listUnmatched(C, '400')).map(({ id: _id, ...u }) => u);
    assert.equal(stored.length, UNMATCHED_LISTED + extra + 1, 'all of them are stored');
    assert.deepEqual(outcome.unmatched, stored.slice(0, UNMATCHED_LISTED), 'the first ones in file order');
    assert.equal(outcome.unmatchedCount, UNMATCHED_LISTED + extra + 1);
    assert.deepEqual(outcome.unmatchedTotals, [
      { exceptionType: 'settlement.refund-without-sale', count: 1, amount: -500 },
      { exceptionType: 'settlement.unmatched-row', count: UNMATCHED_LISTED + extra, amount: -100 * (UNMATCHED_LISTED + extra) - ((UNMATCHED_LISTED + extra - 1) * (UNMATCHED_LISTED + extra)) / 2 },
    ]);
    const raised = await store.exceptions.list({ connectionId: C, owner: 'finance', limit: 1_000 });
    assert.deepEqual(raised.map((e) => e.type).sort(), ['settlement.refund-without-sale', 'settlement.unmatched-row'], 'one exception per kind, listing its rows');
    const grouped = raised.find((e) => e.type === 'settlement.unmatched-row');
    assert.match(grouped?.reason ?? '', new RegExp(`^${UNMATCHED_LISTED + extra} multi-channel order.*; … ${UNMATCHED_LISTED + extra - 5} more: \`fba-bridge settlement unmatched 400\``));

    const again = await run(store, [v2SettlementText('400', rows)], T0 + 60_000);
    assert.equal(again.status, 'unchanged');
    if (again.status !== 'unchanged') return;
    assert.deepEqual(again.unmatched.map(({ lineNumber, orderKey }) => [lineNumber, orderKey]), stored.slice(0, UNMATCHED_LISTED).map(({ lineNumber, orderKey }) => [lineNumber, orderKey]));
    assert.deepEqual([again.unmatchedCount, again.unmatchedTotals], [outcome.unmatchedCount, outcome.unmatchedTotals]);
  }));

  it('importing the same file again changes nothing', () => withStore(async (store) => {
    await run(store, openSettlementFile(US_FIXTURE));
    const again = await run(store, openSettlementFile(US_FIXTURE), T0 + 60_000);
    assert.equal(again.status, 'unchanged');
    if (again.status !== 'unchanged') return;
    assert.equal(again.settlement.importedAt, T0);
    assert.equal(again.stored.matching.unmatchedOrders, 4);
    assert.deepEqual([again.unmatched.length, again.unmatchedCount], [4, 4], 'the stored unmatched rows, all of them below the cap');
    assert.equal((await store.settlements.listOrders(C, '20000000012')).length, again.stored.matching.orders);
    const [exception] = await store.exceptions.list({ connectionId: C, owner: 'finance', limit: 1 });
    assert.equal(exception?.occurrences, 1, 'no exception raised twice');
  }));

  it('another file under an imported settlement id is refused as a conflict', () => withStore(async (store) => {
    await run(store, openSettlementFile(US_FIXTURE));
    const altered = readFileSync(US_FIXTURE, 'utf8').replace('KETTLE-STEEL-1QT', 'KETTLE-STEEL-2QT');
    const outcome = await run(store, [altered]);
    assert.equal(outcome.status, 'conflict');
    if (outcome.status !== 'conflict') return;
    assert.notEqual(outcome.existing.fileSha256, outcome.fileSha256);
  }));

  it('a file that does not add up is rejected with its line numbers and nothing is stored', () => withStore(async (store) => {
    const text = v2SettlementText('900', [
      { type: 'Order', order: 'A-1', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: 1000 },
    ], 999);
    const outcome = await run(store, [text]);
    assert.equal(outcome.status, 'rejected');
    if (outcome.status !== 'rejected') return;
    assert.ok(outcome.problems.length > 0);
    assert.ok(outcome.problems.every((p) => Number.isInteger(p.lineNumber)));
    assert.equal(await store.settlements.get(C, '900'), null);
    assert.deepEqual(await store.exceptions.list({ connectionId: C }), []);
  }));

  it('streams: runs of one order far apart merge into one stored order; a file rejected at its end takes back every run written', () => withStore(async (store) => {
    const mcf = 'Non-Amazon US';
    const many = (prefix: string) => Array.from({ length: 1_200 }, (_, i) => (
      { type: 'Order', order: `${prefix}-${i}`, marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: 100 }));
    const rows = [
      { type: 'Order', order: 'MCF-7', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -300, itemId: 'line-1' },
      ...many('A'),
      { type: 'Refund', order: 'MCF-7', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: 300, itemId: 'line-2' },
      ...many('B'),
      { type: 'Order', order: 'MCF-7', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerOrderFulfillmentFee', cents: -100, itemId: 'line-1' },
    ];
    const bad = await run(store, [v2SettlementText('300', rows, 1)]);
    assert.equal(bad.status, 'rejected');
    assert.deepEqual(await store.settlements.listOrders(C, '300'), [], 'runs written while the file streamed are rolled back');

    const good = await run(store, [v2SettlementText('300', rows)]);
    assert.equal(good.status, 'imported');
    if (good.status !== 'imported') return;
    assert.equal(good.stored.matching.orders, 2_401);
    assert.equal(good.stored.matching.refundsMatched, 1);
    const orders = await store.settlements.listOrders(C, '300');
    assert.equal(orders.length, 2_401);
    const mcf7 = orders.find((o) => o.orderKey === 'MCF-7');
    assert.deepEqual(
      [mcf7?.fees, mcf7?.refundedFees, mcf7?.total, mcf7?.saleRows, mcf7?.refundRows, mcf7?.firstLine, mcf7?.lastLine, mcf7?.itemIds, mcf7?.refundOfSettlement, mcf7?.matchStatus],
      [-400, 300, -100, 2, 1, 3, 2_405, ['line-1', 'line-2'], '300', 'unmatched'],
    );
    assert.deepEqual(good.unmatched.map((u) => [u.orderKey, u.lineNumber, u.amount]), [['MCF-7', 3, -100]]);
    assert.deepEqual([good.unmatchedCount, good.unmatchedTotals], [1, [{ exceptionType: 'settlement.unmatched-row', count: 1, amount: -100 }]]);
  }));

  it('unattended imports raise a total mismatch for finance (still storing no settlement)', () => withStore(async (store) => {
    const text = v2SettlementText('901', [{ type: 'Order', order: 'A-1', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: 1000 }], 1);
    const outcome = await importSettlement({ store, connectionId: C, source: [text], chart: DEFAULT_CHART_OF_ACCOUNTS, now: T0, raiseRejected: true });
    assert.equal(outcome.status, 'rejected');
    assert.equal(await store.settlements.get(C, '901'), null);
    const [exception] = await store.exceptions.list({ connectionId: C });
    assert.equal(exception?.type, 'settlement.total-mismatch');
  }));

  it('ties a refund to the sale in an earlier settlement; a refund without any sale is an exception', () => withStore(async (store) => {
    const sale = v2SettlementText('100', [
      { type: 'Order', order: 'A-1', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: 2000 },
      { type: 'Order', order: 'A-1', marketplace: 'Amazon.com', amountType: 'ItemFees', description: 'Commission', cents: -300 },
    ]);
    const refunds = v2SettlementText('101', [
      { type: 'Refund', order: 'A-1', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: -2000 },
      { type: 'Refund', order: 'B-9', marketplace: 'Amazon.com', amountType: 'ItemPrice', description: 'Principal', cents: -500 },
    ]);
    assert.equal((await run(store, [sale])).status, 'imported');
    const outcome = await run(store, [refunds]);
    assert.equal(outcome.status, 'imported');
    if (outcome.status !== 'imported') return;
    assert.equal(outcome.stored.matching.refundsMatched, 1);
    assert.equal(outcome.stored.matching.refundsWithoutSale, 1);
    const orders = await store.settlements.listOrders(C, '101');
    assert.equal(orders.find((o) => o.orderKey === 'A-1')?.refundOfSettlement, '100');
    assert.equal(orders.find((o) => o.orderKey === 'B-9')?.refundOfSettlement, null);
    assert.deepEqual(outcome.unmatched.map((u) => [u.orderKey, u.exceptionType, u.lineNumber, u.amount]), [['B-9', 'settlement.refund-without-sale', 4, -500]]);
    assert.deepEqual([outcome.unmatchedCount, outcome.unmatchedTotals], [1, [{ exceptionType: 'settlement.refund-without-sale', count: 1, amount: -500 }]]);
    const exceptions = await store.exceptions.list({ connectionId: C, type: 'settlement.refund-without-sale' });
    assert.equal(exceptions.length, 1);
  }));

  it('per-order economics: storefront revenue recorded at export + Amazon fees + refunds = contribution, a later refund not counting revenue twice', () => withStore(async (store) => {
    await seedLink(store, 'MCF-1', '1001');
    await seedLink(store, 'MCF-2', '1002');
    await store.orderLinks.recordRevenue({
      connectionId: C, ctOrderId: 'ct-1001', orderNumber: '1001', sellerFulfillmentOrderId: 'MCF-1', currency: 'USD', fractionDigits: 2,
      totalGross: 59_97, fbaLinesValue: 54_97, recordedAt: T0,
    });
    await store.orderLinks.recordRevenue({
      connectionId: C, ctOrderId: 'ct-1002', orderNumber: '1002', sellerFulfillmentOrderId: 'MCF-2', currency: 'EUR', fractionDigits: 2,
      totalGross: 20_00, fbaLinesValue: 20_00, recordedAt: T0,
    });
    const mcf = 'Non-Amazon US';
    const sale = v2SettlementText('200', [
      { type: 'Order', order: 'MCF-1', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -4_87, itemId: 'line-1' },
      { type: 'Order', order: 'MCF-1', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerOrderFulfillmentFee', cents: -1_00, itemId: 'line-1' },
      { type: 'Order', order: 'MCF-2', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -3_00, itemId: 'line-9' },
      { type: 'Order', order: 'MCF-9', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -2_00 },
    ]);
    assert.equal((await run(store, [sale])).status, 'imported');
    const economics = await settlementOrderEconomics(store, C, '200');
    assert.ok(economics);
    const byId = new Map(economics.orders.map((o) => [o.sellerFulfillmentOrderId, o]));
    const matched = byId.get('MCF-1');
    assert.deepEqual(
      [matched?.ctOrderNumber, matched?.storefrontRevenue?.amount, matched?.revenueCounted, matched?.amazonFees, matched?.refunds, matched?.contribution],
      ['1001', 59_97, 59_97, -5_87, 0, 54_10],
    );
    assert.deepEqual([byId.get('MCF-2')?.storefrontRevenue?.currency, byId.get('MCF-2')?.contribution], ['EUR', null], 'another currency is shown, not summed');
    assert.deepEqual([byId.get('MCF-9')?.matchStatus, byId.get('MCF-9')?.contribution], ['unmatched', null]);
    assert.deepEqual(
      [economics.totals.revenue, economics.totals.amazonFees, economics.totals.contribution, economics.totals.ordersWithContribution],
      [59_97, -10_87, 54_10, 1],
    );
    assert.deepEqual(economics.totals.revenueInOtherCurrencies, [{ currency: 'EUR', fractionDigits: 2, amount: 20_00 }]);

    const refund = v2SettlementText('201', [
      { type: 'Refund', order: 'MCF-1', marketplace: mcf, amountType: 'ItemPrice', description: 'Principal', cents: -59_97, itemId: 'line-1' },
      { type: 'Refund', order: 'MCF-1', marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: 4_87, itemId: 'line-1' },
    ]);
    assert.equal((await run(store, [refund])).status, 'imported');
    const later = (await settlementOrderEconomics(store, C, '201'))?.orders[0];
    assert.deepEqual([later?.revenueCounted, later?.amazonFees, later?.refunds, later?.contribution], [null, 4_87, -59_97, -55_10]);
    assert.match(later?.note ?? '', /counted with the sale in settlement 200/);
    assert.equal(await settlementOrderEconomics(store, C, 'nope'), null);
  }));
});
