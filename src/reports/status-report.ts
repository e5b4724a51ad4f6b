// The answer to "is the order flow healthy?": backlog and lag per flow, order links by state, open
// exceptions by type and owner; and "is the inventory fresh?" (inventory-status.ts). Used by
// `fba-bridge status`, GET /health and GET /metrics.
import type { Store, WorkQueueStats, OrderLinkState } from '../ports/store.js';
import type { ExceptionType, OwnerTeam } from '../domain/exceptions/exception-types.js';
import { STOREFRONT_WATERMARK } from '../flows/orders/storefront-order-poller.js';
import { FBA_WATERMARK } from '../flows/shipments/fba-change-poller.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import { formatInventoryStatus, inventoryStatus, type InventoryStatus } from './inventory-status.js';

export interface ConnectionStatus {
  readonly connectionId: string;
  readonly queues: readonly WorkQueueStats[];
  readonly orders: Record<OrderLinkState, number>;
  readonly openExceptions: ReadonlyArray<{ type: ExceptionType; owner: OwnerTeam; count: number }>;
  readonly watermarks: { readonly commercetools: string | null; readonly amazon: string | null };
  /** How far behind each flow's oldest due work is, in seconds (0 when nothing is due). */
  readonly lagSeconds: Record<string, number>;
  /** Snapshot age, scans, posts per channel and drift per pool, and open inventory exceptions. */
  readonly inventory: InventoryStatus;
}

/** `inventory`: the config's inventory section when the caller has it (pools, drift threshold); else from the records. */
export async function connectionStatus(store: Store, connectionId: string, now: number, inventory?: InventorySettings): Promise<ConnectionStatus> {
  const openExceptions = await store.exceptions.countOpenByType(connectionId);
  const queues = await store.work.stats(connectionId, now);
  const lagSeconds: Record<string, number> = {};
  for (const q of queues) lagSeconds[q.kind] = q.oldestDueAt === null ? 0 : Math.max(0, Math.round((now - q.oldestDueAt) / 1000));
  return {
    connectionId,
    queues,
    orders: await store.orderLinks.countByState(connectionId),
    openExceptions,
    watermarks: {
      commercetools: await store.watermarks.get(connectionId, STOREFRONT_WATERMARK),
      amazon: await store.watermarks.get(connectionId, FBA_WATERMARK),
    },
    lagSeconds,
    inventory: await inventoryStatus(store, connectionId, now, inventory, openExceptions),
  };
}

export function formatStatus(s: ConnectionStatus): string {
  const lines: string[] = [];
  lines.push(`connection ${s.connectionId}`);
  lines.push('  flows          due  pending  running  dead   lag');
  for (const q of s.queues) {
    lines.push(`  ${q.kind.padEnd(13)} ${pad(q.due, 4)} ${pad(q.pending, 8)} ${pad(q.leased, 8)} ${pad(q.dead, 5)}  ${s.lagSeconds[q.kind] ?? 0}s`);
  }
  if (s.queues.length === 0) lines.push('  (no work recorded yet)');
  const o = s.orders;
  lines.push(`  orders: ${o.submitted} with Amazon, ${o.submitting} being sent, ${o.cancelling} cancelling, ${o.closed} closed, ${o.blocked} blocked, ${o.local} merchant-fulfilled`);
  const total = s.openExceptions.reduce((n, e) => n + e.count, 0);
  lines.push(`  open exceptions: ${total}`);
  for (const e of s.openExceptions) lines.push(`    ${pad(e.count, 4)}  ${e.type} (${e.owner})`);
  lines.push(`  last seen change: commercetools ${s.watermarks.commercetools ?? 'never'}, Amazon ${s.watermarks.amazon ?? 'never'}`);
  lines.push(...formatInventoryStatus(s.inventory));
  return lines.join('\n');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}
