// Properties of allocate() over many seeded random pools and stock figures: the invariants the
// storefront relies on, whatever the configuration.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocateSku, type SkuAllocation } from './allocation.js';
import { ceilPart, floorPart, type HeldQuantity, type InventoryPool, type PoolAllocation } from './inventory-pool.js';
import { SeededRandom } from '../../simulator/seeded-random.js';

const SEEDS = 2000;

function randomHeld(r: SeededRandom): HeldQuantity {
  return { units: r.next() < 0.4 ? 0 : r.int(0, 30), basisPoints: r.next() < 0.4 ? 0 : r.int(0, 3000) };
}

function randomAllocation(r: SeededRandom): PoolAllocation {
  const n = r.int(1, 6);
  const keys = Array.from({ length: n }, (_, i) => `ch-${i}`);
  switch (r.pick(['shared', 'split', 'priority'] as const)) {
    case 'shared':
      return { policy: 'shared', channels: keys.map((key) => ({ key })) };
    case 'split': {
      // Random cut points of 0..10,000 (100 % or less), in whole basis points.
      const total = r.next() < 0.5 ? 10_000 : r.int(0, 10_000);
      const cuts = Array.from({ length: n - 1 }, () => r.int(0, total)).sort((a, b) => a - b);
      const bounds = [0, ...cuts, total];
      return { policy: 'split', channels: keys.map((key, i) => ({ key, shareBasisPoints: bounds[i + 1]! - bounds[i]! })) };
    }
    case 'priority': {
      const ranks = keys.map((_, i) => i + 1).sort(() => r.next() - 0.5);
      return { policy: 'priority', channels: keys.map((key, i) => ({ key, rank: ranks[i]!, cap: r.next() < 0.3 ? null : r.int(0, 200) })) };
    }
  }
}

function randomCase(seed: number): { pool: InventoryPool; fulfillable: number; unreserved: number; a: SkuAllocation } {
  const r = new SeededRandom(seed);
  const pool: InventoryPool = {
    id: `pool-${seed}`, marketplaceIds: ['A1PA6795UKMFR9'], holdback: randomHeld(r), buffer: randomHeld(r), allocation: randomAllocation(r),
  };
  const fulfillable = r.next() < 0.1 ? r.int(0, 3) : r.int(0, r.pick([10, 100, 5000, 1_000_000]));
  const unreserved = r.next() < 0.5 ? 0 : r.int(0, fulfillable + 20);
  return { pool, fulfillable, unreserved, a: allocateSku(pool, { sku: `SKU-${seed}`, fulfillable, unreservedOrderUnits: unreserved }) };
}

