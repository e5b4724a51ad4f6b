// The allocation of one FBA pool across its commercetools supply channels (docs/adr/0008):
//
//   free pool     = max(0, fulfillable − unreserved storefront order units)
//   holdback      = min(free pool, max(holdback units, ⌈holdback % × free pool⌉))
//   kept          = min(free pool, ⌈max(holdback units, holdback % × free pool)
//                                    + max(buffer units, buffer % × free pool)⌉)
//   buffer        = kept − holdback
//   sellable pool = free pool − kept
//   per channel   = the pool's policy applied to the sellable pool, in whole units, never below zero
//
// For split and priority the channels together never get more than the sellable pool; a remainder
// unit goes only where the shares themselves leave room for it.
import {
  ceilPart, floorPart, POLICY_INFO, WHOLE_POOL_BASIS_POINTS, heldUnits,
  type AllocationPolicy, type HeldQuantity, type InventoryPool, type PriorityChannel, type SplitChannel,
} from './inventory-pool.js';

export interface SkuStock {
  readonly sku: string;
  /** Amazon's fulfillableQuantity for the pool, as of the snapshot the bridge read. */
  readonly fulfillable: number;
  /**
   * Units of storefront order lines that the snapshot does not yet count as reserved: not yet sent to
   * Amazon, or accepted by Amazon too late to be in the snapshot (see unreserved-order-units.ts).
   */
  readonly unreservedOrderUnits: number;
}

export interface AllocationInput {
  readonly pool: InventoryPool;
  readonly stock: readonly SkuStock[];
}

/** How a channel's figure came about, for `inventory explain`. */
export type PolicyStep =
  | { readonly policy: 'shared' }
  | {
    readonly policy: 'split';
    readonly shareBasisPoints: number;
    /** sellable × share before rounding; for display only. */
    readonly exactShare: number;
    readonly roundedDown: number;
    /** 1 when this channel received one of the units left by rounding down. */
    readonly remainderUnit: 0 | 1;
  }
  | {
    readonly policy: 'priority';
    readonly rank: number;
    readonly cap: number | null;
    /** What the channels ranked before it left. */
    readonly remainingBefore: number;
    /** What stopped it: its cap, or the pool running out; 'none' when it got everything left. */
    readonly limitedBy: 'cap' | 'pool' | 'none';
  };

export interface ChannelAllocation {
  readonly channel: string;
  /** What commercetools should hold for this channel: whole units, never below zero. */
  readonly allocated: number;
  readonly step: PolicyStep;
}

export interface HeldFigure {
  readonly rule: HeldQuantity;
  /** Units actually held: the rule's figure, limited to what the pool had left. */
  readonly units: number;
}

export interface AllocationExplanation {
  readonly policy: AllocationPolicy;
  readonly policySummary: string;
  readonly fulfillable: number;
  readonly unreservedOrderUnits: number;
  readonly freePool: number;
  readonly holdback: HeldFigure;
  readonly buffer: HeldFigure;
  readonly sellablePool: number;
  /** Sum of the channels' figures; with `shared` each channel may sell the whole pool, so this exceeds it. */
  readonly allocatedTotal: number;
  /** Sellable units no channel received (split shares under 100 %, priority caps); 0 for shared. */
  readonly unallocated: number;
}

export interface SkuAllocation {
  readonly sku: string;
  readonly poolId: string;
  /** In the pool's configured channel order. */
  readonly channels: readonly ChannelAllocation[];
  readonly explanation: AllocationExplanation;
}

/** Allocates every SKU of the input. */
export function allocate(input: AllocationInput): SkuAllocation[] {
  return input.stock.map((s) => allocateSku(input.pool, s));
}

export function allocateSku(pool: InventoryPool, stock: SkuStock): SkuAllocation {
  assertCount(stock.fulfillable, 'fulfillable', stock.sku);
  assertCount(stock.unreservedOrderUnits, 'unreservedOrderUnits', stock.sku);

  const freePool = Math.max(0, stock.fulfillable - stock.unreservedOrderUnits);
  const holdbackUnits = Math.min(freePool, heldUnits(pool.holdback, freePool));
  const bufferUnits = Math.min(freePool, heldTogether(pool, freePool)) - holdbackUnits;
  const sellablePool = freePool - holdbackUnits - bufferUnits;

  const channels = applyPolicy(pool, sellablePool);
  const allocatedTotal = channels.reduce((sum, c) => sum + c.allocated, 0);
  const policy = pool.allocation.policy;
  return {
    sku: stock.sku,
    poolId: pool.id,
    channels,
    explanation: {
      policy,
      policySummary: POLICY_INFO[policy].summary,
      fulfillable: stock.fulfillable,
      unreservedOrderUnits: stock.unreservedOrderUnits,
      freePool,
      holdback: { rule: pool.holdback, units: holdbackUnits },
      buffer: { rule: pool.buffer, units: bufferUnits },
      sellablePool,
      allocatedTotal,
      unallocated: POLICY_INFO[policy].sumWithinPool ? sellablePool - allocatedTotal : 0,
    },
  };
}

