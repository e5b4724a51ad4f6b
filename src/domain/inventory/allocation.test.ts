import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, allocateSku, allocatedFor, type SkuAllocation } from './allocation.js';
import { NOTHING_HELD, type HeldQuantity, type InventoryPool, type PoolAllocation } from './inventory-pool.js';

function pool(allocation: PoolAllocation, holdback: HeldQuantity = NOTHING_HELD, buffer: HeldQuantity = NOTHING_HELD): InventoryPool {
  return { id: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], holdback, buffer, allocation };
}
const held = (units: number, percent = 0): HeldQuantity => ({ units, basisPoints: Math.round(percent * 100) });
const shared = (...keys: string[]): PoolAllocation => ({ policy: 'shared', channels: keys.map((key) => ({ key })) });
const split = (...shares: Array<[string, number]>): PoolAllocation => ({
  policy: 'split', channels: shares.map(([key, percent]) => ({ key, shareBasisPoints: Math.round(percent * 100) })),
});
const priority = (...channels: Array<[string, number, number | null]>): PoolAllocation => ({
  policy: 'priority', channels: channels.map(([key, rank, cap]) => ({ key, rank, cap })),
});
const figures = (a: SkuAllocation): number[] => a.channels.map((c) => c.allocated);

describe('allocate: the pool figures', () => {
  const cases: Array<{
    name: string; fulfillable: number; unreserved: number; holdback: HeldQuantity; buffer: HeldQuantity;
    free: number; holdbackUnits: number; bufferUnits: number; sellable: number;
  }> = [
    { name: 'nothing held', fulfillable: 100, unreserved: 0, holdback: NOTHING_HELD, buffer: NOTHING_HELD, free: 100, holdbackUnits: 0, bufferUnits: 0, sellable: 100 },
    { name: 'unreserved orders come off first', fulfillable: 100, unreserved: 10, holdback: held(5, 10), buffer: held(3), free: 90, holdbackUnits: 9, bufferUnits: 3, sellable: 78 },
    { name: 'units win over a smaller percentage', fulfillable: 20, unreserved: 0, holdback: held(5, 10), buffer: NOTHING_HELD, free: 20, holdbackUnits: 5, bufferUnits: 0, sellable: 15 },
    { name: 'percentages round up, together', fulfillable: 101, unreserved: 0, holdback: held(0, 10), buffer: held(0, 12.5), free: 101, holdbackUnits: 11, bufferUnits: 12, sellable: 78 },
    { name: 'one unit less stock never shows one more (11 → 8)', fulfillable: 11, unreserved: 0, holdback: held(0, 10), buffer: held(0, 10), free: 11, holdbackUnits: 2, bufferUnits: 1, sellable: 8 },
    { name: 'one unit less stock never shows one more (10 → 8)', fulfillable: 10, unreserved: 0, holdback: held(0, 10), buffer: held(0, 10), free: 10, holdbackUnits: 1, bufferUnits: 1, sellable: 8 },
    { name: 'holdback units and a buffer percentage both apply in full', fulfillable: 100, unreserved: 0, holdback: held(20), buffer: held(0, 10), free: 100, holdbackUnits: 20, bufferUnits: 10, sellable: 70 },
    { name: 'buffer units win over its percentage', fulfillable: 50, unreserved: 0, holdback: held(0, 10), buffer: held(4, 2), free: 50, holdbackUnits: 5, bufferUnits: 4, sellable: 41 },
    { name: 'percentages are of the free pool', fulfillable: 60, unreserved: 20, holdback: held(0, 25), buffer: held(0, 10), free: 40, holdbackUnits: 10, bufferUnits: 4, sellable: 26 },
    { name: 'more unreserved than fulfillable: nothing, not negative', fulfillable: 5, unreserved: 9, holdback: held(2), buffer: held(1), free: 0, holdbackUnits: 0, bufferUnits: 0, sellable: 0 },
    { name: 'holdback takes what is there, buffer the rest', fulfillable: 6, unreserved: 0, holdback: held(5), buffer: held(5), free: 6, holdbackUnits: 5, bufferUnits: 1, sellable: 0 },
    { name: 'holdback larger than the pool', fulfillable: 3, unreserved: 0, holdback: held(5), buffer: held(5), free: 3, holdbackUnits: 3, bufferUnits: 0, sellable: 0 },
    { name: 'empty pool', fulfillable: 0, unreserved: 0, holdback: held(2, 10), buffer: held(1, 5), free: 0, holdbackUnits: 0, bufferUnits: 0, sellable: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = allocateSku(pool(shared('web-de', 'web-fr'), c.holdback, c.buffer), { sku: 'MUG-1', fulfillable: c.fulfillable, unreservedOrderUnits: c.unreserved });
      const e = a.explanation;
      assert.deepEqual(
        [e.fulfillable, e.unreservedOrderUnits, e.freePool, e.holdback.units, e.buffer.units, e.sellablePool],
        [c.fulfillable, c.unreserved, c.free, c.holdbackUnits, c.bufferUnits, c.sellable],
      );
      assert.deepEqual(figures(a), [c.sellable, c.sellable], 'shared: every channel may sell the whole sellable pool');
      assert.deepEqual(e.holdback.rule, c.holdback);
    });
  }
});

