// The classification values of settlement rows that the bridge knows the meaning of. The set is OPEN:
// Amazon adds transaction types, amount types and descriptions without notice, and each marketplace
// has its own. A value missing here never refuses a file: its rows are imported, summarised under
// Seller Central's category for their kind ("Other" when none), booked to suspense and raised once per
// settlement as a finance exception (settlement-unknown-values.ts). Matching is case-insensitive and
// ignores surrounding blanks (sources disagree on casing); rows carry the canonical spelling below.
// What each value means, its Seller Central category and its default account:
// docs/runbooks/chart-of-accounts.md, "Amazon's values".
// Sources: ../shared/docs/amazon-facts.md; Seller Central help "Statement View" (G200913190) and
// "Transaction View" (200378780); public real V2 and older flat files (Amazon.de, .co.uk, .com, .co.jp,
// .ca, .in) read on GitHub.

/** A value Amazon may write that the bridge does not know (yet): kept as written, never refused. */
export type UnknownValue = string & { readonly unknownValue?: never };

export const KNOWN_TRANSACTION_TYPES = [
  'Order', 'Refund', 'Chargeback Refund', 'A-to-z Guarantee Claim', 'other-transaction', 'ServiceFee', 'Adjustment',
  'AmazonFees', 'FBAFees', 'Fee Adjustment', 'SAFE-T Reimbursement', 'Order_Retrocharge', 'Refund_Retrocharge',
  'Liquidations', 'Liquidations Adjustments', 'Transfers', 'CouponRedemptionFee', 'Subscribe and Save',
] as const;
export type KnownTransactionType = (typeof KNOWN_TRANSACTION_TYPES)[number];
export type TransactionType = KnownTransactionType | UnknownValue;

/**
 * V2 amount types, and the names the older file's amount columns get (ShipmentFees, OrderFees,
 * MiscFees, OtherFees, DirectPayment, OtherAmount: see LEGACY_AMOUNT_COLUMNS).
 */
export const KNOWN_AMOUNT_TYPES = [
  'ItemPrice', 'ItemFees', 'ItemWithheldTax', 'Promotion', 'other-transaction', 'FBA Inventory Reimbursement',
  'Cost of Advertising', 'FBA Amazon-Partnered Carrier Shipment Fee', 'FBA Inventory Storage Fee', 'Micro Deposit',
  'ShipmentFees', 'Shipment-Fees', 'OrderFees', 'MiscFees', 'OtherFees', 'DirectPayment', 'OtherAmount',
] as const;
export type KnownAmountType = (typeof KNOWN_AMOUNT_TYPES)[number];
export type AmountType = KnownAmountType | UnknownValue;

/** Account-level money: the other-transaction descriptions (V2), transaction types of the older file. */
export const ACCOUNT_LEVEL_DESCRIPTIONS = [
  'Previous Reserve Amount Balance', 'Current Reserve Amount', 'Payable to Amazon', 'Successful charge', 'Failed charge',
  'Micro Deposit', 'Storage Fee', 'StorageRenewalBilling', 'Long-Term Storage Fee', 'Subscription Fee',
  'Inbound Transportation Fee', 'FBAInboundTransportationFee', 'FBA Inbound Placement Service Fee', 'DisposalComplete', 'RemovalComplete',
  'Shipping label purchase', 'Shipping label purchase for return', 'Manual Processing Fee', 'Balance Adjustment',
  'Coupon Redemption Fee', 'Lightning Deal Fee', 'Vine Enrollment Fee', 'Subscribe and Save Discount',
  'Liquidations', 'Liquidations Brokerage Fee', 'Amazon Capital Services', 'Debt Adjustment',
] as const;

/** FBA inventory reimbursements (amount-type "FBA Inventory Reimbursement"; transaction types in the older file). */
export const REIMBURSEMENT_DESCRIPTIONS = [
  'WAREHOUSE_DAMAGE', 'WAREHOUSE_LOST', 'WAREHOUSE_DAMAGE_EXCEPTION', 'REVERSAL_REIMBURSEMENT', 'COMPENSATED_CLAWBACK',
  'CUSTOMER_RETURN', 'CUSTOMER_SERVICE_ISSUE', 'CRETURN_WRONG_ITEM', 'CS_ERROR_ITEMS', 'FREE_REPLACEMENT_REFUND_ITEMS',
  'INCORRECT_FEES_ITEMS', 'INCORRECT_FEES_NON_ITEMIZED', 'MISSING_FROM_INBOUND', 'REMOVAL_ORDER_LOST',
  'REMOVAL_ORDER_DAMAGED', 'RE_EVALUATION', 'GENERAL_ADJUSTMENT', 'MULTICHANNEL_ORDER_LOST', 'MULTICHANNEL_ORDER_DAMAGED',
  'MULTICHANNEL_ORDER_LATE', 'FBA Inventory Reimbursement',
] as const;

