// Builds the balanced double-entry journal of one settlement. Every row's amount posts to the account
// the chart maps it to, against the Amazon clearing account; the deposit then moves the settlement total
// from clearing to the bank on the deposit date. Rows are aggregated as they stream in (by period,
// account and, for refunds, order), so a million-row report never sits in memory. Past ORDER_DETAIL_MAX
// orders, refunds merge per account too (with a warning): memory and the journal's length stay bounded.
//
// Sign convention of the report: credits to the seller positive, fees negative. A positive amount is a
// credit on its account (sales) and a debit on clearing; a negative one a debit on its account (fees).
// Periods: rows go to the calendar month (UTC) of their posted date, so a settlement spanning two months
// gives one entry per month, each balanced through clearing and dated at month end (the last month at the
// settlement end date). The same rows in any order give the same journal, keys included.
import { formatMinorUnits } from '../shared/money.js';
import { fail, failure, ok, type Result } from '../shared/result.js';
import { compileChart, type ChartOfAccounts, type LedgerAccount } from './chart-of-accounts.js';
import {
  journalEntryKey, journalLineKey, entryImbalance,
  type JournalEntry, type JournalLine, type JournalLineRole, type JournalWarning, type SettlementJournal, type UnmappedRowGroup,
} from './journal-entry.js';
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

export interface JournalBuilder {
  add(row: SettlementRow): void;
  finish(): Result<SettlementJournal>;
}

interface LineTotal {
  /** Unique within its period. */
  readonly sortKey: string;
  readonly account: LedgerAccount;
  readonly role: JournalLineRole;
  readonly orderId?: string;
  readonly merchantOrderId?: string;
  readonly transactionType?: string;
  /** Refund rows of every order merged per account, once there were too many orders to keep apart. */
  readonly allRefunds?: boolean;
  amount: number;
  rowCount: number;
  /** The alphabetically first few amount kinds merged into the line (an array: there are many lines when kept per order). */
  readonly kinds: string[];
  moreKinds: boolean;
}

interface PeriodTotal {
  latestDay: string;
  readonly lines: Map<string, LineTotal>;
}

const KINDS_SHOWN = 4;
const LINES_LISTED = 10;
const UNMAPPED_GROUPS_MAX = 1_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The UTC calendar day of an ISO 8601 date or date-time, or null when it is not one. */
function isoDay(value: string | undefined): string | null {
  const m = value === undefined ? null : ISO_DAY.exec(value);
  if (m === null) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map((part) => Number.parseInt(part ?? '', 10)) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? m[0] : null;
}

function lastDayOfMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map((p) => Number.parseInt(p, 10)) as [number, number];
  return `${yearMonth}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/**
 * The results must not depend on the order of the rows, so the samples kept for messages are the lowest
 * line numbers and the alphabetically first kinds, not the first ones seen.
 */
function keepLowest(list: number[], value: number, limit: number): void {
  if (list.length < limit) list.push(value);
  else if (value < Math.max(...list)) list[list.indexOf(Math.max(...list))] = value;
  else return;
  list.sort((a, b) => a - b);
}

function noteKind(line: LineTotal, kind: string): void {
  if (line.kinds.includes(kind)) return;
  if (line.kinds.length >= KINDS_SHOWN) {
    line.moreKinds = true;
    if (kind > (line.kinds[line.kinds.length - 1] ?? '')) return;
    line.kinds.pop();
  }
  line.kinds.push(detached(kind));
  line.kinds.sort();
}

const maxDay = (a: string, b: string): string => (a > b ? a : b);
const minDay = (a: string, b: string): string => (a < b ? a : b);
const isRefund = (transactionType: string): boolean => /refund/i.test(transactionType);

/**
 * A copy of a row's text that does not keep the file's text alive. A row's fields are slices of the
 * chunk they were read from: a builder that kept them (per refunded order) kept every chunk, so memory
 * grew with the file. Concatenating and slicing off again gives a fresh, flat string in V8.
 */
function detached<T extends string | undefined>(text: T): T {
  return (text === undefined ? undefined : (` ${text}`).slice(1)) as T;
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

export function createJournalBuilder(header: SettlementHeader, chart: ChartOfAccounts, options: JournalOptions = {}): JournalBuilder {
  const compiled = compileChart(chart);
  const bucket = options.bucket ?? 'month';
  const orderDetail = options.orderDetail ?? 'refunds';
  const orderDetailMax = options.orderDetailMax ?? ORDER_DETAIL_MAX;
  /** The orders that have lines of their own, until there are more than orderDetailMax: then null. */
  let detailOrders: Set<string> | null = new Set<string>();
  const endDay = isoDay(header.endDate) ?? '';
  const periods = new Map<string, PeriodTotal>();
  const unmapped = new Map<string, { group: Omit<UnmappedRowGroup, 'lineNumbers'>; lineNumbers: number[] }>();
  const invalidRows: string[] = [];
  const undated: number[] = [];
  let undatedCount = 0;
  let rowCount = 0;
  let rowSum = 0;
  let overflow = false;

  function noteUnmapped(row: SettlementRow): void {
    const parts = [row.transactionType, row.amountType, row.amountDescription].map((p) => p.trim());
    let key = parts.join('\u0000');
    if (!unmapped.has(key) && unmapped.size >= UNMAPPED_GROUPS_MAX) key = '(more)';
    const [transactionType, amountType, amountDescription] = key === '(more)' ? ['(other)', '(other)', '(other)'] : parts.map(detached) as [string, string, string];
    const entry = unmapped.get(key) ?? { group: { transactionType, amountType, amountDescription, rowCount: 0, amount: 0 }, lineNumbers: [] };
    entry.group = { ...entry.group, rowCount: entry.group.rowCount + 1, amount: entry.group.amount + row.amount };
    keepLowest(entry.lineNumbers, row.lineNumber, LINES_LISTED);
    unmapped.set(key, entry);
  }

  function add(row: SettlementRow): void {
    rowCount += 1;
    if (!Number.isSafeInteger(row.amount)) {
      if (invalidRows.length < LINES_LISTED) invalidRows.push(`line ${row.lineNumber}: amount ${String(row.amount)} is not a whole number of minor units`);
      return;
    }
    rowSum += row.amount;
    let day = isoDay(row.postedDate);
    if (day === null) {
      undatedCount += 1;
      keepLowest(undated, row.lineNumber, LINES_LISTED);
      day = endDay;
    }
    const periodKey = bucket === 'month' ? day.slice(0, 7) : day;
    const period = periods.get(periodKey) ?? { latestDay: day, lines: new Map<string, LineTotal>() };
    periods.set(periodKey, period);
    period.latestDay = maxDay(period.latestDay, day);

    const resolved = compiled.resolve(row);
    if (resolved.ruleIndex === null) noteUnmapped(row);
    const hasOrder = row.orderId !== undefined || row.merchantOrderId !== undefined;
    const refund = isRefund(row.transactionType);
    const detailed = hasOrder && (orderDetail === 'all' || (orderDetail === 'refunds' && refund));
    if (detailed && detailOrders !== null) {
      const order = `${row.orderId ?? ''}\u0000${row.merchantOrderId ?? ''}`;
      if (!detailOrders.has(order)) {
        detailOrders.add(detached(order));
        if (detailOrders.size > orderDetailMax) aggregateOrderLines();
      }
    }
    const keepOrder = detailed && detailOrders !== null;
    const line = lineFor(period, resolved.account, resolved.role, lineKeyOf(resolved.account, resolved.role, row.amountDescription, refund, keepOrder, detailed, row),
      keepOrder ? { transactionType: detached(row.transactionType), orderId: detached(row.orderId), merchantOrderId: detached(row.merchantOrderId) }
        : detailed && refund ? { allRefunds: true } : {});
    line.amount += row.amount;
    line.rowCount += 1;
    if (!Number.isSafeInteger(line.amount) || !Number.isSafeInteger(rowSum)) overflow = true;
    noteKind(line, `${row.amountType.trim()} ${row.amountDescription.trim()}`);
  }

  /**
   * Reserve rows stay apart by description: the release of the previous reserve and the new hold are two
   * figures of Seller Central's summary, and netting them would hide both. Per-order lines are keyed by
   * account, refund or not, and order; once there are too many orders, refunds stay apart per account.
   */
  function lineKeyOf(
    account: LedgerAccount, role: JournalLineRole, amountDescription: string, refund: boolean, keepOrder: boolean, detailed: boolean,
    order: { readonly orderId?: string | undefined; readonly merchantOrderId?: string | undefined },
  ): string {
    if (keepOrder) return [account.code, refund ? 'R' : 'O', order.orderId ?? '', order.merchantOrderId ?? ''].join('\u0000');
    if (detailed && refund) return `${account.code}\u0000R`;
    // Reserve rows of orders (orderDetail 'all' past the bound) have lost their descriptions: one line.
    if (detailed && role === 'reserve') return `${account.code}\u0000O`;
    return role === 'reserve' ? `${account.code}\u0000\u0000${amountDescription.trim()}` : account.code;
  }

  function lineFor(period: PeriodTotal, account: LedgerAccount, role: JournalLineRole, key: string, extra: Partial<LineTotal>): LineTotal {
    let line = period.lines.get(key);
    if (line === undefined) {
      line = { sortKey: key, account, role, amount: 0, rowCount: 0, kinds: [], moreKinds: false, ...extra };
      period.lines.set(key, line);
    }
    return line;
  }

  /**
   * More orders than orderDetailMax: every per-order line merges into its account's line (refunds into
   * the account's refund line), and from now on rows go there directly. The same rows in any order give
   * the same lines: whether the bound is passed does not depend on the order, nor do the merged kinds.
   */
  function aggregateOrderLines(): void {
    detailOrders = null;
    for (const period of periods.values()) {
      for (const [key, line] of [...period.lines]) {
        if (line.orderId === undefined && line.merchantOrderId === undefined) continue;
        period.lines.delete(key);
        const refund = isRefund(line.transactionType ?? '');
        const target = lineFor(period, line.account, line.role, lineKeyOf(line.account, line.role, '', refund, false, true, {}), refund ? { allRefunds: true } : {});
        target.amount += line.amount;
        target.rowCount += line.rowCount;
        if (!Number.isSafeInteger(target.amount)) overflow = true;
        for (const kind of line.kinds) noteKind(target, kind);
        if (line.moreKinds) target.moreKinds = true;
      }
    }
  }

  function finish(): Result<SettlementJournal> {
    const problem = headerProblem(header);
    if (problem !== null) return fail(failure('permanent', 'InvalidSettlementHeader', problem));
    if (invalidRows.length > 0) return fail(failure('permanent', 'InvalidSettlementRow', `settlement ${header.settlementId}: ${invalidRows.join('; ')}`));
    if (overflow) return fail(failure('permanent', 'AmountOverflow', `settlement ${header.settlementId}: the amounts add up beyond what can be counted exactly`));

    const money = (minor: number) => `${formatMinorUnits(minor, header.fractionDigits)} ${header.currency}`;
    const clearing = compiled.special('clearing');
    const period = `${isoDay(header.startDate)} to ${endDay}`;
    const memo = (what: string, key: string) => `Amazon settlement ${header.settlementId} (${period}): ${what} [${key}]`;
    const drafts: Array<{ kind: JournalEntry['kind']; date: string; what: string; lines: Array<Omit<JournalLine, 'key' | 'lineNumber'>> }> = [];

    for (const [periodKey, total] of [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const date = bucket === 'day' ? periodKey : minDay(lastDayOfMonth(periodKey), maxDay(endDay, total.latestDay));
      const what = bucket === 'day' ? `activity posted on ${periodKey}` : `activity posted in ${MONTHS[Number.parseInt(periodKey.slice(5, 7), 10) - 1]} ${periodKey.slice(0, 4)}`;
      const lines = [...total.lines.values()].filter((l) => l.amount !== 0).sort(compareLines).map(toLine);
      const net = [...total.lines.values()].reduce((sum, l) => sum + l.amount, 0);
      if (lines.length === 0 && net === 0) continue;
      if (net !== 0) lines.push(moneyLine(clearing, 'clearing', net, `Amazon settlement ${header.settlementId}: net of ${what}`, 0));
      drafts.push({ kind: 'activity', date, what, lines });
    }
    if (header.totalAmount !== 0) {
      const bank = compiled.special('bank');
      const what = header.totalAmount > 0 ? `deposit of ${money(header.totalAmount)}` : `${money(-header.totalAmount)} charged by Amazon`;
      const text = `Amazon settlement ${header.settlementId}: ${what}`;
      drafts.push({
        kind: 'deposit', date: isoDay(header.depositDate) ?? '', what,
        lines: [moneyLine(bank, 'bank', header.totalAmount, text, 0), moneyLine(clearing, 'clearing', -header.totalAmount, text, 0)],
      });
    }

    const entries: JournalEntry[] = drafts.map((draft, i) => {
      const key = journalEntryKey(header.settlementId, i + 1);
      return {
        key, settlementId: header.settlementId, entryNumber: i + 1, kind: draft.kind, date: draft.date,
        currency: header.currency, fractionDigits: header.fractionDigits, memo: memo(draft.what, key),
        lines: draft.lines.map((line, j) => ({ key: journalLineKey(key, j + 1), lineNumber: j + 1, ...line })),
      };
    });
    const unbalanced = entries.filter((e) => entryImbalance(e) !== 0);
    if (unbalanced.length > 0) {
      return fail(failure('permanent', 'JournalUnbalanced', `settlement ${header.settlementId}: ${unbalanced.map((e) => `entry ${e.key} is out by ${money(entryImbalance(e))}`).join('; ')}`));
    }
    let totalDebit = 0;
    let totalCredit = 0;
    for (const line of entries.flatMap((e) => e.lines)) {
      totalDebit += line.debit;
      totalCredit += line.credit;
    }
    const groups = [...unmapped.values()].map((u) => ({ ...u.group, lineNumbers: u.lineNumbers })).sort(compareGroups);
    return ok({
      settlementId: header.settlementId, currency: header.currency, fractionDigits: header.fractionDigits, entries,
      unmapped: groups, warnings: warnings(groups, money, clearing), rowCount, totalDebit, totalCredit,
    });
  }

  function warnings(groups: readonly UnmappedRowGroup[], money: (minor: number) => string, clearing: LedgerAccount): JournalWarning[] {
    const out: JournalWarning[] = [];
    if (rowSum !== header.totalAmount) {
      out.push({
        code: 'total-mismatch',
        message: `the rows add up to ${money(rowSum)} but settlement ${header.settlementId} declares ${money(header.totalAmount)}: ${money(rowSum - header.totalAmount)} stays on ${clearing.code} ${clearing.name}. The report is incomplete or damaged; do not post this journal until the settlement reconciles.`,
      });
    }
    if (undatedCount > 0) {
      out.push({ code: 'missing-posted-date', message: `${undatedCount} row(s) have no usable posted date and were posted on the settlement end date ${endDay}`, lineNumbers: undated });
    }
    if (detailOrders === null) {
      const what = orderDetail === 'all' ? 'orders' : 'orders with refunds';
      out.push({
        code: 'order-detail-aggregated',
        message: `more than ${orderDetailMax} ${what} in settlement ${header.settlementId}: their ${orderDetail === 'all' ? 'rows are' : 'refunds are'} posted per account, not on a line per order: a journal that long could not be used (Xero imports at most 300 lines per file). The figures per order are stored with the settlement.`,
      });
    }
    if (groups.length > 0) {
      const suspense = compiled.special('suspense');
      const rows = groups.reduce((n, g) => n + g.rowCount, 0);
      const kinds = groups.slice(0, 5).map((g) => `${g.transactionType} / ${g.amountType} / ${g.amountDescription}`).join('; ');
      out.push({
        code: 'unmapped-rows',
        message: `${rows} row(s) match no rule of the chart of accounts and were posted to ${suspense.code} ${suspense.name} (${money(groups.reduce((n, g) => n + g.amount, 0))}): ${kinds}${groups.length > 5 ? '; …' : ''}. Add rules for them and rebuild the journal, or reclassify them from suspense by hand.`,
        lineNumbers: groups.flatMap((g) => g.lineNumbers).slice(0, LINES_LISTED),
      });
    }
    return out;
  }

  return { add, finish };
}

/** Lines of a period in account-code order, then by order (or reserve description): the key says both. */
const compareLines = (a: LineTotal, b: LineTotal): number => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

const compareGroups = (a: UnmappedRowGroup, b: UnmappedRowGroup): number => {
  const [x, y] = [`${a.transactionType}\u0000${a.amountType}\u0000${a.amountDescription}`, `${b.transactionType}\u0000${b.amountType}\u0000${b.amountDescription}`];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A line for `amount` seen from clearing's side: positive = debit on this account. */
function moneyLine(account: LedgerAccount, role: JournalLineRole, amount: number, description: string, rowCount: number): Omit<JournalLine, 'key' | 'lineNumber'> {
  return {
    accountCode: account.code, accountName: account.name, ...(account.taxRate === undefined ? {} : { taxRate: account.taxRate }),
    role, debit: amount > 0 ? amount : 0, credit: amount < 0 ? -amount : 0, description, rowCount,
  };
}

function toLine(total: LineTotal): Omit<JournalLine, 'key' | 'lineNumber'> {
  const kinds = total.kinds.join(', ') + (total.moreKinds ? ', …' : '');
  const rows = `${total.rowCount} row${total.rowCount === 1 ? '' : 's'}`;
  const order = total.orderId ?? total.merchantOrderId;
  const subject = total.role === 'suspense' ? 'Unmapped, map it in the chart of accounts: '
    : total.allRefunds === true ? 'Refunds of all orders: ' : order === undefined ? '' : `${total.transactionType ?? ''} ${order}: `.trimStart();
  return {
    ...moneyLine(total.account, total.role, -total.amount, `${subject}${kinds} (${rows})`, total.rowCount),
    ...(total.orderId === undefined ? {} : { orderId: total.orderId }),
    ...(total.merchantOrderId === undefined ? {} : { merchantOrderId: total.merchantOrderId }),
    ...(total.transactionType === undefined ? {} : { transactionType: total.transactionType }),
  };
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
