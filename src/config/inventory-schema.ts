// The `inventory` section of the JSON config file: which commercetools supply channels draw on which
// FBA pool, and how (docs/adr/0008). The ecommerce team owns this section, so every problem is one
// line that names the pool and channel and says what to change; all problems are reported at once.
//
// zod checks each value; the rules that span values (shares adding up, one policy per pool, a channel
// or marketplace in one pool only) are checked on the raw input as well, so a negative number and a
// duplicate key show up in the same run (inventory-cross-field-rules.ts).
import { fail, ok, type Result } from '../domain/shared/result.js';
import { z } from 'zod';
import { MARKETPLACE_ID_PATTERN } from './settings-schema.js';
import {
  ALLOCATION_POLICIES, percentToBasisPoints,
  type AllocationPolicy, type HeldQuantity, type InventoryPool, type PoolAllocation,
} from '../domain/inventory/inventory-pool.js';
import { crossFieldProblems, isRecord, textAt } from './inventory-cross-field-rules.js';
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
