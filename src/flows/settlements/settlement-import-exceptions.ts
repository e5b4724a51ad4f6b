// The finance exceptions of one imported settlement, GROUPED so a big file cannot flood people: one per
// kind of unmatched row (multi-channel orders without a storefront order, refunds not covered by a
// sale) listing its first rows with exact counts and totals, and one per value the chart of accounts
// does not map (a value Amazon added), saying exactly which rule to add. Importing the same file again
// with a chart that maps a value closes its exception.
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { UnmappedRowGroup } from '../../domain/settlements/journal-entry.js';
import type { ClassificationField } from '../../domain/settlements/settlement-known-values.js';
import type { SettlementHeader } from '../../domain/settlements/settlement-types.js';
import { formatMinorUnits } from '../../domain/shared/money.js';
import type { Store } from '../../ports/store.js';

const ROWS_NAMED = 5;
const GROUPED_TYPES = ['settlement.unmatched-row', 'settlement.refund-without-sale'] as const satisfies readonly ExceptionType[];

const FIELD_NAMES: Readonly<Record<ClassificationField, string>> = {
  transactionType: 'transaction type',
  amountType: 'amount type',
  amountDescription: 'amount description',
};

type Money = (minor: number) => string;

/** Raises the settlement's exceptions (a new import); returns how many it raised. */
export async function raiseSettlementExceptions(
  tx: Store, connectionId: string, header: SettlementHeader, unmapped: readonly UnmappedRowGroup[], suspense: string, now: number,
): Promise<number> {
  const money: Money = (minor) => `${formatMinorUnits(minor, header.fractionDigits)} ${header.currency}`;
  let raised = 0;
  const totals = await tx.settlements.unmatchedTotals(connectionId, header.settlementId);
  for (const type of GROUPED_TYPES) {
    const total = totals.find((t) => t.exceptionType === type);
    if (total === undefined) continue;
    const first = await tx.settlements.listUnmatched(connectionId, header.settlementId, type, ROWS_NAMED);
    const what = type === 'settlement.unmatched-row' ? 'multi-channel order(s) match no storefront order' : 'refund(s) are not covered by a sale';
    const listed = first.map((u) => `line ${u.lineNumber}: ${u.reason} (${money(u.amount)})`).join('; ');
    const more = total.count > first.length ? `; … ${total.count - first.length} more: \`fba-bridge settlement unmatched ${header.settlementId}\`` : '';
    await raise(tx, connectionId, header, type, type.replace('settlement.', ''), `${total.count} ${what}, ${money(total.amount)} in all. ${listed}${more}`, now);
    raised++;
  }
  for (const group of unknownValueGroups(unmapped)) {
    await raise(tx, connectionId, header, 'settlement.unknown-value', group.subject, unknownValueReason(group, money, suspense), now);
    raised++;
  }
  return raised;
}

/**
 * The same file imported again, maybe with another chart: closes the unknown-value exceptions of values
 * the chart now maps, raises those it no longer maps, leaves the others as they are. Returns how many it raised.
 */
export async function refreshUnknownValues(
  tx: Store, connectionId: string, header: SettlementHeader, unmapped: readonly UnmappedRowGroup[], suspense: string, now: number,
): Promise<number> {
  const money: Money = (minor) => `${formatMinorUnits(minor, header.fractionDigits)} ${header.currency}`;
  const groups = new Map(unknownValueGroups(unmapped).map((g) => [`${header.settlementId}/${g.subject}`, g]));
  const open = (await tx.exceptions.list({ connectionId, type: 'settlement.unknown-value', status: 'open', limit: 10_000 }))
    .filter((e) => e.subjectId.startsWith(`${header.settlementId}/`));
  for (const e of open) {
    if (!groups.has(e.subjectId)) await tx.exceptions.resolveForSubject(connectionId, 'settlement', e.subjectId, now, ['settlement.unknown-value']);
  }
  const known = new Set(open.map((e) => e.subjectId));
  let raised = 0;
  for (const [subjectId, group] of groups) {
    if (known.has(subjectId)) continue;
    await raise(tx, connectionId, header, 'settlement.unknown-value', group.subject, unknownValueReason(group, money, suspense), now);
    raised++;
  }
  return raised;
}

async function raise(tx: Store, connectionId: string, header: SettlementHeader, type: ExceptionType, subject: string, reason: string, now: number): Promise<void> {
  await tx.exceptions.raise({
    connectionId, type, owner: EXCEPTION_INFO[type].owner, subjectType: 'settlement', subjectId: `${header.settlementId}/${subject}`,
    subjectLabel: `settlement ${header.settlementId}`, reason, action: EXCEPTION_INFO[type].action,
  }, now);
}

interface ValueGroup {
  readonly subject: string;
  readonly field: ClassificationField | null;
  readonly value: string;
  readonly kinds: readonly UnmappedRowGroup[];
}

/** One group per unknown value (a new transaction type is one value, whatever amount types it comes with), else per kind. */
function unknownValueGroups(unmapped: readonly UnmappedRowGroup[]): ValueGroup[] {
  const groups = new Map<string, { field: ClassificationField | null; value: string; kinds: UnmappedRowGroup[] }>();
  for (const g of unmapped) {
    const field = g.unknownField;
    const value = field === null ? `${g.transactionType} / ${g.amountType} / ${g.amountDescription}` : g[field];
    const subject = field === null ? `unmapped:${value}` : `unknown-${field}:${value}`;
    const group = groups.get(subject) ?? { field, value, kinds: [] };
    group.kinds.push(g);
    groups.set(subject, group);
  }
  return [...groups.entries()].map(([subject, g]) => ({ subject, ...g }));
}

function unknownValueReason(group: ValueGroup, money: Money, suspense: string): string {
  const rows = group.kinds.reduce((n, k) => n + k.rowCount, 0);
  const amount = group.kinds.reduce((n, k) => n + k.amount, 0);
  const firstLine = Math.min(...group.kinds.map((k) => k.lineNumbers[0] ?? Number.MAX_SAFE_INTEGER));
  const what = group.field === null
    ? `No rule of the chart of accounts maps ${group.value}`
    : `Amazon wrote the ${FIELD_NAMES[group.field]} '${group.value}', which the bridge does not know`;
  const rule = (k: UnmappedRowGroup): string => JSON.stringify({
    transactionType: group.field === 'transactionType' ? group.value : k.transactionType,
    amountType: group.field === 'amountType' ? group.value : group.field === 'transactionType' ? '*' : k.amountType,
    amountDescription: group.field === 'amountDescription' ? group.value : '*',
    account: '<code>',
  });
  const rules = [...new Set(group.kinds.map(rule))].slice(0, 3);
  return `${what}: ${rows} row(s), ${money(amount)} in all, first on line ${firstLine}, posted to suspense ${suspense}. `
    + `Map it by adding to the chart's rules (above any rule that would match first; "*" matches any text): ${rules.join(' or ')} with the account it belongs to.`;
}
