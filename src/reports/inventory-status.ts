// The inventory part of `fba-bridge status` and GET /metrics (docs/runbooks/inventory-daily-check.md):
// per pool, how old Amazon's snapshot is, when it was last scanned in full and incrementally, when each
// channel was last posted to, and which entries drift (commercetools differs from the allocation) and
// for how long; plus the open inventory exceptions. From the bridge's own records, no API calls.
import type { InventorySettings } from '../config/inventory-schema.js';
import { INVENTORY_DEFAULTS } from '../config/inventory-schema.js';
import type { ExceptionType } from '../domain/exceptions/exception-types.js';
import type { Store } from '../ports/store.js';

/** Exception types the inventory sync and the SKU audit raise. */
export const INVENTORY_EXCEPTION_TYPES: readonly ExceptionType[] = [
  'inventory.sync-failed', 'inventory.write-failed', 'inventory.duplicate-entry', 'inventory.drift',
  'sku.not-in-fba', 'sku.not-in-storefront', 'sku.bad-format',
];

export interface InventoryChannelStatus {
  readonly channel: string;
  readonly lastSuccessAt: number | null;
  readonly lastFailureAt: number | null;
  /** Seconds since the last successful post; null if none yet. */
  readonly lastPostAgeSeconds: number | null;
}

export interface InventoryPoolStatus {
  readonly poolId: string;
  /** When the last completed scan (full or incremental) asked Amazon; null if never. */
  readonly snapshotAt: number | null;
  readonly snapshotAgeSeconds: number | null;
  readonly lastFullScanAt: number | null;
  readonly lastIncrementalScanAt: number | null;
  readonly channels: readonly InventoryChannelStatus[];
  readonly drifting: {
    /** Entries whose commercetools value differs from the allocation now. */
    readonly entries: number;
    /** …of which for longer than the drift threshold (each an inventory.drift exception after the next sync). */
    readonly beyondThreshold: number;
    /** How long the oldest has differed, in seconds (0 when none). */
    readonly longestSeconds: number;
    /** A few of the oldest, for a person to look at with `inventory explain`. */
    readonly oldest: ReadonlyArray<{ readonly sku: string; readonly channel: string; readonly shows: number | null; readonly expected: number; readonly sinceSeconds: number }>;
  };
}

export interface InventoryStatus {
  /** False when no pool is configured or recorded: the sync is off. */
  readonly enabled: boolean;
  readonly driftThresholdMinutes: number;
  readonly pools: readonly InventoryPoolStatus[];
  readonly openExceptions: ReadonlyArray<{ readonly type: ExceptionType; readonly count: number }>;
}

const OLDEST_SHOWN = 5;

/**
 * Pools are the configured ones (when the caller has the config's inventory section) plus any the store
 * has records of; channels likewise. Times are compared with `now` (business time, as the sync records).
 */
