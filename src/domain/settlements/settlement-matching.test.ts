import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchChannel, matchRefund } from './settlement-matching.js';
import type { OrderAggregate } from './settlement-order-aggregate.js';
import type { SettlementOrderRecord } from './settlement-order-record.js';

const aggregate = (over: Partial<OrderAggregate>): OrderAggregate => ({
  orderKey: 'K', multiChannel: false, principal: 0, shipping: 0, tax: 0, withheldTax: 0, promotions: 0, fees: 0, refunds: 0, refundedFees: 0,
  other: 0, total: -540, rowCount: 1, firstLine: 4, lastLine: 4, ...over,
});

const order = (settlementId: string, over: Partial<SettlementOrderRecord>): SettlementOrderRecord => ({
  connectionId: 'c', settlementId, orderKey: 'K', orderId: 'K', merchantOrderId: 'K', marketplaceName: 'Amazon.com', channel: 'amazon',
  matchStatus: 'amazon-sale', ctOrderId: null, ctOrderNumber: null, refundOfSettlement: null, principal: 0, shipping: 0, tax: 0, withheldTax: 0,
  promotions: 0, fees: 0, refunds: 0, refundedFees: 0, other: 0, total: 0, saleRows: 0, refundRows: 0, firstLine: 9, lastLine: 9, itemIds: [], ...over,
});

describe('matchChannel', () => {
  it('ties a multi-channel order (Non-Amazon, S01- order id) to the storefront order sent under its merchant-order-id', () => {
    const mcf = aggregate({ orderKey: 'BRIDGE-1', orderId: 'S01-1234567-1234567', merchantOrderId: 'BRIDGE-1', marketplaceName: 'Non-Amazon US', multiChannel: true });
    assert.deepEqual(matchChannel(mcf, { ctOrderId: 'ct-1', orderNumber: '1001' }), {
      channel: 'multi-channel', matchStatus: 'matched', ctOrderId: 'ct-1', ctOrderNumber: '1001', problem: null,
    });
    const unmatched = matchChannel(mcf, null);
    assert.equal(unmatched.matchStatus, 'unmatched');
    assert.match(unmatched.problem?.reason ?? '', /^multi-channel order BRIDGE-1 \(Amazon S01-1234567-1234567\) in Non-Amazon US: no storefront order/);
    assert.equal(unmatched.problem?.amount, -540);
  });

  it('an order on an Amazon marketplace is an Amazon sale; one without a marketplace is a problem', () => {
    assert.equal(matchChannel(aggregate({ marketplaceName: 'Amazon.de' }), null).matchStatus, 'amazon-sale');
    assert.equal(matchChannel(aggregate({}), null).problem?.type, 'settlement.unmatched-row');
  });
});

describe('matchRefund: per amount, not merely per order', () => {
  it('a refund covered by the sale in the same settlement', () => {
    const o = order('S2', { principal: 30_00, saleRows: 2, refunds: -30_00, refundRows: 2 });
    assert.deepEqual(matchRefund(o, [], 2), { refundOfSettlement: 'S2', problem: null });
  });

  it('a refund covered by an earlier settlement\'s sale, VAT withheld netted on both sides', () => {
    const sale = order('S1', { principal: 20_00, tax: 3_80, withheldTax: -3_80, saleRows: 3 });
    const refund = order('S2', { refunds: -20_00, refundRows: 3 });
    assert.deepEqual(matchRefund(refund, [sale], 2), { refundOfSettlement: 'S1', problem: null });
  });

  it('the part a sale does not cover — less what earlier refunds gave back — is a refund without sale', () => {
    const sale = order('S1', { principal: 20_00, saleRows: 1 });
    const earlierRefund = order('S2', { refunds: -15_00, refundRows: 1 });
    const refund = order('S3', { refunds: -10_00, refundRows: 1 });
    const match = matchRefund(refund, [sale, earlierRefund], 2);
    assert.equal(match.refundOfSettlement, 'S1');
    assert.equal(match.problem?.type, 'settlement.refund-without-sale');
    assert.equal(match.problem?.amount, -5_00);
    assert.match(match.problem?.reason ?? '', /10\.00 given back, but its sales in imported settlements \(S1\) brought in 20\.00 and earlier refunds gave back 15\.00: 5\.00 is not covered/);
  });

  it('a refund with no sale anywhere', () => {
    const match = matchRefund(order('S3', { refunds: -12_50, refundRows: 2 }), [], 2);
    assert.equal(match.refundOfSettlement, null);
    assert.equal(match.problem?.amount, -12_50);
    assert.match(match.problem?.reason ?? '', /neither in this settlement nor in any settlement imported before/);
  });
});
