// Raising and resolving inventory exceptions (subject: the SKU, or the pool for a sync that could not
// run), with the owner and action from the one exception table.
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { Store } from '../../ports/store.js';

export const SKU_SYNC_TYPES: readonly ExceptionType[] = ['inventory.write-failed', 'inventory.duplicate-entry', 'inventory.drift'];

export async function raiseSkuProblem(store: Store, connectionId: string, type: ExceptionType, sku: string, reason: string, now: number): Promise<void> {
  const info = EXCEPTION_INFO[type];
  await store.exceptions.raise({ connectionId, type, owner: info.owner, subjectType: 'sku', subjectId: sku, subjectLabel: sku, reason, action: info.action }, now);
}

export function poolSubject(poolId: string): string {
  return `inventory-pool:${poolId}`;
}

export async function raisePoolProblem(store: Store, connectionId: string, poolId: string, reason: string, now: number): Promise<void> {
  const info = EXCEPTION_INFO['inventory.sync-failed'];
  await store.exceptions.raise({
    connectionId, type: 'inventory.sync-failed', owner: info.owner, subjectType: 'work', subjectId: poolSubject(poolId),
    subjectLabel: `inventory pool ${poolId}`, reason, action: info.action,
  }, now);
}

export async function resolvePoolProblem(store: Store, connectionId: string, poolId: string, now: number): Promise<void> {
  await store.exceptions.resolveForSubject(connectionId, 'work', poolSubject(poolId), now, ['inventory.sync-failed']);
}

/** SKUs with an open exception of these types: resolving only those keeps a 20,000-SKU sync from 20,000 updates. */
export async function skusWithOpen(store: Store, connectionId: string, types: readonly ExceptionType[]): Promise<Map<string, Set<ExceptionType>>> {
  const out = new Map<string, Set<ExceptionType>>();
  // One look-up for every type: a notified sync runs every few seconds at peak.
  for (const e of await store.exceptions.list({ connectionId, status: 'open', types, limit: 100_000 })) {
    if (e.subjectType !== 'sku') continue;
    out.set(e.subjectId, (out.get(e.subjectId) ?? new Set()).add(e.type));
  }
  return out;
}
