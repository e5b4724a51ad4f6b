import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartOfAccountsProblems, compileChart, parseChartOfAccounts, type ChartOfAccounts, type RowClassifier } from './chart-of-accounts.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from './default-chart-of-accounts.js';

const row = (transactionType: string, amountType: string, amountDescription: string, marketplaceName = 'Amazon.de'): RowClassifier =>
  ({ transactionType, amountType, amountDescription, marketplaceName });

const SMALL: ChartOfAccounts = {
  accounts: [
    { code: '1200', name: 'Bank' }, { code: '1250', name: 'Amazon clearing' }, { code: '1260', name: 'Amazon reserve' },
    { code: '6100', name: 'Amazon fees' }, { code: '9999', name: 'Suspense' },
  ],
  specialAccounts: { clearing: '1250', bank: '1200', reserve: '1260', suspense: '9999' },
  rules: [
    { amountType: 'other-transaction', amountDescription: '*Reserve*', account: '1260' },
    { amountType: 'ItemFees', amountDescription: '*', account: '6100' },
  ],
};

describe('default chart of accounts', () => {
  it('is valid', () => {
    assert.deepEqual(chartOfAccountsProblems(DEFAULT_CHART_OF_ACCOUNTS), []);
    assert.ok(parseChartOfAccounts(DEFAULT_CHART_OF_ACCOUNTS).ok);
  });

  // Every amount type and description amazon-facts.md lists, with the account a small brand books it to.
  const cases: Array<[RowClassifier, string]> = [
    [row('Order', 'ItemPrice', 'Principal'), '4000'],
    [row('Order', 'ItemPrice', 'Tax'), '2200'],
    [row('Order', 'ItemPrice', 'Shipping'), '4010'],
    [row('Order', 'ItemPrice', 'ShippingTax'), '2200'],
    [row('Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal'), '2200'],
    [row('Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Shipping'), '2200'],
    [row('Order', 'ItemFees', 'FBAPerUnitFulfillmentFee'), '6110'],
    [row('Order', 'ItemFees', 'Commission'), '6100'],
    [row('Order', 'ItemFees', 'DigitalServicesFee'), '6100'],
    [row('Order', 'ItemFees', 'ShippingChargeback'), '6110'],
    [row('Refund', 'ItemFees', 'RefundCommission'), '6100'],
    [row('Refund', 'ItemFees', 'Commission'), '6100'],
    [row('Refund', 'ItemPrice', 'Principal'), '4090'],
    [row('Refund', 'ItemPrice', 'Shipping'), '4090'],
    [row('Refund', 'ItemPrice', 'Tax'), '2200'],
    [row('Chargeback Refund', 'ItemPrice', 'Principal'), '4090'],
    [row('Order', 'Promotion', 'Principal'), '4100'],
    [row('Order', 'Promotion', 'Shipping'), '4100'],
    [row('other-transaction', 'other-transaction', 'Storage Fee', ''), '6120'],
    [row('other-transaction', 'other-transaction', 'StorageRenewalBilling', ''), '6120'],
    [row('other-transaction', 'other-transaction', 'Subscription Fee', ''), '6130'],
    [row('other-transaction', 'FBA Inventory Reimbursement', 'WAREHOUSE_DAMAGE', ''), '4200'],
    [row('other-transaction', 'other-transaction', 'WAREHOUSE_LOST', ''), '4200'],
    [row('ServiceFee', 'Cost of Advertising', 'TransactionTotalAmount', ''), '6140'],
    [row('other-transaction', 'other-transaction', 'MULTICHANNEL_ORDER_LATE', ''), '6115'],
    [row('other-transaction', 'FBA Inventory Reimbursement', 'MULTICHANNEL_ORDER_LATE', ''), '6115'],
    [row('other-transaction', 'other-transaction', 'MULTICHANNEL_ORDER_LOST', ''), '4200'],
    [row('other-transaction', 'other-transaction', 'Current Reserve Amount', ''), '1260'],
    [row('other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', ''), '1260'],
    [row('Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', 'Non-Amazon DE'), '6115'],
    [row('Order', 'Shipment-Fees', 'FBATransportationFee', 'Non-Amazon DE'), '6115'],
    [row('Order', 'Shipment-Fees', 'FBATransportationFee'), '6110'],
    [row('Order', 'ItemFees', 'VariableClosingFee'), '6100'],
    [row('other-transaction', 'other-transaction', 'FBAInboundTransportationFee', ''), '6150'],
    [row('other-transaction', 'other-transaction', 'Amazon Capital Services', ''), '2300'],
    [row('other-transaction', 'other-transaction', 'Payable to Amazon', ''), '1270'],
    [row('other-transaction', 'other-transaction', 'Successful charge', ''), '1270'],
    [row('Transfers', 'Micro Deposit', 'Micro Deposit', ''), '1270'],
    [row('other-transaction', 'FBA Inventory Reimbursement', 'WAREHOUSE_LOST', ''), '4200'],
    [row('ServiceFee', 'Cost of Advertising', 'TransactionTotalAmount', ''), '6140'],
    [row('FBAFees', 'FBA Inventory Storage Fee', 'Base fee', ''), '6120'],
  ];
  const chart = compileChart(DEFAULT_CHART_OF_ACCOUNTS);
  for (const [input, code] of cases) {
    it(`${input.transactionType} / ${input.marketplaceName} / ${input.amountType} / ${input.amountDescription} → ${code}`, () => {
      assert.equal(chart.resolve(input).account.code, code);
      assert.notEqual(chart.resolve(input).ruleIndex, null);
    });
  }

  it('sends any value it does not know to suspense rather than guessing', () => {
    for (const input of [row('Order', 'ItemPrice', 'SomethingNew'), row('Order', 'ItemFees', 'SomeNewFee'), row('other-transaction', 'other-transaction', 'Amazon Capital Services Plus', ''), row('Transfer', 'other-transaction', 'Failed Disbursement', '')]) {
      const resolved = chart.resolve(input);
      assert.equal(resolved.account.code, '9999');
      assert.equal(resolved.role, 'suspense');
      assert.equal(resolved.ruleIndex, null);
    }
  });

  it('matches case-insensitively and ignores surrounding spaces', () => {
    assert.equal(chart.resolve(row('ORDER', ' itemfees ', 'COMMISSION ')).account.code, '6100');
  });

  it('names the role of the special accounts', () => {
    assert.equal(chart.resolve(row('other-transaction', 'other-transaction', 'Current Reserve Amount', '')).role, 'reserve');
    assert.equal(chart.resolve(row('Order', 'ItemPrice', 'Principal')).role, 'mapped');
    assert.equal(chart.special('clearing').code, '1250');
    assert.equal(chart.special('bank').name, 'Bank');
  });
});

