import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateSettlementText } from '../../demo/settlements/settlement-generator.js';
import { collectSettlement } from './settlement-reader.js';
import { SUMMARY_CATEGORY_TABLE } from './settlement-summary-categories.js';
import { SUMMARY_CATEGORIES, SettlementSummaryAccumulator, summariseSettlement, summaryCategory, type SummaryCategory } from './settlement-summary.js';
import { KNOWN_TRANSACTION_TYPES } from './settlement-known-values.js';
import type { SettlementRow } from './settlement-types.js';

describe('summaryCategory', () => {
  const cases: Array<[string, string, string, SummaryCategory]> = [
    // every kind of row in the real DE settlement, as its Seller Central summary fixes them
    ['Order', 'ItemPrice', 'Principal', 'productCharges'],
    ['Order', 'ItemPrice', 'Shipping', 'shipping'],
    ['Order', 'ItemPrice', 'Tax', 'other'],
    ['Order', 'ItemPrice', 'ShippingTax', 'other'],
    ['Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', 'other'],
    ['Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Shipping', 'other'],
    ['Order', 'ItemFees', 'Commission', 'amazonFees'],
    ['Order', 'ItemFees', 'DigitalServicesFee', 'amazonFees'],
    ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', 'amazonFees'],
    ['Order', 'ItemFees', 'ShippingChargeback', 'amazonFees'],
    ['Refund', 'ItemPrice', 'Principal', 'refundedSales'],
    ['Refund', 'ItemPrice', 'Tax', 'other'],
    ['Refund', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', 'other'],
    ['Refund', 'ItemFees', 'Commission', 'refundedExpenses'],
    ['Refund', 'ItemFees', 'RefundCommission', 'refundedExpenses'],
    ['other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', 'beginningBalance'],
    ['other-transaction', 'other-transaction', 'Current Reserve Amount', 'accountReserve'],
    // by the same logic, not in that file
    ['Refund', 'ItemPrice', 'Shipping', 'refundedSales'],
    ['Order', 'Promotion', 'Principal', 'other'],
    ['Order', 'ShipmentFees', 'FBA transportation fee', 'amazonFees'],
    ['Order', 'MiscFees', '', 'other'],
    ['other-transaction', 'other-transaction', 'Storage Fee', 'fbaFees'],
    ['other-transaction', 'other-transaction', 'Subscription Fee', 'amazonFees'],
    ['other-transaction', 'FBA Inventory Reimbursement', 'WAREHOUSE_DAMAGE', 'other'],
    ['other-transaction', 'other-transaction', 'Something new', 'other'],
    ['ServiceFee', 'Cost of Advertising', 'TransactionTotalAmount', 'costOfAdvertising'],
    ['Chargeback Refund', 'ItemPrice', 'Principal', 'refundedSales'],
    ['Adjustment', 'FBA Inventory Reimbursement', 'REVERSAL_REIMBURSEMENT', 'other'],
    ['Order_Retrocharge', 'ItemPrice', 'Tax', 'other'],
    ['other-transaction', 'other-transaction', 'Payable to Amazon', 'transfers'],
    ['other-transaction', 'other-transaction', 'Successful charge', 'transfers'],
    ['Transfers', 'Micro Deposit', 'Micro Deposit', 'transfers'],
    ['other-transaction', 'other-transaction', 'Inbound Transportation Fee', 'fbaFees'],
    ['FBAFees', 'FBA Inventory Storage Fee', 'Base fee', 'fbaFees'],
    ['A-to-z Guarantee Claim', 'ItemPrice', 'Principal', 'refundedSales'],
    ['Not a type', 'ItemPrice', 'Principal', 'other'],
    ['Order', 'toString', 'x', 'other'],
    ['Order', 'ItemPrice', 'constructor', 'other'],
    ['__proto__', 'ItemPrice', 'Principal', 'other'],
  ];
  for (const [transactionType, amountType, description, category] of cases) {
    it(`${transactionType} / ${amountType} / ${description} → ${category}`, () => {
      assert.equal(summaryCategory(transactionType, amountType, description), category);
    });
  }

  it('the table has every known transaction type and a default at every level', () => {
    assert.deepEqual(Object.keys(SUMMARY_CATEGORY_TABLE).sort(), [...KNOWN_TRANSACTION_TYPES].sort());
    for (const byAmountType of Object.values(SUMMARY_CATEGORY_TABLE)) {
      assert.ok(Object.hasOwn(byAmountType, '*'));
      for (const entry of Object.values(byAmountType)) {
        if (typeof entry === 'string') assert.ok(SUMMARY_CATEGORIES.includes(entry));
        else {
          assert.ok(Object.hasOwn(entry, '*'));
          for (const category of Object.values(entry)) assert.ok(SUMMARY_CATEGORIES.includes(category));
        }
      }
    }
  });
});

const row = (transactionType: string, amountType: string, amountDescription: string, amount: number, lineNumber = 3): SettlementRow =>
  ({ lineNumber, transactionType, amountType, amountDescription, amount });

describe('SettlementSummaryAccumulator', () => {
  it('adds rows into their categories, net proceeds the sum of all, with a breakdown', () => {
    const accumulator = new SettlementSummaryAccumulator();
    for (const r of [
      row('other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', 10_000),
      row('Order', 'ItemPrice', 'Principal', 2_000), row('Order', 'ItemPrice', 'Principal', 1_500),
      row('Order', 'ItemPrice', 'Tax', 380), row('Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', -380),
      row('Order', 'ItemFees', 'Commission', -300), row('Refund', 'ItemPrice', 'Principal', -2_000),
      row('Refund', 'ItemFees', 'Commission', 300), row('Refund', 'ItemFees', 'RefundCommission', -60),
      row('other-transaction', 'other-transaction', 'Current Reserve Amount', -4_000),
    ]) accumulator.add(r);
    const summary = accumulator.result();
    assert.deepEqual({ ...summary, breakdown: undefined }, {
      beginningBalance: 10_000, productCharges: 3_500, shipping: 0, refundedSales: -2_000, refundedExpenses: 240, amazonFees: -300,
      fbaFees: 0, costOfAdvertising: 0, other: 0, transfers: 0, accountReserve: -4_000, netProceeds: 7_440, rowCount: 10, breakdown: undefined,
    });
    assert.equal(summary.breakdown.length, 9);
    assert.deepEqual(summary.breakdown[1], {
      transactionType: 'Order', amountType: 'ItemPrice', amountDescription: 'Principal', category: 'productCharges', amount: 3_500, rowCount: 2,
    });
  });

  it('an empty settlement sums to zero everywhere', () => {
    const summary = new SettlementSummaryAccumulator().result();
    for (const category of [...SUMMARY_CATEGORIES, 'netProceeds' as const]) assert.equal(summary[category], 0);
  });

  for (const format of ['v2', 'legacy'] as const) {
    for (const market of ['DE', 'US'] as const) {
      it(`net proceeds = total-amount, and both formats agree (generated ${format} ${market})`, async () => {
        const options = { format, market, seed: 7, detailRows: 400 };
        const { rows, result } = await collectSettlement([generateSettlementText(options)]);
        const summary = summariseSettlement(rows);
        assert.equal(result.verdict, 'accepted');
        assert.equal(summary.netProceeds, result.header?.totalAmount);
        const other = await collectSettlement([generateSettlementText({ ...options, format: format === 'v2' ? 'legacy' : 'v2' })]);
        assert.deepEqual({ ...summariseSettlement(other.rows), breakdown: [] }, { ...summary, breakdown: [] });
      });
    }
  }
});
