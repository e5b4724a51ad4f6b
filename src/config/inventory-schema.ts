// The `inventory` section of the JSON config file: which commercetools supply channels draw on which
// FBA pool, and how (docs/adr/0008). The ecommerce team owns this section, so every problem is one
// line that names the pool and channel and says what to change; all problems are reported at once.
//
// zod checks each value; the rules that span values (shares adding up, one policy per pool, a channel
// or marketplace in one pool only) are checked on the raw input as well, so a negative number and a
// duplicate key show up in the same run.
import { fail, ok, type Result } from '../domain/shared/result.js';
import { z } from 'zod';
import { MARKETPLACE_ID_PATTERN } from './settings-schema.js';
import {
  ALLOCATION_POLICIES, percentToBasisPoints,
  type AllocationPolicy, type HeldQuantity, type InventoryPool, type PoolAllocation,
} from '../domain/inventory/inventory-pool.js';
import { compileSkuRule, DEFAULT_SKU_PATTERN, DEFAULT_SKU_RULE, type SkuRule } from '../domain/inventory/sku-format.js';

export const INVENTORY_DEFAULTS = {
  incrementalMinutes: 5,
  fullSyncHourUtc: 3,
  driftThresholdMinutes: 30,
  reservationSettleMinutes: 15,
  notificationBatchSeconds: 2,
  busySkuSeconds: 10,
  skuPattern: DEFAULT_SKU_PATTERN,
} as const;

// commercetools keys: 2–256 of letters, digits, `_` and `-`.
const CHANNEL_KEY = /^[A-Za-z0-9_-]{2,256}$/;

const wholeUnits = z.number({ error: 'must be a number of units' }).int('must be a whole number of units').min(0, 'must not be negative');
const percent = z.number({ error: 'must be a percentage (a number from 0 to 100)' })
  .min(0, 'must not be negative').max(100, 'must be at most 100 (percent)')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'may have at most two decimals');
const minutes = (min: number, max: number) =>
  z.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const heldSchema = z.strictObject({ units: wholeUnits.optional(), percent: percent.optional() }, { error: 'must be an object like { "units": 5, "percent": 10 }' });

const channelSchema = z.strictObject({
  key: z.string({ error: 'key is missing: the commercetools supply channel key' }).regex(CHANNEL_KEY, 'is not a commercetools channel key (2–256 letters, digits, "_" or "-")'),
  policy: z.enum(ALLOCATION_POLICIES, { error: 'must be "shared", "split" or "priority"' }),
  share: percent.optional(),
  rank: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more (1 is filled first)').optional(),
  cap: wholeUnits.optional(),
  // Refused below with a message that says where it belongs instead.
  buffer: z.unknown().optional(),
  order: z.unknown().optional(),
}, { error: 'must be an object like { "key": "web-de", "policy": "split", "share": 60 }' });

const poolSchema = z.strictObject({
  id: z.string({ error: 'id is missing: name the pool, e.g. "eu"' }).trim().min(1, 'must not be empty'),
  marketplaceIds: z.array(
    z.string({ error: 'must be an Amazon marketplace id' }).regex(MARKETPLACE_ID_PATTERN, 'does not look like an Amazon marketplace id (e.g. A1PA6795UKMFR9)'),
    { error: 'marketplaceIds is missing: list the Amazon marketplace ids whose FBA stock this pool is' },
  ).min(1, 'list at least one Amazon marketplace id'),
  holdback: heldSchema.optional(),
  buffer: heldSchema.optional(),
  channels: z.array(channelSchema, { error: 'channels is missing: list the supply channels that sell from this pool' })
    .min(1, 'list at least one supply channel'),
}, { error: 'must be an object with id, marketplaceIds and channels' });

