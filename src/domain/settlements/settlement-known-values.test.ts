import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileChart } from './chart-of-accounts.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from './default-chart-of-accounts.js';
import {
  ACCOUNT_LEVEL_DESCRIPTIONS, KNOWN_AMOUNT_TYPES, KNOWN_DESCRIPTIONS, REIMBURSEMENT_DESCRIPTIONS, canonicalDescription, knownTransactionType,
  legacyAccountLevel, unknownField,
} from './settlement-known-values.js';

describe('known settlement values', () => {
  it('says which field of a classification is unknown, from the transaction type down', () => {
    assert.equal(unknownField('Order', 'ItemPrice', 'Principal'), null);
    assert.equal(unknownField(' order '.trim(), 'itemprice', 'PRINCIPAL'), null);
    assert.equal(unknownField('Gutschrift', 'ItemPrice', 'Principal'), 'transactionType');
    assert.equal(unknownField('Order', 'ItemCharges', 'Principal'), 'amountType');
    assert.equal(unknownField('Order', 'ItemFees', 'BrandNewFee'), 'amountDescription');
    assert.equal(unknownField('Order', 'OtherFees', 'whatever the seller typed'), null);
  });

  it('reads the older file\'s account-level transaction types as V2 writes them', () => {
    assert.deepEqual(legacyAccountLevel('payable to amazon'), { amountType: 'other-transaction', description: 'Payable to Amazon' });
    assert.deepEqual(legacyAccountLevel('WAREHOUSE_DAMAGE'), { amountType: 'FBA Inventory Reimbursement', description: 'WAREHOUSE_DAMAGE' });
    assert.deepEqual(legacyAccountLevel('Lagergebühr'), { amountType: 'other-transaction', description: 'Lagergebühr' });
    assert.equal(knownTransactionType('successful charge'), undefined); // a description, not a V2 transaction type
    assert.equal(canonicalDescription('other-transaction', 'successful CHARGE'), 'Successful charge');
  });

  it('the default chart maps every known value to an account (none to suspense)', () => {
    const chart = compileChart(DEFAULT_CHART_OF_ACCOUNTS);
    const unmapped: string[] = [];
    const check = (transactionType: string, amountType: string, amountDescription: string, marketplaceName = 'Amazon.de'): void => {
      if (chart.resolve({ transactionType, amountType, amountDescription, marketplaceName }).ruleIndex === null) {
        unmapped.push(`${transactionType} / ${amountType} / ${amountDescription}`);
      }
    };
    for (const amountType of KNOWN_AMOUNT_TYPES) {
      const descriptions = KNOWN_DESCRIPTIONS[amountType];
      for (const description of descriptions === 'free text' ? ['anything'] : descriptions) {
        const transactionType = ['other-transaction', 'FBA Inventory Reimbursement'].includes(amountType) ? 'other-transaction'
          : amountType === 'Cost of Advertising' ? 'ServiceFee' : 'Order';
        if (amountType === 'ItemFees' && description === 'Cost of Advertising') check('ServiceFee', amountType, description);
        else check(transactionType, amountType, description);
      }
    }
    for (const description of [...ACCOUNT_LEVEL_DESCRIPTIONS, ...REIMBURSEMENT_DESCRIPTIONS]) check('other-transaction', 'other-transaction', description);
    // Direct payments (the older file) are money the seller collected outside Amazon: finance decides, so suspense.
    assert.deepEqual(unmapped, ['Order / DirectPayment / anything']);
  });
});
