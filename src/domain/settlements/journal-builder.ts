// Builds the balanced double-entry journal of one settlement. Every row's amount posts to the account
// the chart maps it to, against the Amazon clearing account; the deposit then moves the settlement total
// from clearing to the bank on the deposit date. Rows are aggregated as they stream in (by period,
// account and, for refunds, order: journal-periods.ts), so a million-row report never sits in memory.
// Rows no rule maps go to suspense and are reported per kind (journal-unmapped.ts); the entries and
// warnings are assembled at the end (journal-assembly.ts).
//
// Sign convention of the report: credits to the seller positive, fees negative. A positive amount is a
// credit on its account (sales) and a debit on clearing; a negative one a debit on its account (fees).
// Periods: rows go to the calendar month (UTC) of their posted date, so a settlement spanning two months
// gives one entry per month, each balanced through clearing and dated at month end (the last month at the
// settlement end date). The same rows in any order give the same journal, keys included.
import { fail, failure, type Result } from '../shared/result.js';
import { compileChart, type ChartOfAccounts, type CompiledChart } from './chart-of-accounts.js';
import { assembleJournal } from './journal-assembly.js';
import { isoDay, keepLowest } from './journal-days.js';
import type { SettlementJournal } from './journal-entry.js';
import { JournalPeriods } from './journal-periods.js';
import { LINES_LISTED, UnmappedRows } from './journal-unmapped.js';
import type { SettlementHeader, SettlementRow } from './settlement-types.js';

export interface JournalOptions {
  /** 'month' (default): one activity entry per calendar month of posted dates; 'day': one per day. */
  readonly bucket?: 'month' | 'day';
  /**
   * Which rows keep their order on the journal line instead of merging into the account total:
   * 'refunds' (default) — refund rows, so each refund can be tied to its original sale; 'all'; 'none'.
   */
  readonly orderDetail?: 'none' | 'refunds' | 'all';
  /**
   * At most this many orders keep their own lines (default ORDER_DETAIL_MAX): a settlement with more
   * posts them per account instead, with an 'order-detail-aggregated' warning. Such a journal would be
   * unusable line by line anyway (Xero imports at most 300 lines per file), and memory stays bounded.
   */
  readonly orderDetailMax?: number;
}

/** Orders kept on their own journal lines at most, by default (see JournalOptions.orderDetailMax). */
export const ORDER_DETAIL_MAX = 500;

/** `YYYY-MM-DD`: the length of a posting day. */
const DAY_LENGTH = 10;

export interface JournalBuilder {
  add(row: SettlementRow): void;
  finish(): Result<SettlementJournal>;
}

export function createJournalBuilder(header: SettlementHeader, chart: ChartOfAccounts, options: JournalOptions = {}): JournalBuilder {
  return new SettlementJournalBuilder(header, chart, options);
}

class SettlementJournalBuilder implements JournalBuilder {
  private readonly chart: CompiledChart;
  private readonly periods: JournalPeriods;
  private readonly unmapped = new UnmappedRows();
  private readonly endDay: string;
  private readonly invalidRows: string[] = [];
  private readonly undated: number[] = [];
  private undatedCount = 0;
  private rowCount = 0;
  private rowSum = 0;
  // Rows of one order share their posted date: the last one's day saves a date check per row.
  private lastPosted: string | undefined;
  private lastDay = '';

  constructor(private readonly header: SettlementHeader, chart: ChartOfAccounts, private readonly options: JournalOptions) {
    this.chart = compileChart(chart);
    this.periods = new JournalPeriods(options.bucket ?? 'month', options.orderDetail ?? 'refunds', options.orderDetailMax ?? ORDER_DETAIL_MAX);
    this.endDay = isoDay(header.endDate) ?? '';
  }

  add(row: SettlementRow): void {
    this.rowCount += 1;
    if (!this.checkAmount(row)) return;
    const resolved = this.chart.resolve(row);
    if (resolved.ruleIndex === null) this.unmapped.add(row);
    this.periods.post(row, this.postingDay(row), resolved);
  }

