// Gathers one connection's facts for the alert rules and the health verdicts (domain/alerts/alert-facts.ts)
// from the store, the configuration and the dependency status. Read-only.
import type { Store } from '../ports/store.js';
import type { DependencyStatusSource } from '../ports/dependency-status.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import type { ConnectionFacts, ExceptionFacts, OrderFacts } from '../domain/alerts/alert-facts.js';
import type { ExceptionType } from '../domain/exceptions/exception-types.js';
import { inventoryStatus } from './inventory-status.js';
import { POLLED_NEW_ORDER_WATERMARK } from '../flows/orders/storefront-order-poller.js';

/** When the bridge started watching the connection (epoch ms as text; set by `start`): the clock for "no settlement yet". */
export const WATCHING_SINCE_WATERMARK = 'alerts.watching-since';


const HELD_STATUSES = new Set(['Received', 'Planning']);
const UNRECONCILED_REFUND_TYPES: readonly ExceptionType[] = ['settlement.storefront-refund-unmatched', 'settlement.refund-without-sale'];
const LINKS_LOOKED_AT = 500;
const EXCEPTIONS_LOOKED_AT = 2000;

export interface FactSources {
  readonly store: Store;
  readonly dependencies: DependencyStatusSource;
  readonly inventory?: InventorySettings | undefined;
}

/** `freshSince`: exceptions first seen after it count as new (the previous evaluation). */
export async function gatherConnectionFacts(src: FactSources, connectionId: string, now: number, freshSince: number): Promise<ConnectionFacts> {
  const { store } = src;
  const openByType = await store.exceptions.countOpenByType(connectionId);
  return {
    connectionId, now,
    dependencies: src.dependencies.list().filter((d) => d.connectionId === connectionId || d.connectionId === null),
    orders: await orderFacts(store, connectionId, now),
    exceptions: await exceptionFacts(store, connectionId, openByType, freshSince),
    inventory: src.inventory ? await inventoryFacts(src, connectionId, now, openByType) : null,
    settlements: {
      lastImportedAt: maxOrNull((await store.settlements.list(connectionId, 20)).map((s) => s.importedAt)),
      watchingSince: await watchingSince(store, connectionId, now),
      unreconciledRefunds: openByType.filter((e) => UNRECONCILED_REFUND_TYPES.includes(e.type)).reduce((n, e) => n + e.count, 0),
    },
    intake: {
      lastEventAt: await store.inbox.lastReceivedAt(`commercetools:${connectionId}`),
      lastPolledNewOrderAt: numberOrNull(await store.watermarks.get(connectionId, POLLED_NEW_ORDER_WATERMARK)),
    },
  };
}

async function orderFacts(store: Store, connectionId: string, now: number): Promise<OrderFacts> {
  const queues = await store.work.stats(connectionId, now);
  const exportQueue = queues.find((q) => q.kind === 'order.export');
  const trackQueue = queues.find((q) => q.kind === 'order.track');
  const counts = await store.orderLinks.countByState(connectionId);
  // A link stays 'submitting' while its create is retried (each attempt touches updatedAt): its age is since it was created.
  const submitting = await store.orderLinks.listByState(connectionId, ['submitting'], LINKS_LOOKED_AT);
  const submitted = await store.orderLinks.listByState(connectionId, ['submitted'], LINKS_LOOKED_AT);
  return {
    oldestUnsentAt: minOrNull([exportQueue?.oldestDueAt ?? null, ...submitting.map((l) => l.createdAt)]),
    unsentCount: (exportQueue?.due ?? 0) + counts.submitting,
    heldAtAmazon: submitted.filter((l) => l.fbaStatus !== null && HELD_STATUSES.has(l.fbaStatus))
      .map((l) => ({ orderNumber: l.orderNumber, since: l.fbaStatusAt ?? l.submittedAt ?? l.updatedAt })),
    oldestTrackingDueAt: trackQueue?.oldestDueAt ?? null,
    trackingDueCount: trackQueue?.due ?? 0,
  };
}

async function exceptionFacts(
  store: Store, connectionId: string, openByType: ReadonlyArray<{ type: ExceptionType; owner: ExceptionFacts['owner']; count: number }>, freshSince: number,
): Promise<ExceptionFacts[]> {
  const open = await store.exceptions.list({ connectionId, status: 'open', limit: EXCEPTIONS_LOOKED_AT });
  return openByType.map((e) => ({
    type: e.type, owner: e.owner, open: e.count,
    fresh: open.filter((x) => x.type === e.type && x.firstSeenAt > freshSince).length,
  }));
}

async function inventoryFacts(
  src: FactSources, connectionId: string, now: number, openByType: ReadonlyArray<{ type: ExceptionType; count: number }>,
): Promise<ConnectionFacts['inventory']> {
  const settings = src.inventory!;
  const status = await inventoryStatus(src.store, connectionId, now, settings, openByType);
  return {
    scheduleSeconds: settings.schedule.incrementalMinutes * 60,
    driftThresholdSeconds: settings.driftThresholdMinutes * 60,
    pools: status.pools.map((p) => ({
      poolId: p.poolId, snapshotAgeSeconds: p.snapshotAgeSeconds, driftBeyondThreshold: p.drifting.beyondThreshold,
      channels: p.channels.map((c) => ({
        channel: c.channel, lastPostAgeSeconds: c.lastPostAgeSeconds,
        failing: c.lastFailureAt !== null && (c.lastSuccessAt === null || c.lastFailureAt > c.lastSuccessAt),
      })),
    })),
  };
}

/** Recorded when `start` first ran the connection; a record from before that watermark existed counts from now. */
async function watchingSince(store: Store, connectionId: string, now: number): Promise<number> {
  return numberOrNull(await store.watermarks.get(connectionId, WATCHING_SINCE_WATERMARK)) ?? now;
}

function numberOrNull(text: string | null): number | null {
  const n = text === null ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : null;
}

function minOrNull(values: ReadonlyArray<number | null>): number | null {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length > 0 ? Math.min(...xs) : null;
}

function maxOrNull(values: readonly number[]): number | null {
  return values.length > 0 ? Math.max(...values) : null;
}
