// The inventory index answers inventory-entry queries exactly as commercetools-mock does on its own:
// two mocks hold the same entries (same ids, versions, timestamps), one with the index, and every
// query shape the inventory gateway sends — and some it does not — gets the same answer from both
// (results in order, count, total, offset, limit, expand), also after updates (a SKU or a supply
// channel changed), deletes and new entries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel, InventoryEntry } from '@commercetools/platform-sdk';
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { installInventoryIndex, skusNamedBy } from '../../src/demo/commercetools-mock/ct-mock-inventory-index.js';
import { channelKeysetOf } from '../../src/demo/commercetools-mock/ct-mock-inventory-channel-index.js';

const KEY = 'index-test';
type Params = Record<string, unknown>;
interface Repository { query(context: { projectKey: string }, params: Params): Promise<unknown> }

function channel(n: number): Channel {
  return { id: `c0000000-0000-4000-8000-00000000000${n}`, version: 1, key: `ch-${n}`, roles: ['InventorySupply'], createdAt: '2026-01-01T00:00:00.000Z', lastModifiedAt: '2026-01-01T00:00:00.000Z' } as Channel;
}

function entry(i: number, channelId: string | undefined, sku: string): InventoryEntry {
  // Ids not in creation order, so insertion order and id order differ.
  const id = `e${String((i * 7919) % 1000).padStart(4, '0')}-${i}`;
  return {
    id, version: 1 + (i % 3), sku, quantityOnStock: i % 11, availableQuantity: i % 11,
    createdAt: '2026-01-01T00:00:00.000Z', lastModifiedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    ...(channelId ? { supplyChannel: { typeId: 'channel' as const, id: channelId } } : {}),
  } as InventoryEntry;
}

async function twoMocks(): Promise<{ plain: CommercetoolsMock; indexed: CommercetoolsMock; both: (f: (m: CommercetoolsMock) => Promise<void>) => Promise<void> }> {
  const plain = new CommercetoolsMock({ defaultProjectKey: KEY, silent: true });
  const indexed = new CommercetoolsMock({ defaultProjectKey: KEY, silent: true });
  installInventoryIndex(indexed);
  const both = async (f: (m: CommercetoolsMock) => Promise<void>) => { await f(plain); await f(indexed); };
  const channels = [channel(1), channel(2), channel(3)];
  await both(async (m) => { for (const c of channels) await m.project(KEY).unsafeAdd('channel', c); });
  const entries: InventoryEntry[] = [];
  for (let i = 0; i < 120; i++) {
    // SKUs repeat across channels, some entries have no channel, one SKU has two entries in a channel.
    entries.push(entry(i, i % 10 === 9 ? undefined : channels[i % 3]!.id, `SKU-${String(Math.floor(i / 3) % 30).padStart(2, '0')}`));
  }
  await both(async (m) => { for (const e of entries) await m.project(KEY).unsafeAdd('inventory-entry', e); });
  return { plain, indexed, both };
}

const repository = (m: CommercetoolsMock): Repository => m.project(KEY).getRepository('inventory-entry') as unknown as Repository;

