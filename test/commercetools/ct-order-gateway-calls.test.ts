// What an export and a tracking look cost in commercetools calls: the gateway remembers orders by version (an order at a
// version never changes) and the bridge's own type for a while, so getOrder → recordFbaState is one read
// and one write; a version that moved meanwhile is still refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsOrderGateway } from '../../src/adapters/commercetools/ct-order-gateway.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-catalogue.js';
import { Secret } from '../../src/config/secret.js';
import { anOrderSpec, startTestProject, type TestProject } from './ct-test-project.js';

const clock = { now: () => new Date('2025-03-14T09:26:53.000Z') };

describe('CommercetoolsOrderGateway: calls per export', () => {
  let project: TestProject;
  let calls: string[];
  let gateway: CommercetoolsOrderGateway;
  before(async () => {
    project = await startTestProject({ seed: true });
    const counted = createCommercetoolsApi(
      { projectKey: 'fba-bridge-test', clientId: 'test-client', clientSecret: new Secret('test-secret'), authUrl: project.server.authUrl, apiUrl: project.server.apiUrl, scopes: ['manage_project:fba-bridge-test'], timeoutMs: 5_000 },
      undefined,
      (operation) => { if (!operation.includes('oauth')) calls.push(operation); },
    );
    gateway = new CommercetoolsOrderGateway(counted, clock);
  });
  after(() => project.server.close());

  async function exportOnce(): Promise<void> {
    const created = await createDemoOrder(project.api, anOrderSpec());
    const read = await gateway.getOrder(created.id);
    assert.ok(read.ok && read.value);
    const written = await gateway.recordFbaState(created.id, read.value.version, { sellerFulfillmentOrderId: `x-${created.id}`, fbaStatus: 'RECEIVED' });
    assert.ok(written.ok, written.ok ? '' : written.error.message);
  }

  it('after the first export (which also reads the export channel), each costs one read and one write', async () => {
    calls = [];
    await exportOnce();
    assert.ok(calls.includes('GET channels/key={key}'), calls.join(', '));
    calls = [];
    await exportOnce();
    assert.deepEqual(calls, ['GET orders/{id}', 'POST orders/{id}']);
  });

  it('a tracking look writes deliveries, parcels, shipment state and FBA record with one read and one write', async () => {
    await exportOnce();
    const created = await createDemoOrder(project.api, anOrderSpec());
    calls = [];
    const read = await gateway.getOrder(created.id);
    assert.ok(read.ok && read.value);
    const line = read.value.lineItems[0]!;
    const written = await gateway.writeShipments(created.id, read.value.version, {
      deliveries: [{ key: `S-${created.id}`, items: [{ lineItemId: line.id, quantity: line.quantity }], parcels: [{ key: `S-${created.id}-1`, carrier: 'DHL', trackingId: 'T1' }, { key: `S-${created.id}-2`, carrier: 'DHL' }] }],
      parcels: [], shipmentState: 'Shipped', fbaRecord: { sellerFulfillmentOrderId: `z-${created.id}`, fbaStatus: 'Complete' },
    });
    assert.ok(written.ok && !written.value.recordProblem, written.ok ? '' : written.error.message);
    assert.deepEqual(calls, ['GET orders/{id}', 'POST orders/{id}']);
    assert.deepEqual([written.value.order.shipmentState, written.value.order.fields.fbaStatus, written.value.order.deliveries[0]?.parcels.length], ['Shipped', 'Complete', 2]);
  });

  it('a version the order has left is refused as a concurrent modification, not written', async () => {
    const created = await createDemoOrder(project.api, anOrderSpec());
    const read = await gateway.getOrder(created.id);
    assert.ok(read.ok && read.value);
    // Someone else changes the order after the bridge read it.
    await project.api.orders().withId({ ID: created.id }).post({ body: { version: read.value.version, actions: [{ action: 'setCustomerEmail', email: 'other@example.com' }] } }).execute();
    const written = await gateway.recordFbaState(created.id, read.value.version, { sellerFulfillmentOrderId: `y-${created.id}`, fbaStatus: 'RECEIVED' });
    assert.equal(written.ok, false);
    assert.ok(!written.ok && written.error.code === 'ConcurrentModification', !written.ok ? written.error.code : '');
  });

  it('an OrderCreated payload (shipping method not expanded) maps once a read taught the method key, with no call', async () => {
    const created = await createDemoOrder(project.api, anOrderSpec());
    assert.ok(created.shippingInfo?.shippingMethod && !created.shippingInfo.shippingMethod.obj, 'the create answer carries a bare reference, as a message does');
    const fresh = new CommercetoolsOrderGateway(createCommercetoolsApi(
      { projectKey: 'fba-bridge-test', clientId: 'test-client', clientSecret: new Secret('test-secret'), authUrl: project.server.authUrl, apiUrl: project.server.apiUrl, scopes: ['manage_project:fba-bridge-test'], timeoutMs: 5_000 },
    ), clock);
    assert.equal(fresh.orderFromMessage(created), undefined, 'the method key is not known yet');
    const read = await fresh.getOrder(created.id);
    assert.ok(read.ok && read.value?.shippingMethodKey);
    const mapped = fresh.orderFromMessage(created);
    assert.equal(mapped?.id, created.id);
    assert.equal(mapped?.shippingMethodKey, read.value.shippingMethodKey);
    assert.equal(fresh.orderFromMessage({ hello: 'world' }), undefined);
    assert.equal(fresh.orderFromMessage({ id: 'x', version: 1, orderState: 'Open', lineItems: 'not a list' }), undefined);
  });
});
