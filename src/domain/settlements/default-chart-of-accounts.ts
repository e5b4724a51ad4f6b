// The chart of accounts a small brand selling through Amazon would start from. Codes follow the usual
// small-business layout (1xxx assets, 2xxx liabilities, 4xxx income, 6xxx expenses, 9999 suspense);
// replace them with your ledger's codes in the configuration file.
//
// Rules are tried top to bottom, first match wins, so specific rules (reserves, refunds, multi-channel
// orders) come before the general ones. Every value the bridge knows (settlement-known-values.ts) has
// a rule naming it; there are NO catch-alls on descriptions: a value Amazon adds lands in 9999 Suspense
// and raises one finance exception per settlement saying how to map it, instead of being guessed into
// an account (an unknown ItemPrice or other-transaction row could be revenue, tax or a loan repayment).
// The meaning of each value: docs/runbooks/chart-of-accounts.md, "Amazon's values".
import type { ChartOfAccounts, MappingRule } from './chart-of-accounts.js';
import { REIMBURSEMENT_DESCRIPTIONS } from './settlement-known-values.js';

const rule = (amountType: string, amountDescription: string, account: string, extra: Partial<MappingRule> = {}): MappingRule =>
  ({ amountType, amountDescription, account, ...extra });
const each = (amountType: string, descriptions: readonly string[], account: string, extra: Partial<MappingRule> = {}): MappingRule[] =>
  descriptions.map((d) => rule(amountType, d, account, extra));
const refund = (amountDescription: string, account: string): MappingRule =>
  rule('ItemPrice', amountDescription, account, { transactionType: '*Refund*', note: 'refunded sales apart from sales (Seller Central: "Refunded sales")' });
const accountLevel = (descriptions: readonly string[], account: string, note?: string): MappingRule[] =>
  descriptions.map((d) => rule('*', d, account, { transactionType: 'other-transaction', ...(note === undefined ? {} : { note }) }));

const FULFILMENT_FEES = ['FBAPerUnitFulfillmentFee', 'FBAPerOrderFulfillmentFee', 'FBAWeightBasedFee', 'FBATransportationFee', 'ShippingChargeback', 'GiftwrapChargeback', 'ShippingHB'];
const SELLING_FEES = ['Commission', 'RefundCommission', 'DigitalServicesFee', 'DigitalServicesFeeFBA', 'VariableClosingFee', 'FixedClosingFee', 'SalesTaxCollectionFee'];
const REIMBURSED = REIMBURSEMENT_DESCRIPTIONS.filter((d) => d !== 'MULTICHANNEL_ORDER_LATE');
const MCF = { marketplace: 'Non-Amazon*', note: 'fees of storefront orders Amazon fulfilled (Multi-Channel Fulfillment)' };

