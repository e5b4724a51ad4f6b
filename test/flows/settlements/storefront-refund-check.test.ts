// The storefront refund check over a real (SQLite :memory:) store: a storefront refund of an FBA order
// with no Amazon refund in any imported settlement becomes a finance exception after the grace period,
// not before, and is resolved once a settlement with a Refund row for the order is imported.
// One scenario runs against commercetools-mock over HTTP (the real refund reader); the rest use a fake.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommercetoolsRefundReader } from '../../../src/adapters/commercetools/ct-refund-reader.js';
import { createDemoOrder } from '../../../src/demo/seeders/demo-orders.js';
import { openStore } from '../../../src/adapters/store/open-store.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../../src/domain/settlements/default-chart-of-accounts.js';
import { fail, failure, ok, type Result } from '../../../src/domain/shared/result.js';
import { importSettlement } from '../../../src/flows/settlements/settlement-import.js';
import { checkStorefrontRefunds, formatMoney, STOREFRONT_REFUND_UNMATCHED } from '../../../src/flows/settlements/storefront-refund-check.js';
import type { CommercetoolsRefundPort, OrderRefunds, StorefrontRefund } from '../../../src/ports/commercetools-refunds.js';
import type { Store } from '../../../src/ports/store.js';
import { anOrderSpec, startTestProject, type TestProject } from '../../commercetools/ct-test-project.js';
import { v2SettlementText } from '../../support/settlement-text.js';

const C = 'default';
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

