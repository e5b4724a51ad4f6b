import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLOCATION_POLICIES, ceilPart, channelKeys, floorPart, formatBasisPoints, heldUnits, percentToBasisPoints, POLICY_INFO,
  readMarketplaceId, type InventoryPool,
} from './inventory-pool.js';

describe('percentages as basis points', () => {
  const cases: Array<[number, number, string]> = [[0, 0, '0%'], [10, 1000, '10%'], [12.5, 1250, '12.5%'], [33.33, 3333, '33.33%'], [0.07, 7, '0.07%'], [100, 10_000, '100%']];
  for (const [percent, bp, text] of cases) {
    it(`${percent}% = ${bp} bp, shown as ${text}`, () => {
      assert.equal(percentToBasisPoints(percent), bp);
      assert.equal(formatBasisPoints(bp), text);
    });
  }
});

describe('floorPart and ceilPart are exact', () => {
  const cases: Array<[number, number, number, number]> = [
    // base, bp, floor, ceil
    [100, 700, 7, 7], [101, 1000, 10, 11], [9, 1250, 1, 2], [8, 1250, 1, 1], [0, 5000, 0, 0], [7, 0, 0, 0],
    [10, 3333, 3, 4], [3, 10_000, 3, 3], [9_007_199, 9_999, 9_006_298, 9_006_299],
  ];
  for (const [base, bp, floor, ceil] of cases) {
    it(`${base} × ${bp} bp → ⌊${floor}⌋ ⌈${ceil}⌉`, () => {
      assert.equal(floorPart(base, bp), floor);
      assert.equal(ceilPart(base, bp), ceil);
    });
  }
  it('agrees with a rational reference for every base 0..2000 and several shares', () => {
    for (const bp of [1, 7, 333, 1250, 3333, 5000, 6667, 9999]) {
      for (let base = 0; base <= 2000; base++) {
        const n = base * bp;
        assert.equal(floorPart(base, bp), (n - (n % 10_000)) / 10_000);
        assert.equal(ceilPart(base, bp), (n - (n % 10_000)) / 10_000 + (n % 10_000 === 0 ? 0 : 1));
      }
    }
  });
});

describe('heldUnits: the larger of units and the percentage, rounded up', () => {
  const cases: Array<[{ units: number; basisPoints: number }, number, number]> = [
    [{ units: 0, basisPoints: 0 }, 500, 0],
    [{ units: 5, basisPoints: 0 }, 500, 5],
    [{ units: 5, basisPoints: 0 }, 2, 5], // not limited here: allocation limits it to what is there
    [{ units: 0, basisPoints: 1000 }, 95, 10],
    [{ units: 5, basisPoints: 1000 }, 20, 5],
    [{ units: 5, basisPoints: 1000 }, 200, 20],
    [{ units: 0, basisPoints: 1000 }, 0, 0],
  ];
  for (const [rule, base, expected] of cases) {
    it(`${rule.units} units / ${formatBasisPoints(rule.basisPoints)} of ${base} → ${expected}`, () => assert.equal(heldUnits(rule, base), expected));
  }
});

describe('pool helpers', () => {
  const pool: InventoryPool = {
    id: 'eu', marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'], holdback: { units: 0, basisPoints: 0 }, buffer: { units: 0, basisPoints: 0 },
    allocation: { policy: 'priority', channels: [{ key: 'web-de', rank: 1, cap: 10 }, { key: 'web-fr', rank: 2, cap: null }] },
  };
  it('reads one marketplace of a Pan-EU pool: the first', () => assert.equal(readMarketplaceId(pool), 'A1PA6795UKMFR9'));
  it('lists channel keys in configured order', () => assert.deepEqual(channelKeys(pool), ['web-de', 'web-fr']));
  it('only shared lets the channels together exceed the pool', () => {
    assert.deepEqual(ALLOCATION_POLICIES.filter((p) => !POLICY_INFO[p].sumWithinPool), ['shared']);
  });
});
