// The `inventory` section of the config file: the domain model it yields, and one actionable line
// per problem, all reported in one run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INVENTORY_DEFAULTS, parseInventorySettings, type InventorySettings } from '../../src/config/inventory-schema.js';
import { DEFAULT_SKU_PATTERN } from '../../src/domain/inventory/sku-format.js';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const UK = 'A1F83G8C2ARO7P';

function settings(raw: unknown): InventorySettings {
  const r = parseInventorySettings(raw);
  assert.ok(r.ok, r.ok ? '' : r.error.join('\n'));
  return r.value;
}

function problems(raw: unknown): string[] {
  const r = parseInventorySettings(raw);
  assert.equal(r.ok, false, 'expected the inventory section to be refused');
  return r.ok ? [] : r.error;
}

const splitPool = (over: Record<string, unknown> = {}) => ({
  id: 'eu', marketplaceIds: [DE, FR], holdback: { units: 5, percent: 10 }, buffer: { units: 2 },
  channels: [{ key: 'web-de', policy: 'split', share: 60 }, { key: 'web-fr', policy: 'split', share: 40 }],
  ...over,
});

describe('parseInventorySettings: valid sections', () => {
  it('no section: no pools, every default', () => {
    const s = settings(undefined);
    assert.deepEqual(s.pools, []);
    assert.deepEqual(s.schedule, { incrementalMinutes: 5, fullSyncHourUtc: 3 });
    assert.equal(s.driftThresholdMinutes, 30);
    assert.equal(s.reservationSettleMinutes, INVENTORY_DEFAULTS.reservationSettleMinutes);
    assert.equal(s.notificationBatchSeconds, 2);
    assert.equal(s.busySkuSeconds, 10);
    assert.equal(s.skuRule.pattern, DEFAULT_SKU_PATTERN);
  });

  it('notificationBatchSeconds: 0 (each notification at once) and fractions are fine', () => {
    assert.equal(settings({ notificationBatchSeconds: 0 }).notificationBatchSeconds, 0);
    assert.equal(settings({ notificationBatchSeconds: 0.5 }).notificationBatchSeconds, 0.5);
  });

  it('busySkuSeconds: 0 (a SKU synced each time it is notified) and fractions are fine', () => {
    assert.equal(settings({ busySkuSeconds: 0 }).busySkuSeconds, 0);
    assert.equal(settings({ busySkuSeconds: 2.5 }).busySkuSeconds, 2.5);
  });

  it('a split pool becomes the domain model, percentages as basis points', () => {
    const s = settings({ pools: [splitPool()], schedule: { incrementalMinutes: 10 }, driftThresholdMinutes: 45, skuPattern: '[A-Z]+-[0-9]+' });
    assert.deepEqual(s.pools, [{
      id: 'eu', marketplaceIds: [DE, FR], holdback: { units: 5, basisPoints: 1000 }, buffer: { units: 2, basisPoints: 0 },
      allocation: { policy: 'split', channels: [{ key: 'web-de', shareBasisPoints: 6000 }, { key: 'web-fr', shareBasisPoints: 4000 }] },
    }]);
    assert.deepEqual(s.schedule, { incrementalMinutes: 10, fullSyncHourUtc: 3 });
    assert.equal(s.driftThresholdMinutes, 45);
    assert.ok(s.skuRule.regex.test('MUG-12') && !s.skuRule.regex.test('mug-12'));
  });

  it('priority channels are ordered by rank; no cap means null; shares under 100 and two decimals are fine', () => {
    const s = settings({
      pools: [
        { id: 'uk', marketplaceIds: [UK], channels: [{ key: 'web-uk', policy: 'priority', rank: 2 }, { key: 'b2b-uk', policy: 'priority', rank: 1, cap: 20 }] },
        { id: 'eu', marketplaceIds: [DE], holdback: { percent: 12.5 }, channels: [{ key: 'web-de', policy: 'split', share: 33.33 }, { key: 'web-at', policy: 'split', share: 33.33 }] },
        { id: 'us', marketplaceIds: ['ATVPDKIKX0DER'], channels: [{ key: 'web-us', policy: 'shared' }, { key: 'retail-us', policy: 'shared' }] },
      ],
    });
    assert.deepEqual(s.pools[0]?.allocation, { policy: 'priority', channels: [{ key: 'b2b-uk', rank: 1, cap: 20 }, { key: 'web-uk', rank: 2, cap: null }] });
    assert.deepEqual(s.pools[0]?.holdback, { units: 0, basisPoints: 0 });
    assert.deepEqual(s.pools[1]?.holdback, { units: 0, basisPoints: 1250 });
    assert.deepEqual(s.pools[2]?.allocation, { policy: 'shared', channels: [{ key: 'web-us' }, { key: 'retail-us' }] });
  });
});