export async function inventoryStatus(
  store: Store, connectionId: string, now: number, settings?: InventorySettings,
  openExceptions: ReadonlyArray<{ type: ExceptionType; count: number }> = [],
): Promise<InventoryStatus> {
  const thresholdMinutes = settings?.driftThresholdMinutes ?? INVENTORY_DEFAULTS.driftThresholdMinutes;
  const [scans, posts, drifting] = await Promise.all([
    store.inventory.poolSyncs(connectionId),
    store.inventory.channelSync(connectionId),
    store.inventory.driftingSince(connectionId, Number.MAX_SAFE_INTEGER),
  ]);
  const channelsOf = new Map<string, string[]>();
  const addChannel = (poolId: string, channel: string): void => {
    const list = channelsOf.get(poolId) ?? [];
    if (!list.includes(channel)) list.push(channel);
    channelsOf.set(poolId, list);
  };
  for (const pool of settings?.pools ?? []) for (const c of pool.allocation.channels) addChannel(pool.id, c.key);
  for (const p of posts) addChannel(p.poolId, p.channel);
  for (const s of scans) if (!channelsOf.has(s.poolId)) channelsOf.set(s.poolId, []);
  const ageSeconds = (at: number | null): number | null => (at === null ? null : Math.max(0, Math.round((now - at) / 1000)));
  const cutoff = now - thresholdMinutes * 60_000;

  const pools: InventoryPoolStatus[] = [...channelsOf].map(([poolId, channels]) => {
    const scan = scans.find((s) => s.poolId === poolId);
    const snapshotAt = latest(scan?.lastFullScanAt ?? null, scan?.lastIncrementalScanAt ?? null);
    const drift = drifting.filter((e) => e.poolId === poolId && e.differsSince !== null);
    return {
      poolId,
      snapshotAt,
      snapshotAgeSeconds: ageSeconds(snapshotAt),
      lastFullScanAt: scan?.lastFullScanAt ?? null,
      lastIncrementalScanAt: scan?.lastIncrementalScanAt ?? null,
      channels: channels.map((channel) => {
        const p = posts.find((x) => x.channel === channel);
        return { channel, lastSuccessAt: p?.lastSuccessAt ?? null, lastFailureAt: p?.lastFailureAt ?? null, lastPostAgeSeconds: ageSeconds(p?.lastSuccessAt ?? null) };
      }),
      drifting: {
        entries: drift.length,
        beyondThreshold: drift.filter((e) => (e.differsSince ?? now) <= cutoff).length,
        longestSeconds: ageSeconds(drift[0]?.differsSince ?? null) ?? 0,
        oldest: drift.slice(0, OLDEST_SHOWN).map((e) => ({
          sku: e.sku, channel: e.channel, shows: e.quantityOnStock, expected: e.expectedQuantity, sinceSeconds: ageSeconds(e.differsSince) ?? 0,
        })),
      },
    };
  });
  return {
    enabled: pools.length > 0,
    driftThresholdMinutes: thresholdMinutes,
    pools,
    openExceptions: openExceptions.filter((e) => INVENTORY_EXCEPTION_TYPES.includes(e.type)).map(({ type, count }) => ({ type, count })),
  };
}

export function formatInventoryStatus(s: InventoryStatus): string[] {
  if (!s.enabled) return ['  inventory: sync off or not run yet (no pool configured or scanned)'];
  const lines: string[] = [];
  const total = s.openExceptions.reduce((n, e) => n + e.count, 0);
  lines.push(`  inventory (drift threshold ${s.driftThresholdMinutes} min; open inventory exceptions: ${total}${total ? ` — ${s.openExceptions.map((e) => `${e.count} ${e.type}`).join(', ')}` : ''})`);
  for (const p of s.pools) {
    lines.push(`    pool ${p.poolId}: snapshot ${age(p.snapshotAgeSeconds)}; last full scan ${when(p.lastFullScanAt)}, last incremental ${when(p.lastIncrementalScanAt)}`);
    for (const c of p.channels) {
      lines.push(`      channel ${c.channel.padEnd(20)} last successful post ${age(c.lastPostAgeSeconds)}${c.lastFailureAt !== null && (c.lastSuccessAt === null || c.lastFailureAt > c.lastSuccessAt) ? `, last post FAILED ${when(c.lastFailureAt)}` : ''}`);
    }
    const d = p.drifting;
    lines.push(d.entries === 0
      ? '      drifting entries: none'
      : `      drifting entries: ${d.entries} (${d.beyondThreshold} beyond the threshold), the oldest for ${duration(d.longestSeconds)}`);
    for (const e of d.oldest) lines.push(`        ${e.sku} @ ${e.channel}: shows ${e.shows ?? 'no entry'}, should be ${e.expected}, for ${duration(e.sinceSeconds)}`);
  }
  return lines;
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function when(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function age(seconds: number | null): string {
  return seconds === null ? 'never' : `${duration(seconds)} ago`;
}

export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}
