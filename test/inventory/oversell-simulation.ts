// A discrete-time, seeded simulation of one FBA pool feeding commercetools supply channels, used to
// prove the allocation rules do not oversell (docs/adr/0008). One step is one minute. Each minute:
//
//  1. Amazon accepts the storefront orders whose delay has run out, taking their units out of
//     fulfillable; units it cannot cover are oversold (the order would become Unfulfillable).
//  2. Amazon's own marketplace sells from fulfillable, seeing nothing of the storefront orders still
//     on their way (that is what the holdback is for).
//  3. Each channel takes orders, but only up to what its commercetools entry shows (ReserveOnOrder):
//     the last value the bridge wrote minus what the channel sold since. Every order changes the
//     entry's version, as commercetools' own decrement does.
//  4. Syncs: every `syncEveryMinutes` (and a minute after a conflict) a sync of a SKU starts: it reads
//     Amazon's figure as of `snapshotAgeMinutes` earlier and the channel entries (with versions). It
//     finishes `intakeLagMinutes` later, once the bridge's order intake has caught up past the entry
//     read, computes the unreserved order units relative to the snapshot, allocates, plans the
//     writes and applies them version-guarded: decreases first; after a conflict, no increases.
//
// The bridge side uses the real domain functions (allocateSku, unreservedOrderUnits,
// planInventoryWrites); only the world around them is simulated.
import { allocateSku } from '../../src/domain/inventory/allocation.js';
import { channelKeys, type InventoryPool } from '../../src/domain/inventory/inventory-pool.js';
import { planInventoryWrites, type ObservedEntry } from '../../src/domain/inventory/inventory-write-plan.js';
import { unreservedOrderUnits } from '../../src/domain/inventory/unreserved-order-units.js';
import { streamFor, type SeededRandom } from '../../src/simulator/seeded-random.js';

const MINUTE = 60_000;

export interface SimulatedSku {
  readonly sku: string;
  readonly initialFulfillable: number;
}

export interface SimulationConfig {
  readonly seed: number;
  /** Minutes of trading; afterwards nobody buys and the orders still on their way reach Amazon. */
  readonly minutes: number;
  readonly skus: readonly SimulatedSku[];
  readonly pool: InventoryPool;
  /** Storefront orders per minute per SKU on each channel (a Bernoulli draw per minute). */
  readonly storefrontOrdersPerMinute: Readonly<Record<string, number>>;
  /** Amazon marketplace orders per minute per SKU. */
  readonly amazonOrdersPerMinute: number;
  readonly syncEveryMinutes: number;
  /** How old Amazon's figures are when the bridge reads them. */
  readonly snapshotAgeMinutes: number;
  /** How long until the bridge knows of a commercetools order. */
  readonly intakeLagMinutes: number;
  /** A storefront order reaches Amazon this many minutes after it was placed (uniform, inclusive). */
  readonly orderDelayMinutes: readonly [number, number];
  /** false: a naive bridge that ignores storefront orders Amazon has not yet reserved (a control). */
  readonly subtractUnreservedOrders: boolean;
  /** false: a bridge that still sends a SKU's increases after one of its writes failed (a control). */
  readonly holdIncreasesAfterConflict: boolean;
}

export interface SimulationResult {
  readonly soldByChannel: Readonly<Record<string, number>>;
  readonly oversoldByChannel: Readonly<Record<string, number>>;
  readonly oversoldBySku: Readonly<Record<string, number>>;
  readonly oversold: number;
  readonly storefrontSold: number;
  readonly amazonSold: number;
  /** Storefront units asked for that the channel did not show. */
  readonly refusedUnits: number;
  readonly writes: number;
  readonly conflicts: number;
  readonly skippedIncreases: number;
  /** Fulfillable units left when the simulation ends. */
  readonly leftInPool: number;
  /** SKUs whose fulfillable figure reached zero. */
  readonly stockOuts: number;
  /** Most Amazon marketplace units sold in any window of snapshot age + sync interval + intake lag. */
  readonly maxAmazonUnitsInLagWindow: number;
}

interface StorefrontOrder {
  readonly sku: string;
  readonly channel: string;
  readonly quantity: number;
  readonly createdAt: number;
  readonly reachesAmazonAt: number;
  acceptedAt: number | null;
}

