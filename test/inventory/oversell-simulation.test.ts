// The oversell simulation the inventory issue asks for: one FBA pool, three commercetools channels,
// storefront orders and Amazon marketplace sales draining the pool while syncs lag (see
// oversell-simulation.ts for the model). Must reach: zero oversold units with split and priority;
// with shared, oversold units ≤ the buffer. Controls show the simulation does catch overselling.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runOversellSimulation, type SimulationConfig, type SimulationResult } from './oversell-simulation.js';
import type { HeldQuantity, InventoryPool, PoolAllocation } from '../../src/domain/inventory/inventory-pool.js';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const CHANNELS = ['web-de', 'web-at', 'b2b'] as const;
const HOLDBACK: HeldQuantity = { units: 3, basisPoints: 500 };
const BUFFER: HeldQuantity = { units: 4, basisPoints: 0 };
const NOTHING: HeldQuantity = { units: 0, basisPoints: 0 };

const POLICIES: Record<'split' | 'priority' | 'shared', PoolAllocation> = {
  split: { policy: 'split', channels: [{ key: 'web-de', shareBasisPoints: 5000 }, { key: 'web-at', shareBasisPoints: 3000 }, { key: 'b2b', shareBasisPoints: 2000 }] },
  priority: { policy: 'priority', channels: [{ key: 'web-de', rank: 1, cap: 40 }, { key: 'web-at', rank: 2, cap: 25 }, { key: 'b2b', rank: 3, cap: null }] },
  shared: { policy: 'shared', channels: CHANNELS.map((key) => ({ key })) },
};