export const DEFAULT_CHART_OF_ACCOUNTS: ChartOfAccounts = {
  accounts: [
    { code: '1200', name: 'Bank' },
    { code: '1250', name: 'Amazon clearing' },
    { code: '1260', name: 'Amazon reserve' },
    { code: '1270', name: 'Amazon transfers (card charges, balance carried)' },
    { code: '2200', name: 'VAT' },
    { code: '2300', name: 'Amazon lending' },
    { code: '4000', name: 'Amazon sales' },
    { code: '4010', name: 'Shipping income' },
    { code: '4020', name: 'Gift wrap income' },
    { code: '4090', name: 'Refunds to customers' },
    { code: '4100', name: 'Promotions and discounts' },
    { code: '4200', name: 'Amazon reimbursements' },
    { code: '4300', name: 'Liquidation proceeds' },
    { code: '6100', name: 'Amazon selling fees' },
    { code: '6110', name: 'FBA fulfilment fees' },
    { code: '6115', name: 'Multi-Channel Fulfilment fees' },
    { code: '6120', name: 'FBA storage fees' },
    { code: '6130', name: 'Amazon subscription' },
    { code: '6140', name: 'Advertising' },
    { code: '6150', name: 'Other Amazon fees' },
    { code: '9999', name: 'Suspense' },
  ],
  specialAccounts: { clearing: '1250', bank: '1200', reserve: '1260', suspense: '9999' },
  rules: [
    rule('other-transaction', '*Reserve Amount*', '1260', { note: 'Current Reserve Amount / Previous Reserve Amount Balance' }),
    ...accountLevel(['Payable to Amazon', 'Successful charge', 'Failed charge', 'Debt Adjustment'], '1270',
      'money between seller and Amazon (negative balance charged to the card): not profit and loss; the pair nets to zero'),
    rule('*', 'Micro Deposit', '1270', { note: 'bank account verification: Amazon sends a few cents to the bank' }),

    refund('Principal', '4090'),
    refund('Shipping', '4090'),
    refund('GiftWrap', '4090'),
    rule('ItemPrice', 'Goodwill', '4090', { note: 'seller-funded goodwill credit to a customer' }),
    rule('ItemPrice', 'RestockingFee', '4090', { note: 'kept from a refund: reduces refunds' }),
    rule('ItemPrice', 'ReturnShipping', '4090'),

    ...each('ItemFees', FULFILMENT_FEES, '6115', MCF),
    ...each('ShipmentFees', FULFILMENT_FEES, '6115', MCF),
    ...each('Shipment-Fees', FULFILMENT_FEES, '6115', MCF),
    ...each('OrderFees', FULFILMENT_FEES, '6115', MCF),

    rule('ItemPrice', 'Principal', '4300', { transactionType: 'Liquidations*', note: 'inventory sold through FBA Liquidations' }),
    rule('ItemPrice', 'Principal', '4000'),
    rule('ItemPrice', 'Shipping', '4010'),
    rule('ItemPrice', 'GiftWrap', '4020'),
    rule('ItemPrice', '*Tax', '2200', { note: 'Tax, ShippingTax, GiftWrapTax: VAT the customer paid' }),
    rule('ItemPrice', 'LowValueGoodsTax-*', '2200'),
    rule('ItemPrice', 'TaxDiscount', '4100'),
    rule('ItemWithheldTax', 'MarketplaceFacilitator*', '2200', { note: 'VAT/tax Amazon remits as marketplace facilitator, nets the tax above' }),
    rule('ItemWithheldTax', 'LowValueGoodsTax-*', '2200'),
    rule('ItemFees', 'MarketplaceFacilitatorVAT-*', '2200'),
    rule('ItemFees', 'LowValueGoodsTax-*', '2200'),

    ...each('ItemFees', FULFILMENT_FEES, '6110'),
    ...each('ShipmentFees', FULFILMENT_FEES, '6110'),
    ...each('Shipment-Fees', FULFILMENT_FEES, '6110'),
    ...each('OrderFees', FULFILMENT_FEES, '6110'),
    ...each('ItemFees', SELLING_FEES, '6100'),
    ...each('Promotion', ['Principal', 'Shipping', 'GiftWrap', 'TaxDiscount'], '4100'),
    rule('OtherFees', '*', '6150', { note: 'the older file\'s other-fee-amount, described by other-fee-reason-description' }),
    rule('MiscFees', '*', '6150', { note: 'the older file\'s misc-fee-amount: has no description' }),
    rule('OtherAmount', '*', '6150', { note: 'the older file\'s other-amount on an order line' }),

    rule('Cost of Advertising', '*', '6140'),
    rule('ItemFees', 'Cost of Advertising', '6140', { note: 'the older file: ServiceFee with item-related-fee-type Cost of Advertising' }),
    ...each('FBA Inventory Reimbursement', ['MULTICHANNEL_ORDER_LATE'], '6115', { note: 'MCF late-delivery credit: refunds part of the MCF fee' }),
    ...accountLevel(['MULTICHANNEL_ORDER_LATE'], '6115'),
    ...each('FBA Inventory Reimbursement', REIMBURSED, '4200', { note: 'inventory lost or damaged, reimbursed (or clawed back) by Amazon' }),
    ...accountLevel(REIMBURSED, '4200'),
    rule('FBA Inventory Storage Fee', '*', '6120'),
    rule('FBA Amazon-Partnered Carrier Shipment Fee', '*', '6150', { note: 'inbound freight with Amazon\'s partnered carrier' }),
    ...accountLevel(['Storage Fee', 'StorageRenewalBilling', 'Long-Term Storage Fee'], '6120'),
    ...accountLevel(['Subscription Fee'], '6130'),
    ...accountLevel(['Inbound Transportation Fee', 'FBAInboundTransportationFee', 'FBA Inbound Placement Service Fee', 'DisposalComplete', 'RemovalComplete',
      'Manual Processing Fee', 'Shipping label purchase', 'Shipping label purchase for return', 'Liquidations Brokerage Fee', 'Balance Adjustment'], '6150'),
    ...accountLevel(['Coupon Redemption Fee', 'Lightning Deal Fee', 'Vine Enrollment Fee'], '6140', 'deal, coupon and review programmes: promotion costs'),
    ...accountLevel(['Subscribe and Save Discount'], '4100'),
    ...accountLevel(['Liquidations'], '4300'),
    ...accountLevel(['Amazon Capital Services'], '2300', 'loan repayment to Amazon Lending: reduces the loan, not profit and loss'),
  ],
};
