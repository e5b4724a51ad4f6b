import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateSettlementText } from '../../demo/settlements/settlement-generator.js';
import { OrderAggregator, aggregateOrders, mergeOrderAggregates } from './settlement-order-aggregate.js';
import { collectSettlement } from './settlement-reader.js';
import type { SettlementRow } from './settlement-types.js';

const AMAZON = { orderId: '303-1', merchantOrderId: '303-1', marketplaceName: 'Amazon.de' };
const MCF = { orderId: 'DEMO-1001-abcdefghij', merchantOrderId: 'DEMO-1001-abcdefghij', marketplaceName: 'Non-Amazon DE' };
let line = 2;
const row = (order: Partial<SettlementRow>, transactionType: string, amountType: string, amountDescription: string, amount: number): SettlementRow =>
  ({ lineNumber: ++line, transactionType, amountType, amountDescription, amount, ...order });

const ROWS: readonly SettlementRow[] = [
  row({}, 'other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', 5_000),
  row(AMAZON, 'Order', 'ItemPrice', 'Principal', 2_998),
  row(AMAZON, 'Order', 'ItemPrice', 'Tax', 570),
  row(AMAZON, 'Order', 'ItemPrice', 'Shipping', 399),
  row(AMAZON, 'Order', 'ItemPrice', 'ShippingTax', 76),
  row(AMAZON, 'Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', -570),
  row(AMAZON, 'Order', 'Promotion', 'Principal', -300),
  row(AMAZON, 'Order', 'ItemFees', 'Commission', -561),
  row(MCF, 'Order', 'ItemPrice', 'Principal', 0),
  row(MCF, 'Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -510),
  row({}, 'other-transaction', 'other-transaction', 'Storage Fee', -3_296),
  row(MCF, 'Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -285),
  row(AMAZON, 'Refund', 'ItemPrice', 'Principal', -2_998),
  row(AMAZON, 'Refund', 'ItemFees', 'Commission', 561),
  row(AMAZON, 'Refund', 'ItemFees', 'RefundCommission', -112),
];

describe('per-order aggregation', () => {
  it('sums each order by part; account-level rows belong to no order', () => {
    const orders = aggregateOrders(ROWS);
    assert.deepEqual([...orders.keys()], ['303-1', 'DEMO-1001-abcdefghij']);
    assert.deepEqual(orders.get('303-1'), {
      orderKey: '303-1', orderId: '303-1', merchantOrderId: '303-1', marketplaceName: 'Amazon.de', multiChannel: false,
      principal: 2_998, shipping: 399, tax: 646, withheldTax: -570, promotions: -300, fees: -561, refunds: -2_998, refundedFees: 449, other: 0,
      total: 63, rowCount: 10, firstLine: 4, lastLine: 17,
    });
    assert.deepEqual(orders.get('DEMO-1001-abcdefghij'), {
      orderKey: 'DEMO-1001-abcdefghij', orderId: MCF.orderId, merchantOrderId: MCF.merchantOrderId, marketplaceName: 'Non-Amazon DE', multiChannel: true,
      principal: 0, shipping: 0, tax: 0, withheldTax: 0, promotions: 0, fees: -795, refunds: 0, refundedFees: 0, other: 0,
      total: -795, rowCount: 3, firstLine: 11, lastLine: 14,
    });
  });

  it('streams one aggregate per run of an order, with the open one kept until the next order or the end', () => {
    const aggregator = new OrderAggregator();
    const runs = ROWS.map((r) => aggregator.add(r)).filter((a) => a !== undefined);
    const last = aggregator.flush();
    assert.deepEqual(runs.map((a) => [a.orderKey, a.rowCount]), [['303-1', 7], ['DEMO-1001-abcdefghij', 3]]);
    assert.deepEqual([last?.orderKey, last?.rowCount], ['303-1', 3]);
    assert.equal(aggregator.flush(), undefined);
  });

  it('refuses to merge two different orders', () => {
    const [a, b] = [...aggregateOrders(ROWS).values()];
    assert.ok(a && b);
    assert.throws(() => mergeOrderAggregates(a, b), /cannot merge orders 303-1 and DEMO-1001-abcdefghij/);
  });

  it('on a generated file: the orders account for every order row, MCF orders keyed by their sellerFulfillmentOrderId', async () => {
    const { rows } = await collectSettlement([generateSettlementText({ format: 'v2', market: 'DE', seed: 3, detailRows: 300 })]);
    const orders = aggregateOrders(rows);
    const orderRows = rows.filter((r) => r.orderId !== undefined);
    assert.equal([...orders.values()].reduce((n, o) => n + o.total, 0), orderRows.reduce((n, r) => n + r.amount, 0));
    assert.equal([...orders.values()].reduce((n, o) => n + o.rowCount, 0), orderRows.length);
    const mcf = [...orders.values()].filter((o) => o.multiChannel);
    assert.ok(mcf.length > 10);
    for (const o of mcf) {
      assert.match(o.orderKey, /^DEMO-\d+-[a-z2-7]{10}$/);
      assert.equal(o.principal, 0);
      assert.ok(o.fees < 0);
      assert.equal(o.total, o.fees);
    }
    for (const o of orders.values()) {
      assert.equal(o.principal + o.shipping + o.tax + o.withheldTax + o.promotions + o.fees + o.refunds + o.refundedFees + o.other, o.total);
    }
  });
});