async function withStore(body: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(':memory:');
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

async function link(store: Store, ctOrderId: string, orderNumber: string, sfoId: string | null, at = T0): Promise<void> {
  await store.orderLinks.upsert({
    connectionId: C, ctOrderId, orderNumber, sellerFulfillmentOrderId: sfoId, state: sfoId === null ? 'local' : 'closed',
    fbaStatus: sfoId === null ? null : 'COMPLETE', shippingSpeed: 'Standard', fbaLines: sfoId === null ? 0 : 1, localLines: sfoId === null ? 1 : 0,
    submittedAt: sfoId === null ? null : at, fbaStatusAt: null,
  }, at);
}

/** A sale of the MCF order in settlement `saleId`, its refund in `refundId` (a Refund row for the merchant order id). */
async function importSaleAndRefund(store: Store, sfoId: string, saleId: string, refundId: string, now: number): Promise<void> {
  const mcf = 'Non-Amazon DE';
  const sale = v2SettlementText(saleId, [
    { type: 'Order', order: sfoId, marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -350 },
  ]);
  const refund = v2SettlementText(refundId, [
    { type: 'Refund', order: sfoId, marketplace: mcf, amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: 350 },
  ]);
  for (const text of [sale, refund]) {
    const outcome = await importSettlement({ store, connectionId: C, source: [text], chart: DEFAULT_CHART_OF_ACCOUNTS, now });
    assert.equal(outcome.status, 'imported', outcome.status === 'rejected' ? JSON.stringify(outcome.problems) : outcome.status);
  }
}

const refund = (amount: number, at: number, id = `tx-${amount}-${at}`): StorefrontRefund => ({
  paymentId: 'pay-1', transactionId: id, amount, currency: 'EUR', fractionDigits: 2, at,
});

/** Storefront refunds by commercetools order id; records the ids asked for per call. */
class FakeRefunds implements CommercetoolsRefundPort {
  readonly calls: string[][] = [];
  failWith: Result<never> | null = null;
  constructor(private readonly byOrder: Record<string, readonly StorefrontRefund[]>) {}
  refundsOf(orderIds: readonly string[]): Promise<Result<ReadonlyMap<string, OrderRefunds>>> {
    this.calls.push([...orderIds]);
    if (this.failWith) return Promise.resolve(this.failWith);
    const found = new Map<string, OrderRefunds>();
    for (const id of orderIds) found.set(id, { orderId: id, orderNumber: null, refunds: this.byOrder[id] ?? [] });
    return Promise.resolve(ok(found));
  }
}

const openOf = (store: Store) => store.exceptions.list({ connectionId: C, type: STOREFRONT_REFUND_UNMATCHED, status: 'open' });

describe('storefront refund check against commercetools-mock', () => {
  let project: TestProject;
  before(async () => { project = await startTestProject({ seed: true }); });
  after(async () => { await project.server.close(); });

  it('raises after the grace period, not before; resolves once a settlement has the Amazon refund', () => withStore(async (store) => {
    const order = await createDemoOrder(project.api, anOrderSpec());
    const payment = (await project.api.payments().post({ body: {
      amountPlanned: { currencyCode: 'EUR', centAmount: 8_997 },
      transactions: [
        { type: 'Charge', amount: { currencyCode: 'EUR', centAmount: 8_997 }, state: 'Success', timestamp: new Date(T0).toISOString() },
        { type: 'Refund', amount: { currencyCode: 'EUR', centAmount: 2_999 }, state: 'Success', timestamp: new Date(T0 + 5 * DAY).toISOString() },
      ],
    } }).execute()).body;
    await project.api.orders().withId({ ID: order.id }).post({
      body: { version: order.version, actions: [{ action: 'addPayment', payment: { typeId: 'payment', id: payment.id } }] },
    }).execute();
    const sfoId = `${order.orderNumber ?? 'X'}-fba`;
    await link(store, order.id, order.orderNumber ?? 'X', sfoId, T0 + 2 * DAY);
    const refunds = new CommercetoolsRefundReader(project.api);
    const check = (now: number) => checkStorefrontRefunds({ store, connectionId: C, refunds, now, graceMs: 30 * DAY });

    const early = await check(T0 + 34 * DAY);
    assert.deepEqual([early.raised, early.ordersRefunded, early.failure], [0, 1, null]);
    assert.equal((await openOf(store)).length, 0);

    const late = await check(T0 + 36 * DAY);
    assert.equal(late.raised, 1);
    const [exception] = await openOf(store);
    assert.equal(exception?.owner, 'finance');
    assert.equal(exception?.subjectType, 'order');
    assert.equal(exception?.subjectId, order.id);
    assert.equal(exception?.subjectLabel, order.orderNumber);
    assert.match(exception?.reason ?? '', new RegExp(`order ${order.orderNumber ?? 'X'} 29\\.99 EUR on 2026-01-06, more than 30 days ago`));
    assert.match(exception?.reason ?? '', new RegExp(`merchant order id ${sfoId}`));
    assert.match(exception?.action ?? '', /Seller Central/);

    await importSaleAndRefund(store, sfoId, '300', '301', T0 + 37 * DAY);
    const after = await check(T0 + 38 * DAY);
    assert.deepEqual([after.raised, after.resolved, after.matchedByAmazon], [0, 1, 1]);
    assert.equal((await openOf(store)).length, 0);
    const [resolved] = await store.exceptions.list({ connectionId: C, type: STOREFRONT_REFUND_UNMATCHED });
    assert.equal(resolved?.status, 'resolved');
  }));
});

describe('storefront refund check (fake commercetools)', () => {
  it('looks only at links sent to Amazon within the lookback, page by page, and asks commercetools only for orders without an Amazon refund', () => withStore(async (store) => {
    const now = T0 + 200 * DAY;
    for (let i = 1; i <= 5; i++) await link(store, `ct-${i}`, `100${i}`, `SFO-${i}`, now - i * DAY);
    await link(store, 'ct-local', '2000', null, now - DAY);
    await link(store, 'ct-old', '3000', 'SFO-OLD', now - 150 * DAY);
    await importSaleAndRefund(store, 'SFO-2', '400', '401', now);
    const fake = new FakeRefunds({ 'ct-1': [refund(1_000, now - 40 * DAY)], 'ct-old': [refund(5, now - 140 * DAY)] });
    const result = await checkStorefrontRefunds({ store, connectionId: C, refunds: fake, now, graceMs: 30 * DAY, pageSize: 2 });
    assert.deepEqual(
      [result.linksChecked, result.matchedByAmazon, result.ordersRefunded, result.raised, result.failure],
      [5, 1, 1, 1, null],
    );
    assert.ok(fake.calls.every((ids) => ids.length <= 2), JSON.stringify(fake.calls));
    assert.deepEqual(fake.calls.flat().sort(), ['ct-1', 'ct-3', 'ct-4', 'ct-5']);
    assert.deepEqual((await openOf(store)).map((e) => e.subjectId), ['ct-1']);
  }));

  it('lists several overdue refunds with their total; a refund still within the grace period waits', () => withStore(async (store) => {
    const now = T0 + 100 * DAY;
    await link(store, 'ct-1', '1001', 'SFO-1', now - 60 * DAY);
    await link(store, 'ct-2', '1002', 'SFO-2', now - 60 * DAY);
    const fake = new FakeRefunds({
      'ct-1': [refund(1_050, now - 45 * DAY), refund(5, now - 31 * DAY), refund(700, now - 3 * DAY)],
      'ct-2': [refund(999, now - 29 * DAY)],
    });
    const result = await checkStorefrontRefunds({ store, connectionId: C, refunds: fake, now, graceMs: 30 * DAY });
    assert.equal(result.raised, 1);
    const [exception] = await openOf(store);
    assert.equal(exception?.subjectId, 'ct-1');
    assert.match(exception?.reason ?? '', /order 1001 10\.50 EUR on \S+ and 0\.05 EUR on \S+ \(10\.55 EUR in all\)/);
    assert.doesNotMatch(exception?.reason ?? '', /7\.00/);
  }));

  it('re-checks an open exception whose link has left the lookback window, so it can close', () => withStore(async (store) => {
    await link(store, 'ct-1', '1001', 'SFO-1', T0);
    const fake = new FakeRefunds({ 'ct-1': [refund(1_000, T0 + DAY)] });
    await checkStorefrontRefunds({ store, connectionId: C, refunds: fake, now: T0 + 40 * DAY });
    assert.equal((await openOf(store)).length, 1);
    await importSaleAndRefund(store, 'SFO-1', '500', '501', T0 + 200 * DAY);
    const result = await checkStorefrontRefunds({ store, connectionId: C, refunds: fake, now: T0 + 200 * DAY });
    assert.deepEqual([result.linksChecked, result.resolved], [1, 1]);
    assert.equal((await openOf(store)).length, 0);
  }));

  it('stops without raising or resolving when commercetools cannot be read', () => withStore(async (store) => {
    await link(store, 'ct-1', '1001', 'SFO-1', T0);
    const fake = new FakeRefunds({});
    fake.failWith = fail(failure('retryable', 'NetworkError', 'commercetools unreachable'));
    const result = await checkStorefrontRefunds({ store, connectionId: C, refunds: fake, now: T0 + 40 * DAY });
    assert.equal(result.failure?.code, 'NetworkError');
    assert.equal(result.raised, 0);
  }));

  it('formats minor units without floating point', () => {
    assert.deepEqual([formatMoney(1999, 2), formatMoney(5, 2), formatMoney(-120, 2), formatMoney(300, 0), formatMoney(1, 3)], ['19.99', '0.05', '-1.20', '300', '0.001']);
  });
});
