// Seller Central's statement categories (Payments → Statement view) and which rows go to each.
// Docs: Seller Central help "Statement View" (G200913190): Beginning balance; Sales (product charges,
// shipping, other: FBA inventory reimbursements …); Refunds (refunded sales, refunded expenses);
// Expenses (Amazon fees, FBA fees: storage, removal, inbound, …; Cost of Advertising; other: coupon
// redemption fees, …); Account level reserve. The table per value: docs/runbooks/chart-of-accounts.md.
import type { KnownTransactionType } from './settlement-known-values.js';

export const SUMMARY_CATEGORIES = [
  'beginningBalance', 'productCharges', 'shipping', 'refundedSales', 'refundedExpenses', 'amazonFees', 'fbaFees',
  'costOfAdvertising', 'other', 'transfers', 'accountReserve',
] as const;

export type SummaryCategory = (typeof SUMMARY_CATEGORIES)[number];

/** Seller Central's words for the categories. */
export const SUMMARY_LABELS: Readonly<Record<SummaryCategory | 'netProceeds', string>> = {
  beginningBalance: 'Beginning balance',
  productCharges: 'Product charges',
  shipping: 'Shipping',
  refundedSales: 'Refunded sales',
  refundedExpenses: 'Refunded expenses',
  amazonFees: 'Amazon fees',
  fbaFees: 'FBA fees',
  costOfAdvertising: 'Cost of Advertising',
  other: 'Other',
  transfers: 'Transfers',
  accountReserve: 'Account level reserve',
  netProceeds: 'Net proceeds',
};

/** amount-description → category; '*' for every description not named. */
type ByDescription = { readonly '*': SummaryCategory } & Readonly<Record<string, SummaryCategory>>;
/** amount-type → category (or per description); '*' for every amount-type not named. */
type ByAmountType = { readonly '*': SummaryCategory | ByDescription } & Readonly<Record<string, SummaryCategory | ByDescription>>;

const saleFees = { ItemFees: 'amazonFees', ShipmentFees: 'amazonFees', 'Shipment-Fees': 'amazonFees', OrderFees: 'amazonFees' } as const;
const refundFees = { ItemFees: 'refundedExpenses', ShipmentFees: 'refundedExpenses', 'Shipment-Fees': 'refundedExpenses', OrderFees: 'refundedExpenses' } as const;
const refunded: ByAmountType = {
  ItemPrice: { Principal: 'refundedSales', Shipping: 'refundedSales', GiftWrap: 'refundedSales', '*': 'other' },
  ...refundFees,
  Promotion: 'refundedExpenses',
  '*': 'other',
};

/** Account-level descriptions (other-transaction rows; transaction types of the older file). */
const ACCOUNT_LEVEL: ByDescription = {
  'Previous Reserve Amount Balance': 'beginningBalance',
  'Current Reserve Amount': 'accountReserve',
  'Payable to Amazon': 'transfers',
  'Successful charge': 'transfers',
  'Failed charge': 'transfers',
  'Micro Deposit': 'transfers',
  'Debt Adjustment': 'transfers',
  'Storage Fee': 'fbaFees',
  StorageRenewalBilling: 'fbaFees',
  'Long-Term Storage Fee': 'fbaFees',
  'Inbound Transportation Fee': 'fbaFees',
  FBAInboundTransportationFee: 'fbaFees',
  'FBA Inbound Placement Service Fee': 'fbaFees',
  DisposalComplete: 'fbaFees',
  RemovalComplete: 'fbaFees',
  'Manual Processing Fee': 'fbaFees',
  'Subscription Fee': 'amazonFees',
  '*': 'other',
};

/**
 * Where each row goes. Exhaustive: every known transaction type has an entry, and every level a '*'.
 *
 * Verified to the cent: the DE settlement 23167452842 (../shared/fixtures/settlement) with Seller
 * Central's own summary fixes every row kind it contains:
 *   product charges   650.40 = Order ItemPrice Principal
 *   shipping            7.46 = Order ItemPrice Shipping
 *   refunded sales   −108.40 = Refund ItemPrice Principal
 *   refunded expenses  16.70 = Refund ItemFees (Commission +20.88, RefundCommission −4.18)
 *   Amazon fees      −226.36 = Order ItemFees (Commission, DigitalServicesFee, FBAPerUnitFulfillmentFee,
 *                              ShippingChargeback)
 *   beginning balance 180.95 = other-transaction Previous Reserve Amount Balance
 *   account reserve  −324.10 = other-transaction Current Reserve Amount
 *   other               0.00 = the VAT Amazon collects and withholds: ItemPrice Tax / ShippingTax and
 *                              ItemWithheldTax MarketplaceFacilitatorVAT-* (they cancel out)
 * The rest follows Seller Central's help on the statement view, unverified against a statement:
 * storage, removal and inbound fees are FBA fees; advertising is Cost of Advertising; reimbursements,
 * promotions, liquidations, coupons and deals are other; card charges and micro deposits are transfers.
 */
export const SUMMARY_CATEGORY_TABLE: Readonly<Record<KnownTransactionType, ByAmountType>> = {
  Order: { ItemPrice: { Principal: 'productCharges', Shipping: 'shipping', '*': 'other' }, ...saleFees, '*': 'other' },
  Refund: refunded,
  'Chargeback Refund': refunded,
  'A-to-z Guarantee Claim': refunded,
  'other-transaction': {
    'other-transaction': ACCOUNT_LEVEL,
    'FBA Inventory Reimbursement': 'other',
    'Micro Deposit': 'transfers',
    '*': ACCOUNT_LEVEL,
  },
  ServiceFee: { 'Cost of Advertising': 'costOfAdvertising', ItemFees: { 'Cost of Advertising': 'costOfAdvertising', '*': 'amazonFees' }, '*': 'amazonFees' },
  AmazonFees: { '*': 'amazonFees' },
  FBAFees: { '*': 'fbaFees' },
  'Fee Adjustment': { '*': 'amazonFees' },
  Adjustment: { '*': 'other' },
  'SAFE-T Reimbursement': { '*': 'other' },
  Order_Retrocharge: { '*': 'other' },
  Refund_Retrocharge: { '*': 'other' },
  Liquidations: { '*': 'other' },
  'Liquidations Adjustments': { '*': 'other' },
  Transfers: { '*': 'transfers' },
  CouponRedemptionFee: { '*': 'other' },
  'Subscribe and Save': { '*': 'other' },
};

/** The category of a row; rows of a transaction type the bridge does not know are "Other". */
export function summaryCategory(transactionType: string, amountType: string, amountDescription: string): SummaryCategory {
  if (!Object.hasOwn(SUMMARY_CATEGORY_TABLE, transactionType)) return 'other';
  const byAmountType = SUMMARY_CATEGORY_TABLE[transactionType as KnownTransactionType];
  const entry = (Object.hasOwn(byAmountType, amountType) ? byAmountType[amountType] : undefined) ?? byAmountType['*'];
  if (typeof entry === 'string') return entry;
  return (Object.hasOwn(entry, amountDescription) ? entry[amountDescription] : undefined) ?? entry['*'];
}
