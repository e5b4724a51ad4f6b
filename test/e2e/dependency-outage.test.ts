// Outages lose nothing (issue 8): Amazon unreachable for longer than the whole retry budget while
// orders arrive, then back — every order reaches Amazon exactly once, by itself, with no exception left
// open; Login with Amazon refusing the credentials — one exception for operations, then recovery.
// Real processes over loopback: `start`, the SP-API simulator and commercetools-mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { demoOrders, type DemoOrder } from '../../src/demo/demo-scenario.js';
import { startWorld, spawnBridge, exited, waitFor, runCli, listeningPort, type World } from '../support/e2e-world.js';

type PlacedOrder = DemoOrder & { readonly id: string };

/** FBA-bound orders with exactly one Amazon order each, and those with none or several. */
function amazonCounts(world: World, orders: readonly PlacedOrder[]): { atAmazonOnce: number; wrong: string[]; expected: number } {
  const creates = new Map<string, number>();
  for (const o of world.sim.state.orders.values()) creates.set(o.displayableOrderId, (creates.get(o.displayableOrderId) ?? 0) + 1);
  const wrong: string[] = [];
  let atAmazonOnce = 0;
  let expected = 0;
  for (const o of orders) {
    const n = creates.get(o.spec.orderNumber!) ?? 0;
    const should = o.expected.kind === 'shipped' || (o.expected.kind === 'exception' && o.expected.type === 'order.unfulfillable');
    if (!should) { if (n > 0) wrong.push(`${o.spec.orderNumber} should not be at Amazon`); continue; }
    expected++;
    if (n === 1) atAmazonOnce++;
    else wrong.push(`${o.spec.orderNumber} (${o.case}) has ${n} Amazon orders`);
  }
  return { atAmazonOnce, wrong, expected };
}

async function withDb<T>(databaseUrl: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(databaseUrl);
  try { return await fn(store); } finally { await store.close(); }
}

/** Orders placed while the bridge runs (the storefront does not stop selling during an outage). */
async function placeLateOrders(world: World, count: number, prefix: string): Promise<PlacedOrder[]> {
  const late = demoOrders(40, 5).filter((d) => d.expected.kind === 'shipped' && d.case !== 'mixed').slice(0, count)
    .map((d, i) => ({ ...d, spec: { ...d.spec, orderNumber: `${prefix}-${i + 1}` } }));
  const placed: PlacedOrder[] = [];
  for (const d of late) placed.push({ ...d, id: (await createDemoOrder(world.api, d.spec)).id });
  return placed;
}

/** The most attempts any order's export has spent: an outage must spend none (a paused try is given back). */
async function mostAttemptsSpent(store: Store, orders: readonly PlacedOrder[]): Promise<number> {
  let most = 0;
  for (const o of orders) most = Math.max(most, (await store.work.get('default', 'order.export', o.id))?.attempts ?? 0);
  return most;
}

/** Every expected exception is there once, of the right type; nothing else is open about an order. */
async function assertOrderExceptions(store: Store, orders: readonly PlacedOrder[]): Promise<void> {
  const open = await store.exceptions.list({ connectionId: 'default', status: 'open', limit: 1000 });
  for (const o of orders) {
    const mine = open.filter((e) => e.subjectId === o.id).map((e) => e.type);
    assert.deepEqual(mine, o.expected.kind === 'exception' ? [o.expected.type] : [], `${o.spec.orderNumber} (${o.case})`);
  }
}