interface Entry {
  readonly id: string;
  version: number;
  quantityOnStock: number;
}

interface PendingSync {
  readonly sku: string;
  readonly startedAt: number;
  readonly snapshotAt: number;
  readonly fulfillable: number;
  readonly entries: readonly ObservedEntry[];
}

export function runOversellSimulation(config: SimulationConfig): SimulationResult {
  const channels = channelKeys(config.pool);
  const fulfillable = new Map(config.skus.map((s) => [s.sku, s.initialFulfillable]));
  const history = new Map(config.skus.map((s) => [s.sku, [] as number[]]));
  const amazonSalesByMinute = new Map(config.skus.map((s) => [s.sku, [] as number[]]));
  const entries = new Map<string, Entry>();
  // Orders by the minute they reach Amazon, and per SKU the orders a later snapshot may still miss.
  const arrivals = new Map<number, StorefrontOrder[]>();
  const openOrders = new Map(config.skus.map((s) => [s.sku, [] as StorefrontOrder[]]));
  const pending: PendingSync[] = [];
  const retry = new Set<string>();
  const rng = new Map<string, SeededRandom>();
  const stream = (...parts: string[]): SeededRandom => {
    const key = parts.join('|');
    let r = rng.get(key);
    if (!r) rng.set(key, (r = streamFor(config.seed, ...parts)));
    return r;
  };

  const soldByChannel = Object.fromEntries(channels.map((c) => [c, 0]));
  const oversoldByChannel = Object.fromEntries(channels.map((c) => [c, 0]));
  const oversoldBySku = Object.fromEntries(config.skus.map((s) => [s.sku, 0]));
  let amazonSold = 0;
  let refusedUnits = 0;
  let writes = 0;
  let conflicts = 0;
  let skippedIncreases = 0;
  let nextEntryId = 0;
  const entryKey = (sku: string, channel: string) => `${sku}|${channel}`;
  const lastOrderMinute = config.minutes + config.orderDelayMinutes[1];

  for (let t = 0; t <= lastOrderMinute; t++) {
    const trading = t < config.minutes;
    // 1. Storefront orders reach Amazon (in the order they were placed).
    for (const o of arrivals.get(t) ?? []) {
      const have = fulfillable.get(o.sku)!;
      const taken = Math.min(have, o.quantity);
      fulfillable.set(o.sku, have - taken);
      o.acceptedAt = t;
      if (taken < o.quantity) {
        oversoldByChannel[o.channel] = oversoldByChannel[o.channel]! + o.quantity - taken;
        oversoldBySku[o.sku] = oversoldBySku[o.sku]! + o.quantity - taken;
      }
    }
    for (const { sku } of config.skus) {
      // 2. Amazon's own marketplace.
      let amazonUnits = 0;
      if (trading && stream('amazon', sku).next() < config.amazonOrdersPerMinute) {
        const want = stream('amazon-qty', sku).next() < 0.85 ? 1 : 2;
        amazonUnits = Math.min(want, fulfillable.get(sku)!);
        fulfillable.set(sku, fulfillable.get(sku)! - amazonUnits);
        amazonSold += amazonUnits;
      }
      amazonSalesByMinute.get(sku)!.push(amazonUnits);
      // 3. Storefront channels, each limited to what its entry shows.
      for (const channel of channels) {
        if (!trading || stream('order', sku, channel).next() >= (config.storefrontOrdersPerMinute[channel] ?? 0)) continue;
        const roll = stream('order-qty', sku, channel).next();
        const quantity = roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
        const entry = entries.get(entryKey(sku, channel));
        if (!entry || entry.quantityOnStock < quantity) {
          refusedUnits += quantity;
          continue;
        }
        entry.quantityOnStock -= quantity;
        entry.version += 1;
        soldByChannel[channel] = soldByChannel[channel]! + quantity;
        const [lo, hi] = config.orderDelayMinutes;
        const order: StorefrontOrder = { sku, channel, quantity, createdAt: t, reachesAmazonAt: t + stream('delay').int(lo, hi), acceptedAt: null };
        arrivals.set(order.reachesAmazonAt, [...(arrivals.get(order.reachesAmazonAt) ?? []), order]);
        openOrders.get(sku)!.push(order);
      }
      history.get(sku)!.push(fulfillable.get(sku)!);
    }

    // 4a. Syncs start: read Amazon's (older) figure and the entries.
    for (const { sku } of config.skus) {
      if (!trading || pending.some((p) => p.sku === sku)) continue;
      if (t % config.syncEveryMinutes !== 0 && !retry.has(sku)) continue;
      retry.delete(sku);
      const snapshotAt = Math.max(0, t - config.snapshotAgeMinutes);
      const observed: ObservedEntry[] = [];
      for (const channel of channels) {
        const e = entries.get(entryKey(sku, channel));
        if (e) observed.push({ id: e.id, version: e.version, sku, channel, quantityOnStock: e.quantityOnStock, availableQuantity: e.quantityOnStock });
      }
      pending.push({ sku, startedAt: t, snapshotAt, fulfillable: history.get(sku)![snapshotAt]!, entries: observed });
    }
    // 4b. Syncs finish once the order intake has caught up past the entry read.
    for (const sync of pending.filter((p) => p.startedAt + config.intakeLagMinutes === t)) {
      pending.splice(pending.indexOf(sync), 1);
      // Snapshots only move forward, so an order accepted before this one's is in every later one too.
      const open = openOrders.get(sync.sku)!.filter((o) => o.acceptedAt === null || o.acceptedAt > sync.snapshotAt);
      openOrders.set(sync.sku, open);
      const known = open.filter((o) => o.createdAt <= t - config.intakeLagMinutes);
      const unreserved = config.subtractUnreservedOrders
        ? unreservedOrderUnits(
          known.map((o) => ({ sku: o.sku, quantity: o.quantity, acceptedByAmazonAt: o.acceptedAt === null ? null : o.acceptedAt * MINUTE, closedWithoutAmazon: false })),
          { snapshotAt: sync.snapshotAt * MINUTE, settleMs: 0 },
        ).get(sync.sku) ?? 0
        : 0;
      const allocation = allocateSku(config.pool, { sku: sync.sku, fulfillable: sync.fulfillable, unreservedOrderUnits: unreserved });
      const plan = planInventoryWrites(allocation.channels.map((c) => ({ sku: sync.sku, channel: c.channel, allocated: c.allocated })), sync.entries);
      let failed = false;
      for (const w of plan.writes) {
        if (failed && w.direction === 'increase' && config.holdIncreasesAfterConflict) {
          skippedIncreases++;
          continue;
        }
        if (w.kind === 'create') {
          entries.set(entryKey(w.sku, w.channel), { id: `entry-${++nextEntryId}`, version: 1, quantityOnStock: w.quantityOnStock });
          writes++;
          continue;
        }
        const e = entries.get(entryKey(w.sku, w.channel))!;
        if (e.version !== w.version) {
          conflicts++;
          failed = true;
          continue;
        }
        e.quantityOnStock = w.quantityOnStock;
        e.version += 1;
        writes++;
      }
      if (failed) retry.add(sync.sku);
    }
  }

  const lagWindow = config.snapshotAgeMinutes + config.syncEveryMinutes + config.intakeLagMinutes;
  let maxAmazonUnitsInLagWindow = 0;
  for (const perMinute of amazonSalesByMinute.values()) {
    let window = 0;
    perMinute.forEach((units, i) => {
      window += units - (i >= lagWindow ? perMinute[i - lagWindow]! : 0);
      maxAmazonUnitsInLagWindow = Math.max(maxAmazonUnitsInLagWindow, window);
    });
  }
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    soldByChannel,
    oversoldByChannel,
    oversoldBySku,
    oversold: sum(oversoldByChannel),
    storefrontSold: sum(soldByChannel),
    amazonSold,
    refusedUnits,
    writes,
    conflicts,
    skippedIncreases,
    leftInPool: [...fulfillable.values()].reduce((a, b) => a + b, 0),
    stockOuts: [...history.values()].filter((h) => h.includes(0)).length,
    maxAmazonUnitsInLagWindow,
  };
}