function pool(allocation: PoolAllocation, holdback = HOLDBACK, buffer = BUFFER): InventoryPool {
  return { id: 'eu', marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'], holdback, buffer, allocation };
}

/** Two busy days: demand outruns stock, so every SKU sells out while orders are still on their way. */
function scenario(seed: number, p: InventoryPool, over: Partial<SimulationConfig> = {}): SimulationConfig {
  return {
    seed,
    minutes: 2 * 24 * 60,
    skus: [{ sku: 'MUG-BLU', initialFulfillable: 150 }, { sku: 'TEA-GRN', initialFulfillable: 400 }, { sku: 'BAG-TOTE', initialFulfillable: 800 }],
    pool: p,
    storefrontOrdersPerMinute: { 'web-de': 0.12, 'web-at': 0.08, b2b: 0.05 },
    amazonOrdersPerMinute: 0.03,
    syncEveryMinutes: 5,
    snapshotAgeMinutes: 3,
    intakeLagMinutes: 1,
    orderDelayMinutes: [2, 45],
    subtractUnreservedOrders: true,
    holdIncreasesAfterConflict: true,
    ...over,
  };
}

function runAll(make: (seed: number) => SimulationConfig): SimulationResult[] {
  return SEEDS.map((seed) => runOversellSimulation(make(seed)));
}

const total = (rs: readonly SimulationResult[], f: (r: SimulationResult) => number): number => rs.reduce((s, r) => s + f(r), 0);

function report(label: string, rs: readonly SimulationResult[], buffer: HeldQuantity): void {
  const first = rs[0]!;
  const perChannel = (r: SimulationResult) => CHANNELS.map((c) => `${c} ${r.soldByChannel[c]}`).join(', ');
  console.log(`# ${label} seed 1: sold ${perChannel(first)} · amazon ${first.amazonSold} · oversold ${first.oversold} · buffer ${buffer.units} units · `
    + `writes ${first.writes}, 409s ${first.conflicts}, increases held back ${first.skippedIncreases} · most Amazon units in one lag window ${first.maxAmazonUnitsInLagWindow}`);
  const soldAll = CHANNELS.map((c) => `${c} ${total(rs, (r) => r.soldByChannel[c]!)}`).join(', ');
  console.log(`# ${label} ${rs.length} seeds: sold ${soldAll} · amazon ${total(rs, (r) => r.amazonSold)} · oversold ${total(rs, (r) => r.oversold)} `
    + `(worst run ${Math.max(...rs.map((r) => r.oversold))}) · refused ${total(rs, (r) => r.refusedUnits)} · left in pool ${total(rs, (r) => r.leftInPool)}`);
}

function assertNotVacuous(rs: readonly SimulationResult[]): void {
  rs.forEach((r, i) => {
    assert.equal(r.stockOuts, 3, `seed ${SEEDS[i]}: every SKU must sell out, or overselling was never at stake`);
    for (const c of CHANNELS) assert.ok(r.soldByChannel[c]! > 0, `seed ${SEEDS[i]}: ${c} sold nothing`);
    assert.ok(r.amazonSold > 0 && r.conflicts > 0, `seed ${SEEDS[i]}: Amazon sales and write conflicts must both occur`);
  });
}

describe('oversell simulation: one FBA pool, three channels, lagging syncs', () => {
  for (const policy of ['split', 'priority'] as const) {
    it(`${policy}: zero oversold units`, () => {
      const rs = runAll((seed) => scenario(seed, pool(POLICIES[policy])));
      report(policy.padEnd(8), rs, BUFFER);
      assertNotVacuous(rs);
      rs.forEach((r, i) => assert.equal(r.oversold, 0, `seed ${SEEDS[i]}: ${JSON.stringify(r.oversoldByChannel)}`));
    });
  }

  it('shared: oversold units ≤ the buffer', () => {
    const rs = runAll((seed) => scenario(seed, pool(POLICIES.shared)));
    report('shared  ', rs, BUFFER);
    assertNotVacuous(rs);
    rs.forEach((r, i) => assert.ok(r.oversold <= BUFFER.units, `seed ${SEEDS[i]}: ${r.oversold} oversold > buffer ${BUFFER.units}`));
  });
});

describe('oversell simulation: controls (the simulation does catch overselling)', () => {
  // Nothing held back and no Amazon sales isolates the counting of storefront orders: no holdback or
  // buffer can hide a unit counted zero times.
  const isolated = (policy: keyof typeof POLICIES, subtractUnreservedOrders: boolean) =>
    runAll((seed) => scenario(seed, pool(POLICIES[policy], NOTHING, NOTHING), { amazonOrdersPerMinute: 0, subtractUnreservedOrders }));

  it('nothing held, no Amazon sales: split and priority still never oversell; shared does', () => {
    for (const policy of ['split', 'priority'] as const) {
      const rs = isolated(policy, true);
      report(`control ${policy}, nothing held, no Amazon sales:`, rs, NOTHING);
      assert.equal(total(rs, (r) => r.oversold), 0);
    }
    const shared = isolated('shared', true);
    report('control shared, nothing held, no Amazon sales:', shared, NOTHING);
    assert.ok(total(shared, (r) => r.oversold) > 0, 'shared without a buffer must oversell when three channels sell the same last units');
  });

  it('the same, with a bridge that ignores orders Amazon has not yet reserved: split and priority oversell in every run', () => {
    for (const policy of ['split', 'priority'] as const) {
      const rs = isolated(policy, false);
      report(`control ${policy}, unreserved orders ignored:`, rs, NOTHING);
      rs.forEach((r, i) => assert.ok(r.oversold > 0, `seed ${SEEDS[i]}: ${policy} did not oversell`));
    }
  });

  it('split: sending a SKU\'s increases after one of its writes failed oversells; holding them back does not', () => {
    // Three times the demand and a slower order intake: more write conflicts (409) to get wrong.
    const busy = (hold: boolean) => runAll((seed) => scenario(seed, pool(POLICIES.split, NOTHING, NOTHING), {
      amazonOrdersPerMinute: 0, intakeLagMinutes: 3, holdIncreasesAfterConflict: hold,
      storefrontOrdersPerMinute: { 'web-de': 0.36, 'web-at': 0.24, b2b: 0.15 },
    }));
    const held = busy(true);
    const sent = busy(false);
    report('control split, busy, increases held after a 409:', held, NOTHING);
    report('control split, busy, increases sent after a 409:', sent, NOTHING);
    assert.equal(total(held, (r) => r.oversold), 0);
    assert.ok(total(sent, (r) => r.oversold) > 0, 'expected overselling when increases follow a failed decrease');
  });

  it('with Amazon sales but nothing held back, every policy oversells: holdback and buffer are what cover the lag', () => {
    for (const policy of ['split', 'priority', 'shared'] as const) {
      const rs = runAll((seed) => scenario(seed, pool(POLICIES[policy], NOTHING, NOTHING)));
      report(`control ${policy}, nothing held:`, rs, NOTHING);
      assert.ok(total(rs, (r) => r.oversold) > 0, `${policy}: expected overselling without holdback and buffer`);
    }
  });
});