describe('chart of accounts validation speaks to the person editing it', () => {
  const problemsOf = (change: (chart: ChartOfAccounts) => unknown) => chartOfAccountsProblems(change(structuredClone(SMALL) as ChartOfAccounts));

  it('accepts a small valid chart', () => assert.deepEqual(problemsOf((c) => c), []));

  it('names a rule whose account is not in the chart, and what to do', () => {
    const problems = problemsOf((c) => ({ ...c, rules: [...c.rules, { amountType: 'ItemPrice', amountDescription: 'Principal', account: '4000' }] }));
    assert.deepEqual(problems, ['rule 3 (ItemPrice / Principal → 4000): account 4000 is not in accounts; add it there or change the rule to an existing code']);
  });

  it('refuses a code listed twice', () => {
    const problems = problemsOf((c) => ({ ...c, accounts: [...c.accounts, { code: '6100', name: 'Fees again' }] }));
    assert.deepEqual(problems, ['account 6: code 6100 is listed twice (also account 4); keep one']);
  });

  it('refuses special accounts missing from the chart or shared between roles', () => {
    const problems = problemsOf((c) => ({ ...c, specialAccounts: { ...c.specialAccounts, bank: '1300', suspense: '1250' } }));
    assert.ok(problems.includes('specialAccounts.bank: account 1300 is not in accounts; add it there or use an existing code'), problems.join('\n'));
    assert.ok(problems.includes('specialAccounts.suspense and specialAccounts.clearing are both 1250; each needs its own account'), problems.join('\n'));
  });

  it('refuses a rule that posts to clearing, against itself', () => {
    const problems = problemsOf((c) => ({ ...c, rules: [...c.rules, { amountType: 'Promotion', amountDescription: '*', account: '1250' }] }));
    assert.match(problems[0] ?? '', /^rule 3 \(Promotion \/ \* → 1250\) posts to the clearing account/);
  });

  it('points out a rule an earlier one hides', () => {
    const problems = problemsOf((c) => ({ ...c, rules: [...c.rules, { amountType: 'itemfees', amountDescription: 'Commission', account: '6100' }] }));
    assert.deepEqual(problems, ['rule 3 (itemfees / Commission → 6100) never applies: rule 2 (ItemFees / * → 6100) matches the same rows first; move rule 3 above it or delete it']);
  });

  it('does not call a narrower earlier rule a shadow', () => {
    assert.deepEqual(problemsOf((c) => ({ ...c, rules: [{ marketplace: 'Non-Amazon*', amountType: 'ItemFees', amountDescription: '*', account: '6100' }, ...c.rules] })), []);
  });

  it('insists that the reserve rows reach the reserve account', () => {
    const problems = problemsOf((c) => ({ ...c, rules: c.rules.slice(1) }));
    assert.deepEqual(problems, ['no rule posts to the reserve account 1260: the reserve rows (other-transaction "Current Reserve Amount", "Previous Reserve Amount Balance") would land elsewhere; point a rule at 1260']);
  });

  it('names missing and misspelt fields by account and rule number', () => {
    const problems = problemsOf((c) => ({
      ...c,
      accounts: [...c.accounts, { code: '61 00', nam: 'Fees' }],
      rules: [...c.rules, { amountType: 'ItemFees', amountDescripton: 'Commission', account: '6100' }],
    }));
    assert.deepEqual(problems, [
      'account 6: code must be 1–20 letters or digits (also ".", "-", "_"), exactly as in your ledger, e.g. "6100"',
      'account 6: name is missing: the account name as it appears in your ledger, e.g. "Amazon fees"',
      'account 6: unknown field "nam" (misspelt?); an account has code, name and optionally taxRate',
      'rule 3: amountDescription is missing: the value from the settlement report, e.g. "Commission", or "*" for any',
      'rule 3: unknown field "amountDescripton" (misspelt?); a rule has amountType, amountDescription, account and optionally transactionType, marketplace, note',
    ]);
  });

  it('explains a chart that is not one at all', () => {
    assert.deepEqual(chartOfAccountsProblems('accounts.csv'), ['the chart of accounts must be an object with accounts, specialAccounts and rules']);
    assert.deepEqual(chartOfAccountsProblems({ accounts: [], rules: [] }), [
      'accounts is empty: list every account the journal may post to, with its code and name',
      'specialAccounts is missing: give the codes of the clearing, bank, reserve and suspense accounts',
      'rules is empty: without rules every amount would go to suspense',
    ]);
  });

  it('returns every problem in one permanent failure', () => {
    const result = parseChartOfAccounts({ ...SMALL, rules: [{ amountType: 'ItemFees', amountDescription: '*', account: '6200' }] });
    assert.ok(!result.ok);
    assert.equal(result.error.category, 'permanent');
    assert.equal(result.error.code, 'InvalidChartOfAccounts');
    assert.match(result.error.message, /^The chart of accounts cannot be used \(2 problems\):\n- rule 1 .*6200 is not in accounts.*\n- no rule posts to the reserve account 1260/);
  });
});
