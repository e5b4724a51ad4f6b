// The chart of accounts a small brand selling through Amazon would start from. Codes follow the usual
// small-business layout (1xxx assets, 2xxx liabilities, 4xxx income, 6xxx expenses, 9999 suspense);
// replace them with your ledger's codes in the configuration file.
//
// Rules are tried top to bottom, first match wins, so specific rules (reserves, refunds, multi-channel
// orders) come before the general ones. Amount types and descriptions are the values Amazon writes in
// the settlement report (../shared/docs/amazon-facts.md, "Settlement report"). Amazon publishes no list
// of them: rows no rule matches go to 9999 Suspense and are reported, never dropped.
// Only ItemFees, ItemWithheldTax, Shipment-Fees and Promotion have catch-all rules: an unknown fee is an
// Amazon fee, but an unknown ItemPrice or other-transaction row could be revenue, tax or a loan repayment
// (Amazon Capital Services) — that is for finance to decide, so it stays in suspense.
import type { ChartOfAccounts, MappingRule } from './chart-of-accounts.js';

const rule = (amountType: string, amountDescription: string, account: string, extra: Partial<MappingRule> = {}): MappingRule =>
  ({ amountType, amountDescription, account, ...extra });
const refund = (amountDescription: string, account: string): MappingRule =>
  rule('ItemPrice', amountDescription, account, { transactionType: '*Refund*', note: 'refunded sales apart from sales (Seller Central: "Refunded sales")' });
const anyType = (amountDescription: string, account: string, note?: string): MappingRule =>
  rule('*', amountDescription, account, note === undefined ? {} : { note });

export const DEFAULT_CHART_OF_ACCOUNTS: ChartOfAccounts = {
  accounts: [
    { code: '1200', name: 'Bank' },
    { code: '1250', name: 'Amazon clearing' },
    { code: '1260', name: 'Amazon reserve' },
    { code: '2200', name: 'VAT' },
    { code: '4000', name: 'Amazon sales' },
    { code: '4010', name: 'Shipping income' },
    { code: '4020', name: 'Gift wrap income' },
    { code: '4090', name: 'Refunds to customers' },
    { code: '4100', name: 'Promotions and discounts' },
    { code: '4200', name: 'Amazon reimbursements' },
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

    refund('Principal', '4090'),
    refund('Shipping', '4090'),
    refund('GiftWrap', '4090'),
    rule('ItemPrice', 'Goodwill', '4090', { note: 'seller-funded goodwill credit to a customer' }),
    rule('ItemPrice', 'RestockingFee', '4090', { note: 'kept from a refund: reduces refunds' }),

    rule('ItemFees', '*', '6115', { marketplace: 'Non-Amazon*', note: 'fees of storefront orders Amazon fulfilled (MCF)' }),
    rule('Shipment-Fees', '*', '6115', { marketplace: 'Non-Amazon*', note: 'MCF transportation fee per shipment' }),

    rule('ItemPrice', 'Principal', '4000'),
    rule('ItemPrice', 'Shipping', '4010'),
    rule('ItemPrice', 'GiftWrap', '4020'),
    rule('ItemPrice', '*Tax', '2200', { note: 'Tax, ShippingTax, GiftWrapTax: VAT the customer paid' }),
    rule('ItemWithheldTax', '*', '2200', { note: 'MarketplaceFacilitatorVAT-Principal/-Shipping: VAT Amazon remits, nets the tax above' }),

    rule('ItemFees', 'FBAPerUnitFulfillmentFee', '6110'),
    rule('ItemFees', 'FBAPerOrderFulfillmentFee', '6110'),
    rule('ItemFees', 'FBAWeightBasedFee', '6110'),
    rule('ItemFees', 'ShippingChargeback', '6110'),
    rule('ItemFees', 'GiftwrapChargeback', '6110'),
    rule('ItemFees', 'ShippingHB', '6110'),
    rule('ItemFees', 'MarketplaceFacilitatorVAT-*', '2200'),
    rule('ItemFees', 'Commission', '6100'),
    rule('ItemFees', 'RefundCommission', '6100'),
    rule('ItemFees', 'DigitalServicesFee', '6100'),
    rule('ItemFees', '*', '6100', { note: 'any other per-item fee (VariableClosingFee, FixedClosingFee, …)' }),
    rule('Shipment-Fees', '*', '6110', { note: 'FBATransportationFee, FBAPerOrderFulfillmentFee' }),
    rule('Promotion', '*', '4100'),

    anyType('MULTICHANNEL_ORDER_LATE', '6115', 'MCF late-delivery credit: refunds part of the MCF fee (unverified in a real report)'),
    anyType('MULTICHANNEL_ORDER_*', '4200', 'MCF order lost or damaged: Amazon reimburses the goods (unverified in a real report)'),
    rule('Cost of Advertising', '*', '6140'),
    rule('FBA Inventory Reimbursement', '*', '4200'),
    anyType('Storage Fee', '6120'),
    anyType('*Storage*', '6120', 'StorageRenewalBilling, long-term storage'),
    anyType('Subscription Fee', '6130'),
    anyType('*Subscription*', '6130'),
    anyType('WAREHOUSE_*', '4200', 'inventory lost or damaged in the warehouse'),
    anyType('REVERSAL_REIMBURSEMENT', '4200'),
    anyType('*Reimburs*', '4200'),
    anyType('INCORRECT_FEES_*', '6100', 'Amazon refunds fees it charged wrongly'),
    anyType('ShippingHB', '6110'),
    anyType('*Inbound*', '6150', 'inbound transportation and placement'),
    anyType('*Removal*', '6150'),
    anyType('*Disposal*', '6150'),
    anyType('FBACustomerReturn*', '6150'),
    anyType('Manual Processing Fee', '6150'),
    anyType('LightningDealFee*', '6140'),
    anyType('*Coupon*', '6140'),
    anyType('Shipping label purchase', '6150'),
    anyType('ShippingServices*', '6150'),
  ],
};
