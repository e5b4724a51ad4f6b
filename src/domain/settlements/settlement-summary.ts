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

const RECENT_LINES = 8;

interface MutableLine {
  readonly transactionType: string;
  readonly amountType: string;
  readonly amountDescription: string;
  readonly category: SummaryCategory;
  amount: number;
  rowCount: number;
}

export class SettlementSummaryAccumulator {
  // transaction type → amount type → description → line: three lookups and no key to build per row.
  private readonly byKind = new Map<string, Map<string, Map<string, MutableLine>>>();
  private readonly lines: MutableLine[] = [];
  private readonly recent: MutableLine[] = [];
  private next = 0;
  private rows = 0;

  add(row: SettlementRow): void {
    // The line of one of the last few rows, most of the time: their values are the very same strings.
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const line = recent[i] as MutableLine;
      if (line.amountDescription === row.amountDescription && line.amountType === row.amountType && line.transactionType === row.transactionType) {
        line.amount += row.amount;
        line.rowCount++;
        this.rows++;
        return;
      }
    }
    const line = this.lineOf(row);
    recent[this.next] = line;
    this.next = (this.next + 1) % RECENT_LINES;
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
        category: summaryCategory(row.transactionType, row.amountType, row.amountDescription), amount: 0, rowCount: 0,
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
    return { ...totals, netProceeds, rowCount: this.rows, breakdown: this.lines.map((l) => ({ ...l })) };
  }
}

/** The summary of rows already in memory. */
export function summariseSettlement(rows: Iterable<SettlementRow>): SettlementSummary {
  const accumulator = new SettlementSummaryAccumulator();
  for (const row of rows) accumulator.add(row);
  return accumulator.result();
}
