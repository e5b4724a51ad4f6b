// bench:console — the console's pages and JSON API answer p95 < 200 ms with 100,000 orders, 10,000
// exceptions and 60,000 inventory entries in PostgreSQL. Seeds a schema of its own (set-based SQL),
// serves the real Fastify server on loopback, signs in, and times each page and API answer.
// TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test); BENCH_REQUESTS per endpoint (default 40).
import pg from 'pg';
import { openStore } from '../../src/adapters/store/open-store.js';
import { parseInventorySettings } from '../../src/config/inventory-schema.js';
import { createApiToken } from '../../src/actions/people.js';
import { consoleOverview } from '../../src/reports/console-overview.js';
import { NO_DEPENDENCY_STATUS } from '../../src/ports/dependency-status.js';
import { OVERVIEW_FRESH_MS } from '../../src/http/console/overview-routes.js';
import { startConsoleWorld, ConsoleClient, emailOf } from '../../test/support/console-world.js';

const URL_ = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_console';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const ORDERS = 100_000;
const EXCEPTIONS = 10_000;
const SKUS = 20_000; // × 3 channels = 60,000 inventory entries
const TARGET_MS = 200;
const C = 'shop';

const inventory = parseInventorySettings({
  pools: [{ id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], holdback: { units: 2 }, buffer: { units: 3 },
    channels: [{ key: 'web-de', policy: 'split', share: 50 }, { key: 'web-at', policy: 'split', share: 30 }, { key: 'b2b', policy: 'split', share: 20 }] }],
});
if (!inventory.ok) throw new Error(inventory.error.join('; '));

