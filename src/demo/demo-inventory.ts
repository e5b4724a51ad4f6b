// The demo's inventory part, after the order round trip: one FBA pool for the demo marketplace split
// across three supply channels with a holdback and a buffer (docs/adr/0008), one full sync through the
// runtime's own InventorySyncRunner (what `start` schedules), a table per SKU, then sales on Amazon's own
// marketplace (the simulator's admin endpoint) and an incremental sync that writes only what changed.
import { parseInventorySettings, type InventorySettings } from '../config/inventory-schema.js';
import type { CommercetoolsApi } from '../adapters/commercetools/ct-api-client.js';
import { ensureChannel } from './seeders/demo-catalogue.js';
import { CommercetoolsInventoryGateway } from '../adapters/commercetools/ct-inventory-gateway.js';
import { explainSku } from '../reports/inventory-explain.js';
import type { InventorySyncRunner } from '../flows/inventory/inventory-sync-runner.js';
import type { InventoryChange, PoolSyncSummary } from '../flows/inventory/inventory-flow-types.js';
import type { Store } from '../ports/store.js';

export const DEMO_POOL_ID = 'eu';

/** The storefront's FBA channel (orders are placed on it) and two more storefronts drawing on the same pool. */
export const DEMO_INVENTORY_CHANNELS: ReadonlyArray<{ readonly key: string; readonly name: string; readonly share: number }> = [
  { key: 'fba-eu', name: 'Amazon FBA – EU pool', share: 50 },
  { key: 'fba-eu-b2c-de', name: 'Amazon FBA – B2C storefront Germany', share: 30 },
  { key: 'fba-eu-b2c-at', name: 'Amazon FBA – B2C storefront Austria', share: 20 },
];

/** Sales on Amazon's own marketplace during the demo, drawing on the same pool. */
export const DEMO_MARKETPLACE_SALES: ReadonlyArray<{ readonly sku: string; readonly quantity: number }> = [
  { sku: 'KTL-1700-BLK', quantity: 7 },
  { sku: 'HDP-BT-ANC', quantity: 3 },
  { sku: 'YGA-MAT-6MM', quantity: 12 },
];

/** The config file's `inventory` section, as a user would write it. */
export function demoInventoryConfig(marketplaceId: string): unknown {
  return {
    schedule: { incrementalMinutes: 5 },
    pools: [{
      id: DEMO_POOL_ID,
      marketplaceIds: [marketplaceId],
      holdback: { units: 10 },
      buffer: { units: 2, percent: 5 },
      channels: DEMO_INVENTORY_CHANNELS.map((c) => ({ key: c.key, policy: 'split', share: c.share })),
    }],
  };
}

export function demoInventorySettings(marketplaceId: string): InventorySettings {
  const parsed = parseInventorySettings(demoInventoryConfig(marketplaceId));
  if (!parsed.ok) throw new Error(`the demo's inventory section is invalid: ${parsed.error.join('; ')}`);
  return parsed.value;
}

/** Creates the supply channels the demo pool names (the catalogue seeds only fba-eu). */
export async function ensureDemoInventoryChannels(api: CommercetoolsApi): Promise<void> {
  for (const c of DEMO_INVENTORY_CHANNELS) await ensureChannel(api, c.key, c.name);
}

export interface DemoSkuInventory {
  readonly sku: string;
  /** Amazon's fulfillable units, as the sync read them. */
  readonly fulfillable: number;
  /** Units of storefront orders Amazon has not reserved yet (e.g. orders blocked on an exception). */
  readonly unreserved: number;
  readonly holdback: number;
  readonly buffer: number;
  /** What the channels may sell together. */
  readonly sellable: number;
  readonly channels: ReadonlyArray<{
    readonly channel: string;
    readonly allocated: number;
    /** commercetools' quantityOnStock and availableQuantity, read back after the sync; null without an entry. */
    readonly quantityOnStock: number | null;
    readonly availableQuantity: number | null;
  }>;
}

export interface DemoSyncFigures {
  readonly mode: PoolSyncSummary['mode'];
  readonly skusRead: number;
  readonly entriesRead: number;
  readonly written: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly error?: string;
  readonly changes: readonly InventoryChange[];
  readonly skus: readonly DemoSkuInventory[];
}

