// A settlement's summary in the categories of Seller Central's statement (Payments → Statement view),
// accumulated row by row while the file streams past: memory is one entry per distinct
// (transaction-type, amount-type, amount-description), a few dozen for any real file.
import type { KnownTransactionType } from './settlement-transaction-types.js';
import type { SettlementRow } from './settlement-types.js';

export const SUMMARY_CATEGORIES = [
  'beginningBalance', 'productCharges', 'shipping', 'refundedSales', 'refundedExpenses', 'amazonFees', 'other', 'accountReserve',
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
  other: 'Other',
  accountReserve: 'Account level reserve',
  netProceeds: 'Net proceeds',
};

/** amount-description → category; '*' for every description not named. */
type ByDescription = { readonly '*': SummaryCategory } & Readonly<Record<string, SummaryCategory>>;
/** amount-type → category (or per description); '*' for every amount-type not named. */
type ByAmountType = { readonly '*': SummaryCategory | ByDescription } & Readonly<Record<string, SummaryCategory | ByDescription>>;

/**
 * Where each row goes. Exhaustive: every known transaction type has a row, and every level a '*'.
 *
 * Where it comes from: the DE settlement 23167452842 (../shared/fixtures/settlement, PROVENANCE.md)
 * with Seller Central's own summary for it fixes every row kind it contains, to the cent:
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
 * Rows that file does not have follow the same logic, unverified against Seller Central: the older
 * file's shipment/order fee columns are fees; refunded shipping is a refunded sale; storage,
 * subscription, advertising (ServiceFee) and Amazon's other fee transactions are Amazon fees;
 * promotions, reimbursements, adjustments and tax corrections (…_Retrocharge) are other.
 */
export const SUMMARY_CATEGORY_TABLE: Readonly<Record<KnownTransactionType, ByAmountType>> = {
  Order: {
    ItemPrice: { Principal: 'productCharges', Shipping: 'shipping', '*': 'other' },
    ItemFees: 'amazonFees',
    ShipmentFees: 'amazonFees',
    OrderFees: 'amazonFees',
    '*': 'other',
  },
  Refund: {
    ItemPrice: { Principal: 'refundedSales', Shipping: 'refundedSales', '*': 'other' },
    ItemFees: 'refundedExpenses',
    ShipmentFees: 'refundedExpenses',
    OrderFees: 'refundedExpenses',
    '*': 'other',
  },
  'Chargeback Refund': {
    ItemPrice: { Principal: 'refundedSales', Shipping: 'refundedSales', '*': 'other' },
    ItemFees: 'refundedExpenses',
    '*': 'other',
  },
  'other-transaction': {
    'other-transaction': {
      'Previous Reserve Amount Balance': 'beginningBalance',
      'Current Reserve Amount': 'accountReserve',
      'Storage Fee': 'amazonFees',
      'Subscription Fee': 'amazonFees',
      StorageRenewalBilling: 'amazonFees',
      DisposalComplete: 'amazonFees',
      '*': 'other',
    },
    '*': 'other',
  },
  ServiceFee: { '*': 'amazonFees' },
  AmazonFees: { '*': 'amazonFees' },
  FBAFees: { '*': 'amazonFees' },
  'Fee Adjustment': { '*': 'amazonFees' },
  Adjustment: { '*': 'other' },
  'SAFE-T Reimbursement': { '*': 'other' },
  Order_Retrocharge: { '*': 'other' },
  Refund_Retrocharge: { '*': 'other' },
};

/** The category of a row; a transaction type the table does not know (the parser rejects those) is other. */
export function summaryCategory(transactionType: string, amountType: string, amountDescription: string): SummaryCategory {
  if (!Object.hasOwn(SUMMARY_CATEGORY_TABLE, transactionType)) return 'other';
  const byAmountType = SUMMARY_CATEGORY_TABLE[transactionType as KnownTransactionType];
  const entry = (Object.hasOwn(byAmountType, amountType) ? byAmountType[amountType] : undefined) ?? byAmountType['*'];
  if (typeof entry === 'string') return entry;
  return (Object.hasOwn(entry, amountDescription) ? entry[amountDescription] : undefined) ?? entry['*'];
}

export interface SummaryBreakdownLine {
  readonly transactionType: string;
  readonly amountType: string;
  readonly amountDescription: string;
  readonly category: SummaryCategory;
  readonly amount: number;
  readonly rowCount: number;
}

/** Minor units of the settlement currency. netProceeds = Σ categories = total-amount of a balanced file. */
export type SettlementSummary = Readonly<Record<SummaryCategory | 'netProceeds', number>> & {
  readonly rowCount: number;
  /** Every (transaction-type, amount-type, amount-description) seen, in order of first appearance. */
  readonly breakdown: readonly SummaryBreakdownLine[];
};

interface MutableLine {
  readonly transactionType: string;
  readonly amountType: string;
  readonly amountDescription: string;
  readonly category: SummaryCategory;
  amount: number;
  rowCount: number;
}

export class SettlementSummaryAccumulator {
  private readonly lines = new Map<string, MutableLine>();
  private rows = 0;

  add(row: SettlementRow): void {
    const key = `${row.transactionType}\u0000${row.amountType}\u0000${row.amountDescription}`;
    let line = this.lines.get(key);
    if (line === undefined) {
      line = {
        transactionType: row.transactionType, amountType: row.amountType, amountDescription: row.amountDescription,
        category: summaryCategory(row.transactionType, row.amountType, row.amountDescription), amount: 0, rowCount: 0,
      };
      this.lines.set(key, line);
    }
    line.amount += row.amount;
    line.rowCount++;
    this.rows++;
  }

  result(): SettlementSummary {
    const totals = Object.fromEntries(SUMMARY_CATEGORIES.map((c) => [c, 0])) as Record<SummaryCategory, number>;
    let netProceeds = 0;
    for (const line of this.lines.values()) {
      totals[line.category] += line.amount;
      netProceeds += line.amount;
    }
    return { ...totals, netProceeds, rowCount: this.rows, breakdown: [...this.lines.values()].map((l) => ({ ...l })) };
  }
}

/** The summary of rows already in memory. */
export function summariseSettlement(rows: Iterable<SettlementRow>): SettlementSummary {
  const accumulator = new SettlementSummaryAccumulator();
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}