async function seed(now: number): Promise<void> {
  const db = new pg.Client({ connectionString: URL_ });
  await db.connect();
  try {
    await db.query(`SET search_path TO ${SCHEMA}`);
    const t = Date.now();
    await db.query(`INSERT INTO order_links (connection_id, ct_order_id, order_number, seller_fulfillment_order_id, state, fba_status, shipping_speed, fba_lines, local_lines, submitted_at, fba_status_at, created_at, updated_at)
      SELECT '${C}', 'ct-' || i, 'B-' || (100000 + i), 'B-' || (100000 + i) || '-x', CASE WHEN i % 50 = 0 THEN 'blocked' WHEN i % 7 = 0 THEN 'submitted' ELSE 'closed' END,
        'Complete', 'Standard', 2, 0, $1::bigint - i::bigint * 25000, $1::bigint - i::bigint * 20000, $1::bigint - i::bigint * 25000, $1::bigint - i::bigint * 20000
      FROM generate_series(1, ${ORDERS}) AS i`, [now]);
    await db.query(`INSERT INTO work_items (connection_id, kind, subject_id, priority, state, attempts, run_at, created_at, updated_at)
      SELECT '${C}', k, 'ct-' || i, 50, CASE WHEN i % 1000 = 0 THEN 'pending' ELSE 'done' END, 1, $1::bigint - i, $1::bigint - i::bigint * 25000, $1::bigint - i
      FROM generate_series(1, ${ORDERS}) AS i, (VALUES ('order.export'), ('order.track')) AS kinds(k)`, [now]);
    await db.query(`INSERT INTO audit_log (connection_id, system, action, subject_type, subject_id, outcome, message, at)
      SELECT '${C}', 'amazon', 'createFulfillmentOrder', 'order', 'ct-' || i, 'ok', 'created at Amazon', $1::bigint - i::bigint * 25000
      FROM generate_series(1, ${ORDERS}) AS i`, [now]);
    await db.query(`INSERT INTO exceptions (connection_id, type, owner, subject_type, subject_id, subject_label, reason, action, status, occurrences, first_seen_at, last_seen_at)
      SELECT '${C}', (ARRAY['order.invalid-address','order.unknown-sku','order.unfulfillable','inventory.drift','settlement.unmatched-row'])[1 + i % 5],
        (ARRAY['operations','ecommerce','operations','operations','finance'])[1 + i % 5], CASE WHEN i % 5 = 3 THEN 'sku' WHEN i % 5 = 4 THEN 'settlement' ELSE 'order' END,
        'ct-' || (i * 10), 'B-' || (100000 + i * 10), 'reason ' || i, 'what to do', CASE WHEN i % 3 = 0 THEN 'resolved' ELSE 'open' END, 1, $1::bigint - i::bigint * 60000, $1::bigint - i::bigint * 30000
      FROM generate_series(1, ${EXCEPTIONS}) AS i`, [now]);
    await db.query(`INSERT INTO inventory_snapshots (connection_id, pool_id, sku, fulfillable, reserved_total, pending_customer_order, inbound, unfulfillable, researching, total_quantity, read_at)
      SELECT '${C}', 'eu', 'SKU-' || lpad(i::text, 6, '0'), 100 + i % 400, 0, 0, 0, 0, 0, 100 + i % 400, $1::bigint - 600000 FROM generate_series(1, ${SKUS}) AS i`, [now]);
    await db.query(`INSERT INTO inventory_entries (connection_id, sku, channel_key, pool_id, entry_id, entry_version, quantity_on_stock, available_quantity, expected_quantity, observed_at, written_at, differs_since)
      SELECT '${C}', 'SKU-' || lpad(i::text, 6, '0'), ch, 'eu', 'e-' || i || ch, 1, CASE WHEN i % 50 = 0 AND ch = 'web-de' THEN 1 ELSE 10 END, 10, 10, $1::bigint, $1::bigint,
        CASE WHEN i % 50 = 0 AND ch = 'web-de' THEN $1::bigint - 7200000 ELSE NULL END
      FROM generate_series(1, ${SKUS}) AS i, (VALUES ('web-de'), ('web-at'), ('b2b')) AS chans(ch)`, [now]);
    await db.query(`INSERT INTO console_flow_samples (connection_id, flow, at, backlog, lag_seconds)
      SELECT '${C}', f, $1::bigint - s * 300000, s % 17, s % 11 FROM generate_series(0, 287) AS s, (VALUES ('orders'), ('shipments'), ('inventory'), ('settlements')) AS flows(f)`, [now]);
    await db.query('ANALYZE');
    console.log(`seeded ${ORDERS} orders (+${2 * ORDERS} work items, ${ORDERS} audit rows), ${EXCEPTIONS} exceptions, ${SKUS * 3} inventory entries in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
  const store = await openStore(URL_, { schema: SCHEMA });
  const now = Date.now();
  await seed(now);
  const world = await startConsoleWorld({ store, connectionId: C, config: { inventory: inventory.ok ? inventory.value : undefined } });
  try {
    const browser = new ConsoleClient(world.base);
    await browser.signIn(emailOf('operations'));
    const token = await createApiToken(store, 'viewer', 'bench', now);
    if (!token.ok) throw new Error(token.error);
    const api = (path: string) => fetch(world.base + path, { headers: { authorization: `Bearer ${token.value.token}` } });
    const [anException] = await store.exceptions.list({ connectionId: C, limit: 1 });
    const endpoints: Array<[string, () => Promise<Response>]> = [
      ['page  /  (overview)', () => browser.request('/')],
      ['page  /exceptions', () => browser.request('/exceptions')],
      ['page  /exceptions?team=operations&age=24', () => browser.request('/exceptions?team=operations&age=24')],
      ['page  /exceptions/:id', () => browser.request(`/exceptions/${anException!.id}`)],
      ['page  /orders?q=B-150000', () => browser.request('/orders?q=B-150000')],
      ['page  /inventory', () => browser.request('/inventory')],
      ['page  /inventory?drifting=1', () => browser.request('/inventory?drifting=1')],
      ['page  /inventory/explain?sku=', () => browser.request('/inventory/explain?sku=SKU-000050')],
      ['page  /settlements', () => browser.request('/settlements')],
      ['page  /audit', () => browser.request('/audit')],
      ['api   /api/overview', () => api('/api/overview')],
      ['api   /api/exceptions', () => api('/api/exceptions')],
      ['api   /api/orders?q=B-150000', () => api('/api/orders?q=B-150000')],
      ['api   /api/inventory', () => api('/api/inventory')],
      ['api   /api/inventory?drifting=1', () => api('/api/inventory?drifting=1')],
      ['api   /api/audit', () => api('/api/audit')],
    ];
    console.log(`\n${REQUESTS} requests each, after 3 warm-up requests; target p95 < ${TARGET_MS} ms\n`);
    console.log(`${'endpoint'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  verdict`);
    let failed = 0;
    for (const [name, call] of endpoints) {
      for (let i = 0; i < 3; i++) await (await call()).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await call();
        await res.arrayBuffer();
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      if (p95 >= TARGET_MS) failed++;
      console.log(`${name.padEnd(44)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}  ${p95 < TARGET_MS ? 'ok' : 'TOO SLOW'}`);
    }
    const t = performance.now();
    await consoleOverview({ store, dependencies: NO_DEPENDENCY_STATUS, inventory: inventory.ok ? inventory.value : undefined, settings: { stuckInPlanningMs: 24 * 3600_000 } }, Date.now());
    console.log(`\nthe Overview is gathered at most every ${OVERVIEW_FRESH_MS / 1000} s and shared; one uncached gathering took ${(performance.now() - t).toFixed(0)} ms`);
    console.log(failed === 0 ? `\nevery page and API answer: p95 < ${TARGET_MS} ms` : `\n${failed} endpoint(s) at or over ${TARGET_MS} ms p95`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await world.close();
    await store.close();
  }
}

await main();
