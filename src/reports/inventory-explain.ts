// `inventory explain <sku>`: per pool and channel, Amazon's figures, the storefront units Amazon has not
// reserved, holdback, buffer, the allocation, what commercetools shows, and when each was read or
// written — from the bridge's own records and the same allocateSku that decided the figure.
import { allocateSku, type SkuAllocation } from '../domain/inventory/allocation.js';
import { formatBasisPoints, type HeldQuantity } from '../domain/inventory/inventory-pool.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import type { ChannelSyncRecord, InventoryEntryRecord, InventorySnapshotRecord } from '../ports/inventory-store.js';
import type { Store } from '../ports/store.js';
import { unreservedUnitsAt } from '../flows/inventory/inventory-unreserved.js';

export interface PoolExplanation {
  readonly poolId: string;
  readonly snapshot: InventorySnapshotRecord | null;
  readonly allocation: SkuAllocation;
  readonly entries: readonly InventoryEntryRecord[];
  readonly channelSync: readonly ChannelSyncRecord[];
}

export async function explainSku(store: Store, connectionId: string, settings: InventorySettings, sku: string): Promise<PoolExplanation[]> {
  const out: PoolExplanation[] = [];
  const channelSync = await store.inventory.channelSync(connectionId);
  for (const pool of settings.pools) {
    const [snapshot] = await store.inventory.snapshots(connectionId, pool.id, [sku]);
    const entries = await store.inventory.entries(connectionId, pool.id, [sku]);
    if (!snapshot && entries.length === 0) continue;
    const snapshotAt = snapshot?.readAt ?? Date.now();
    const units = await unreservedUnitsAt(store.inventory, connectionId, snapshotAt, settings.reservationSettleMinutes * 60_000, [sku]);
    const allocation = allocateSku(pool, { sku, fulfillable: snapshot?.fulfillable ?? 0, unreservedOrderUnits: units.get(sku) ?? 0 });
    const keys = new Set(pool.allocation.channels.map((c) => c.key));
    out.push({ poolId: pool.id, snapshot: snapshot ?? null, allocation, entries, channelSync: channelSync.filter((c) => keys.has(c.channel)) });
  }
  return out;
}

const when = (ms: number | null | undefined): string => (ms === null || ms === undefined ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z'));
const rule = (h: HeldQuantity): string => `rule: ${h.units} units or ${formatBasisPoints(h.basisPoints)} of the free pool, the larger`;

export function formatExplanation(sku: string, pools: readonly PoolExplanation[]): string {
  if (pools.length === 0) return `${sku}: no inventory sync has read or written this SKU yet (run \`fba-bridge inventory sync\`)\n`;
  const lines: string[] = [];
  for (const p of pools) {
    const x = p.allocation.explanation;
    const s = p.snapshot;
    lines.push(`${sku} in pool ${p.poolId} (${x.policy}: ${x.policySummary})`);
    lines.push(s
      ? `  Amazon, read ${when(s.readAt)}: fulfillable ${s.fulfillable}, reserved ${s.reservedTotal} (customer orders ${s.pendingCustomerOrder}), inbound ${s.inbound}, unfulfillable ${s.unfulfillable}, researching ${s.researching}, total ${s.totalQuantity}${s.amazonUpdatedAt ? ` (Amazon changed it ${s.amazonUpdatedAt})` : ''}`
      : '  Amazon: never read (FBA does not stock it): fulfillable counts as 0');
    lines.push(`  storefront units Amazon has not reserved yet: ${x.unreservedOrderUnits} → free pool ${x.freePool}`);
    lines.push(`  holdback for Amazon's own listings: ${x.holdback.units} (${rule(x.holdback.rule)})`);
    lines.push(`  buffer: ${x.buffer.units} (${rule(x.buffer.rule)})`);
    lines.push(`  sellable: ${x.sellablePool}${x.unallocated > 0 ? `, unallocated ${x.unallocated}` : ''}`);
    for (const c of p.allocation.channels) {
      const e = p.entries.find((r) => r.channel === c.channel);
      const sync = p.channelSync.find((r) => r.channel === c.channel);
      const step = c.step.policy === 'split' ? ` (share ${formatBasisPoints(c.step.shareBasisPoints)}: ${c.step.exactShare.toFixed(2)} → ${c.step.roundedDown}${c.step.remainderUnit ? ' + 1 remainder unit' : ''})`
        : c.step.policy === 'priority' ? ` (rank ${c.step.rank}, cap ${c.step.cap ?? 'none'}, ${c.step.remainingBefore} left before it${c.step.limitedBy !== 'none' ? `, limited by ${c.step.limitedBy}` : ''})` : '';
      lines.push(`  channel ${c.channel}: allocated ${c.allocated}${step}`);
      lines.push(e
        ? `    commercetools: quantityOnStock ${e.quantityOnStock ?? 'no entry'}, available ${e.availableQuantity ?? '-'} (seen ${when(e.observedAt)}, last written ${when(e.writtenAt)})${e.differsSince !== null ? `; differs from the expected ${e.expectedQuantity} since ${when(e.differsSince)}` : ''}`
        : '    commercetools: not read yet');
      lines.push(`    last successful post to the channel ${when(sync?.lastSuccessAt)}${sync?.lastFailureAt ? `, last failure ${when(sync.lastFailureAt)}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