describe(`allocate over ${SEEDS} seeded random pools`, () => {
  it('every figure is a whole number ≥ 0 and the pool figures add up', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { fulfillable, unreserved, a } = randomCase(seed);
      const e = a.explanation;
      for (const c of a.channels) assert.ok(Number.isSafeInteger(c.allocated) && c.allocated >= 0, `seed ${seed}: ${c.channel} got ${c.allocated}`);
      for (const n of [e.freePool, e.holdback.units, e.buffer.units, e.sellablePool, e.unallocated]) assert.ok(Number.isSafeInteger(n) && n >= 0, `seed ${seed}`);
      assert.equal(e.freePool, Math.max(0, fulfillable - unreserved), `seed ${seed}`);
      assert.equal(e.holdback.units + e.buffer.units + e.sellablePool, e.freePool, `seed ${seed}`);
    }
  });

  it('split and priority never give the channels together more than the sellable pool', () => {
    let checked = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pool, a } = randomCase(seed);
      if (pool.allocation.policy === 'shared') continue;
      checked++;
      const sum = a.channels.reduce((s, c) => s + c.allocated, 0);
      assert.ok(sum <= a.explanation.sellablePool, `seed ${seed}: ${sum} > ${a.explanation.sellablePool}`);
      assert.ok(sum <= Math.max(0, a.explanation.fulfillable - a.explanation.unreservedOrderUnits), `seed ${seed}`);
    }
    assert.ok(checked > SEEDS / 2, `only ${checked} split/priority cases`);
  });

  it('split: each channel within one unit of its exact share, the total exactly ⌊sellable × Σ shares⌋', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pool, a } = randomCase(seed);
      if (pool.allocation.policy !== 'split') continue;
      const sellable = a.explanation.sellablePool;
      pool.allocation.channels.forEach((c, i) => {
        const got = a.channels[i]!.allocated;
        assert.ok(got >= floorPart(sellable, c.shareBasisPoints) && got <= ceilPart(sellable, c.shareBasisPoints), `seed ${seed}: ${c.key}`);
      });
      const totalShare = pool.allocation.channels.reduce((s, c) => s + c.shareBasisPoints, 0);
      assert.equal(a.explanation.allocatedTotal, floorPart(sellable, totalShare), `seed ${seed}`);
    }
  });

  it('priority: caps hold, and a channel only gets stock once every higher rank is full', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pool, a } = randomCase(seed);
      if (pool.allocation.policy !== 'priority') continue;
      const rows = pool.allocation.channels.map((c, i) => ({ ...c, got: a.channels[i]!.allocated })).sort((x, y) => x.rank - y.rank);
      rows.forEach((row, i) => {
        if (row.cap !== null) assert.ok(row.got <= row.cap, `seed ${seed}: ${row.key} over its cap`);
        if (row.got > 0) {
          for (const higher of rows.slice(0, i)) assert.equal(higher.got, higher.cap, `seed ${seed}: ${row.key} got stock before ${higher.key} was full`);
        }
      });
      // Nothing left unallocated unless every channel is at its cap.
      if (a.explanation.unallocated > 0) assert.ok(rows.every((r) => r.cap !== null && r.got === r.cap), `seed ${seed}`);
    }
  });

  it('shared: every channel shows the whole sellable pool', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pool, a } = randomCase(seed);
      if (pool.allocation.policy !== 'shared') continue;
      for (const c of a.channels) assert.equal(c.allocated, a.explanation.sellablePool, `seed ${seed}`);
    }
  });

  it('more unreserved order units never raise any channel', () => {
    for (let seed = 1; seed <= SEEDS / 4; seed++) {
      const { pool, fulfillable, unreserved, a } = randomCase(seed);
      const more = allocateSku(pool, { sku: 'X', fulfillable, unreservedOrderUnits: unreserved + 1 + (seed % 7) });
      const sumBefore = a.channels.reduce((s, c) => s + c.allocated, 0);
      const sumAfter = more.channels.reduce((s, c) => s + c.allocated, 0);
      assert.ok(sumAfter <= sumBefore, `seed ${seed}: total rose from ${sumBefore} to ${sumAfter}`);
      if (pool.allocation.policy !== 'split') {
        // Largest-remainder split may move one unit between channels; the other policies are monotone per channel.
        more.channels.forEach((c, i) => assert.ok(c.allocated <= a.channels[i]!.allocated, `seed ${seed}: ${c.channel} rose`));
      }
    }
  });

  it('one more unit of stock raises the sellable pool by 0 or 1, never lowers it', () => {
    for (let seed = 1; seed <= SEEDS / 4; seed++) {
      const { pool, unreserved } = randomCase(seed);
      let previous = -1;
      for (let fulfillable = unreserved; fulfillable <= unreserved + 400; fulfillable++) {
        const sellable = allocateSku(pool, { sku: 'X', fulfillable, unreservedOrderUnits: unreserved }).explanation.sellablePool;
        if (previous >= 0) assert.ok(sellable === previous || sellable === previous + 1, `seed ${seed}: ${fulfillable - 1} → ${previous}, ${fulfillable} → ${sellable}`);
        previous = sellable;
      }
    }
  });

  it('holdback and buffer keep at least what their rules ask, as far as the pool goes', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { pool, a } = randomCase(seed);
      const e = a.explanation;
      assert.equal(e.holdback.units, Math.min(e.freePool, Math.max(pool.holdback.units, ceilPart(e.freePool, pool.holdback.basisPoints))), `seed ${seed}`);
      const bufferAsked = Math.max(pool.buffer.units, floorPart(e.freePool, pool.buffer.basisPoints));
      assert.ok(e.buffer.units >= Math.min(e.freePool - e.holdback.units, bufferAsked), `seed ${seed}`);
      const percentTogether = ceilPart(e.freePool, pool.holdback.basisPoints + pool.buffer.basisPoints);
      assert.ok(e.holdback.units + e.buffer.units >= Math.min(e.freePool, percentTogether), `seed ${seed}`);
    }
  });

  it('is deterministic', () => {
    for (let seed = 1; seed <= 200; seed++) assert.deepEqual(randomCase(seed).a, randomCase(seed).a);
  });
});