const C1 = channel(1).id;
const C2 = channel(2).id;
const C3 = channel(3).id;
const SHAPES: Array<[string, Params]> = [
  ['the gateway\'s batch lookup', { where: ['supplyChannel(id in :channels)', 'sku in :skus'], 'var.channels': [C1, C2], 'var.skus': ['SKU-03', 'SKU-07', 'SKU-29', 'NONE'], sort: 'id asc', limit: 4 }],
  ['the batch lookup resumed after an id', { where: ['supplyChannel(id in :channels)', 'sku in :skus', 'id > :after'], 'var.channels': [C1, C2], 'var.skus': ['SKU-03', 'SKU-07', 'SKU-29'], 'var.after': 'e3', sort: 'id asc', limit: 500 }],
  ['one SKU as a single variable', { where: ['supplyChannel(id in :channels)', 'sku in :skus'], 'var.channels': C1, 'var.skus': 'SKU-04', sort: 'id asc', limit: 10 }],
  ['the gateway\'s look before a create', { where: 'sku = :sku and supplyChannel(id = :channel)', 'var.sku': 'SKU-05', 'var.channel': C2, limit: 1 }],
  ['a channel scan without SKUs', { where: ['supplyChannel(id in :channels)', 'id > :after'], 'var.channels': [C1, C2], 'var.after': 'e5', sort: 'id asc', limit: 7 }],
  ['the gateway\'s channel scan, first page', { where: ['supplyChannel(id in :channels)'], 'var.channels': [C1, C2, C3], sort: 'id asc', limit: 7 }],
  ['the channel scan resumed, past the last page', { where: ['supplyChannel(id in :channels)', 'id > :after'], 'var.channels': [C1, C3], 'var.after': 'e0500', sort: 'id asc', limit: 500 }],
  ['the channel scan resumed after an id of another channel', { where: ['id > :after', 'supplyChannel(id in :channels)'], 'var.channels': [C3, C3], 'var.after': 'e0310-30', sort: ['id asc'], limit: 6 }],
  ['the channel scan after every id', { where: ['supplyChannel(id in :channels)', 'id > :after'], 'var.channels': [C1], 'var.after': 'zzz', sort: 'id asc', limit: 5 }],
  ['one channel as a single variable, an offset, the default limit', { where: 'supplyChannel(id in :channels)', 'var.channels': C2, sort: 'id', offset: 3 }],
  ['one channel by =', { where: ['supplyChannel(id = :channel)', 'id > :after'], 'var.channel': C1, 'var.after': 'e0200', sort: 'id asc', limit: 4 }],
  ['= with a list, which matches nothing', { where: 'supplyChannel(id = :channel)', 'var.channel': [C1], sort: 'id asc' }],
  ['a channel scan with another clause', { where: ['supplyChannel(id in :channels)', 'quantityOnStock > 4'], 'var.channels': [C1, C2], sort: 'id asc', limit: 6 }],
  ['a channel scan sorted otherwise', { where: ['supplyChannel(id in :channels)', 'id > :after'], 'var.channels': [C1, C2], 'var.after': 'e0300', sort: 'sku desc', limit: 6 }],
  ['a channel scan sorted by id descending', { where: 'supplyChannel(id in :channels)', 'var.channels': [C2], sort: 'id desc', limit: 6 }],
  ['a channel scan with expand', { where: 'supplyChannel(id in :channels)', 'var.channels': [C3], sort: 'id asc', limit: 3, expand: ['supplyChannel'] }],
  ['no predicate, the storage\'s order, offset', { offset: 5, limit: 9 }],
  ['a sort with ties, offset past the matches', { where: 'sku in :skus', 'var.skus': ['SKU-01', 'SKU-02', 'SKU-03'], sort: 'sku desc', offset: 2, limit: 3 }],
  ['an OR the index must not narrow', { where: 'sku = :sku and quantityOnStock = 3 or quantityOnStock = 4', 'var.sku': 'SKU-01' }],
  ['expand', { where: 'sku in :skus', 'var.skus': ['SKU-10'], expand: ['supplyChannel'] }],
];

