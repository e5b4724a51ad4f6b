// Two `fba-bridge start` processes sharing one PostgreSQL never send an order twice: every Amazon
// order receives exactly one create request, every shipment comes back exactly once, and together they
// stay inside the seller's rate-limit buckets (no 429).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startWorld, spawnBridge, exited, waitFor, checkWorld } from '../support/e2e-world.js';
import { dropSchema, IN_CI, postgresUnavailable, withSchema } from '../support/postgres-available.js';

test('two start processes on one PostgreSQL send each order once', { timeout: 6 * 60_000 }, async (t) => {
  const why = await postgresUnavailable();
  if (why) {
    if (IN_CI) assert.fail(`PostgreSQL must be reachable in CI: ${why}`);
    t.skip(`PostgreSQL not reachable (${why}); set TEST_POSTGRES_URL`);
    return;
  }
  const schema = `e2e_two_${randomBytes(5).toString('hex')}`;
  const world = await startWorld({ orders: 150, seed: 11, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const env = world.env(withSchema(schema));
  const log: string[] = [];
  const a = spawnBridge(env, (l) => log.push(`a: ${l}`));
  const b = spawnBridge(env, (l) => log.push(`b: ${l}`));
  try {
    let last = await checkWorld(world);
    await waitFor('both workers to bring every order through', async () => {
      last = await checkWorld(world);
      return last.amazonMismatches.length === 0 && last.pendingShipments === 0 && last.shipmentsChecked >= last.fbaOrders - 1;
    }, 4 * 60_000, 2_000).catch((err: Error) => { throw new Error(`${err.message}: ${JSON.stringify(last).slice(0, 600)} ${log.slice(-5).join(' | ')}`); });
    const twice = [...world.sim.state.createRequests.entries()].filter(([, n]) => n !== 1);
    assert.deepEqual(twice, [], 'no order was sent twice');
    // The workers share the seller's buckets in PostgreSQL (ADR 10): together they stay inside them.
    const state = (await (await fetch(`${world.sim.url}/_simulator/state`)).json()) as { counts: { throttledByOperation: Record<string, number> } };
    // getInventorySummaries is left out: its bucket holds 2 tokens, and at the simulator's 20× rate (40/s)
    // two processes' requests bunching by 25 ms on a busy machine can meet a 429 that Amazon's real 2/s
    // never shows. The order operations (burst 30) must see none.
    const throttled = Object.entries(state.counts.throttledByOperation).filter(([op, n]) => n > 0 && op !== 'getInventorySummaries');
    assert.deepEqual(throttled, [], 'no 429 from Amazon on the order operations');
    assert.deepEqual(last.shipmentMismatches, []);
    assert.equal(world.sim.state.orders.size, last.fbaOrders);
  } finally {
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    const codes = await Promise.all([exited(a), exited(b)]);
    await world.close();
    await dropSchema(schema);
    assert.deepEqual(codes, [0, 0], `both workers shut down cleanly on SIGTERM: ${log.filter((l) => /error/i.test(l)).slice(-3).join(' | ')}`);
  }
});
