import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { seedInventoryEntries } from '../../src/demo/seeders/inventory-seeder.js';
import type { InventoryEntrySnapshot, ListEntriesOptions } from '../../src/ports/commercetools-inventory.js';
import type { Result } from '../../src/domain/shared/result.js';
import { startInventoryTestProject, type InventoryTestProject } from './ct-inventory-test-project.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const skusFrom = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

describe('listEntries against the commercetools mock over HTTP', () => {
  let project: InventoryTestProject;
  let gateway: CommercetoolsInventoryGateway;
  const pools: string[] = [];
  let otherPool = '';
  let bulkPool = '';
  const skus = skusFrom('KTL', 12);

  before(async () => {
    project = await startInventoryTestProject();
    gateway = new CommercetoolsInventoryGateway(project.api);
    for (const key of ['fba-eu', 'fba-eu-brand-b', 'fba-uk']) pools.push(await project.createChannel(key));
    otherPool = await project.createChannel('warehouse-berlin');
    bulkPool = await project.createChannel('fba-bulk');
    const quantity = (sku: string, channelId: string) => Number(sku.slice(-3)) + pools.indexOf(channelId) * 100;
    const seeded = await seedInventoryEntries(project.api, { skus, supplyChannelIds: pools, quantity, concurrency: 8 });
    assert.deepEqual(seeded, { created: 36, existing: 0 });
    // Entries of a channel not asked for, with the same SKUs: must never show up.
    await seedInventoryEntries(project.api, { skus, supplyChannelIds: [otherPool], quantity: 1 });
  });
  after(() => project.close());

  async function listAll(channelIds: readonly string[], options: Omit<ListEntriesOptions, 'cursor'>) {
    const entries: InventoryEntrySnapshot[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = value(await gateway.listEntries(channelIds, { ...options, ...(cursor ? { cursor } : {}) }));
      assert.ok(page.entries.length <= options.pageSize, 'never more than pageSize');
      entries.push(...page.entries);
      pageSizes.push(page.entries.length);
      cursor = page.cursor;
    } while (cursor && pageSizes.length < 100);
    return { entries, pageSizes };
  }

  it('pages through every entry of the channels in id order, each once, across more than two pages', async () => {
    const { entries, pageSizes } = await listAll(pools, { pageSize: 10 });
    assert.deepEqual(pageSizes, [10, 10, 10, 6]);
    assert.equal(new Set(entries.map((e) => e.id)).size, 36, 'no repeats');
    assert.deepEqual(entries.map((e) => e.id), [...entries.map((e) => e.id)].sort(), 'ordered by id');
    assert.ok(entries.every((e) => pools.includes(e.supplyChannelId)), 'only the channels asked for');
    const pairs = entries.map((e) => `${e.sku}@${pools.indexOf(e.supplyChannelId)}`).sort();
    assert.deepEqual(pairs, skus.flatMap((sku) => [0, 1, 2].map((i) => `${sku}@${i}`)).sort());
    const sample = entries.find((e) => e.sku === 'KTL-007' && e.supplyChannelId === pools[2])!;
    assert.equal(sample.quantityOnStock, 207);
    assert.equal(sample.availableQuantity, 207);
    assert.equal(sample.version, 1);
    assert.match(sample.lastModifiedAt, /^\d{4}-\d{2}-\d{2}T/);
  });

  it('answers a page size of exactly the rest without an extra empty page', async () => {
    const { pageSizes } = await listAll([pools[0]!], { pageSize: 12 });
    assert.deepEqual(pageSizes, [12]);
  });

  it('sees an entry written mid-scan once, not again, and the write in it if its page comes later', async () => {
    const first = value(await gateway.listEntries(pools, { pageSize: 10 }));
    const touched = first.entries[0]!;
    const later = (await listAll(pools, { pageSize: 36 })).entries.at(-1)!;
    await gateway.setAvailableQuantity(touched, 50);
    const laterWritten = value(await gateway.setAvailableQuantity(later, 51));
    const rest: InventoryEntrySnapshot[] = [];
    let cursor = first.cursor;
    while (cursor) {
      const page = value(await gateway.listEntries(pools, { pageSize: 10, cursor }));
      rest.push(...page.entries);
      cursor = page.cursor;
    }
    assert.equal(rest.length, 26);
    assert.ok(!rest.some((e) => e.id === touched.id));
    assert.deepEqual(rest.at(-1), laterWritten);
  });

  it('narrows to the SKUs asked for, ignoring SKUs without entries', async () => {
    const wanted = ['KTL-003', 'KTL-010', 'KTL-001', 'NOPE-1', 'KTL-003'];
    const { entries, pageSizes } = await listAll(pools, { skus: wanted, pageSize: 4 });
    assert.deepEqual(pageSizes, [4, 4, 1]);
    assert.deepEqual([...new Set(entries.map((e) => e.sku))].sort(), ['KTL-001', 'KTL-003', 'KTL-010']);
    assert.equal(new Set(entries.map((e) => e.id)).size, 9);
  });

  it('reads a long SKU list in chunks, skipping chunks without entries, without losing or repeating any', async () => {
    const known = [...skusFrom('A', 100), ...skusFrom('C', 30)];
    await seedInventoryEntries(project.api, { skus: known, supplyChannelIds: [bulkPool], quantity: 2, concurrency: 16 });
    const asked = [...skusFrom('C', 30), ...skusFrom('B', 100), ...skusFrom('A', 100)];
    const { entries, pageSizes } = await listAll([bulkPool], { skus: asked, pageSize: 499 });
    // A-… fills the first chunk of 100; B-… (no entries) is skipped; C-… is the last page.
    assert.deepEqual(pageSizes, [100, 30]);
    assert.deepEqual(entries.map((e) => e.sku).sort(), [...known].sort());
  });

  it('answers an empty page for no SKUs or no channels', async () => {
    assert.deepEqual(value(await gateway.listEntries(pools, { skus: [], pageSize: 10 })), { entries: [] });
    assert.deepEqual(value(await gateway.listEntries([], { pageSize: 10 })), { entries: [] });
  });

  it('refuses a cursor from another listing or one it did not issue', async () => {
    const page = value(await gateway.listEntries(pools, { pageSize: 5 }));
    const elsewhere = await gateway.listEntries(pools, { pageSize: 5, skus: ['KTL-001'], cursor: page.cursor! });
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'InvalidCursor');
    const forged = await gateway.listEntries(pools, { pageSize: 5, cursor: Buffer.from('["x",0,"\\" or true"]').toString('base64url') });
    assert.equal(!forged.ok && forged.error.code, 'InvalidCursor');
  });

  it('seeds idempotently: a second seed creates only what is missing', async () => {
    const again = await seedInventoryEntries(project.api, { skus: [...skus, 'KTL-NEW'], supplyChannelIds: pools, quantity: 5 });
    assert.deepEqual(again, { created: 3, existing: 36 });
  });
});
