// The last step of building a settlement's journal: the running totals become dated, balanced entries
// (one per period, each closed through the Amazon clearing account, then the deposit from clearing to
// the bank), with the warnings finance should read. Pure: everything it needs comes in `totals`.
import { formatMinorUnits } from '../shared/money.js';
import { fail, failure, ok, type Result } from '../shared/result.js';
import type { CompiledChart, LedgerAccount } from './chart-of-accounts.js';
import { isoDay, lastDayOfMonth, maxDay, minDay, MONTHS } from './journal-days.js';
import {
  entryImbalance, journalEntryKey, journalLineKey,
  type JournalEntry, type JournalLine, type JournalLineRole, type JournalWarning, type SettlementJournal, type UnmappedRowGroup,
} from './journal-entry.js';
import type { LineTotal, OrderDetail, PeriodTotal } from './journal-periods.js';
import { LINES_LISTED } from './journal-unmapped.js';
import type { SettlementHeader } from './settlement-types.js';

export interface JournalTotals {
  readonly header: SettlementHeader;
  readonly chart: CompiledChart;
  readonly bucket: 'month' | 'day';
  readonly periods: ReadonlyMap<string, PeriodTotal>;
  readonly unmapped: readonly UnmappedRowGroup[];
  readonly rowCount: number;
  readonly rowSum: number;
  readonly undatedCount: number;
  readonly undated: readonly number[];
  readonly orderDetail: OrderDetail;
  readonly orderDetailMax: number;
  readonly orderDetailAggregated: boolean;
}

type Draft = { kind: JournalEntry['kind']; date: string; what: string; lines: Array<Omit<JournalLine, 'key' | 'lineNumber'>> };

export function assembleJournal(t: JournalTotals): Result<SettlementJournal> {
  const { header } = t;
  const money = moneyOf(header);
  const entries = [...periodDrafts(t), ...depositDraft(t)].map((draft, i) => toEntry(header, draft, i + 1));
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
  return ok({
    settlementId: header.settlementId, currency: header.currency, fractionDigits: header.fractionDigits, entries,
    unmapped: t.unmapped, warnings: warnings(t), rowCount: t.rowCount, totalDebit, totalCredit,
  });
}

const moneyOf = (header: SettlementHeader) => (minor: number): string => `${formatMinorUnits(minor, header.fractionDigits)} ${header.currency}`;

function periodDrafts(t: JournalTotals): Draft[] {
  const clearing = t.chart.special('clearing');
  const endDay = isoDay(t.header.endDate) ?? '';
  const drafts: Draft[] = [];
  for (const [periodKey, total] of [...t.periods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const date = t.bucket === 'day' ? periodKey : minDay(lastDayOfMonth(periodKey), maxDay(endDay, total.latestDay));
    const what = t.bucket === 'day' ? `activity posted on ${periodKey}` : `activity posted in ${MONTHS[Number.parseInt(periodKey.slice(5, 7), 10) - 1]} ${periodKey.slice(0, 4)}`;
    const lines = [...total.lines.values()].filter((l) => l.amount !== 0).sort(compareLines).map(toLine);
    const net = [...total.lines.values()].reduce((sum, l) => sum + l.amount, 0);
    if (lines.length === 0 && net === 0) continue;
    if (net !== 0) lines.push(moneyLine(clearing, 'clearing', net, `Amazon settlement ${t.header.settlementId}: net of ${what}`, 0));
    drafts.push({ kind: 'activity', date, what, lines });
  }
  return drafts;
}

function depositDraft(t: JournalTotals): Draft[] {
  const { header } = t;
  if (header.totalAmount === 0) return [];
  const money = moneyOf(header);
  const what = header.totalAmount > 0 ? `deposit of ${money(header.totalAmount)}` : `${money(-header.totalAmount)} charged by Amazon`;
  const text = `Amazon settlement ${header.settlementId}: ${what}`;
  return [{
    kind: 'deposit', date: isoDay(header.depositDate) ?? '', what,
    lines: [moneyLine(t.chart.special('bank'), 'bank', header.totalAmount, text, 0), moneyLine(t.chart.special('clearing'), 'clearing', -header.totalAmount, text, 0)],
  }];
}

function toEntry(header: SettlementHeader, draft: Draft, entryNumber: number): JournalEntry {
  const key = journalEntryKey(header.settlementId, entryNumber);
  const period = `${isoDay(header.startDate)} to ${isoDay(header.endDate) ?? ''}`;
  return {
    key, settlementId: header.settlementId, entryNumber, kind: draft.kind, date: draft.date,
    currency: header.currency, fractionDigits: header.fractionDigits, memo: `Amazon settlement ${header.settlementId} (${period}): ${draft.what} [${key}]`,
    lines: draft.lines.map((line, j) => ({ key: journalLineKey(key, j + 1), lineNumber: j + 1, ...line })),
  };
}

function warnings(t: JournalTotals): JournalWarning[] {
  const { header } = t;
  const money = moneyOf(header);
  const clearing = t.chart.special('clearing');
  const out: JournalWarning[] = [];
  if (t.rowSum !== header.totalAmount) {
    out.push({
      code: 'total-mismatch',
      message: `the rows add up to ${money(t.rowSum)} but settlement ${header.settlementId} declares ${money(header.totalAmount)}: ${money(t.rowSum - header.totalAmount)} stays on ${clearing.code} ${clearing.name}. The report is incomplete or damaged; do not post this journal until the settlement reconciles.`,
    });
  }
  if (t.undatedCount > 0) {
    out.push({ code: 'missing-posted-date', message: `${t.undatedCount} row(s) have no usable posted date and were posted on the settlement end date ${isoDay(header.endDate) ?? ''}`, lineNumbers: t.undated });
  }
  if (t.orderDetailAggregated) {
    const what = t.orderDetail === 'all' ? 'orders' : 'orders with refunds';
    out.push({
      code: 'order-detail-aggregated',
      message: `more than ${t.orderDetailMax} ${what} in settlement ${header.settlementId}: their ${t.orderDetail === 'all' ? 'rows are' : 'refunds are'} posted per account, not on a line per order: a journal that long could not be used (Xero imports at most 300 lines per file). The figures per order are stored with the settlement.`,
    });
  }
  const groups = t.unmapped;
  if (groups.length > 0) {
    const suspense = t.chart.special('suspense');
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

/** Lines of a period in account-code order, then by order (or reserve description): the key says both. */
const compareLines = (a: LineTotal, b: LineTotal): number => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

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
