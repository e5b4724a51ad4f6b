// One FBA pool and the commercetools supply channels that draw on it (docs/adr/0008).
// A pool is what Amazon counts as one stock: one marketplace, or several EU marketplaces sharing one
// Pan-European pool (every member marketplace answers with the same figure). Percentages are kept as
// whole basis points (hundredths of a percent) so every rule below is integer arithmetic.

export const ALLOCATION_POLICIES = ['shared', 'split', 'priority'] as const;
export type AllocationPolicy = (typeof ALLOCATION_POLICIES)[number];

interface PolicyInfo {
  /** One line for `inventory explain` and the configuration reference. */
  readonly summary: string;
  /** The channels' figures together never exceed the sellable pool. */
  readonly sumWithinPool: boolean;
}

export const POLICY_INFO: Record<AllocationPolicy, PolicyInfo> = {
  shared: { summary: 'every channel may sell the whole sellable pool', sumWithinPool: false },
  split: { summary: 'each channel gets its percentage of the sellable pool, rounded down', sumWithinPool: true },
  priority: { summary: 'channels are filled in rank order, each up to its cap', sumWithinPool: true },
};

/** 100 % in basis points. */
export const WHOLE_POOL_BASIS_POINTS = 10_000;

/**
 * Units kept out of what the storefront may sell: the larger of a fixed number of units and a
 * percentage of the free pool, the percentage rounded up (it errs on the side of keeping).
 */
export interface HeldQuantity {
  readonly units: number;
  readonly basisPoints: number;
}

export const NOTHING_HELD: HeldQuantity = { units: 0, basisPoints: 0 };

export interface SharedChannel {
  readonly key: string;
}

export interface SplitChannel {
  readonly key: string;
  /** This channel's part of the sellable pool; the parts of a pool add up to at most 10,000. */
  readonly shareBasisPoints: number;
}

export interface PriorityChannel {
  readonly key: string;
  /** 1 is filled first. Distinct within a pool. */
  readonly rank: number;
  /** At most this many units; null: whatever the channels ranked before it leave. */
  readonly cap: number | null;
}

/** One policy per pool: mixing them would break the split and priority guarantee (ADR 0008). */
export type PoolAllocation =
  | { readonly policy: 'shared'; readonly channels: readonly SharedChannel[] }
  | { readonly policy: 'split'; readonly channels: readonly SplitChannel[] }
  | { readonly policy: 'priority'; readonly channels: readonly PriorityChannel[] };

export interface InventoryPool {
  readonly id: string;
  /** The marketplaces whose FBA stock this pool is; the first is the one the bridge reads. */
  readonly marketplaceIds: readonly [string, ...string[]];
  /** Kept for Amazon's own marketplace listings, which sell from the same stock. */
  readonly holdback: HeldQuantity;
  /** Kept against what the allocation cannot see in time: sync lag, Amazon's sales beyond the holdback, recounts. */
  readonly buffer: HeldQuantity;
  readonly allocation: PoolAllocation;
}

/** The supply channel keys of a pool, in configured order. */
export function channelKeys(pool: InventoryPool): string[] {
  return pool.allocation.channels.map((c) => c.key);
}

/**
 * The marketplace whose figures stand for the pool. With Pan-European FBA every EU marketplace
 * returns the same pooled figure, so reading one is reading the pool; reading several would count it twice.
 */
export function readMarketplaceId(pool: InventoryPool): string {
  return pool.marketplaceIds[0];
}

/** 12.5 → 1250. Percentages in configuration carry at most two decimals. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** 1250 → "12.5%". */
export function formatBasisPoints(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}

/** floor(base × basisPoints / 10,000) in exact integer arithmetic. */
export function floorPart(base: number, basisPoints: number): number {
  return Math.floor((base * basisPoints) / WHOLE_POOL_BASIS_POINTS);
}

/** ceil(base × basisPoints / 10,000) in exact integer arithmetic. */
export function ceilPart(base: number, basisPoints: number): number {
  return Math.floor((base * basisPoints + WHOLE_POOL_BASIS_POINTS - 1) / WHOLE_POOL_BASIS_POINTS);
}

/** What a held-quantity rule asks for from a pool of `base` units (not yet limited to what is there). */
export function heldUnits(rule: HeldQuantity, base: number): number {
  return Math.max(rule.units, ceilPart(base, rule.basisPoints));
}