describe('allocate: split', () => {
  const cases: Array<{ name: string; shares: Array<[string, number]>; sellable: number; expected: number[]; remainderTo: string[] }> = [
    { name: 'divides evenly', shares: [['a', 50], ['b', 30], ['c', 20]], sellable: 10, expected: [5, 3, 2], remainderTo: [] },
    { name: 'the left-over unit goes to the largest fraction', shares: [['a', 50], ['b', 30], ['c', 20]], sellable: 7, expected: [4, 2, 1], remainderTo: ['a'] },
    { name: 'thirds', shares: [['a', 33.33], ['b', 33.33], ['c', 33.34]], sellable: 10, expected: [3, 3, 4], remainderTo: ['c'] },
    { name: 'thirds of a tiny pool still sell it all', shares: [['a', 33.33], ['b', 33.33], ['c', 33.34]], sellable: 3, expected: [1, 1, 1], remainderTo: ['a', 'b'] },
    { name: 'ties go to configured order', shares: [['a', 50], ['b', 50]], sellable: 1, expected: [1, 0], remainderTo: ['a'] },
    { name: 'ties go to configured order (3)', shares: [['b', 50], ['a', 50]], sellable: 3, expected: [2, 1], remainderTo: ['b'] },
    { name: 'shares under 100 leave their gap unallocated', shares: [['a', 30], ['b', 30]], sellable: 7, expected: [2, 2], remainderTo: [] },
    { name: 'no remainder beyond the shares', shares: [['a', 45], ['b', 45]], sellable: 3, expected: [1, 1], remainderTo: [] },
    { name: 'a zero share gets nothing, even a remainder', shares: [['a', 0], ['b', 100]], sellable: 5, expected: [0, 5], remainderTo: [] },
    { name: 'one channel, 100 %', shares: [['a', 100]], sellable: 17, expected: [17], remainderTo: [] },
    { name: 'nothing to split', shares: [['a', 60], ['b', 40]], sellable: 0, expected: [0, 0], remainderTo: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = allocateSku(pool(split(...c.shares)), { sku: 'S', fulfillable: c.sellable, unreservedOrderUnits: 0 });
      assert.deepEqual(figures(a), c.expected);
      const got = a.channels.filter((x) => x.step.policy === 'split' && x.step.remainderUnit === 1).map((x) => x.channel);
      assert.deepEqual(got.sort(), [...c.remainderTo].sort());
      const total = c.expected.reduce((s, n) => s + n, 0);
      assert.equal(a.explanation.allocatedTotal, total);
      assert.equal(a.explanation.unallocated, c.sellable - total);
    });
  }
  it('explains the exact share and the rounding', () => {
    const a = allocateSku(pool(split(['web-de', 60], ['web-fr', 40])), { sku: 'S', fulfillable: 17, unreservedOrderUnits: 0 });
    assert.deepEqual(a.channels[0], {
      channel: 'web-de', allocated: 10, step: { policy: 'split', shareBasisPoints: 6000, exactShare: 10.2, roundedDown: 10, remainderUnit: 0 },
    });
    assert.deepEqual(a.channels[1]?.step, { policy: 'split', shareBasisPoints: 4000, exactShare: 6.8, roundedDown: 6, remainderUnit: 1 });
  });
  it('refuses shares over 100 % (a configuration bug)', () => {
    assert.throws(() => allocateSku(pool(split(['a', 60], ['b', 50])), { sku: 'S', fulfillable: 10, unreservedOrderUnits: 0 }), RangeError);
  });
});