  finish(): Result<SettlementJournal> {
    const { header } = this;
    const problem = headerProblem(header);
    if (problem !== null) return fail(failure('permanent', 'InvalidSettlementHeader', problem));
    if (this.invalidRows.length > 0) return fail(failure('permanent', 'InvalidSettlementRow', `settlement ${header.settlementId}: ${this.invalidRows.join('; ')}`));
    if (this.periods.overflow || !Number.isSafeInteger(this.rowSum)) {
      return fail(failure('permanent', 'AmountOverflow', `settlement ${header.settlementId}: the amounts add up beyond what can be counted exactly`));
    }
    return assembleJournal({
      header, chart: this.chart, bucket: this.options.bucket ?? 'month', periods: this.periods.periods, unmapped: this.unmapped.result(),
      rowCount: this.rowCount, rowSum: this.rowSum, undatedCount: this.undatedCount, undated: this.undated,
      orderDetail: this.options.orderDetail ?? 'refunds', orderDetailMax: this.options.orderDetailMax ?? ORDER_DETAIL_MAX,
      orderDetailAggregated: this.periods.orderDetailAggregated,
    });
  }

  /** A whole number of minor units, counted into the sum; anything else is listed and fails the journal. */
  private checkAmount(row: SettlementRow): boolean {
    if (Number.isSafeInteger(row.amount)) {
      this.rowSum += row.amount;
      return true;
    }
    if (this.invalidRows.length < LINES_LISTED) this.invalidRows.push(`line ${row.lineNumber}: amount ${String(row.amount)} is not a whole number of minor units`);
    return false;
  }

  /** The row's posted day; the settlement's end day (noted for a warning) when it has none. */
  private postingDay(row: SettlementRow): string {
    const posted = row.postedDate;
    if (posted !== undefined && posted === this.lastPosted) return this.lastDay;
    // isoDay reads the first ten characters only: a new time on the same day is the same day.
    if (posted !== undefined && this.lastPosted !== undefined && posted.length >= DAY_LENGTH && posted.slice(0, DAY_LENGTH) === this.lastDay) {
      this.lastPosted = posted;
      return this.lastDay;
    }
    const day = isoDay(posted);
    if (day !== null) {
      this.lastPosted = row.postedDate;
      this.lastDay = day;
      return day;
    }
    this.undatedCount += 1;
    keepLowest(this.undated, row.lineNumber, LINES_LISTED);
    return this.endDay;
  }
}

function headerProblem(header: SettlementHeader): string | null {
  for (const field of ['startDate', 'endDate', 'depositDate'] as const) {
    if (isoDay(header[field]) === null) return `settlement ${header.settlementId}: ${field} "${header[field]}" is not an ISO 8601 date`;
  }
  if (!Number.isInteger(header.fractionDigits) || header.fractionDigits < 0 || header.fractionDigits > 4) {
    return `settlement ${header.settlementId}: fractionDigits ${header.fractionDigits} must be a whole number from 0 to 4`;
  }
  if (!Number.isSafeInteger(header.totalAmount)) return `settlement ${header.settlementId}: total ${header.totalAmount} is not a whole number of minor units`;
  if (header.settlementId.trim() === '') return 'the settlement has no id';
  return null;
}

export function buildSettlementJournal(header: SettlementHeader, rows: Iterable<SettlementRow>, chart: ChartOfAccounts, options?: JournalOptions): Result<SettlementJournal> {
  const builder = createJournalBuilder(header, chart, options);
  for (const row of rows) builder.add(row);
  return builder.finish();
}

/** The same for rows read from a stream (the parser reading a file). */
export async function buildSettlementJournalFromStream(
  header: SettlementHeader, rows: AsyncIterable<SettlementRow> | Iterable<SettlementRow>, chart: ChartOfAccounts, options?: JournalOptions,
): Promise<Result<SettlementJournal>> {
  const builder = createJournalBuilder(header, chart, options);
  for await (const row of rows) builder.add(row);
  return builder.finish();
}
