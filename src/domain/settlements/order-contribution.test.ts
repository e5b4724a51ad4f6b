import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderRevenue } from '../orders/order-revenue.js';
import type { SettlementOrderRecord } from './settlement-order-record.js';
import { contributionTotals, orderContribution } from './order-contribution.js';

const EUR = { currency: 'EUR', fractionDigits: 2 };

function order(overrides: Partial<SettlementOrderRecord> = {}): SettlementOrderRecord {
  return {
    connectionId: 'c', settlementId: 'S2', orderKey: 'SFO-1', orderId: null, merchantOrderId: 'SFO-1', marketplaceName: 'Non-Amazon DE',
    channel: 'multi-channel', matchStatus: 'matched', ctOrderId: 'ct-1', ctOrderNumber: 'N-1', refundOfSettlement: null, principal: 0,
    shipping: 0, tax: 0, withheldTax: 0, promotions: 0, fees: -4_87, refunds: 0, refundedFees: 0, other: 0, total: -4_87, saleRows: 2,
    refundRows: 0, firstLine: 3, lastLine: 4, itemIds: [], ...overrides,
  };
}

function revenue(overrides: Partial<OrderRevenue> = {}): OrderRevenue {
  return {
    connectionId: 'c', ctOrderId: 'ct-1', orderNumber: 'N-1', sellerFulfillmentOrderId: 'SFO-1', currency: 'EUR', fractionDigits: 2,
    totalGross: 59_97, fbaLinesValue: 39_98, recordedAt: 1, ...overrides,
  };
}

describe('order contribution', () => {
  it('is storefront revenue + Amazon fees + refunds + the rest Amazon booked, in exact minor units', () => {
    const o = orderContribution(order({ fees: -4_87, refundedFees: 1_00, refunds: -10_00, other: -30, total: -14_17 }), revenue(), EUR);
    assert.deepEqual([o.revenueCounted, o.amazonFees, o.refunds, o.otherAmazon, o.amazonTotal, o.contribution, o.note], [59_97, -3_87, -10_00, -30, -14_17, 45_80, null]);
    assert.equal(o.revenueCounted! + o.amazonFees + o.refunds + o.otherAmazon, o.contribution);
  });

  it('shows revenue in another currency without summing it, and has no contribution without revenue', () => {
    const foreign = orderContribution(order(), revenue({ currency: 'USD' }), EUR);
    assert.deepEqual([foreign.storefrontRevenue?.currency, foreign.revenueCounted, foreign.contribution], ['USD', null, null]);
    assert.match(foreign.note ?? '', /USD.*not summed/);
    assert.equal(orderContribution(order(), null, EUR).contribution, null);
    assert.match(orderContribution(order({ matchStatus: 'unmatched', ctOrderId: null }), null, EUR).note ?? '', /not matched/);
  });

  it('does not count revenue again for a refund of a sale settled earlier', () => {
    const o = orderContribution(order({ saleRows: 0, refundRows: 1, fees: 0, refunds: -59_97, total: -59_97, refundOfSettlement: 'S1' }), revenue(), EUR);
    assert.deepEqual([o.revenueCounted, o.contribution], [null, -59_97]);
    assert.match(o.note ?? '', /settlement S1/);
  });

  it('totals: contribution over the orders that have one; other currencies listed apart', () => {
    const orders = [
      orderContribution(order(), revenue(), EUR),
      orderContribution(order({ orderKey: 'SFO-2', ctOrderId: 'ct-2', fees: -2_00, total: -2_00 }), revenue({ currency: 'USD', totalGross: 10_00 }), EUR),
      orderContribution(order({ orderKey: 'SFO-3', ctOrderId: null, matchStatus: 'unmatched', fees: -1_00, total: -1_00 }), null, EUR),
    ];
    assert.deepEqual(contributionTotals(orders, EUR), {
      orders: 3, ordersWithContribution: 1, revenue: 59_97, amazonFees: -7_87, refunds: 0, otherAmazon: 0, amazonTotal: -7_87,
      contribution: 55_10, revenueInOtherCurrencies: [{ currency: 'USD', fractionDigits: 2, amount: 10_00 }],
    });
  });
});
