// Tracking write-back does not wait behind an order backlog: while order exports hold every slot of the
// main runner (waiting for Amazon's create tokens), the tracking runner's own slots still run tracking.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { startableOrderWorkRunners, trackingSlots, type OrderWorkRunners } from '../../src/app/order-work-runners.js';
import type { WorkHandler } from '../../src/engine/work-handler.js';
import type { Store, WorkKind } from '../../src/ports/store.js';
import { RecordingLogger } from '../engine/recording-logger.js';

const C = 'conn-1';
let store: Store;
let runners: OrderWorkRunners | null = null;
let release: () => void = () => undefined;

beforeEach(async () => {
  store = await openStore(':memory:');
});

afterEach(async () => {
  release();
  await runners?.stop();
  runners = null;
  await store.close();
});

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never happened: ${what}`);
}

describe('order work runners', () => {
  it('a quarter of the slots, at least one, only track', () => {
    assert.deepEqual([1, 4, 8, 16, 17].map(trackingSlots), [1, 1, 2, 4, 5]);
  });

  it('tracking completes while order exports hold every slot of the main runner', async () => {
    const now = Date.now();
    const enqueue = (kind: WorkKind, subjectId: string, priority: number) =>
      store.work.enqueue({ connectionId: C, kind, subjectId, priority, runAt: now }, now);
    for (let i = 0; i < 12; i++) await enqueue('order.export', `o${i}`, 400);
    await enqueue('order.track', 't1', 300);
    const blocked = new Promise<void>((resolve) => { release = resolve; });
    const exportsRunning = new Set<string>();
    const handle: WorkHandler = async (item) => {
      if (item.kind === 'order.export') {
        exportsRunning.add(item.subjectId);
        await blocked;
      }
      return { outcome: 'done' };
    };
    runners = startableOrderWorkRunners({ store, workerId: 'w1', clock: { now: () => new Date() }, logger: new RecordingLogger(), concurrency: 4, handle });
    runners.start();
    await until('the tracking item is done', async () => (await store.work.get(C, 'order.track', 't1'))?.state === 'done');
    // Every export the main runner claimed is still waiting, and the tracking runner never took one.
    assert.equal(exportsRunning.size, 4);
    const exportStates = await Promise.all(Array.from({ length: 12 }, (_, i) => store.work.get(C, 'order.export', `o${i}`)));
    assert.equal(exportStates.filter((w) => w?.state === 'done').length, 0);
    release();
    await until('every export is done', async () => (await Promise.all(Array.from({ length: 12 }, (_, i) => store.work.get(C, 'order.export', `o${i}`)))).every((w) => w?.state === 'done'));
  });
});
