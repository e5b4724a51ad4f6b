// The "exactly once under faults": 500 orders while the simulator injects 10% faults (5xx,
// timeouts — half of them after the order was stored —, 429s) and the bridge is killed with SIGKILL
// at random moments and restarted. At the end: every FBA-bound order has exactly one Amazon order,
// every Amazon shipment exactly one delivery with its parcels, every other order an exception (or is
// merchant-fulfilled) that says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import { startWorld, spawnBridge, exited, waitFor, checkWorld } from '../support/e2e-world.js';

const ORDERS = Number(process.env.E2E_ORDERS ?? 500);
const KILLS = 12;

test(`exactly once: ${ORDERS} orders, 10% injected faults, SIGKILL and restart`, { timeout: 15 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-e2e-'));
  const databaseUrl = `sqlite:${join(dir, 'bridge.db')}`;
  const world = await startWorld({
    orders: ORDERS, seed: 42, timeScale: 3600, rateScale: 20, withoutCancellations: true,
    faults: { faultRate: 0.04, timeoutRate: 0.03, throttleRate: 0.03, timeoutMs: 3_000, afterEffectShare: 0.5 },
  });
  const env = world.env(databaseUrl, { SPAPI_TIMEOUT_SECONDS: '1.5', MAX_ATTEMPTS: '30' });
  const log: string[] = [];
  let child = spawnBridge(env, (l) => log.push(l));
  let kills = 0;
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  try {
    // Kill at random moments while the backlog drains and shipments come back: a set number of times,
    // not as many as fit a time window (which a slow machine would make fewer).
    for (;;) {
      await new Promise((r) => setTimeout(r, 1_500 + random() * 3_500));
      child.kill('SIGKILL');
      await exited(child);
      kills++;
      if (kills === KILLS) break;
      child = spawnBridge(env, (l) => log.push(l));
    }
    world.sim.setFaults({ faultRate: 0, timeoutRate: 0, throttleRate: 0 });
    // The faults are over: the bridge that settles the backlog gets an ordinary SP-API timeout, so a
    // loaded machine answering slowly is not mistaken for Amazon timing out, again and again.
    child = spawnBridge(world.env(databaseUrl, { SPAPI_TIMEOUT_SECONDS: '10', MAX_ATTEMPTS: '30' }), (l) => log.push(l));
    // Then let it settle: every FBA order at Amazon once, every shipment back in commercetools.
    let last = await checkWorld(world);
    await waitFor('all shipments to reach commercetools', async () => {
      last = await checkWorld(world);
      return last.amazonMismatches.length === 0 && last.pendingShipments === 0 && completeCount(world) === last.fbaOrders;
    }, 8 * 60_000, 2_000).catch((err: Error) => {
      throw new Error(`${err.message}; last check: ${JSON.stringify({ ...last, amazonMismatches: last.amazonMismatches.slice(0, 5), shipmentMismatches: last.shipmentMismatches.slice(0, 5) })}; log tail: ${log.slice(-5).join(' | ')}`);
    });
    assert.deepEqual(last.amazonMismatches, []);
    assert.deepEqual(last.shipmentMismatches, []);
    assert.ok(last.shipmentsChecked >= last.fbaOrders - 1, `shipments checked: ${last.shipmentsChecked}`);
    const creates = [...world.sim.state.createRequests.values()].reduce((a, b) => a + b, 0);
    console.log(`# ${ORDERS} orders, ${last.fbaOrders} to FBA, ${kills} SIGKILLs, ${creates} create requests for ${world.sim.state.orders.size} Amazon orders, ${last.shipmentsChecked} shipments each written once`);
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
  // Every other order: an exception saying why, or merchant-fulfilled.
  const store = await openStore(databaseUrl);
  try {
    const open = await store.exceptions.list({ connectionId: 'default', status: 'open', limit: 10_000 });
    for (const o of world.orders) {
      const link = await store.orderLinks.get('default', o.id);
      assert.ok(link, `${o.spec.orderNumber} has a record`);
      if (o.expected.kind === 'local') assert.equal(link.state, 'local', `${o.spec.orderNumber} stays with the merchant`);
      if (o.expected.kind === 'exception') {
        const mine = open.filter((e) => e.subjectId === o.id);
        assert.deepEqual(mine.map((e) => e.type), [o.expected.type], `${o.spec.orderNumber} (${o.case}) has one exception of the right type`);
        assert.ok(mine[0]!.reason.length > 20, 'the reason says why');
      }
      if (o.expected.kind === 'shipped') {
        assert.equal(open.filter((e) => e.subjectId === o.id).length, 0, `${o.spec.orderNumber} has no open exception: ${open.filter((e) => e.subjectId === o.id).map((e) => e.reason).join('; ')}`);
      }
    }
  } finally {
    await store.close();
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function completeCount(world: Awaited<ReturnType<typeof startWorld>>): number {
  let n = 0;
  for (const o of world.sim.state.orders.values()) if (['Complete', 'CompletePartialled', 'Unfulfillable'].includes(o.status)) n++;
  return n;
}
