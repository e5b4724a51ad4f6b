import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { FBA_EXPORT_CHANNEL_KEY, FBA_ORDER_TYPE_KEY } from '../../src/adapters/commercetools/ct-bridge-resources.js';
import type { SetupChange } from '../../src/ports/commercetools-orders.js';
import { startTestProject, type TestProject } from './ct-test-project.js';

const todo = (changes: readonly SetupChange[]) => changes.filter((c) => c.action !== 'exists').map((c) => `${c.action} ${c.resource} ${c.key}`);

describe('CommercetoolsProjectSetup against the commercetools mock over HTTP', () => {
  let project: TestProject;
  before(async () => {
    project = await startTestProject({ seed: false });
  });
  after(() => project.server.close());

  it('dry run lists what is missing and creates nothing; apply creates it; a second apply is a no-op', async () => {
    const setup = new CommercetoolsProjectSetup(project.api);

    const dry = await setup.ensureSetup(false);
    assert.ok(dry.ok);
    assert.deepEqual(todo(dry.value), [`create type ${FBA_ORDER_TYPE_KEY}`, `create channel ${FBA_EXPORT_CHANNEL_KEY}`]);
    const typesAfterDryRun = await project.api.types().get().execute();
    assert.equal(typesAfterDryRun.body.count, 0, 'a dry run must not create anything');

    const applied = await setup.ensureSetup(true);
    assert.ok(applied.ok);
    assert.deepEqual(todo(applied.value), todo(dry.value));
    const type = (await project.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute()).body;
    assert.deepEqual(type.resourceTypeIds, ['order']);
    assert.deepEqual(
      type.fieldDefinitions.map((f) => `${f.name}:${f.type.name}`),
      ['fulfillmentChannel:String', 'sellerFulfillmentOrderId:String', 'fbaStatus:String', 'fbaMessage:String'],
    );
    const channel = (await project.api.channels().withKey({ key: FBA_EXPORT_CHANNEL_KEY }).get().execute()).body;
    assert.deepEqual(channel.roles, ['OrderExport']);

    const again = await setup.ensureSetup(true);
    assert.ok(again.ok);
    assert.deepEqual(todo(again.value), []);
    assert.equal((await project.api.types().get().execute()).body.count, 1);
    assert.equal((await project.api.channels().get().execute()).body.count, 1, 'no duplicate channel (the mock would accept one)');
    assert.equal((await project.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute()).body.version, type.version);
  });

  it('adds only the missing fields to an existing type, keeping a merchant field of another type as it is', async () => {
    // Simulate an older or hand-made type: fulfillmentChannel as an enum, no FBA fields.
    const existing = (await project.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute()).body;
    await project.api.types().withId({ ID: existing.id }).delete({ queryArgs: { version: existing.version } }).execute();
    await project.api
      .types()
      .post({
        body: {
          key: FBA_ORDER_TYPE_KEY,
          name: { en: 'merchant-made' },
          resourceTypeIds: ['order'],
          fieldDefinitions: [
            {
              name: 'fulfillmentChannel',
              label: { en: 'Channel' },
              required: false,
              type: { name: 'Enum', values: [{ key: 'FBA', label: 'FBA' }, { key: 'SELF', label: 'Self' }] },
            },
            { name: 'fbaStatus', label: { en: 'Status' }, required: false, type: { name: 'String' } },
          ],
        },
      })
      .execute();
    const setup = new CommercetoolsProjectSetup(project.api);

    const dry = await setup.ensureSetup(false);
    assert.ok(dry.ok);
    assert.deepEqual(todo(dry.value), [
      `add-field field ${FBA_ORDER_TYPE_KEY}.sellerFulfillmentOrderId`,
      `add-field field ${FBA_ORDER_TYPE_KEY}.fbaMessage`,
    ]);
    const note = dry.value.find((c) => c.key === `${FBA_ORDER_TYPE_KEY}.fulfillmentChannel`);
    assert.match(note?.description ?? '', /Enum/);

    assert.ok((await setup.ensureSetup(true)).ok);
    const type = (await project.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute()).body;
    assert.deepEqual(
      type.fieldDefinitions.map((f) => `${f.name}:${f.type.name}`),
      ['fulfillmentChannel:Enum', 'fbaStatus:String', 'sellerFulfillmentOrderId:String', 'fbaMessage:String'],
    );
    const again = await setup.ensureSetup(true);
    assert.ok(again.ok);
    assert.deepEqual(todo(again.value), []);
  });

  // Only the dry run: the mock has no channel addRoles/setRoles action ("Invalid action"), so the
  // repair itself cannot be exercised here.
  it('reports an export channel that lacks the OrderExport role', async () => {
    const other = await startTestProject({ seed: false });
    try {
      await other.api.channels().post({ body: { key: FBA_EXPORT_CHANNEL_KEY, roles: ['InventorySupply'] } }).execute();
      const dry = await new CommercetoolsProjectSetup(other.api).ensureSetup(false);
      assert.ok(dry.ok);
      const channel = dry.value.find((c) => c.resource === 'channel');
      assert.equal(channel?.action, 'exists');
      assert.match(channel?.description ?? '', /lacks role OrderExport/);
    } finally {
      await other.server.close();
    }
  });
});
