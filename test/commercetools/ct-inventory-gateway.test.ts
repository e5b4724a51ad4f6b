import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import type { InventoryEntrySnapshot } from '../../src/ports/commercetools-inventory.js';
import type { Failure, Result } from '../../src/domain/shared/result.js';
import { startInventoryTestProject, type InventoryTestProject } from './ct-inventory-test-project.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failureOf(result: Result<unknown>): Failure {
  if (result.ok) assert.fail(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('CommercetoolsInventoryGateway against the commercetools mock over HTTP', () => {
  let project: InventoryTestProject;
  let gateway: CommercetoolsInventoryGateway;
  let euPool = '';
  let ukPool = '';
  before(async () => {
    project = await startInventoryTestProject();
    gateway = new CommercetoolsInventoryGateway(project.api);
    euPool = await project.createChannel('fba-eu');
    ukPool = await project.createChannel('fba-uk');
    await project.createChannel('warehouse-berlin');
  });
  after(() => project.close());

  /** The entry as commercetools holds it now, read through the port. */
  async function readBack(sku: string, channelId: string): Promise<InventoryEntrySnapshot> {
    const page = value(await gateway.listEntries([channelId], { skus: [sku], pageSize: 10 }));
    assert.equal(page.entries.length, 1, `one entry for ${sku} in ${channelId}`);
    return page.entries[0]!;
  }

  describe('channelsByKey', () => {
    it('resolves every key to its channel id', async () => {
      const channels = value(await gateway.channelsByKey(['fba-eu', 'fba-uk', 'fba-eu']));
      assert.deepEqual([...channels.entries()].sort(), [
        ['fba-eu', { id: euPool, key: 'fba-eu' }],
        ['fba-uk', { id: ukPool, key: 'fba-uk' }],
      ]);
    });

    it('fails permanently, naming every missing key, when a key does not exist', async () => {
      const error = failureOf(await gateway.channelsByKey(['fba-eu', 'fba-us', 'fba-jp']));
      assert.equal(error.category, 'permanent');
      assert.equal(error.code, 'ChannelNotFound');
      assert.match(error.message, /"fba-us", "fba-jp"/);
      assert.doesNotMatch(error.message, /"fba-eu"/);
    });

    it('answers an empty map for no keys, without asking', async () => {
      assert.equal(value(await gateway.channelsByKey([])).size, 0);
    });
  });

  describe('createEntry', () => {
    it('creates an entry whose whole stock is available', async () => {
      const created = value(await gateway.createEntry('KTL-1700-BLK', euPool, 6));
      assert.equal(created.sku, 'KTL-1700-BLK');
      assert.equal(created.supplyChannelId, euPool);
      assert.equal(created.quantityOnStock, 6);
      assert.equal(created.availableQuantity, 6);
      assert.deepEqual(await readBack('KTL-1700-BLK', euPool), created);
    });

    it('refuses a second entry for the same (sku, channel) with a retryable EntryExists, and creates nothing', async () => {
      const first = value(await gateway.createEntry('FRP-350-STL', euPool, 2));
      const error = failureOf(await gateway.createEntry('FRP-350-STL', euPool, 9));
      assert.equal(error.category, 'retryable');
      assert.equal(error.code, 'EntryExists');
      assert.match(error.message, new RegExp(first.id));
      assert.deepEqual(await readBack('FRP-350-STL', euPool), first, 'still one entry, unchanged');
      // The same SKU in another channel is another entry.
      assert.equal(value(await gateway.createEntry('FRP-350-STL', ukPool, 9)).availableQuantity, 9);
    });

    it("maps commercetools' own DuplicateField (another writer won the race) to EntryExists", async () => {
      project.refuseNextCreateAsDuplicate();
      const error = failureOf(await gateway.createEntry('GRN-BURR-01', euPool, 1));
      assert.equal(error.code, 'EntryExists');
      assert.equal(error.category, 'retryable');
      assert.equal(error.status, 400);
      assert.match(error.details ?? '', /DuplicateField/);
    });

    it('refuses a quantity that is not a whole number of units', async () => {
      for (const bad of [-1, 1.5, Number.NaN]) {
        const error = failureOf(await gateway.createEntry('MUG-CER-2PK', euPool, bad));
        assert.equal(error.code, 'InvalidInput');
      }
      assert.equal(value(await gateway.listEntries([euPool], { skus: ['MUG-CER-2PK'], pageSize: 10 })).entries.length, 0);
    });
  });

  describe('setAvailableQuantity', () => {
    it('sets an entry without reservations: quantityOnStock = availableQuantity = target, version bumped', async () => {
      const entry = value(await gateway.createEntry('BTL-750-INS', euPool, 10));
      const updated = value(await gateway.setAvailableQuantity(entry, 4));
      assert.equal(updated.availableQuantity, 4);
      assert.equal(updated.quantityOnStock, 4);
      assert.equal(updated.version, entry.version + 1);
      assert.deepEqual(await readBack('BTL-750-INS', euPool), updated);
    });

    it('keeps units reserved by orders reserved: quantityOnStock = target + reserved', async () => {
      const created = value(await gateway.createEntry('LNC-BOX-BMB', euPool, 10));
      await project.reserve(created.id, 3);
      const entry = await readBack('LNC-BOX-BMB', euPool);
      assert.deepEqual([entry.quantityOnStock, entry.availableQuantity], [10, 7]);

      const lowered = value(await gateway.setAvailableQuantity(entry, 5));
      assert.deepEqual([lowered.quantityOnStock, lowered.availableQuantity, lowered.version], [8, 5, entry.version + 1]);
      const raised = value(await gateway.setAvailableQuantity(lowered, 12));
      assert.deepEqual([raised.quantityOnStock, raised.availableQuantity, raised.version], [15, 12, entry.version + 2]);
      const emptied = value(await gateway.setAvailableQuantity(raised, 0));
      assert.deepEqual([emptied.quantityOnStock, emptied.availableQuantity], [3, 0], 'no units left to sell, the 3 still reserved');
      assert.deepEqual(await readBack('LNC-BOX-BMB', euPool), emptied);
    });

    it('answers a stale version with a retryable ConcurrentModification and writes nothing', async () => {
      const entry = value(await gateway.createEntry('YGA-MAT-6MM', euPool, 10));
      const moved = value(await gateway.setAvailableQuantity(entry, 8));
      const error = failureOf(await gateway.setAvailableQuantity(entry, 2));
      assert.equal(error.category, 'retryable');
      assert.equal(error.code, 'ConcurrentModification');
      assert.equal(error.status, 409);
      assert.deepEqual(await readBack('YGA-MAT-6MM', euPool), moved, 'the newer write stands');
    });

    it('answers an entry deleted since the read with a retryable EntryNotFound', async () => {
      const entry = value(await gateway.createEntry('HDP-BT-ANC', euPool, 3));
      await project.api.inventory().withId({ ID: entry.id }).delete({ queryArgs: { version: entry.version } }).execute();
      const error = failureOf(await gateway.setAvailableQuantity(entry, 1));
      assert.equal(error.category, 'retryable');
      assert.equal(error.code, 'EntryNotFound');
    });

    it('refuses a negative or fractional target without sending', async () => {
      const entry = value(await gateway.createEntry('CHG-USB-C65', euPool, 3));
      for (const bad of [-1, 0.5]) assert.equal(failureOf(await gateway.setAvailableQuantity(entry, bad)).code, 'InvalidInput');
      assert.equal((await readBack('CHG-USB-C65', euPool)).version, entry.version);
    });
  });
});
