import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isUnreservedAt, unreservedOrderUnits, type StorefrontLineState } from './unreserved-order-units.js';

const MIN = 60_000;
const SNAPSHOT = 1_000 * MIN;
const timing = { snapshotAt: SNAPSHOT, settleMs: 10 * MIN };
const line = (over: Partial<StorefrontLineState>): StorefrontLineState => ({ sku: 'MUG-1', quantity: 2, acceptedByAmazonAt: null, closedWithoutAmazon: false, ...over });

describe('isUnreservedAt: is the line missing from the snapshot?', () => {
  const cases: Array<[string, Partial<StorefrontLineState>, boolean]> = [
    ['not yet sent to Amazon', {}, true],
    ['accepted long before the snapshot: in Amazon\'s reserved figure', { acceptedByAmazonAt: SNAPSHOT - 60 * MIN }, false],
    ['accepted exactly one settle margin before the snapshot', { acceptedByAmazonAt: SNAPSHOT - 10 * MIN }, false],
    ['accepted within the settle margin: may not show yet, so counted', { acceptedByAmazonAt: SNAPSHOT - 10 * MIN + 1 }, true],
    ['accepted after the snapshot: still in its fulfillable figure', { acceptedByAmazonAt: SNAPSHOT + 3 * MIN }, true],
    ['cancelled before it was sent', { closedWithoutAmazon: true }, false],
    ['refused by Amazon', { closedWithoutAmazon: true, acceptedByAmazonAt: null }, false],
  ];
  for (const [name, over, expected] of cases) it(name, () => assert.equal(isUnreservedAt(line(over), timing), expected));

  it('with no settle margin the boundary is the snapshot itself', () => {
    const exact = { snapshotAt: SNAPSHOT, settleMs: 0 };
    assert.equal(isUnreservedAt(line({ acceptedByAmazonAt: SNAPSHOT }), exact), false);
    assert.equal(isUnreservedAt(line({ acceptedByAmazonAt: SNAPSHOT + 1 }), exact), true);
  });
});

describe('unreservedOrderUnits', () => {
  it('adds the units per SKU of the lines the snapshot misses', () => {
    const units = unreservedOrderUnits([
      line({ quantity: 2 }),
      line({ quantity: 3, acceptedByAmazonAt: SNAPSHOT + MIN }),
      line({ quantity: 5, acceptedByAmazonAt: SNAPSHOT - 30 * MIN }),
      line({ quantity: 7, closedWithoutAmazon: true }),
      line({ sku: 'TEA-2', quantity: 1 }),
      line({ sku: 'TEA-2', quantity: 0 }),
      line({ sku: 'BAG-3', quantity: 4, acceptedByAmazonAt: SNAPSHOT - 60 * MIN }),
    ], timing);
    assert.deepEqual([...units].sort(), [['MUG-1', 5], ['TEA-2', 1]]);
  });
  it('an order moving from unreserved to reserved between two snapshots is counted once in each', () => {
    // The order was accepted at minute 1002. Snapshot A (minute 1000) still has its units in fulfillable,
    // so the bridge subtracts them; snapshot B (minute 1030) has them in reserved, so it must not.
    const accepted = line({ quantity: 4, acceptedByAmazonAt: SNAPSHOT + 2 * MIN });
    const fulfillableA = 50; // Amazon's figure before the order
    const fulfillableB = 46; // after Amazon reserved 4
    const freeA = fulfillableA - (unreservedOrderUnits([accepted], timing).get('MUG-1') ?? 0);
    const freeB = fulfillableB - (unreservedOrderUnits([accepted], { snapshotAt: SNAPSHOT + 30 * MIN, settleMs: 10 * MIN }).get('MUG-1') ?? 0);
    assert.equal(freeA, 46);
    assert.equal(freeB, 46);
  });
  it('refuses impossible quantities', () => {
    assert.throws(() => unreservedOrderUnits([line({ quantity: -1 })], timing), RangeError);
    assert.throws(() => unreservedOrderUnits([line({ quantity: 1.5 })], timing), RangeError);
  });
});