export const inventorySettingsSchema = z.strictObject({
  pools: z.array(poolSchema, { error: 'must be a list of pools' }).default([]),
  schedule: z.strictObject({
    incrementalMinutes: minutes(1, 1440).default(INVENTORY_DEFAULTS.incrementalMinutes),
    fullSyncHourUtc: z.number({ error: 'must be an hour from 0 to 23 (UTC)' }).int('must be a whole hour').min(0, 'must be 0 to 23').max(23, 'must be 0 to 23')
      .default(INVENTORY_DEFAULTS.fullSyncHourUtc),
  }, { error: 'must be an object like { "incrementalMinutes": 5, "fullSyncHourUtc": 3 }' })
    .default({ incrementalMinutes: INVENTORY_DEFAULTS.incrementalMinutes, fullSyncHourUtc: INVENTORY_DEFAULTS.fullSyncHourUtc }),
  driftThresholdMinutes: minutes(1, 10_080).default(INVENTORY_DEFAULTS.driftThresholdMinutes),
  reservationSettleMinutes: minutes(0, 1440).default(INVENTORY_DEFAULTS.reservationSettleMinutes),
  notificationBatchSeconds: z.number({ error: 'must be a number of seconds' }).min(0, 'must not be negative (0 syncs each notified SKU at once)')
    .max(30, 'must be at most 30 (a notified change should reach commercetools within a minute)').default(INVENTORY_DEFAULTS.notificationBatchSeconds),
  busySkuSeconds: z.number({ error: 'must be a number of seconds' }).min(0, 'must not be negative (0 syncs a SKU each time it is notified)')
    .max(30, 'must be at most 30 (a notified change should reach commercetools within a minute)').default(INVENTORY_DEFAULTS.busySkuSeconds),
  skuPattern: z.string({ error: 'must be a regular expression, as a string' }).optional(),
}, { error: 'the inventory section must be an object' });

export interface InventorySchedule {
  readonly incrementalMinutes: number;
  readonly fullSyncHourUtc: number;
}

export interface InventorySettings {
  readonly pools: readonly InventoryPool[];
  readonly schedule: InventorySchedule;
  /** An entry whose commercetools value has differed from its allocation for longer is an exception. */
  readonly driftThresholdMinutes: number;
  /** How long after Amazon accepts an order its units are assumed to show as reserved (unreserved-order-units.ts). */
  readonly reservationSettleMinutes: number;
  /**
   * How long SKUs named by FBA_INVENTORY_AVAILABILITY_CHANGES notifications are gathered, from the
   * first one, before they are synced together (one Amazon read and one commercetools read for all);
   * 0 syncs each at once.
   */
  readonly notificationBatchSeconds: number;
  /**
   * A SKU notified again within this many seconds of the start of its last notified sync waits until
   * they have passed (then for the window): at peak a busy SKU is synced about this often, each write
   * carrying every change since, while a quiet SKU still goes at the window; 0 syncs it each time.
   */
  readonly busySkuSeconds: number;
  readonly skuRule: SkuRule;
}

/** The settings, or every problem found (one line each, naming the field). */
export type InventorySettingsResult = Result<InventorySettings, string[]>;

