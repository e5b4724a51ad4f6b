// The console's Inventory table: per pool, a page of SKUs with Amazon's fulfillable units, the
// storefront units Amazon has not reserved, holdback, buffer, and per channel the allocation beside
// what commercetools shows and how long it has differed — from the bridge's records and the same
// allocateSku that decides the figures. Drifting only: the SKUs whose entries differ now.
import { allocateSku } from '../domain/inventory/allocation.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import type { Store } from '../ports/store.js';
import { unreservedUnitsAt } from '../flows/inventory/inventory-unreserved.js';

export interface InventoryRow {
  readonly sku: string;
  readonly fulfillable: number;
  readonly unreservedOrderUnits: number;
  readonly holdback: number;
  readonly buffer: number;
  readonly snapshotAt: number | null;
  readonly channels: ReadonlyArray<{ readonly channel: string; readonly allocated: number; readonly shows: number | null; readonly differsSince: number | null }>;
  /** Since when the longest-drifting channel of the SKU has differed; null when none does. */
  readonly driftingSince: number | null;
}

export interface InventoryTablePage {
  readonly connectionId: string;
  readonly poolId: string;
  readonly channels: readonly string[];
  readonly rows: readonly InventoryRow[];
  /** The SKU to continue after, when there may be more. */
  readonly nextAfter: string | null;
}

export const INVENTORY_PAGE_SIZE = 100;

export async function inventoryTable(store: Store, connectionId: string, settings: InventorySettings, poolId: string, options: { driftingOnly?: boolean; after?: string | null; limit?: number; now: number }): Promise<InventoryTablePage | null> {
  const pool = settings.pools.find((p) => p.id === poolId);
  if (!pool) return null;
  const limit = options.limit ?? INVENTORY_PAGE_SIZE;
  const skus = options.driftingOnly
    ? [...new Set((await store.inventory.driftingSince(connectionId, options.now + 1)).filter((e) => e.poolId === poolId).map((e) => e.sku))].sort().filter((s) => !options.after || s > options.after).slice(0, limit)
    : await store.console.inventorySkuPage(connectionId, poolId, options.after ?? null, limit);
  const snapshots = new Map((await store.inventory.snapshots(connectionId, poolId, skus)).map((s) => [s.sku, s]));
  const entries = await store.inventory.entries(connectionId, poolId, skus);
  const snapshotAt = Math.max(0, ...[...snapshots.values()].map((s) => s.readAt)) || options.now;
  const units = skus.length > 0 ? await unreservedUnitsAt(store.inventory, connectionId, snapshotAt, settings.reservationSettleMinutes * 60_000, skus) : new Map<string, number>();
  const rows = skus.map((sku): InventoryRow => {
    const snap = snapshots.get(sku);
    const allocation = allocateSku(pool, { sku, fulfillable: snap?.fulfillable ?? 0, unreservedOrderUnits: units.get(sku) ?? 0 });
    const channels = allocation.channels.map((c) => {
      const e = entries.find((x) => x.sku === sku && x.channel === c.channel);
      return { channel: c.channel, allocated: c.allocated, shows: e?.quantityOnStock ?? null, differsSince: e?.differsSince ?? null };
    });
    const since = channels.map((c) => c.differsSince).filter((t): t is number => t !== null);
    const x = allocation.explanation;
    return {
      sku, fulfillable: snap?.fulfillable ?? 0, unreservedOrderUnits: x.unreservedOrderUnits, holdback: x.holdback.units, buffer: x.buffer.units,
      snapshotAt: snap?.readAt ?? null, channels, driftingSince: since.length > 0 ? Math.min(...since) : null,
    };
  });
  return { connectionId, poolId, channels: pool.allocation.channels.map((c) => c.key), rows, nextAfter: skus.length === limit ? skus.at(-1) ?? null : null };
}
