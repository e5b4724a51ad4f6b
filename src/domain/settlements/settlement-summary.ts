// A settlement's summary in the categories of Seller Central's statement (Payments → Statement view),
// accumulated row by row while the file streams past: memory is one entry per distinct
// (transaction-type, amount-type, amount-description), a few dozen for any real file.
import { SUMMARY_CATEGORIES, summaryCategory, type SummaryCategory } from './settlement-summary-categories.js';
import type { SettlementRow } from './settlement-types.js';

export { SUMMARY_CATEGORIES, SUMMARY_LABELS, summaryCategory, type SummaryCategory } from './settlement-summary-categories.js';

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