/** Parses the `inventory` section; undefined (no section) means no pools and every default. */
export function parseInventorySettings(raw: unknown): InventorySettingsResult {
  const parsed = inventorySettingsSchema.safeParse(raw ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${describePath(i.path, raw)}: ${issueMessage(i)}`);
  problems.push(...crossFieldProblems(raw));
  let skuRule = DEFAULT_SKU_RULE;
  const pattern = isRecord(raw) ? raw.skuPattern : undefined;
  if (typeof pattern === 'string') {
    const compiled = compileSkuRule(pattern);
    if (compiled.ok) skuRule = compiled.value;
    else problems.push(`inventory.skuPattern: ${compiled.error}`);
  }
  if (!parsed.success || problems.length > 0) return fail(unique(problems));
  const d = parsed.data;
  return ok({
      pools: d.pools.map(toPool),
      schedule: d.schedule,
      driftThresholdMinutes: d.driftThresholdMinutes,
      reservationSettleMinutes: d.reservationSettleMinutes,
      notificationBatchSeconds: d.notificationBatchSeconds,
      busySkuSeconds: d.busySkuSeconds,
      skuRule,
  });
}

type ParsedPool = z.infer<typeof poolSchema>;
type ParsedHeld = z.infer<typeof heldSchema>;

function toHeld(h: ParsedHeld | undefined): HeldQuantity {
  return { units: h?.units ?? 0, basisPoints: percentToBasisPoints(h?.percent ?? 0) };
}

// Only called once crossFieldProblems found nothing: one policy, shares present, ranks present and distinct.
function toPool(p: ParsedPool): InventoryPool {
  const [first, ...rest] = p.marketplaceIds;
  if (first === undefined) throw new Error(`pool ${p.id} has no marketplace (the schema must refuse this)`);
  const policy: AllocationPolicy = p.channels[0]?.policy ?? 'shared';
  let allocation: PoolAllocation;
  switch (policy) {
    case 'shared':
      allocation = { policy, channels: p.channels.map((c) => ({ key: c.key })) };
      break;
    case 'split':
      allocation = { policy, channels: p.channels.map((c) => ({ key: c.key, shareBasisPoints: percentToBasisPoints(c.share ?? 0) })) };
      break;
    case 'priority':
      allocation = {
        policy,
        channels: p.channels.map((c) => ({ key: c.key, rank: c.rank ?? Number.MAX_SAFE_INTEGER, cap: c.cap ?? null })).sort((a, b) => a.rank - b.rank),
      };
      break;
  }
  return { id: p.id, marketplaceIds: [first, ...rest], holdback: toHeld(p.holdback), buffer: toHeld(p.buffer), allocation };
}

// ---- rules across values, on the raw input --------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (o: Record<string, unknown>, key: string): unknown[] => {
  const v = o[key];
  return Array.isArray(v) ? v : [];
};
const textAt = (o: Record<string, unknown>, key: string): string | undefined => (typeof o[key] === 'string' ? o[key].trim() : undefined);
const numberAt = (o: Record<string, unknown>, key: string): number | undefined => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const isPolicy = (v: unknown): v is AllocationPolicy => typeof v === 'string' && (ALLOCATION_POLICIES as readonly string[]).includes(v);

function poolLabel(raw: unknown, index: number): string {
  const id = isRecord(raw) ? textAt(raw, 'id') : undefined;
  return `inventory.pools[${index}]${id ? ` ("${id}")` : ''}`;
}

function channelLabel(raw: unknown, index: number): string {
  const key = isRecord(raw) ? textAt(raw, 'key') : undefined;
  return `channels[${index}]${key ? ` ("${key}")` : ''}`;
}

function crossFieldProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const problems: string[] = [];
  const pools = listAt(raw, 'pools');
  const poolOfId = new Map<string, number>();
  // Where each marketplace and channel was first seen: pool index and how to name that pool.
  const poolOfMarketplace = new Map<string, { index: number; name: string }>();
  const poolOfChannel = new Map<string, { index: number; name: string }>();

  pools.forEach((pool, p) => {
    if (!isRecord(pool)) return;
    const where = poolLabel(pool, p);
    const id = textAt(pool, 'id');
    if (id) {
      const earlier = poolOfId.get(id);
      if (earlier !== undefined) problems.push(`${where}: pool id "${id}" is also used by inventory.pools[${earlier}]: give each pool its own id`);
      else poolOfId.set(id, p);
    }
    for (const m of listAt(pool, 'marketplaceIds')) {
      if (typeof m !== 'string') continue;
      const other = poolOfMarketplace.get(m);
      if (other === undefined) poolOfMarketplace.set(m, { index: p, name: where });
      else if (other.index !== p) {
        problems.push(`${where}: marketplace ${m} is also in ${other.name}: a marketplace's FBA stock belongs to one pool (Pan-EU marketplaces go together in one pool)`);
      }
    }
    problems.push(...heldTogetherProblems(pool, where));

    const channels = listAt(pool, 'channels');
    const policies = new Map<AllocationPolicy, string[]>();
    const keysHere = new Set<string>();
    const ranks = new Map<number, string>();
    let shareTotal = 0;
    channels.forEach((channel, c) => {
      if (!isRecord(channel)) return;
      const at = `${where}.${channelLabel(channel, c)}`;
      const key = textAt(channel, 'key');
      const label = key ? `"${key}"` : `#${c + 1}`;
      if (key) {
        if (keysHere.has(key)) problems.push(`${at}: channel "${key}" is listed twice in this pool: keep one entry`);
        else {
          const other = poolOfChannel.get(key);
          if (other === undefined) poolOfChannel.set(key, { index: p, name: where });
          else if (other.index !== p) {
            problems.push(`${at}: channel "${key}" is also in ${other.name}: a supply channel sells from one FBA pool; remove it from one of them`);
          }
          keysHere.add(key);
        }
      }
      if (channel.buffer !== undefined) {
        problems.push(`${at}.buffer: the buffer is set per pool, not per channel: move it to ${where}.buffer (it guards the whole pool; docs/adr/0008)`);
      }
      if (channel.order !== undefined) problems.push(`${at}.order: priority order is set with "rank" (1 is filled first)`);
      const policy = channel.policy;
      if (!isPolicy(policy)) return;
      policies.set(policy, [...(policies.get(policy) ?? []), label]);
      const share = numberAt(channel, 'share');
      if (policy === 'split') {
        if (channel.share === undefined) problems.push(`${at}: a split channel needs a share: set "share" to its percentage of the pool, e.g. "share": 40`);
        if (share !== undefined && share >= 0) shareTotal += percentToBasisPoints(share);
      } else if (channel.share !== undefined) {
        problems.push(`${at}.share: a share only applies to split channels; this channel's policy is ${policy}: remove "share" or make the pool split`);
      }
      if (policy === 'priority') {
        const rank = numberAt(channel, 'rank');
        if (channel.rank === undefined) problems.push(`${at}: a priority channel needs a rank: set "rank" (1 is filled first)`);
        else if (rank !== undefined) {
          const other = ranks.get(rank);
          if (other !== undefined) problems.push(`${at}.rank: rank ${rank} is also channel ${other}'s: give each priority channel its own rank`);
          else ranks.set(rank, label);
        }
      } else {
        for (const field of ['rank', 'cap'] as const) {
          if (channel[field] !== undefined) {
            problems.push(`${at}.${field}: "${field}" only applies to priority channels; this channel's policy is ${policy}: remove it or make the pool priority`);
          }
        }
      }
    });
    if (policies.size > 1) {
      const mix = [...policies].map(([policy, names]) => `${policy} (${names.join(', ')})`).join(', ');
      problems.push(`${where}: the pool mixes policies ${mix}: all channels of one pool use the same policy (docs/adr/0008)`);
    }
    if (shareTotal > 10_000) {
      problems.push(`${where}: the split shares add up to ${shareTotal / 100}%: they must add up to 100 or less`);
    }
  });
  return problems;
}

function heldTogetherProblems(pool: Record<string, unknown>, where: string): string[] {
  const percentOf = (field: string): number => {
    const held = pool[field];
    const v = isRecord(held) ? numberAt(held, 'percent') : undefined;
    return v !== undefined && v >= 0 && v <= 100 ? percentToBasisPoints(v) : 0;
  };
  const together = percentOf('holdback') + percentOf('buffer');
  return together > 10_000
    ? [`${where}: holdback.percent and buffer.percent together keep back ${together / 100}% of the pool, so the storefront could never sell: lower them to 100 or less in total`]
    : [];
}

function describePath(path: readonly PropertyKey[], raw: unknown): string {
  let out = 'inventory';
  let node: unknown = raw;
  for (const step of path) {
    const next = isRecord(node) ? node[String(step)] : Array.isArray(node) && typeof step === 'number' ? node[step] : undefined;
    if (typeof step === 'number') {
      const name = isRecord(next) ? (textAt(next, 'id') ?? textAt(next, 'key')) : undefined;
      out += `[${step}]${name ? ` ("${name}")` : ''}`;
    } else {
      out += `.${String(step)}`;
    }
    node = next;
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling (see the configuration reference)`;
  }
  return issue.message;
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}