describe('commercetools-mock inventory index', () => {
  it('answers every query shape exactly as the mock does, also after updates and deletes', async () => {
    const { plain, indexed, both } = await twoMocks();
    const compare = async (stage: string) => {
      for (const [name, params] of SHAPES) {
        const expected = await repository(plain).query({ projectKey: KEY }, { ...params });
        const actual = await repository(indexed).query({ projectKey: KEY }, { ...params });
        assert.deepEqual(actual, expected, `${stage}: ${name}`);
      }
    };
    await compare('as created');
    // Sanity: the shapes do find entries, so equality is not vacuous.
    const found = (await repository(indexed).query({ projectKey: KEY }, { ...SHAPES[0]![1] })) as { total: number };
    assert.ok(found.total > 0);

    // An update that changes an entry's SKU, one that moves an entry to another channel and one that
    // takes its channel away, a delete, an entry stored again after its delete, and new entries.
    const moved = entry(7, C1, 'SKU-03');
    const gone = entry(12, C1, 'SKU-04');
    await both(async (m) => {
      await m.project(KEY).unsafeAdd('inventory-entry', { ...moved, version: 9, sku: 'SKU-29' });
      await m.project(KEY).unsafeAdd('inventory-entry', { ...entry(8, C3, 'SKU-02'), supplyChannel: { typeId: 'channel', id: C2 } });
      const { supplyChannel: _dropped, ...channelless } = entry(10, C2, 'SKU-03');
      await m.project(KEY).unsafeAdd('inventory-entry', channelless);
      await m.project(KEY).getRepository('inventory-entry').delete({ projectKey: KEY }, entry(9, undefined, '').id);
      await m.project(KEY).getRepository('inventory-entry').delete({ projectKey: KEY }, gone.id);
      await m.project(KEY).unsafeAdd('inventory-entry', { ...gone, sku: 'SKU-07' });
    });
    await compare('after updates and deletes');
    await both(async (m) => { for (let i = 120; i < 126; i++) await m.project(KEY).unsafeAdd('inventory-entry', entry(i, [C1, C2, C3][i % 3]!, 'SKU-40')); });
    await compare('after new entries');
  });

  it('leaves stored entries untouched by an expanding query', async () => {
    const { indexed } = await twoMocks();
    await repository(indexed).query({ projectKey: KEY }, { where: 'sku in :skus', 'var.skus': ['SKU-10'], expand: ['supplyChannel'] });
    const again = (await repository(indexed).query({ projectKey: KEY }, { where: 'sku in :skus', 'var.skus': ['SKU-10'] })) as { results: Array<{ supplyChannel?: { obj?: unknown } }> };
    assert.ok(again.results.length > 0);
    assert.ok(again.results.every((r) => r.supplyChannel?.obj === undefined));
  });

  it('narrows only predicates that are an AND with the SKU', () => {
    assert.deepEqual(skusNamedBy(['supplyChannel(id in :channels)', 'sku in :skus'], { 'var.skus': ['A', 'B'] }), ['A', 'B']);
    assert.deepEqual(skusNamedBy('sku = :sku and supplyChannel(id = :channel)', { 'var.sku': 'A' }), ['A']);
    assert.equal(skusNamedBy('sku = :sku or quantityOnStock = 1', { 'var.sku': 'A' }), undefined);
    assert.equal(skusNamedBy('sku = :sku and a = 1 or b = 2', { 'var.sku': 'A' }), undefined);
    assert.equal(skusNamedBy('sku in :skus', {}), undefined);
    assert.equal(skusNamedBy(undefined, {}), undefined);
  });

  it('lists by channel from the index only whole channels in id order', () => {
    assert.deepEqual(channelKeysetOf({ where: ['supplyChannel(id in :c)', 'id > :a'], 'var.c': ['X', 'Y', 'X'], 'var.a': 'e1', sort: 'id asc', limit: 500 }),
      { channels: ['X', 'Y'], after: 'e1', offset: 0, limit: 500 });
    assert.deepEqual(channelKeysetOf({ where: 'supplyChannel(id = :c)', 'var.c': 'X', sort: ['id'] }), { channels: ['X'], after: undefined, offset: 0, limit: 20 });
    assert.equal(channelKeysetOf({ where: ['supplyChannel(id in :c)', 'quantityOnStock > 1'], 'var.c': ['X'], sort: 'id asc' }), undefined);
    assert.equal(channelKeysetOf({ where: 'supplyChannel(id in :c) or id > :a', 'var.c': ['X'], 'var.a': 'e', sort: 'id asc' }), undefined);
    assert.equal(channelKeysetOf({ where: ['supplyChannel(id in :c)', 'supplyChannel(id in :d)'], 'var.c': ['X'], 'var.d': ['Y'], sort: 'id asc' }), undefined);
    assert.equal(channelKeysetOf({ where: 'supplyChannel(id in :c)', 'var.c': ['X'], sort: ['id asc', 'sku asc'] }), undefined);
    assert.equal(channelKeysetOf({ where: 'supplyChannel(id in :c)', 'var.c': ['X'] }), undefined);
    assert.equal(channelKeysetOf({ where: 'supplyChannel(id in :c)', 'var.c': [1], sort: 'id asc' }), undefined);
  });
});