describe('parseInventorySettings: one line per problem, all at once', () => {
  const cases: Array<{ name: string; raw: unknown; expected: RegExp[] }> = [
    {
      name: 'split shares over 100',
      raw: { pools: [splitPool({ channels: [{ key: 'web-de', policy: 'split', share: 70 }, { key: 'web-fr', policy: 'split', share: 40 }] })] },
      expected: [/^inventory\.pools\[0\] \("eu"\): the split shares add up to 110%: they must add up to 100 or less$/],
    },
    {
      name: 'mixed policies in one pool',
      raw: { pools: [splitPool({ channels: [{ key: 'web-de', policy: 'split', share: 60 }, { key: 'b2b', policy: 'priority', rank: 1 }] })] },
      expected: [/pools\[0\] \("eu"\): the pool mixes policies split \("web-de"\), priority \("b2b"\): all channels of one pool use the same policy/],
    },
    {
      name: 'a channel in two pools',
      raw: { pools: [splitPool(), { id: 'uk', marketplaceIds: [UK], channels: [{ key: 'web-de', policy: 'shared' }] }] },
      expected: [/pools\[1\] \("uk"\)\.channels\[0\] \("web-de"\): channel "web-de" is also in inventory\.pools\[0\] \("eu"\): a supply channel sells from one FBA pool/],
    },
    {
      name: 'a marketplace in two pools',
      raw: { pools: [splitPool(), { id: 'de-only', marketplaceIds: [DE], channels: [{ key: 'web-x', policy: 'shared' }] }] },
      expected: [/pools\[1\] \("de-only"\): marketplace A1PA6795UKMFR9 is also in inventory\.pools\[0\] \("eu"\)/],
    },
    {
      name: 'negative numbers',
      raw: { pools: [splitPool({ holdback: { units: -1 }, buffer: { percent: -5 }, channels: [{ key: 'b2b', policy: 'priority', rank: 1, cap: -3 }] })] },
      expected: [/holdback\.units: must not be negative$/, /buffer\.percent: must not be negative$/, /channels\[0\] \("b2b"\)\.cap: must not be negative$/],
    },
    {
      name: 'a negative notification window',
      raw: { pools: [splitPool()], notificationBatchSeconds: -1 },
      expected: [/^inventory\.notificationBatchSeconds: must not be negative \(0 syncs each notified SKU at once\)$/],
    },
    {
      name: 'a notification window over 30 seconds',
      raw: { pools: [splitPool()], notificationBatchSeconds: 90 },
      expected: [/^inventory\.notificationBatchSeconds: must be at most 30/],
    },
    {
      name: 'a negative busy-SKU wait',
      raw: { pools: [splitPool()], busySkuSeconds: -1 },
      expected: [/^inventory\.busySkuSeconds: must not be negative \(0 syncs a SKU each time it is notified\)$/],
    },
    {
      name: 'a busy-SKU wait over 30 seconds',
      raw: { pools: [splitPool()], busySkuSeconds: 31 },
      expected: [/^inventory\.busySkuSeconds: must be at most 30/],
    },
    {
      name: 'duplicate keys and ids',
      raw: { pools: [splitPool({ channels: [{ key: 'web-de', policy: 'split', share: 50 }, { key: 'web-de', policy: 'split', share: 50 }] }), splitPool({ marketplaceIds: [UK], channels: [{ key: 'web-uk', policy: 'shared' }] })] },
      expected: [/channels\[1\] \("web-de"\): channel "web-de" is listed twice in this pool: keep one entry/, /pools\[1\] \("eu"\): pool id "eu" is also used by inventory\.pools\[0\]: give each pool its own id/],
    },
    {
      name: 'a split channel without a share',
      raw: { pools: [splitPool({ channels: [{ key: 'web-de', policy: 'split', share: 60 }, { key: 'web-fr', policy: 'split' }] })] },
      expected: [/channels\[1\] \("web-fr"\): a split channel needs a share: set "share" to its percentage of the pool/],
    },
    {
      name: 'a priority channel without a rank, and two with the same rank',
      raw: { pools: [{ id: 'eu', marketplaceIds: [DE], channels: [{ key: 'a1', policy: 'priority' }, { key: 'b1', policy: 'priority', rank: 1 }, { key: 'c1', policy: 'priority', rank: 1 }] }] },
      expected: [/channels\[0\] \("a1"\): a priority channel needs a rank/, /channels\[2\] \("c1"\)\.rank: rank 1 is also channel "b1"'s/],
    },
    {
      name: 'settings that do not belong to the policy',
      raw: { pools: [{ id: 'eu', marketplaceIds: [DE], channels: [{ key: 'web-de', policy: 'shared', share: 50, cap: 3 }, { key: 'web-fr', policy: 'shared', rank: 2 }] }] },
      expected: [/channels\[0\] \("web-de"\)\.share: a share only applies to split channels/, /channels\[0\] \("web-de"\)\.cap: "cap" only applies to priority channels/, /channels\[1\] \("web-fr"\)\.rank: "rank" only applies to priority channels/],
    },
    {
      name: 'a buffer on a channel, and "order" instead of rank',
      raw: { pools: [{ id: 'eu', marketplaceIds: [DE], channels: [{ key: 'web-de', policy: 'priority', rank: 1, buffer: { units: 2 }, order: 1 }] }] },
      expected: [/channels\[0\] \("web-de"\)\.buffer: the buffer is set per pool, not per channel: move it to inventory\.pools\[0\] \("eu"\)\.buffer/, /\.order: priority order is set with "rank"/],
    },
    {
      name: 'holdback and buffer keeping more than the whole pool',
      raw: { pools: [splitPool({ holdback: { percent: 60 }, buffer: { percent: 50 } })] },
      expected: [/holdback\.percent and buffer\.percent together keep back 110% of the pool/],
    },
    {
      name: 'wrong shapes and values',
      raw: {
        pools: [{ id: '', marketplaceIds: ['amazon.de'], holdback: { percent: 150 }, channels: [{ key: 'web de', policy: 'fair', share: 10.555 }], extra: 1 }],
        schedule: { incrementalMinutes: 0, fullSyncHourUtc: 24 }, driftThresholdMinutes: 2.5, skuPattern: '[A-Z',
      },
      expected: [
        /pools\[0\]\.id: must not be empty/, /marketplaceIds\[0\]: does not look like an Amazon marketplace id/, /holdback\.percent: must be at most 100/,
        /channels\[0\] \("web de"\)\.key: is not a commercetools channel key/, /\.policy: must be "shared", "split" or "priority"/, /\.share: may have at most two decimals/,
        /pools\[0\]: unknown setting "extra"/, /schedule\.incrementalMinutes: must be at least 1/, /schedule\.fullSyncHourUtc: must be 0 to 23/,
        /driftThresholdMinutes: must be a whole number of minutes/, /skuPattern: the SKU pattern is not a valid regular expression/,
      ],
    },
    {
      name: 'a pool without channels or marketplaces',
      raw: { pools: [{ id: 'eu', marketplaceIds: [], channels: [] }, { id: 'uk' }] },
      expected: [/pools\[0\] \("eu"\)\.marketplaceIds: list at least one Amazon marketplace id/, /pools\[0\] \("eu"\)\.channels: list at least one supply channel/, /pools\[1\] \("uk"\)\.marketplaceIds: marketplaceIds is missing/, /pools\[1\] \("uk"\)\.channels: channels is missing/],
    },
    { name: 'not an object', raw: 'split', expected: [/^inventory: the inventory section must be an object$/] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = problems(c.raw);
      for (const re of c.expected) assert.ok(got.some((line) => re.test(line)), `no line matches ${re}:\n${got.join('\n')}`);
      assert.equal(got.length, c.expected.length, `one line per problem, got:\n${got.join('\n')}`);
    });
  }
});