describe('allocate: priority', () => {
  const cases: Array<{ name: string; channels: Array<[string, number, number | null]>; sellable: number; expected: number[]; limitedBy: string[] }> = [
    { name: 'fills in rank order up to caps', channels: [['a', 1, 5], ['b', 2, null], ['c', 3, 2]], sellable: 10, expected: [5, 5, 0], limitedBy: ['cap', 'none', 'pool'] },
    { name: 'a small pool goes to the first', channels: [['a', 1, 5], ['b', 2, null], ['c', 3, 2]], sellable: 3, expected: [3, 0, 0], limitedBy: ['pool', 'pool', 'pool'] },
    { name: 'all capped leaves the rest unallocated', channels: [['a', 1, 2], ['b', 2, 3]], sellable: 10, expected: [2, 3], limitedBy: ['cap', 'cap'] },
    { name: 'configured order is not rank order', channels: [['b', 2, null], ['a', 1, 4]], sellable: 10, expected: [6, 4], limitedBy: ['none', 'cap'] },
    { name: 'a zero cap', channels: [['a', 1, 0], ['b', 2, null]], sellable: 4, expected: [0, 4], limitedBy: ['cap', 'none'] },
    { name: 'cap equal to the pool', channels: [['a', 1, 4], ['b', 2, null]], sellable: 4, expected: [4, 0], limitedBy: ['cap', 'pool'] },
    { name: 'uncapped first takes all', channels: [['a', 1, null], ['b', 2, 3]], sellable: 9, expected: [9, 0], limitedBy: ['none', 'pool'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = allocateSku(pool(priority(...c.channels)), { sku: 'P', fulfillable: c.sellable, unreservedOrderUnits: 0 });
      assert.deepEqual(figures(a), c.expected);
      assert.deepEqual(a.channels.map((x) => (x.step.policy === 'priority' ? x.step.limitedBy : '?')), c.limitedBy);
      assert.deepEqual(a.channels.map((x) => x.channel), c.channels.map(([k]) => k), 'output keeps configured order');
    });
  }
  it('records what each channel found left', () => {
    const a = allocateSku(pool(priority(['a', 1, 5], ['b', 2, null])), { sku: 'P', fulfillable: 12, unreservedOrderUnits: 0 });
    assert.deepEqual(a.channels.map((x) => x.step), [
      { policy: 'priority', rank: 1, cap: 5, remainingBefore: 12, limitedBy: 'cap' },
      { policy: 'priority', rank: 2, cap: null, remainingBefore: 7, limitedBy: 'none' },
    ]);
  });
});

describe('allocate: inputs and output shape', () => {
  it('allocates every SKU of the input, in order', () => {
    const out = allocate({
      pool: pool(split(['a', 50], ['b', 50]), held(1)),
      stock: [{ sku: 'X', fulfillable: 11, unreservedOrderUnits: 0 }, { sku: 'Y', fulfillable: 0, unreservedOrderUnits: 0 }],
    });
    assert.deepEqual(out.map((a) => [a.sku, a.poolId, figures(a)]), [['X', 'eu', [5, 5]], ['Y', 'eu', [0, 0]]]);
    assert.equal(allocatedFor(out[0]!, 'b'), 5);
    assert.equal(allocatedFor(out[0]!, 'nope'), undefined);
    assert.equal(out[0]!.explanation.policySummary, 'each channel gets its percentage of the sellable pool, rounded down');
  });
  for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`refuses fulfillable ${bad} and unreserved ${bad}`, () => {
      assert.throws(() => allocateSku(pool(shared('a')), { sku: 'X', fulfillable: bad, unreservedOrderUnits: 0 }), RangeError);
      assert.throws(() => allocateSku(pool(shared('a')), { sku: 'X', fulfillable: 5, unreservedOrderUnits: bad }), RangeError);
    });
  }
  it('shared reports nothing unallocated though the channels together exceed the pool', () => {
    const a = allocateSku(pool(shared('a', 'b', 'c')), { sku: 'X', fulfillable: 4, unreservedOrderUnits: 0 });
    assert.equal(a.explanation.allocatedTotal, 12);
    assert.equal(a.explanation.unallocated, 0);
  });
});