const PRICE_DESCRIPTIONS = [
  'Principal', 'Shipping', 'Tax', 'ShippingTax', 'GiftWrap', 'GiftWrapTax', 'Goodwill', 'RestockingFee', 'ReturnShipping',
  'TaxDiscount', 'LowValueGoodsTax-Principal', 'LowValueGoodsTax-Shipping',
] as const;
const FEE_DESCRIPTIONS = [
  'Commission', 'RefundCommission', 'DigitalServicesFee', 'DigitalServicesFeeFBA', 'FBAPerUnitFulfillmentFee',
  'FBAPerOrderFulfillmentFee', 'FBAWeightBasedFee', 'ShippingChargeback', 'GiftwrapChargeback', 'ShippingHB',
  'VariableClosingFee', 'FixedClosingFee', 'SalesTaxCollectionFee', 'FBATransportationFee', 'Cost of Advertising',
  'MarketplaceFacilitatorVAT-Principal', 'MarketplaceFacilitatorVAT-Shipping', 'LowValueGoodsTax-Principal',
] as const;
const WITHHELD_TAX_DESCRIPTIONS = [
  'MarketplaceFacilitatorVAT-Principal', 'MarketplaceFacilitatorVAT-Shipping', 'MarketplaceFacilitatorVAT-Giftwrap',
  'MarketplaceFacilitatorTax-Principal', 'MarketplaceFacilitatorTax-Shipping', 'MarketplaceFacilitatorTax-Giftwrap',
  'MarketplaceFacilitatorTax-Other', 'LowValueGoodsTax-Principal', 'LowValueGoodsTax-Shipping',
] as const;

/**
 * Known descriptions per amount type. 'free text' where the file writes whatever the seller or Amazon
 * typed (the older file's other-fee reason, promotion ids): any description is known there.
 */
export const KNOWN_DESCRIPTIONS: Readonly<Record<KnownAmountType, readonly string[] | 'free text'>> = {
  ItemPrice: PRICE_DESCRIPTIONS,
  ItemFees: FEE_DESCRIPTIONS,
  ItemWithheldTax: WITHHELD_TAX_DESCRIPTIONS,
  Promotion: ['Principal', 'Shipping', 'GiftWrap', 'TaxDiscount'],
  'other-transaction': ACCOUNT_LEVEL_DESCRIPTIONS,
  'FBA Inventory Reimbursement': REIMBURSEMENT_DESCRIPTIONS,
  'Cost of Advertising': ['TransactionTotalAmount'],
  'FBA Amazon-Partnered Carrier Shipment Fee': ['Base fee', 'Discount on Fee'],
  'FBA Inventory Storage Fee': ['Base fee', 'Discount on Fee'],
  'Micro Deposit': ['Micro Deposit'],
  ShipmentFees: ['FBATransportationFee', 'FBAPerOrderFulfillmentFee', 'ShippingChargeback'],
  'Shipment-Fees': ['FBATransportationFee', 'FBAPerOrderFulfillmentFee', 'ShippingChargeback'],
  OrderFees: ['FBAPerOrderFulfillmentFee', 'ShippingChargeback', 'GiftwrapChargeback'],
  MiscFees: ['', 'MiscFees'],
  OtherFees: 'free text',
  DirectPayment: 'free text',
  OtherAmount: ['', 'OtherAmount'],
};

/**
 * Value lookup: the exact canonical spelling first (no allocation: what nearly every row has), then
 * case-insensitively.
 */
class Spellings<T extends string> {
  private readonly exact: Map<string, T>;
  private readonly lower: Map<string, T>;
  constructor(values: readonly T[]) {
    this.exact = new Map(values.map((v) => [v, v]));
    this.lower = new Map(values.map((v) => [v.toLowerCase(), v]));
  }
  get(text: string): T | undefined {
    return this.exact.get(text) ?? this.lower.get(text.toLowerCase());
  }
}

const transactionTypes = new Spellings(KNOWN_TRANSACTION_TYPES);
const amountTypes = new Spellings(KNOWN_AMOUNT_TYPES);
const descriptions = new Map<string, Spellings<string> | 'free text'>(
  KNOWN_AMOUNT_TYPES.map((t) => {
    const known = KNOWN_DESCRIPTIONS[t];
    return [t, known === 'free text' ? known : new Spellings(known)];
  }),
);
const accountLevel = new Spellings<string>([...ACCOUNT_LEVEL_DESCRIPTIONS, ...REIMBURSEMENT_DESCRIPTIONS]);
const reimbursements = new Set<string>(REIMBURSEMENT_DESCRIPTIONS);

/** The known transaction type `text` names (canonical spelling), or undefined. `text` is trimmed. */
export function knownTransactionType(text: string): KnownTransactionType | undefined {
  return transactionTypes.get(text);
}

export function knownAmountType(text: string): KnownAmountType | undefined {
  return amountTypes.get(text);
}

/** The canonical spelling of a known description of `amountType`, the text itself when free or unknown. */
export function canonicalDescription(amountType: string, text: string): string {
  const known = descriptions.get(amountType);
  if (known === undefined || known === 'free text') return text;
  return known.get(text) ?? text;
}

/** Which field of a classification is not known, first from the transaction type down; null when all are. */
export function unknownField(transactionType: string, amountType: string, amountDescription: string): ClassificationField | null {
  if (transactionTypes.get(transactionType) === undefined) return 'transactionType';
  const type = amountTypes.get(amountType);
  if (type === undefined) return 'amountType';
  const known = descriptions.get(type);
  if (known === undefined || known === 'free text') return null;
  return known.get(amountDescription) === undefined ? 'amountDescription' : null;
}

export type ClassificationField = 'transactionType' | 'amountType' | 'amountDescription';

/**
 * The older flat file names account-level money in transaction-type ("Payable to Amazon",
 * "WAREHOUSE_DAMAGE") with the amount in other-amount; V2 writes the same money as transaction-type
 * other-transaction with that text as amount-description (reimbursements under amount-type "FBA
 * Inventory Reimbursement"). The V2 amount type of such a text, canonical description included.
 */
export function legacyAccountLevel(text: string): { readonly amountType: KnownAmountType; readonly description: string } {
  const known = accountLevel.get(text);
  const description = known ?? text;
  return { amountType: reimbursements.has(description) ? 'FBA Inventory Reimbursement' : 'other-transaction', description };
}