export interface DemoInventoryReport {
  readonly poolId: string;
  readonly policy: string;
  readonly channels: ReadonlyArray<{ readonly key: string; readonly share: number }>;
  readonly holdback: { readonly units: number; readonly percent: number };
  readonly buffer: { readonly units: number; readonly percent: number };
  readonly full: DemoSyncFigures;
  readonly marketplaceSales: ReadonlyArray<{ readonly sku: string; readonly requested: number; readonly sold: number }>;
  readonly incremental: DemoSyncFigures;
  /** Entries whose allocation differs between the two syncs: what the incremental sync had to write. */
  readonly entriesThatChanged: number;
  /** Allocations within the pool, commercetools showing them, and the second sync writing exactly the changed entries. */
  readonly asExpected: boolean;
  readonly problems: readonly string[];
  readonly seconds: number;
}

export interface InventoryDemoDeps {
  readonly runner: InventorySyncRunner;
  readonly store: Store;
  readonly api: CommercetoolsApi;
  readonly simulatorUrl: string;
  readonly skus: readonly string[];
  readonly say: (line: string) => void;
}

export async function runInventoryDemo(d: InventoryDemoDeps): Promise<DemoInventoryReport> {
  const started = Date.now();
  const settings = d.runner.deps.settings;
  const pool = settings.pools[0];
  if (pool === undefined) throw new Error('the demo configures one inventory pool');
  const connectionId = d.runner.deps.connectionId;

  const [full] = await d.runner.run({ kind: 'full' });
  if (full === undefined) throw new Error(`no inventory sync ran for pool ${pool.id}`);
  const fullRows = await skuFigures(d, d.skus);
  d.say(`inventory: full sync of pool ${pool.id} — ${full.skusRead} SKUs read from FBA, ${full.written} commercetools entries written, ${full.unchanged} already right`);

  const marketplaceSales: Array<{ sku: string; requested: number; sold: number }> = [];
  for (const sale of DEMO_MARKETPLACE_SALES) {
    const answer = await fetch(`${d.simulatorUrl}/_simulator/marketplace-sale`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sellerSku: sale.sku, quantity: sale.quantity }),
    });
    if (!answer.ok) throw new Error(`simulator marketplace sale of ${sale.sku}: HTTP ${answer.status} ${await answer.text()}`);
    const body = (await answer.json()) as { sold?: number };
    marketplaceSales.push({ sku: sale.sku, requested: sale.quantity, sold: body.sold ?? 0 });
  }
  d.say(`Amazon marketplace: ${marketplaceSales.map((s) => `${s.sold} × ${s.sku}`).join(', ')} sold on Amazon's own listings`);

  const [incremental] = await d.runner.run({ kind: 'incremental' });
  if (incremental === undefined) throw new Error(`no incremental inventory sync ran for pool ${pool.id}`);
  const incrementalRows = await skuFigures(d, d.skus);
  d.say(`inventory: incremental sync — ${incremental.skusRead} changed SKUs read from FBA, ${incremental.written} entries written`);

  const before = new Map(fullRows.flatMap((r) => r.channels.map((c) => [`${r.sku} ${c.channel}`, c.allocated] as const)));
  const entriesThatChanged = incrementalRows.flatMap((r) => r.channels.map((c) => ({ sku: r.sku, ...c })))
    .filter((c) => before.get(`${c.sku} ${c.channel}`) !== c.allocated).length;

  const problems = [
    ...checkFigures('full sync', full, fullRows),
    ...checkFigures('incremental sync', incremental, incrementalRows),
  ];
  const soldSkus = new Set(marketplaceSales.filter((s) => s.sold > 0).map((s) => s.sku));
  if (incremental.written !== entriesThatChanged) problems.push(`the incremental sync wrote ${incremental.written} entries, but ${entriesThatChanged} allocations changed`);
  for (const c of incremental.changes) if (!soldSkus.has(c.sku)) problems.push(`the incremental sync wrote ${c.sku} @ ${c.channel}, which did not change`);
  const open = await d.store.exceptions.list({ connectionId, status: 'open', limit: 10_000 });
  for (const e of open.filter((x) => x.type.startsWith('inventory.'))) problems.push(`open exception ${e.type}: ${e.reason}`);

  return {
    poolId: pool.id,
    policy: pool.allocation.policy,
    channels: DEMO_INVENTORY_CHANNELS.map((c) => ({ key: c.key, share: c.share })),
    holdback: { units: pool.holdback.units, percent: pool.holdback.basisPoints / 100 },
    buffer: { units: pool.buffer.units, percent: pool.buffer.basisPoints / 100 },
    full: figures(full, fullRows),
    marketplaceSales,
    incremental: figures(incremental, incrementalRows.filter((r) => soldSkus.has(r.sku) || incremental.changes.some((c) => c.sku === r.sku))),
    entriesThatChanged,
    asExpected: problems.length === 0,
    problems,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

function figures(s: PoolSyncSummary, skus: readonly DemoSkuInventory[]): DemoSyncFigures {
  return {
    mode: s.mode, skusRead: s.skusRead, entriesRead: s.entriesRead, written: s.written, unchanged: s.unchanged, failed: s.failed,
    ...(s.error !== undefined ? { error: s.error } : {}), changes: s.changes, skus,
  };
}

/** For each SKU: the allocation as `inventory explain` derives it, and what commercetools shows, read back. */
async function skuFigures(d: InventoryDemoDeps, skus: readonly string[]): Promise<DemoSkuInventory[]> {
  const { connectionId, settings } = d.runner.deps;
  const gateway = new CommercetoolsInventoryGateway(d.api);
  const channels = await gateway.channelsByKey(DEMO_INVENTORY_CHANNELS.map((c) => c.key));
  if (!channels.ok) throw new Error(`commercetools channels: ${channels.error.message}`);
  const keyOfId = new Map([...channels.value.values()].map((c) => [c.id, c.key]));
  const shown = new Map<string, { quantityOnStock: number; availableQuantity: number }>();
  let cursor: string | undefined;
  do {
    const page = await gateway.listEntries([...keyOfId.keys()], { pageSize: 499, skus, ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw new Error(`commercetools inventory: ${page.error.message}`);
    for (const e of page.value.entries) shown.set(`${e.sku} ${keyOfId.get(e.supplyChannelId) ?? '?'}`, e);
    cursor = page.value.cursor;
  } while (cursor !== undefined);

  const rows: DemoSkuInventory[] = [];
  for (const sku of skus) {
    const [p] = await explainSku(d.store, connectionId, settings, sku);
    if (p === undefined) continue;
    const x = p.allocation.explanation;
    rows.push({
      sku, fulfillable: x.fulfillable, unreserved: x.unreservedOrderUnits, holdback: x.holdback.units, buffer: x.buffer.units, sellable: x.sellablePool,
      channels: p.allocation.channels.map((c) => {
        const e = shown.get(`${sku} ${c.channel}`);
        return { channel: c.channel, allocated: c.allocated, quantityOnStock: e?.quantityOnStock ?? null, availableQuantity: e?.availableQuantity ?? null };
      }),
    });
  }
  return rows;
}

function checkFigures(what: string, s: PoolSyncSummary, rows: readonly DemoSkuInventory[]): string[] {
  const problems: string[] = [];
  if (s.error !== undefined) problems.push(`${what} could not run: ${s.error}`);
  if (s.failed > 0) problems.push(`${what}: ${s.failed} SKUs failed`);
  for (const r of rows) {
    const total = r.channels.reduce((n, c) => n + c.allocated, 0);
    if (total > r.sellable || r.sellable > Math.max(0, r.fulfillable)) problems.push(`${what}: ${r.sku} allocates ${total} of a sellable pool of ${r.sellable} (fulfillable ${r.fulfillable})`);
    for (const c of r.channels) {
      if (c.quantityOnStock !== c.allocated) problems.push(`${what}: ${r.sku} @ ${c.channel} shows ${c.quantityOnStock ?? 'no entry'} in commercetools, allocated ${c.allocated}`);
    }
  }
  return problems;
}
