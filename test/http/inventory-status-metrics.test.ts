// Inventory freshness in `fba-bridge status` and GET /metrics: snapshot age per pool, last successful
// post per channel, drifting entries (and those beyond the threshold), open inventory exceptions —
// from the store's records, with the real SQLite store.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { connectionStatus, formatStatus } from '../../src/reports/status-report.js';
import { renderMetrics } from '../../src/http/metrics.js';
import { parseInventorySettings, type InventorySettings } from '../../src/config/inventory-schema.js';
import { EXCEPTION_INFO } from '../../src/domain/exceptions/exception-types.js';
import type { InventoryEntryRecord } from '../../src/ports/inventory-store.js';
import type { Store } from '../../src/ports/store.js';

const C = 'shop-eu';
const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

function settings(): InventorySettings {
  const parsed = parseInventorySettings({
    driftThresholdMinutes: 30,
    pools: [
      { id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], channels: [{ key: 'web-de', policy: 'split', share: 60 }, { key: 'web-at', policy: 'split', share: 40 }] },
      { id: 'uk', marketplaceIds: ['A1F83G8C2ARO7P'], channels: [{ key: 'web-uk', policy: 'shared' }] },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value;
}

function entry(sku: string, channel: string, shows: number, expected: number, differsSince: number | null): InventoryEntryRecord {
  return {
    connectionId: C, sku, channel, poolId: 'eu', entryId: `e-${sku}-${channel}`, entryVersion: 1, quantityOnStock: shows, availableQuantity: shows,
    expectedQuantity: expected, observedAt: T0, writtenAt: T0, differsSince,
  };
}

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

async function seed(): Promise<void> {
  await store.inventory.markScan(C, 'eu', 'full', T0);
  await store.inventory.markScan(C, 'eu', 'incremental', T0 + 50 * MIN);
  await store.inventory.markChannelPost(C, 'eu', 'web-de', 'ok', T0 + 50 * MIN);
  await store.inventory.markChannelPost(C, 'eu', 'web-at', 'ok', T0);
  await store.inventory.markChannelPost(C, 'eu', 'web-at', 'failed', T0 + 50 * MIN);
  await store.inventory.saveEntries([
    entry('KTL-1', 'web-de', 5, 5, null),
    entry('KTL-1', 'web-at', 9, 3, T0 + 10 * MIN), // 50 min by T0 + 60 min: beyond 30
    entry('MUG-2', 'web-at', 4, 2, T0 + 45 * MIN), // 15 min: within
  ]);
  const info = EXCEPTION_INFO['inventory.drift'];
  await store.exceptions.raise({ connectionId: C, type: 'inventory.drift', owner: info.owner, subjectType: 'sku', subjectId: 'KTL-1', subjectLabel: 'KTL-1', reason: 'drifts', action: info.action }, T0 + 50 * MIN);
}

describe('inventory status and metrics', () => {
  it('reports snapshot age, scans, posts per channel, drift and open inventory exceptions per pool', async () => {
    await seed();
    const now = T0 + 60 * MIN;
    const s = await connectionStatus(store, C, now, settings());
    assert.equal(s.inventory.enabled, true);
    assert.deepEqual(s.inventory.pools.map((p) => p.poolId), ['eu', 'uk'], 'configured pools, scanned or not');
    const eu = s.inventory.pools[0]!;
    assert.equal(eu.snapshotAgeSeconds, 600, 'the incremental scan 10 minutes ago');
    assert.equal(eu.lastFullScanAt, T0);
    assert.deepEqual(eu.channels.map((c) => [c.channel, c.lastPostAgeSeconds]), [['web-de', 600], ['web-at', 3600]]);
    assert.equal(eu.channels[1]?.lastFailureAt, T0 + 50 * MIN);
    assert.deepEqual({ entries: eu.drifting.entries, beyond: eu.drifting.beyondThreshold, longest: eu.drifting.longestSeconds }, { entries: 2, beyond: 1, longest: 3000 });
    assert.deepEqual(eu.drifting.oldest.map((e) => [e.sku, e.channel, e.shows, e.expected]), [['KTL-1', 'web-at', 9, 3], ['MUG-2', 'web-at', 4, 2]]);
    const uk = s.inventory.pools[1]!;
    assert.equal(uk.snapshotAgeSeconds, null);
    assert.deepEqual(uk.channels.map((c) => [c.channel, c.lastPostAgeSeconds]), [['web-uk', null]]);
    assert.deepEqual(s.inventory.openExceptions, [{ type: 'inventory.drift', count: 1 }]);

    const text = formatStatus(s);
    assert.match(text, /open inventory exceptions: 1 — 1 inventory\.drift/);
    assert.match(text, /pool eu: snapshot 10 min ago; last full scan 2026-03-02T09:00:00Z, last incremental 2026-03-02T09:50:00Z/);
    assert.match(text, /channel web-at\s+last successful post 60 min ago, last post FAILED 2026-03-02T09:50:00Z/);
    assert.match(text, /drifting entries: 2 \(1 beyond the threshold\), the oldest for 50 min/);
    assert.match(text, /KTL-1 @ web-at: shows 9, should be 3, for 50 min/);
    assert.match(text, /pool uk: snapshot never/);
  });

  it('without the config section, answers from the records with the default threshold', async () => {
    await seed();
    const s = await connectionStatus(store, C, T0 + 60 * MIN);
    assert.deepEqual(s.inventory.pools.map((p) => [p.poolId, p.channels.map((c) => c.channel)]), [['eu', ['web-at', 'web-de']]]);
    assert.equal(s.inventory.driftThresholdMinutes, 30);
  });

  it('says the sync is off when nothing is configured or recorded', async () => {
    const s = await connectionStatus(store, C, T0);
    assert.equal(s.inventory.enabled, false);
    assert.match(formatStatus(s), /inventory: sync off or not run yet/);
    assert.doesNotMatch(renderMetrics([s], []), /^fba_bridge_inventory_snapshot_age_seconds\{/m);
  });

  it('exposes the inventory gauges on GET /metrics', async () => {
    await seed();
    const body = renderMetrics([await connectionStatus(store, C, T0 + 60 * MIN, settings())], []);
    for (const name of ['snapshot_age_seconds', 'last_post_age_seconds', 'drifting_entries', 'drifting_entries_beyond_threshold']) {
      assert.match(body, new RegExp(`^# TYPE fba_bridge_inventory_${name} gauge$`, 'm'));
    }
    const lines = body.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `${line}\n---\n${body}`);
    has('fba_bridge_inventory_snapshot_age_seconds{connection="shop-eu",pool="eu"} 600');
    has('fba_bridge_inventory_last_post_age_seconds{connection="shop-eu",channel="web-de"} 600');
    has('fba_bridge_inventory_last_post_age_seconds{connection="shop-eu",channel="web-at"} 3600');
    has('fba_bridge_inventory_drifting_entries{connection="shop-eu",pool="eu"} 2');
    has('fba_bridge_inventory_drifting_entries_beyond_threshold{connection="shop-eu",pool="eu"} 1');
    has('fba_bridge_inventory_drifting_entries{connection="shop-eu",pool="uk"} 0');
    assert.ok(!lines.some((l) => l.startsWith('fba_bridge_inventory_snapshot_age_seconds{connection="shop-eu",pool="uk"}')), 'no sample for a pool never scanned');
    assert.ok(!lines.some((l) => l.includes('channel="web-uk"')), 'no post age for a channel never posted to');
  });
});
