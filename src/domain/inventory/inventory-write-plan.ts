// The minimal set of commercetools inventory writes that makes every (sku, channel) entry hold its
// allocation (docs/adr/0008, "Writing").
//
// The bridge writes quantityOnStock as an absolute value equal to the allocation, guarded by the
// entry's version. availableQuantity then follows as allocation − units held in carts
// (quantityOnStock − availableQuantity: ReserveOnCart reservations), so carts and new orders together
// can never take more than the channel's allocation. Setting availableQuantity to the allocation
// instead would let the units already in carts be sold on top of it.
//
// Order of writes matters for split and priority: a channel's increase is only safe once the
// decreases of the other channels of the same SKU have landed, so decreases come first, and a caller
// that sees any write of a SKU fail (409 Conflict, error) sends none of that SKU's remaining increases
// and re-plans it from fresh reads.

export interface ExpectedQuantity {
  readonly sku: string;
  readonly channel: string;
  /** The channel's allocation (allocation.ts). */
  readonly allocated: number;
}

export interface ObservedEntry {
  readonly id: string;
  readonly version: number;
  readonly sku: string;
  /** The supply channel's key. */
  readonly channel: string;
  readonly availableQuantity: number;
  readonly quantityOnStock: number;
}

export type WriteDirection = 'decrease' | 'increase';

export type InventoryWrite =
  | {
    readonly kind: 'create';
    readonly sku: string;
    readonly channel: string;
    readonly quantityOnStock: number;
    readonly direction: 'increase';
  }
  | {
    readonly kind: 'change-quantity';
    readonly entryId: string;
    /** Write only if the entry still has this version; a 409 means re-read and re-decide. */
    readonly version: number;
    readonly sku: string;
    readonly channel: string;
    /** The absolute value to set (commercetools changeQuantity). */
    readonly quantityOnStock: number;
    readonly previousQuantityOnStock: number;
    /** Units held in carts (quantityOnStock − availableQuantity, never below zero). */
    readonly heldInCarts: number;
    /** availableQuantity once the write lands: quantityOnStock − heldInCarts. */
    readonly availableAfter: number;
    readonly direction: WriteDirection;
  };

export interface DuplicateEntries {
  readonly sku: string;
  readonly channel: string;
  readonly entryIds: readonly string[];
}

export interface InventoryWritePlan {
  /** Decreases first, then creations and increases; within each, by sku then channel. */
  readonly writes: readonly InventoryWrite[];
  /** Expected entries that already hold their allocation. */
  readonly unchanged: number;
  /** (sku, channel) pairs with more than one entry in commercetools: nothing is written to them. */
  readonly duplicates: readonly DuplicateEntries[];
}

const pairKey = (sku: string, channel: string): string => JSON.stringify([sku, channel]);

export function planInventoryWrites(expected: readonly ExpectedQuantity[], observed: readonly ObservedEntry[]): InventoryWritePlan {
  const entries = new Map<string, ObservedEntry[]>();
  for (const e of observed) {
    const k = pairKey(e.sku, e.channel);
    entries.set(k, [...(entries.get(k) ?? []), e]);
  }

  const seen = new Set<string>();
  const writes: InventoryWrite[] = [];
  const duplicates: DuplicateEntries[] = [];
  let unchanged = 0;
  for (const x of expected) {
    const k = pairKey(x.sku, x.channel);
    if (seen.has(k)) throw new Error(`expected quantities name sku ${x.sku} on channel ${x.channel} twice`);
    seen.add(k);
    if (!Number.isSafeInteger(x.allocated) || x.allocated < 0) {
      throw new RangeError(`sku ${x.sku} on channel ${x.channel}: allocation must be a whole number ≥ 0, got ${x.allocated}`);
    }
    const found = entries.get(k) ?? [];
    const entry = found[0];
    if (entry === undefined) {
      writes.push({ kind: 'create', sku: x.sku, channel: x.channel, quantityOnStock: x.allocated, direction: 'increase' });
    } else if (found.length > 1) {
      duplicates.push({ sku: x.sku, channel: x.channel, entryIds: found.map((e) => e.id) });
    } else if (entry.quantityOnStock === x.allocated) {
      unchanged += 1;
    } else {
      const heldInCarts = Math.max(0, entry.quantityOnStock - entry.availableQuantity);
      writes.push({
        kind: 'change-quantity',
        entryId: entry.id,
        version: entry.version,
        sku: x.sku,
        channel: x.channel,
        quantityOnStock: x.allocated,
        previousQuantityOnStock: entry.quantityOnStock,
        heldInCarts,
        availableAfter: x.allocated - heldInCarts,
        direction: x.allocated < entry.quantityOnStock ? 'decrease' : 'increase',
      });
    }
  }
  writes.sort(compareWrites);
  return { writes, unchanged, duplicates };
}

function compareWrites(a: InventoryWrite, b: InventoryWrite): number {
  const phase = (w: InventoryWrite) => (w.direction === 'decrease' ? 0 : 1);
  return phase(a) - phase(b) || compareText(a.sku, b.sku) || compareText(a.channel, b.channel);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
