// One inventory sync of one FBA pool (docs/adr/0008): read Amazon (t_s is when the bridge asked),
// read the pool's commercetools entries, subtract the storefront units Amazon has not reserved,
// allocate per SKU, write only what differs (absolute, version-guarded; 409 → re-read and re-decide),
// and record what was read and written so `inventory explain` and the drift check can answer.
import type { InventoryPool } from '../../domain/inventory/inventory-pool.js';
import { channelKeys, readMarketplaceId } from '../../domain/inventory/inventory-pool.js';
import { allocateSku, type SkuAllocation } from '../../domain/inventory/allocation.js';
import { planInventoryWrites, type InventoryWritePlan, type ObservedEntry } from '../../domain/inventory/inventory-write-plan.js';
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import type { InventoryEntryRecord, InventorySnapshotRecord } from '../../ports/inventory-store.js';
import type { AuditInput } from '../../ports/store.js';
import { readAmazonPool } from './inventory-amazon-read.js';
import { readEntries, resolveChannels, type ChannelIds } from './inventory-commercetools-read.js';
import { applyWrites, type WriteOutcome } from './inventory-apply-writes.js';
import { unreservedUnitsAt } from './inventory-unreserved.js';
import {
  raisePoolProblem, raiseSkuProblem, resolvePoolProblem, SKU_SYNC_TYPES, skusWithOpen,
} from './inventory-exceptions.js';
import {
  INCREMENTAL_OVERLAP_MS, MAX_REDECIDE_ROUNDS,
  type InventoryChange, type InventoryFlowDeps, type PoolSyncSummary, type SyncOptions,
} from './inventory-flow-types.js';

const key = (sku: string, channel: string): string => `${sku}\u0000${channel}`;

interface Decision {
  readonly allocations: SkuAllocation[];
  readonly plan: InventoryWritePlan;
}

