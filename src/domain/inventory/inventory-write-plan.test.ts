import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planInventoryWrites, type ExpectedQuantity, type InventoryWrite, type ObservedEntry } from './inventory-write-plan.js';
import { SeededRandom } from '../../simulator/seeded-random.js';

let ids = 0;
const entry = (sku: string, channel: string, quantityOnStock: number, availableQuantity = quantityOnStock, version = 3): ObservedEntry => ({
  id: `entry-${++ids}`, version, sku, channel, quantityOnStock, availableQuantity,
});
const want = (sku: string, channel: string, allocated: number): ExpectedQuantity => ({ sku, channel, allocated });
const brief = (w: InventoryWrite): string => `${w.kind} ${w.sku}/${w.channel} → ${w.quantityOnStock} (${w.direction})`;

describe('planInventoryWrites', () => {
  it('writes nothing when every entry already holds its allocation', () => {
    const plan = planInventoryWrites([want('A', 'web-de', 5), want('A', 'web-fr', 0)], [entry('A', 'web-de', 5), entry('A', 'web-fr', 0)]);
    assert.deepEqual(plan, { writes: [], unchanged: 2, duplicates: [] });
  });

  it('sets the absolute quantityOnStock, guarded by the version it read', () => {
    const observed = entry('A', 'web-de', 9, 9, 41);
    const plan = planInventoryWrites([want('A', 'web-de', 6)], [observed]);
    assert.deepEqual(plan.writes, [{
      kind: 'change-quantity', entryId: observed.id, version: 41, sku: 'A', channel: 'web-de',
      quantityOnStock: 6, previousQuantityOnStock: 9, heldInCarts: 0, availableAfter: 6, direction: 'decrease',
    }]);
  });

  it('units held in carts count against the allocation: quantityOnStock = allocation', () => {
    // 10 on stock, 3 in carts (7 available). Allocation 10: nothing to write, though availableQuantity is 7;
    // writing available = 10 would let the 3 units in carts be sold on top of the 10.
    assert.deepEqual(planInventoryWrites([want('A', 'web-de', 10)], [entry('A', 'web-de', 10, 7)]).writes, []);
    const plan = planInventoryWrites([want('A', 'web-de', 12)], [entry('A', 'web-de', 10, 7)]);
    assert.equal(plan.writes.length, 1);
    const w = plan.writes[0]!;
    assert.ok(w.kind === 'change-quantity');
    assert.deepEqual([w.quantityOnStock, w.heldInCarts, w.availableAfter, w.direction], [12, 3, 9, 'increase']);
  });

  it('an allocation below what carts hold leaves nothing new to sell', () => {
    const w = planInventoryWrites([want('A', 'web-de', 2)], [entry('A', 'web-de', 10, 5)]).writes[0]!;
    assert.ok(w.kind === 'change-quantity');
    assert.deepEqual([w.quantityOnStock, w.availableAfter], [2, -3]);
  });

  it('an entry oversold in commercetools (TrackOnly, negative) is set back to its allocation', () => {
    const w = planInventoryWrites([want('A', 'web-de', 0)], [entry('A', 'web-de', -2, -2)]).writes[0]!;
    assert.deepEqual([w.kind, w.quantityOnStock, w.direction], ['change-quantity', 0, 'increase']);
  });

  it('creates the missing entries of configured channels, even at zero', () => {
    const plan = planInventoryWrites([want('A', 'web-de', 4), want('A', 'web-fr', 0)], [entry('A', 'web-de', 4)]);
    assert.deepEqual(plan.writes, [{ kind: 'create', sku: 'A', channel: 'web-fr', quantityOnStock: 0, direction: 'increase' }]);
    assert.equal(plan.unchanged, 1);
  });

  it('leaves entries of other channels and SKUs alone', () => {
    const plan = planInventoryWrites([want('A', 'web-de', 4)], [entry('A', 'web-de', 4), entry('A', 'warehouse-berlin', 99), entry('B', 'web-de', 7)]);
    assert.deepEqual(plan, { writes: [], unchanged: 1, duplicates: [] });
  });

  it('sends decreases first, then creations and increases, each by sku and channel', () => {
    const plan = planInventoryWrites(
      [want('B', 'web-fr', 9), want('B', 'web-de', 1), want('A', 'web-fr', 3), want('A', 'web-de', 8), want('C', 'web-de', 2)],
      [entry('B', 'web-fr', 5), entry('B', 'web-de', 4), entry('A', 'web-fr', 6), entry('A', 'web-de', 2)],
    );
    assert.deepEqual(plan.writes.map(brief), [
      'change-quantity A/web-fr → 3 (decrease)',
      'change-quantity B/web-de → 1 (decrease)',
      'change-quantity A/web-de → 8 (increase)',
      'change-quantity B/web-fr → 9 (increase)',
      'create C/web-de → 2 (increase)',
    ]);
  });

  it('does not write to a (sku, channel) that commercetools holds twice, and reports it', () => {
    const one = entry('A', 'web-de', 1);
    const two = entry('A', 'web-de', 2);
    const plan = planInventoryWrites([want('A', 'web-de', 5)], [one, two]);
    assert.deepEqual(plan, { writes: [], unchanged: 0, duplicates: [{ sku: 'A', channel: 'web-de', entryIds: [one.id, two.id] }] });
  });

  it('refuses an expected quantity named twice or below zero (caller bugs)', () => {
    assert.throws(() => planInventoryWrites([want('A', 'x1', 1), want('A', 'x1', 2)], []), /twice/);
    assert.throws(() => planInventoryWrites([want('A', 'x1', -1)], []), RangeError);
    assert.throws(() => planInventoryWrites([want('A', 'x1', 0.5)], []), RangeError);
  });

  it('keys do not collide when SKUs contain separators', () => {
    const plan = planInventoryWrites([want('A|b', 'c', 1), want('A', 'b|c', 2)], [entry('A|b', 'c', 1)]);
    assert.deepEqual(plan.writes.map(brief), ['create A/b|c → 2 (increase)']);
  });

  it('over many seeded cases: writes exactly the differing entries, and applying them makes every entry hold its allocation', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = new SeededRandom(seed);
      const expected: ExpectedQuantity[] = [];
      const observed: ObservedEntry[] = [];
      let differing = 0;
      const skus = r.int(1, 8);
      for (let s = 0; s < skus; s++) {
        for (const channel of ['web-de', 'web-fr', 'b2b']) {
          const allocated = r.int(0, 30);
          expected.push(want(`SKU-${s}`, channel, allocated));
          const roll = r.next();
          if (roll < 0.15) { differing++; continue; } // missing: must be created
          const onStock = roll < 0.55 ? allocated : r.int(-3, 40);
          if (onStock !== allocated) differing++;
          observed.push(entry(`SKU-${s}`, channel, onStock, onStock - r.int(0, 3), r.int(1, 99)));
        }
      }
      const plan = planInventoryWrites(expected, observed);
      assert.equal(plan.writes.length, differing, `seed ${seed}`);
      assert.equal(plan.unchanged + plan.writes.length, expected.length, `seed ${seed}`);
      const after = new Map(observed.map((o) => [`${o.sku}/${o.channel}`, o.quantityOnStock]));
      for (const w of plan.writes) after.set(`${w.sku}/${w.channel}`, w.quantityOnStock);
      for (const x of expected) assert.equal(after.get(`${x.sku}/${x.channel}`), x.allocated, `seed ${seed}`);
      const firstIncrease = plan.writes.findIndex((w) => w.direction === 'increase');
      if (firstIncrease >= 0) assert.ok(plan.writes.slice(firstIncrease).every((w) => w.direction === 'increase'), `seed ${seed}: a decrease after an increase`);
    }
  });
});
