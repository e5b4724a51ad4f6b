import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommercetoolsOrderGateway } from '../../src/adapters/commercetools/ct-order-gateway.js';
import { CANCELLED_EXPORTED_ORDERS, FBA_MARKED_ORDERS } from '../../src/adapters/commercetools/ct-order-lister.js';
import { cancelOrder, createDemoOrder } from '../../src/demo/seeders/demo-catalogue.js';
import { systemClock } from '../../src/ports/clock.js';
import type { StorefrontOrder } from '../../src/domain/orders/storefront-order.js';
import type { Result } from '../../src/domain/shared/result.js';
import { anOrderSpec, startTestProject, type TestProject } from './ct-test-project.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.category} ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const sortKey = (o: StorefrontOrder) => `${o.lastModifiedAt}|${o.id}`;

describe('listOrdersModifiedSince against the commercetools mock over HTTP', () => {
  let project: TestProject;
  let gateway: CommercetoolsOrderGateway;
  const ids: string[] = [];
  let since = '';
  before(async () => {
    project = await startTestProject({ seed: true });
    gateway = new CommercetoolsOrderGateway(project.api, systemClock);
    const before = await createDemoOrder(project.api, anOrderSpec());
    await new Promise((resolve) => setTimeout(resolve, 5));
    since = new Date(Date.parse(before.lastModifiedAt) + 1).toISOString();
    // Ties on lastModifiedAt (same millisecond) cannot be forced over HTTP; ct-order-plans.test.ts
    // checks the tie-break in the predicate itself.
    for (let i = 0; i < 7; i++) ids.push((await createDemoOrder(project.api, anOrderSpec({ fulfillmentChannel: i % 2 ? 'FBA' : undefined }))).id);
  });
  after(() => project.server.close());

  it('pages through every order modified since the watermark, oldest first, with no repeats', async () => {
    const seen: StorefrontOrder[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = value(await gateway.listOrdersModifiedSince(since, cursor, 2));
      assert.ok(page.orders.length <= 2);
      seen.push(...page.orders);
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    assert.equal(pages, 4, '7 orders in pages of 2, the last page without a cursor');
    assert.deepEqual([...seen.map((o) => o.id)].sort(), [...ids].sort(), 'exactly the orders since the watermark');
    assert.deepEqual(seen.map(sortKey), [...seen.map(sortKey)].sort(), 'ordered by (lastModifiedAt, id)');
    assert.equal(seen[0]?.lineItems[0]?.supplyChannelKey, 'fba-eu', 'listed orders are mapped like single reads');
  });

  it('sees an order again, later in the scan, when it is modified mid-scan', async () => {
    const first = value(await gateway.listOrdersModifiedSince(since, undefined, 3));
    const touched = first.orders[0]!;
    await new Promise((resolve) => setTimeout(resolve, 2));
    const updated = value(await gateway.writeShipments(touched.id, touched.version, { deliveries: [], parcels: [], shipmentState: 'Delayed' })).order;
    const rest: StorefrontOrder[] = [];
    let cursor = first.cursor;
    while (cursor) {
      const page = value(await gateway.listOrdersModifiedSince(since, cursor, 3));
      rest.push(...page.orders);
      cursor = page.cursor;
    }
    const again = rest.filter((o) => o.id === touched.id);
    assert.deepEqual(again.map((o) => o.version), [updated.version]);
  });

  it('narrows the sweep with a predicate: FBA-marked orders, exported orders later cancelled', async () => {
    const marked = value(await gateway.listOrdersModifiedSinceWhere(since, FBA_MARKED_ORDERS, undefined, 50));
    assert.equal(marked.orders.length, 3);
    assert.ok(marked.orders.every((o) => o.fields.fulfillmentChannel === 'FBA'));

    const exported = value(await gateway.getOrder(ids[5]!))!;
    const recorded = value(await gateway.recordFbaState(exported.id, exported.version, { sellerFulfillmentOrderId: 'FBA-C1', fbaStatus: 'RECEIVED' }));
    await cancelOrder(project.api, recorded.id);
    await cancelOrder(project.api, ids[6]!); // cancelled, never exported: not the bridge's business
    const cancelled = value(await gateway.listOrdersModifiedSinceWhere(since, CANCELLED_EXPORTED_ORDERS, undefined, 50));
    assert.deepEqual(cancelled.orders.map((o) => o.id), [exported.id]);
  });

  it('refuses a watermark or cursor it cannot trust, and passes commercetools\' 400 on as permanent', async () => {
    const badSince = await gateway.listOrdersModifiedSince('yesterday-ish', undefined, 10);
    assert.ok(!badSince.ok && badSince.error.category === 'permanent');
    const badCursor = await gateway.listOrdersModifiedSince(since, 'WyIiKSBvciAoMT0xIiwiIl0', 10);
    assert.ok(!badCursor.ok && badCursor.error.code === 'InvalidCursor');
    const badPredicate = await gateway.listOrdersModifiedSinceWhere(since, 'orderState === ', undefined, 10);
    assert.ok(!badPredicate.ok);
    assert.equal(badPredicate.error.category, 'permanent');
    assert.equal(badPredicate.error.status, 400);
    assert.ok(badPredicate.error.message.length > 0);
  });

  it('reports an unreachable commercetools as retryable', async () => {
    const other = await startTestProject({ seed: false });
    const unreachable = new CommercetoolsOrderGateway(other.api, systemClock);
    await other.server.close();
    const result = await unreachable.getOrder(ids[0]!);
    assert.ok(!result.ok);
    assert.equal(result.error.category, 'retryable');
    assert.equal(result.error.code, 'NetworkError');
  });
});