export async function syncPool(deps: InventoryFlowDeps, pool: InventoryPool, options: SyncOptions): Promise<PoolSyncSummary> {
  const { store, connectionId } = deps;
  const now = (): number => deps.clock.now().getTime();
  const dryRun = options.dryRun ?? false;
  const snapshotAt = now();
  const prior = await store.inventory.poolSync(connectionId, pool.id);
  const lastScan = prior?.lastIncrementalScanAt ?? null;
  const mode = options.mode.kind === 'incremental' && lastScan === null ? 'full' : options.mode.kind;
  const named = options.mode.kind === 'skus' ? [...new Set(options.mode.skus)] : undefined;
  const progress = options.onProgress;
  const summary = (extra: Partial<PoolSyncSummary>): PoolSyncSummary => ({
    poolId: pool.id, mode, dryRun, snapshotAt, skusRead: 0, skusDecided: 0, entriesRead: 0, unchanged: 0, changes: [],
    conflicts: 0, failed: 0, heldBack: 0, duplicates: 0, pages: 0, ...extra,
  });
  const cannotRun = async (why: string): Promise<PoolSyncSummary> => {
    deps.logger.warn('inventory sync could not run', { pool: pool.id, reason: why });
    if (!dryRun) await raisePoolProblem(store, connectionId, pool.id, why, now());
    return summary({ error: why });
  };

  // 1. Amazon. t_s = snapshotAt, taken before asking (ADR 0008, rule 1).
  const amazon = await readAmazonPool(deps.amazon, {
    marketplaceId: readMarketplaceId(pool),
    ...(mode === 'incremental' && lastScan !== null ? { startDateTime: new Date(lastScan - INCREMENTAL_OVERLAP_MS).toISOString() } : {}),
    ...(named ? { skus: named } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onPage: (n) => progress?.({ poolId: pool.id, phase: 'amazon', done: n }),
  });
  if (!amazon.ok) return cannotRun(`reading FBA inventory of marketplace ${readMarketplaceId(pool)} failed: ${amazon.error.code}: ${amazon.error.message}`);
  const levels = amazon.read.levels;

  // 2. The channels, then the entries to decide on.
  const resolved = await resolveChannels(deps.commercetools, channelKeys(pool));
  if (!resolved.ok) return cannotRun(resolved.error.message);
  const channels = resolved.channels;
  let skus: string[] | undefined;
  if (mode === 'incremental') {
    const drifting = (await store.inventory.entries(connectionId, pool.id)).filter((e) => e.differsSince !== null).map((e) => e.sku);
    skus = [...new Set([...levels.keys(), ...drifting])];
  } else if (named) {
    skus = named;
  }
  const entries = skus !== undefined && skus.length === 0
    ? { ok: true as const, entries: [] as ObservedEntry[] }
    : await readEntries(deps.commercetools, channels, skus, (n) => progress?.({ poolId: pool.id, phase: 'commercetools', done: n }));
  if (!entries.ok) return cannotRun(`reading commercetools inventory entries failed: ${entries.error.code}: ${entries.error.message}`);
  const decided = skus ?? [...new Set([...levels.keys(), ...entries.entries.map((e) => e.sku)])].sort();

  // Figures for SKUs Amazon did not return in this read: the last snapshot (unchanged since), else 0.
  const stored = new Map((await store.inventory.snapshots(connectionId, pool.id, levels.size === decided.length ? [] : decided.filter((s) => !levels.has(s))))
    .map((s) => [s.sku, s]));
  const fulfillable = (sku: string): number => levels.get(sku)?.fulfillable ?? stored.get(sku)?.fulfillable ?? 0;
  const notInFba = mode === 'full' ? decided.filter((s) => !levels.has(s)) : [];

  const settleMs = deps.settings.reservationSettleMinutes * 60_000;
  const decide = async (forSkus: readonly string[], observed: readonly ObservedEntry[], allOfPool: boolean): Promise<Decision> => {
    const units = await unreservedUnitsAt(store.inventory, connectionId, snapshotAt, settleMs, allOfPool ? undefined : forSkus);
    const allocations = forSkus.map((sku) => allocateSku(pool, { sku, fulfillable: fulfillable(sku), unreservedOrderUnits: units.get(sku) ?? 0 }));
    const expected = allocations.flatMap((a) => a.channels.map((c) => ({ sku: a.sku, channel: c.channel, allocated: c.allocated })));
    return { allocations, plan: planInventoryWrites(expected, observed) };
  };

  let decision = await decide(decided, entries.entries, mode === 'full');
  const expectedOf = new Map<string, number>();
  const observedOf = new Map<string, ObservedEntry>();
  const remember = (d: Decision, observed: readonly ObservedEntry[]): void => {
    for (const a of d.allocations) for (const c of a.channels) expectedOf.set(key(a.sku, c.channel), c.allocated);
    for (const e of observed) observedOf.set(key(e.sku, e.channel), e);
  };
  remember(decision, entries.entries);

  if (dryRun) {
    return summary({
      skusRead: levels.size, skusDecided: decided.length, entriesRead: entries.entries.length, pages: amazon.read.pages,
      unchanged: decision.plan.unchanged, duplicates: decision.plan.duplicates.length,
      changes: decision.plan.writes.map((w) => ({ sku: w.sku, channel: w.channel, from: w.kind === 'create' ? null : w.previousQuantityOnStock, to: w.quantityOnStock })),
    });
  }

  // 3. Write, re-deciding SKUs whose entries moved under us.
  const changes: InventoryChange[] = [];
  const failedSkus = new Map<string, string>();
  const landedAt = new Map<string, number>();
  const audit: AuditInput[] = [];
  const postedOk = new Set<string>();
  const postedFailed = new Set<string>();
  let conflicts = 0;
  let heldBack = 0;
  const duplicates = new Map(decision.plan.duplicates.map((d) => [d.sku, d]));
  let total = decision.plan.writes.length;
  let done = 0;
  for (let round = 0; ; round += 1) {
    const outcomes: WriteOutcome[] = await applyWrites(deps.commercetools, channels, decision.plan.writes, () => {
      done += 1;
      progress?.({ poolId: pool.id, phase: 'writing', done, total });
    });
    const stale = new Set<string>();
    for (const o of outcomes) {
      const w = o.write;
      const at = now();
      if (o.kind === 'landed') {
        changes.push({ sku: w.sku, channel: w.channel, from: w.kind === 'create' ? null : w.previousQuantityOnStock, to: w.quantityOnStock });
        observedOf.set(key(w.sku, w.channel), {
          id: o.entry.id, version: o.entry.version, sku: w.sku, channel: w.channel, quantityOnStock: o.entry.quantityOnStock, availableQuantity: o.entry.availableQuantity,
        });
        landedAt.set(key(w.sku, w.channel), at);
        postedOk.add(w.channel);
        audit.push({
          connectionId, system: 'commercetools', action: w.kind === 'create' ? 'createInventoryEntry' : 'changeQuantity', subjectType: 'sku', subjectId: w.sku,
          outcome: 'ok', message: `${w.channel}: quantityOnStock ${w.kind === 'create' ? 'created at' : `${w.previousQuantityOnStock} →`} ${w.quantityOnStock}`, at,
        });
      } else if (o.kind === 'stale') {
        conflicts += 1;
        stale.add(w.sku);
      } else if (o.kind === 'failed') {
        failedSkus.set(w.sku, `${w.channel}: ${o.error.code}: ${o.error.message}`);
        postedFailed.add(w.channel);
        audit.push({ connectionId, system: 'commercetools', action: 'changeQuantity', subjectType: 'sku', subjectId: w.sku, outcome: 'failed', message: `${w.channel}: ${o.error.message}`, at });
      } else {
        heldBack += 1;
      }
    }
    if (stale.size === 0) break;
    const retry = [...stale].filter((s) => !failedSkus.has(s));
    if (round + 1 >= MAX_REDECIDE_ROUNDS) {
      for (const s of retry) failedSkus.set(s, 'its entries kept changing while the bridge wrote them (409 Conflict after re-reading); the next sync decides again');
      break;
    }
    const reread = await readEntries(deps.commercetools, channels, retry);
    if (!reread.ok) {
      for (const s of retry) failedSkus.set(s, `re-reading after a 409 failed: ${reread.error.message}`);
      break;
    }
    decision = await decide(retry, reread.entries, false);
    remember(decision, reread.entries);
    for (const d of decision.plan.duplicates) duplicates.set(d.sku, d);
    total += decision.plan.writes.length;
  }

  // 4. Record what was read and what commercetools now holds; drift is "differs from expected since".
  const at = now();
  const priorEntries = new Map((await store.inventory.entries(connectionId, pool.id, mode === 'full' ? undefined : decided)).map((e) => [key(e.sku, e.channel), e]));
  const records: InventoryEntryRecord[] = [];
  for (const sku of decided) {
    for (const channel of channelKeys(pool)) {
      const k = key(sku, channel);
      const expected = expectedOf.get(k) ?? 0;
      const seen = observedOf.get(k);
      const before = priorEntries.get(k);
      const differs = seen === undefined || seen.quantityOnStock !== expected || duplicates.has(sku);
      records.push({
        connectionId, sku, channel, poolId: pool.id, entryId: seen?.id ?? null, entryVersion: seen?.version ?? null,
        quantityOnStock: seen?.quantityOnStock ?? null, availableQuantity: seen?.availableQuantity ?? null, expectedQuantity: expected,
        observedAt: at, writtenAt: landedAt.get(k) ?? before?.writtenAt ?? null, differsSince: differs ? (before?.differsSince ?? at) : null,
      });
    }
  }
  await store.transaction(async (tx) => {
    await tx.inventory.saveSnapshots([...levels.values()].map((l) => snapshotRecord(connectionId, pool.id, l, snapshotAt)));
    await tx.inventory.saveEntries(records);
    for (const a of audit) await tx.audit.append(a);
    if (mode !== 'skus') await tx.inventory.markScan(connectionId, pool.id, mode, snapshotAt);
    for (const c of postedOk) await tx.inventory.markChannelPost(connectionId, pool.id, c, 'ok', at);
    for (const c of postedFailed) await tx.inventory.markChannelPost(connectionId, pool.id, c, 'failed', at);
  });

  // 5. Exceptions: raise what is wrong now, resolve what is healthy again.
  await resolvePoolProblem(store, connectionId, pool.id, at);
  for (const [sku, why] of failedSkus) await raiseSkuProblem(store, connectionId, 'inventory.write-failed', sku, `Writing the inventory of ${sku} failed: ${why}`, at);
  for (const [sku, d] of duplicates) {
    await raiseSkuProblem(store, connectionId, 'inventory.duplicate-entry', sku, `commercetools holds ${d.entryIds.length} inventory entries for ${sku} in channel ${d.channel} (${d.entryIds.join(', ')})`, at);
  }
  for (const sku of notInFba) await raiseSkuProblem(store, connectionId, 'sku.not-in-fba', sku, `${sku} has inventory entries in FBA supply channels of pool ${pool.id}, but FBA does not stock it`, at);
  const driftCutoff = at - deps.settings.driftThresholdMinutes * 60_000;
  const poolKeys = new Set(channelKeys(pool));
  const drifting = (await store.inventory.driftingSince(connectionId, driftCutoff)).filter((e) => e.poolId === pool.id && poolKeys.has(e.channel));
  const driftSkus = new Set(drifting.map((e) => e.sku));
  for (const e of drifting) {
    await raiseSkuProblem(store, connectionId, 'inventory.drift', e.sku,
      `${e.sku} in channel ${e.channel} shows ${e.quantityOnStock ?? 'no entry'} in commercetools but should hold ${e.expectedQuantity}, since ${new Date(e.differsSince ?? at).toISOString()}`, at);
  }
  const open = await skusWithOpen(store, connectionId, [...SKU_SYNC_TYPES, 'sku.not-in-fba']);
  const decidedSet = new Set(decided);
  const notInFbaSet = new Set(notInFba);
  for (const [sku, types] of open) {
    if (!decidedSet.has(sku)) continue;
    const healthy = [...types].filter((t) =>
      (t === 'inventory.write-failed' && !failedSkus.has(sku))
      || (t === 'inventory.duplicate-entry' && !duplicates.has(sku))
      || (t === 'inventory.drift' && !driftSkus.has(sku))
      || (t === 'sku.not-in-fba' && levels.has(sku) && !notInFbaSet.has(sku)));
    if (healthy.length > 0) await store.exceptions.resolveForSubject(connectionId, 'sku', sku, at, healthy);
  }

  const result = summary({
    skusRead: levels.size, skusDecided: decided.length, entriesRead: entries.entries.length, pages: amazon.read.pages,
    unchanged: records.length - changes.length - [...records].filter((r) => r.differsSince !== null).length,
    changes, conflicts, failed: failedSkus.size, heldBack, duplicates: duplicates.size,
  });
  deps.logger.info('inventory sync finished', {
    pool: pool.id, mode, skus: decided.length, written: changes.length, conflicts, failed: failedSkus.size, pages: amazon.read.pages,
  });
  return result;
}

function snapshotRecord(connectionId: string, poolId: string, l: FbaInventoryLevel, readAt: number): InventorySnapshotRecord {
  return {
    connectionId, poolId, sku: l.sellerSku, fulfillable: l.fulfillable, reservedTotal: l.reserved.total, pendingCustomerOrder: l.reserved.pendingCustomerOrder,
    inbound: l.inbound.working + l.inbound.shipped + l.inbound.receiving, unfulfillable: l.unfulfillable, researching: l.researching,
    totalQuantity: l.totalQuantity, amazonUpdatedAt: l.lastUpdatedTime ?? null, readAt,
  };
}

export type { ChannelIds };
