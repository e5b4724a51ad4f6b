// The runner's handling of notified SKUs (docs/adr/0023): gathered for a window and synced together,
// at once with a window of 0, busy SKUs held for busySkuSeconds since their last notified sync, and the
// pool's channel ids remembered between notified syncs.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InventorySyncRunner, type StartLater } from '../../../src/flows/inventory/inventory-sync-runner.js';
import { ChannelIdMemory } from '../../../src/flows/inventory/inventory-channel-memory.js';
import type { InventoryFlowDeps } from '../../../src/flows/inventory/inventory-flow-types.js';
import type { CommercetoolsInventoryPort } from '../../../src/ports/commercetools-inventory.js';
import { failure, fail } from '../../../src/domain/shared/result.js';
import { startInventoryWorld, US, type InventoryWorld } from '../../support/inventory-world.js';

/** A window timer the test closes by hand. */
class HandTimer {
  readonly due: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  readonly startLater: StartLater = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    this.due.push(t);
    return () => { t.cancelled = true; };
  };

  get waiting(): number {
    return this.due.filter((t) => !t.cancelled).length;
  }

  fire(): void {
    for (const t of this.due.splice(0)) if (!t.cancelled) t.fn();
  }
}

/** The real gateway, counting channel reads; failing writes while `failWrites` is set. */
function counting(w: InventoryWorld): { port: CommercetoolsInventoryPort; channelReads: () => number; failWrites: (on: boolean) => void } {
  const real = w.gateway;
  let reads = 0;
  let failing = false;
  const broken = () => fail(failure('retryable', 'ServerError', 'commercetools answered HTTP 503'));
  return {
    channelReads: () => reads,
    failWrites: (on) => { failing = on; },
    port: {
      channelsByKey: (k) => { reads += 1; return real.channelsByKey(k); },
      listEntries: (c, o) => real.listEntries(c, o),
      createEntry: async (s, c, q) => (failing ? broken() : real.createEntry(s, c, q)),
      setAvailableQuantity: (e, t) => real.setAvailableQuantity(e, t),
      setQuantityOnStock: async (e, q) => (failing ? broken() : real.setQuantityOnStock(e, q)),
      listVariantSkus: (c, n) => real.listVariantSkus(c, n),
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** One notified sync of `sku`: its window opened and closed by hand. */
async function notifiedThroughWindow(r: InventorySyncRunner, timer: HandTimer, sku: string): Promise<Awaited<ReturnType<InventorySyncRunner['requestSkus']>>> {
  const synced = r.requestSkus([sku], [US]);
  await settle();
  timer.fire();
  return synced;
}

describe('inventory sync of notified SKUs', () => {
  let w: InventoryWorld;
  before(async () => {
    w = await startInventoryWorld(undefined, { 'N-1': 20, 'N-2': 30, 'N-3': 40, 'N-4': 50 });
  });
  after(() => w.close());
  beforeEach(() => { w.summaryRequests.length = 0; });

  function runner(windowSeconds: number, timer: HandTimer, ct: CommercetoolsInventoryPort, busySkuSeconds = 0, now: () => number = Date.now): InventorySyncRunner {
    const deps: InventoryFlowDeps = {
      ...w.deps({ commercetools: ct }), settings: { ...w.settings, notificationBatchSeconds: windowSeconds, busySkuSeconds }, channelIds: new ChannelIdMemory(),
    };
    return new InventorySyncRunner(deps, timer.startLater, now);
  }

  it('gathers the SKUs notified within the window and syncs them as one batch', async () => {
    const timer = new HandTimer();
    const { port, channelReads } = counting(w);
    const r = runner(2, timer, port);
    const first = r.requestSkus(['N-1'], [US]);
    const second = r.requestSkus(['N-2'], [US]);
    const third = r.requestSkus(['N-3', 'N-1'], [US]);
    await settle();
    assert.equal(timer.due.length, 1, 'one window for the three notifications');
    assert.equal(timer.due[0]?.ms, 2000);
    assert.equal(w.summaryRequests.length, 0, 'nothing is read before the window closes');
    timer.fire();
    const [summary] = await first;
    assert.strictEqual(await second, await first);
    assert.strictEqual(await third, await first);
    assert.equal(summary?.mode, 'skus');
    assert.equal(summary?.skusDecided, 3);
    assert.equal(summary?.written, 6, 'three SKUs in two channels');
    assert.equal(w.summaryRequests.length, 1, 'one Amazon read for the batch');
    assert.equal(channelReads(), 1);

    const later = r.requestSkus(['N-4'], [US]);
    await settle();
    timer.fire();
    const [next] = await later;
    assert.equal(next?.skusDecided, 1, 'a notification after the batch opens a new window');
    assert.equal(channelReads(), 1, 'the channel ids are remembered');
    const scheduled = await r.run({ kind: 'incremental' });
    assert.equal(scheduled[0]?.error, undefined);
    assert.equal(channelReads(), 2, 'a scheduled sync reads them afresh');
  });

  it('idle() syncs what a window gathers without waiting for it', async () => {
    const timer = new HandTimer();
    const r = runner(2, timer, counting(w).port);
    const pending = r.requestSkus(['N-2'], [US]);
    await r.idle();
    assert.equal(timer.waiting, 0, 'the window was closed');
    assert.equal((await pending)[0]?.skusDecided, 1);
  });

  it('with a window of 0 each notification is synced at once, as before', async () => {
    const timer = new HandTimer();
    const r = runner(0, timer, counting(w).port);
    const [summary] = await r.requestSkus(['N-3'], [US]);
    assert.equal(summary?.skusDecided, 1);
    assert.equal(timer.due.length, 0, 'no window');
  });

  it('forgets the channel ids after a failed write, and reads them again', async () => {
    const timer = new HandTimer();
    const { port, channelReads, failWrites } = counting(w);
    const r = runner(0, timer, port);
    await w.amazonApi.admin('POST', '/inventory/adjust', { sellerSku: 'N-1', bucket: 'unfulfillable', quantity: 5 });
    failWrites(true);
    const [failed] = await r.requestSkus(['N-1'], [US]);
    assert.equal(failed?.failed, 1);
    failWrites(false);
    const [again] = await r.requestSkus(['N-1'], [US]);
    assert.equal(again?.failed, 0);
    assert.equal(again?.written, 2);
    assert.equal(channelReads(), 2, 'read again after the failure');
  });

  it('a notified sync raises drift for its own SKUs; a scheduled one for the whole pool', async () => {
    const timer = new HandTimer();
    const { port, failWrites } = counting(w);
    const r = runner(0, timer, port);
    const driftOf = async () => (await w.store.exceptions.list({ connectionId: 'default', status: 'open', type: 'inventory.drift' })).map((e) => e.subjectId).sort();
    for (const sku of ['N-2', 'N-3']) await w.amazonApi.admin('POST', '/inventory/adjust', { sellerSku: sku, bucket: 'unfulfillable', quantity: 5 });
    failWrites(true);
    await r.requestSkus(['N-2', 'N-3'], [US]);
    w.simClock.advance(31 * 60);
    await r.requestSkus(['N-2'], [US]);
    assert.deepEqual(await driftOf(), ['N-2'], 'N-3 drifts too, but this sync did not decide it');
    await r.run({ kind: 'incremental' });
    assert.deepEqual(await driftOf(), ['N-2', 'N-3']);
    failWrites(false);
    await r.requestSkus(['N-2', 'N-3'], [US]);
    assert.deepEqual(await driftOf(), [], 'written: healthy again');
  });

  it('a SKU notified again within busySkuSeconds of its last notified sync waits for them, then joins a window', async () => {
    const timer = new HandTimer();
    let now = 1_000_000;
    const r = runner(2, timer, counting(w).port, 10, () => now);
    assert.equal((await notifiedThroughWindow(r, timer, 'N-1'))[0]?.skusDecided, 1);
    const reads = w.summaryRequests.length;

    now += 3_000;
    const again = r.requestSkus(['N-1'], [US]);
    assert.strictEqual(r.requestSkus(['N-1'], [US]), again, 'notified again while held: the same wait');
    await settle();
    assert.deepEqual(timer.due.map((t) => t.ms), [7_000], 'held for the rest of the 10 s, no window yet');
    const quiet = r.requestSkus(['N-2'], [US]);
    await settle();
    assert.deepEqual(timer.due.map((t) => t.ms), [7_000, 2_000], 'a quiet SKU opens a window at once');
    timer.fire();
    const [summary] = await again;
    assert.strictEqual(await quiet, await again, 'the held SKU joined the open window');
    assert.equal(summary?.skusDecided, 2);
    assert.equal(w.summaryRequests.length, reads + 1, 'one Amazon read for both');

    now += 10_000;
    const later = r.requestSkus(['N-1'], [US]);
    await settle();
    assert.deepEqual(timer.due.map((t) => t.ms), [2_000], 'busySkuSeconds after its last sync it goes at the window again');
    timer.fire();
    assert.equal((await later)[0]?.skusDecided, 1);
  });

  it('idle() syncs held SKUs at once', async () => {
    const timer = new HandTimer();
    const now = 5_000_000;
    const r = runner(2, timer, counting(w).port, 10, () => now);
    await notifiedThroughWindow(r, timer, 'N-3');
    const held = r.requestSkus(['N-3', 'N-4'], [US]);
    await settle();
    await r.idle();
    assert.equal(timer.waiting, 0, 'the hold and the window were closed');
    const summaries = await held;
    assert.deepEqual(summaries.map((s) => s.skusDecided), [2, 2], 'N-3, released from its hold, joined the window N-4 opened: one sync of both');
  });
});
