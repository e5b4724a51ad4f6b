// Rows no rule of the chart maps, grouped per (transaction type, amount type, description) while the
// file streams past: each group is posted to suspense and reported with the value the bridge does not
// know (if any), its rows, total and first lines. Bounded: past UNMAPPED_GROUPS_MAX kinds, one "(other)".
import type { UnmappedRowGroup } from './journal-entry.js';
import { detached, keepLowest } from './journal-days.js';
import { unknownField } from './settlement-known-values.js';
import type { SettlementRow } from './settlement-types.js';

export const LINES_LISTED = 10;
const UNMAPPED_GROUPS_MAX = 1_000;

type Kind = Pick<UnmappedRowGroup, 'transactionType' | 'amountType' | 'amountDescription' | 'unknownField'>;

export class UnmappedRows {
  private readonly groups = new Map<string, { kind: Kind; rowCount: number; amount: number; lineNumbers: number[] }>();

  add(row: SettlementRow): void {
    const parts = [row.transactionType.trim(), row.amountType.trim(), row.amountDescription.trim()] as const;
    let key = parts.join('\u0000');
    if (!this.groups.has(key) && this.groups.size >= UNMAPPED_GROUPS_MAX) key = '(more)';
    let group = this.groups.get(key);
    if (group === undefined) {
      const kind: Kind = key === '(more)'
        ? { transactionType: '(other)', amountType: '(other)', amountDescription: '(other)', unknownField: null }
        : { transactionType: detached(parts[0]), amountType: detached(parts[1]), amountDescription: detached(parts[2]), unknownField: unknownField(...parts) };
      group = { kind, rowCount: 0, amount: 0, lineNumbers: [] };
      this.groups.set(key, group);
    }
    group.rowCount++;
    group.amount += row.amount;
    keepLowest(group.lineNumbers, row.lineNumber, LINES_LISTED);
  }

  /** Every group, sorted by kind: the same rows in any order give the same list. */
  result(): UnmappedRowGroup[] {
    return [...this.groups.values()]
      .map((g) => ({ ...g.kind, rowCount: g.rowCount, amount: g.amount, lineNumbers: g.lineNumbers }))
      .sort(compareGroups);
  }
}

const compareGroups = (a: UnmappedRowGroup, b: UnmappedRowGroup): number => {
  const [x, y] = [`${a.transactionType}\u0000${a.amountType}\u0000${a.amountDescription}`, `${b.transactionType}\u0000${b.amountType}\u0000${b.amountDescription}`];
  return x < y ? -1 : x > y ? 1 : 0;
};
