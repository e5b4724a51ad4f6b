// The transaction types the bridge knows how to account for. A line with any other type is a problem
// for a person (and the file is not imported), never a guess: a new kind of money must be mapped
// before it reaches the books. Matching is case-insensitive (sources disagree on casing); rows carry
// the spelling below.
// Sources: ../shared/docs/amazon-facts.md (Order, Refund, other-transaction, ServiceFee,
// Adjustment, Chargeback Refund); public real V2 files from Amazon.co.jp (AmazonFees, FBAFees,
// Fee Adjustment, SAFE-T Reimbursement, Order_Retrocharge, Refund_Retrocharge).

export const KNOWN_TRANSACTION_TYPES = [
  'Order',
  'Refund',
  'other-transaction',
  'ServiceFee',
  'Adjustment',
  'Chargeback Refund',
  'AmazonFees',
  'FBAFees',
  'Fee Adjustment',
  'SAFE-T Reimbursement',
  'Order_Retrocharge',
  'Refund_Retrocharge',
] as const;

export type KnownTransactionType = (typeof KNOWN_TRANSACTION_TYPES)[number];

/**
 * The older flat file names account-level money by its description in transaction-type, with the
 * amount in other-amount ("Current Reserve Amount", "Storage Fee"); V2 writes the same money as
 * transaction-type = amount-type = other-transaction with that text as amount-description. These are
 * the descriptions known in that position.
 */
export const LEGACY_OTHER_TRANSACTION_TYPES = [
  'Previous Reserve Amount Balance',
  'Current Reserve Amount',
  'Storage Fee',
  'Subscription Fee',
  'StorageRenewalBilling',
  'DisposalComplete',
] as const;

const exactly = new Map<string, KnownTransactionType>(KNOWN_TRANSACTION_TYPES.map((t) => [t, t]));
const byLowerCase = new Map<string, KnownTransactionType>(KNOWN_TRANSACTION_TYPES.map((t) => [t.toLowerCase(), t]));
const legacyOtherByLowerCase = new Map<string, string>(LEGACY_OTHER_TRANSACTION_TYPES.map((t) => [t.toLowerCase(), t]));

/** The known type `text` names, in its canonical spelling, or undefined. */
export function knownTransactionType(text: string): KnownTransactionType | undefined {
  return exactly.get(text) ?? byLowerCase.get(text.toLowerCase());
}

/** For the older flat file: the other-transaction description `text` names, or undefined. */
export function legacyOtherTransaction(text: string): string | undefined {
  return legacyOtherByLowerCase.get(text.toLowerCase());
}
