// The journal's running totals: per period (month or day of posted date), one line per account — and,
// for the rows kept per order (refunds by default), one per account and order. Past `orderDetailMax`
// orders every per-order line merges into its account's line and later rows go there directly, so
// memory and the journal's length stay bounded. The same rows in any order give the same lines.
import type { LedgerAccount, ResolvedAccount } from './chart-of-accounts.js';
import { detached, maxDay } from './journal-days.js';
import type { JournalLineRole } from './journal-entry.js';
import type { SettlementRow } from './settlement-types.js';

export interface LineTotal {
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
  /** The alphabetically first few amount kinds merged into the line. */
  readonly kinds: string[];
  moreKinds: boolean;
}

export interface PeriodTotal {
  latestDay: string;
  readonly lines: Map<string, LineTotal>;
}

export type OrderDetail = 'none' | 'refunds' | 'all';

const KINDS_SHOWN = 4;
const isRefund = (transactionType: string): boolean => /refund/i.test(transactionType);

export class JournalPeriods {
  readonly periods = new Map<string, PeriodTotal>();
  /** A line's total left the range of exact integers. */
  overflow = false;
  /** The orders that have lines of their own, until there are more than orderDetailMax: then null. */
  private detailOrders: Set<string> | null = new Set<string>();
  private lastDay = '';
  private lastPeriod: PeriodTotal | undefined;
  private lastType: string | undefined;
  private lastRefund = false;
  /** "amountType description" per kind, built once (a line lists the kinds merged into it). */
  private readonly kindNames = new Map<string, Map<string, string>>();

  constructor(private readonly bucket: 'month' | 'day', private readonly orderDetail: OrderDetail, private readonly orderDetailMax: number) {}

  /** True once the orders were too many to keep apart. */
  get orderDetailAggregated(): boolean {
    return this.detailOrders === null;
  }

  post(row: SettlementRow, day: string, resolved: ResolvedAccount): void {
    const period = this.period(day);
    const hasOrder = row.orderId !== undefined || row.merchantOrderId !== undefined;
    const refund = this.isRefund(row.transactionType);
    const detailed = hasOrder && (this.orderDetail === 'all' || (this.orderDetail === 'refunds' && refund));
    if (detailed) this.noteOrder(`${row.orderId ?? ''}\u0000${row.merchantOrderId ?? ''}`);
    const keepOrder = detailed && this.detailOrders !== null;
    const key = lineKeyOf(resolved.account, resolved.role, row.amountDescription, refund, keepOrder, detailed, row);
    // The line exists for nearly every row: what a new line needs is built only when there is none.
    const line = period.lines.get(key) ?? lineFor(period, resolved.account, resolved.role, key,
      keepOrder ? { transactionType: detached(row.transactionType), orderId: detached(row.orderId), merchantOrderId: detached(row.merchantOrderId) }
        : detailed && refund ? { allRefunds: true } : {});
    line.amount += row.amount;
    line.rowCount += 1;
    if (!Number.isSafeInteger(line.amount)) this.overflow = true;
    noteKind(line, this.kindName(row.amountType, row.amountDescription));
  }

  /** isRefund of the row's transaction type: rows of one order share it, so the last answer is kept. */
  private isRefund(transactionType: string): boolean {
    if (transactionType !== this.lastType) {
      this.lastType = transactionType;
      this.lastRefund = isRefund(transactionType);
    }
    return this.lastRefund;
  }

  private kindName(amountType: string, amountDescription: string): string {
    let byDescription = this.kindNames.get(amountType);
    if (byDescription === undefined) this.kindNames.set(amountType, byDescription = new Map());
    let name = byDescription.get(amountDescription);
    if (name === undefined) byDescription.set(amountDescription, name = detached(`${amountType.trim()} ${amountDescription.trim()}`));
    return name;
  }

  private period(day: string): PeriodTotal {
    if (day === this.lastDay && this.lastPeriod !== undefined) return this.lastPeriod;
    const periodKey = this.bucket === 'month' ? day.slice(0, 7) : day;
    let period = this.periods.get(periodKey);
    if (period === undefined) {
      period = { latestDay: day, lines: new Map<string, LineTotal>() };
      this.periods.set(periodKey, period);
    }
    period.latestDay = maxDay(period.latestDay, day);
    this.lastDay = day;
    this.lastPeriod = period;
    return period;
  }

  private noteOrder(order: string): void {
    if (this.detailOrders === null || this.detailOrders.has(order)) return;
    this.detailOrders.add(detached(order));
    if (this.detailOrders.size > this.orderDetailMax) this.aggregateOrderLines();
  }

  /**
   * More orders than orderDetailMax: every per-order line merges into its account's line (refunds into
   * the account's refund line), and from now on rows go there directly. Whether the bound is passed
   * does not depend on the order of the rows, nor do the merged kinds.
   */
  private aggregateOrderLines(): void {
    this.detailOrders = null;
    for (const period of this.periods.values()) {
      for (const [key, line] of [...period.lines]) {
        if (line.orderId === undefined && line.merchantOrderId === undefined) continue;
        period.lines.delete(key);
        const refund = isRefund(line.transactionType ?? '');
        const target = lineFor(period, line.account, line.role, lineKeyOf(line.account, line.role, '', refund, false, true, {}), refund ? { allRefunds: true } : {});
        target.amount += line.amount;
        target.rowCount += line.rowCount;
        if (!Number.isSafeInteger(target.amount)) this.overflow = true;
        for (const kind of line.kinds) noteKind(target, kind);
        if (line.moreKinds) target.moreKinds = true;
      }
    }
  }
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