/**
 * Units kept by holdback and buffer together: both rules as written, added up exactly, rounded up once.
 * Rounding each percentage up on its own would let both roundings step at the same unit, so one
 * unit less stock could show one unit more (or one more stock two more). The holdback is its own
 * rule rounded up; the buffer is the rest of this total, so its percentage part may be rounded down.
 */
function heldTogether(pool: InventoryPool, freePool: number): number {
  const h = pool.holdback;
  const b = pool.buffer;
  return Math.max(
    h.units + b.units,
    h.units + ceilPart(freePool, b.basisPoints),
    ceilPart(freePool, h.basisPoints) + b.units,
    ceilPart(freePool, h.basisPoints + b.basisPoints),
  );
}

/** The allocated figure of one channel, or undefined when the channel is not in the pool. */
export function allocatedFor(allocation: SkuAllocation, channel: string): number | undefined {
  return allocation.channels.find((c) => c.channel === channel)?.allocated;
}

function applyPolicy(pool: InventoryPool, sellable: number): ChannelAllocation[] {
  const a = pool.allocation;
  switch (a.policy) {
    case 'shared':
      return a.channels.map((c) => ({ channel: c.key, allocated: sellable, step: { policy: 'shared' } }));
    case 'split':
      return splitPool(a.channels, sellable, pool.id);
    case 'priority':
      return fillByPriority(a.channels, sellable);
  }
}

/**
 * Largest remainder: every channel gets ⌊sellable × share⌋; the units that rounding down left over,
 * up to ⌊sellable × Σ shares⌋ in total, go one each to the channels with the largest dropped fraction
 * (ties: configured order). No channel gets more than ⌈its exact share⌉ and the sum never exceeds
 * sellable × Σ shares, so shares under 100 % still leave their gap unallocated.
 */
function splitPool(channels: readonly SplitChannel[], sellable: number, poolId: string): ChannelAllocation[] {
  const totalShare = channels.reduce((sum, c) => sum + c.shareBasisPoints, 0);
  if (totalShare > WHOLE_POOL_BASIS_POINTS) {
    throw new RangeError(`pool ${poolId}: split shares add up to ${totalShare / 100}% (configuration must refuse this)`);
  }
  const parts = channels.map((c, index) => {
    const scaled = sellable * c.shareBasisPoints;
    return { c, index, floor: floorPart(sellable, c.shareBasisPoints), dropped: scaled % WHOLE_POOL_BASIS_POINTS };
  });
  const target = floorPart(sellable, totalShare);
  let left = target - parts.reduce((sum, p) => sum + p.floor, 0);
  const receivers = new Set<number>();
  for (const p of [...parts].sort((x, y) => y.dropped - x.dropped || x.index - y.index)) {
    if (left <= 0 || p.dropped === 0) break;
    receivers.add(p.index);
    left -= 1;
  }
  return parts.map((p) => {
    const remainderUnit = receivers.has(p.index) ? 1 : 0;
    return {
      channel: p.c.key,
      allocated: p.floor + remainderUnit,
      step: {
        policy: 'split',
        shareBasisPoints: p.c.shareBasisPoints,
        exactShare: (sellable * p.c.shareBasisPoints) / WHOLE_POOL_BASIS_POINTS,
        roundedDown: p.floor,
        remainderUnit,
      },
    };
  });
}

function fillByPriority(channels: readonly PriorityChannel[], sellable: number): ChannelAllocation[] {
  const order = channels.map((c, index) => ({ c, index })).sort((x, y) => x.c.rank - y.c.rank || x.index - y.index);
  const byIndex = new Map<number, ChannelAllocation>();
  let remaining = sellable;
  for (const { c, index } of order) {
    const allocated = c.cap === null ? remaining : Math.min(c.cap, remaining);
    const limitedBy = remaining > 0 && c.cap !== null && c.cap <= remaining ? 'cap' : c.cap === null && remaining > 0 ? 'none' : 'pool';
    byIndex.set(index, {
      channel: c.key,
      allocated,
      step: { policy: 'priority', rank: c.rank, cap: c.cap, remainingBefore: remaining, limitedBy },
    });
    remaining -= allocated;
  }
  return channels.map((_, index) => byIndex.get(index)!);
}

function assertCount(value: number, name: string, sku: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`sku ${sku}: ${name} must be a whole number ≥ 0, got ${value}`);
  }
}
