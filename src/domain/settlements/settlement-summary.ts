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
  /** The line the row after this line's last row went to: an order's rows come in a fixed sequence. */
  next: MutableLine | undefined;
}

export class SettlementSummaryAccumulator {
  // transaction type → amount type → description → line: three lookups and no key to build per row.
  private readonly byKind = new Map<string, Map<string, Map<string, MutableLine>>>();
  private readonly lines: MutableLine[] = [];
  private last: MutableLine | undefined;
  private rows = 0;

  add(row: SettlementRow): void {
    // Most of the time the line that followed the last row's line before (its values are the very same
    // strings, so the comparisons are of pointers); else looked up.
    const last = this.last;
    let line = last?.next;
    if (line === undefined || line.amountDescription !== row.amountDescription || line.amountType !== row.amountType || line.transactionType !== row.transactionType) {
      line = this.lineOf(row);
      if (last !== undefined) last.next = line;
    }
    this.last = line;
    line.amount += row.amount;
    line.rowCount++;
    this.rows++;
  }

  private lineOf(row: SettlementRow): MutableLine {
    let byAmountType = this.byKind.get(row.transactionType);
    if (byAmountType === undefined) this.byKind.set(row.transactionType, byAmountType = new Map());
    let byDescription = byAmountType.get(row.amountType);
    if (byDescription === undefined) byAmountType.set(row.amountType, byDescription = new Map());
    let line = byDescription.get(row.amountDescription);
    if (line === undefined) {
      line = {
        transactionType: row.transactionType, amountType: row.amountType, amountDescription: row.amountDescription,
        category: summaryCategory(row.transactionType, row.amountType, row.amountDescription), amount: 0, rowCount: 0, next: undefined,
      };
      byDescription.set(row.amountDescription, line);
      this.lines.push(line);
    }
    return line;
  }

  result(): SettlementSummary {
    const totals = Object.fromEntries(SUMMARY_CATEGORIES.map((c) => [c, 0])) as Record<SummaryCategory, number>;
    let netProceeds = 0;
    for (const line of this.lines) {
      totals[line.category] += line.amount;
      netProceeds += line.amount;
    }
    return { ...totals, netProceeds, rowCount: this.rows, breakdown: this.lines.map(({ transactionType, amountType, amountDescription, category, amount, rowCount }) => ({ transactionType, amountType, amountDescription, category, amount, rowCount })) };
  }
}

/** The summary of rows already in memory. */
export function summariseSettlement(rows: Iterable<SettlementRow>): SettlementSummary {
  const accumulator = new SettlementSummaryAccumulator();
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}