test('Amazon unreachable for longer than the retry budget: every order reaches Amazon once, by itself', { timeout: 5 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-outage-'));
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const world = await startWorld({ orders: 20, seed: 23, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const log: string[] = [];
  // MAX_ATTEMPTS 3 with a 2 s backoff base: the whole budget is spent within ~10 s if the outage counted.
  const env = world.env(databaseUrl, { MAX_ATTEMPTS: '3', SPAPI_TIMEOUT_SECONDS: '2' });
  world.sim.setAvailability({ spApiDown: true, lwaDown: true });
  const child = spawnBridge(env, (l) => log.push(l));
  let orders: PlacedOrder[] = [...world.orders];
  try {
    await new Promise((r) => setTimeout(r, 6_000));
    orders = [...orders, ...(await placeLateOrders(world, 6, 'LATE'))];
    await new Promise((r) => setTimeout(r, 14_000));
    // 20 s of outage: nothing reached Amazon, nothing was given up on, nobody was asked to act.
    assert.equal(world.sim.state.orders.size, 0);
    await withDb(databaseUrl, async (store) => {
      const stats = await store.work.stats('default', Date.now());
      assert.equal(stats.reduce((n, s) => n + s.dead, 0), 0, `no dead letters during the outage: ${JSON.stringify(stats)}`);
      const open = await store.exceptions.list({ status: 'open', limit: 100 });
      assert.deepEqual(open.map((e) => e.type), [], 'an outage raises no exception for people');
      assert.ok(await mostAttemptsSpent(store, orders) <= 1, 'no attempt spent beyond the one in flight');
    });
    assert.ok(log.some((l) => l.includes('unavailable: work paused')), `the outage is logged: ${log.slice(-3).join(' | ')}`);

    world.sim.setAvailability({ spApiDown: false, lwaDown: false });
    let counts = amazonCounts(world, orders);
    await waitFor('every FBA order to reach Amazon after the outage', async () => {
      counts = amazonCounts(world, orders);
      return counts.atAmazonOnce === counts.expected;
    }, 120_000, 500).catch((e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(counts)}; log: ${log.slice(-4).join(' | ')}`); });
    assert.deepEqual(counts.wrong, []);
    const twice = [...world.sim.state.createRequests.entries()].filter(([, n]) => n !== 1);
    assert.deepEqual(twice, [], 'one create request per Amazon order');
    // The unfulfillable one is found by tracking: let Amazon's verdict arrive before looking at exceptions.
    await waitFor('expected exceptions to be raised', () => withDb(databaseUrl, async (store) => {
      const open = await store.exceptions.list({ connectionId: 'default', status: 'open', limit: 1000 });
      return orders.filter((o) => o.expected.kind === 'exception').every((o) => open.some((e) => e.subjectId === o.id));
    }), 60_000, 1_000);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
  try {
    await withDb(databaseUrl, async (store) => {
      await assertOrderExceptions(store, orders);
      const everRaised = await store.exceptions.list({ limit: 1000 });
      assert.deepEqual(everRaised.filter((e) => e.type === 'order.send-failed' || e.type === 'shipment.write-failed'), [], 'no order was given up on');
    });
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Login with Amazon refuses the credentials: one exception for operations, then recovery', { timeout: 5 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-lwa-'));
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const world = await startWorld({ orders: 16, seed: 29, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const log: string[] = [];
  world.sim.setAvailability({ credentialsRevoked: true });
  const child = spawnBridge(world.env(databaseUrl, { MAX_ATTEMPTS: '3', LOG_LEVEL: 'info' }), (l) => log.push(l));
  let orders: PlacedOrder[] = [...world.orders];
  try {
    await waitFor('the credentials exception', () => withDb(databaseUrl, async (store) =>
      (await store.exceptions.list({ status: 'open', type: 'amazon.credentials-refused' })).length > 0), 60_000, 500);
    orders = [...orders, ...(await placeLateOrders(world, 4, 'LWA'))];
    await new Promise((r) => setTimeout(r, 10_000));
    await withDb(databaseUrl, async (store) => {
      const open = await store.exceptions.list({ status: 'open', limit: 100 });
      assert.deepEqual(open.map((e) => [e.type, e.owner, e.subjectType, e.subjectId]), [['amazon.credentials-refused', 'operations', 'connection', 'default']],
        'one exception, for operations, about the connection — not one per order');
      assert.match(open[0]!.reason, /Login with Amazon refused the credentials .*LWA_REFRESH_TOKEN.*invalid_grant/);
      const stats = await store.work.stats('default', Date.now());
      assert.equal(stats.reduce((n, s) => n + s.dead, 0), 0, 'nothing dead-lettered');
      assert.ok(await mostAttemptsSpent(store, orders) <= 1, 'no attempt spent beyond the one in flight');
    });
    assert.equal(world.sim.state.orders.size, 0);
    // `status`, another process, shows what the serving process sees: Login with Amazon refusing the credentials.
    const status = await runCli(['status'], { ...world.env(databaseUrl), PORT: String(listeningPort(log)) });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /ordersOut +(failing|behind)/);
    assert.match(status.stdout, /dependencies \(as the running bridge sees them\):\n(?:.*\n)*? +amazon-lwa +open for \d+ s: auth-refused/);

    world.sim.setAvailability({ credentialsRevoked: false });
    let counts = amazonCounts(world, orders);
    await waitFor('every FBA order to reach Amazon once the credentials work again', async () => {
      counts = amazonCounts(world, orders);
      return counts.atAmazonOnce === counts.expected;
    }, 120_000, 500).catch((e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(counts)}; log: ${log.slice(-4).join(' | ')}`); });
    assert.deepEqual(counts.wrong, []);
    await waitFor('the credentials exception to close by itself', () => withDb(databaseUrl, async (store) =>
      (await store.exceptions.list({ status: 'open', type: 'amazon.credentials-refused' })).length === 0), 30_000, 500);
    await waitFor('expected exceptions to be raised', () => withDb(databaseUrl, async (store) => {
      const open = await store.exceptions.list({ connectionId: 'default', status: 'open', limit: 1000 });
      return orders.filter((o) => o.expected.kind === 'exception').every((o) => open.some((e) => e.subjectId === o.id));
    }), 60_000, 1_000);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
  try {
    await withDb(databaseUrl, async (store) => {
      await assertOrderExceptions(store, orders);
      const credentials = await store.exceptions.list({ type: 'amazon.credentials-refused', limit: 10 });
      assert.deepEqual(credentials.map((e) => e.status), ['resolved'], 'raised once, closed by itself');
    });
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
