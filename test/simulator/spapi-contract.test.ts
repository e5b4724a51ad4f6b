// Contract: the simulator's answers validate against Amazon's official models (../shared/spapi-models,
// ajv with formats: date-time, int32 …), its paths are the models' paths, and its error texts equal
// those of Amazon's own sandbox examples (../shared/fixtures/spapi-examples). Skips, saying so, when
// ../shared is not there.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, type AmazonSimulatorOptions } from '../../src/simulator/index.js';
import {
  MODELS_DIR, MODELS_MISSING, OUTBOUND, US, explain, modelValidator, modelsAvailable, orderRequest, withHarness, type Answer, type Harness, type PackageJson, type ShipmentJson,
} from './sim-harness.js';

const OUT = 'fulfillmentOutbound_2020-07-01.json';
const INV = 'fbaInventory.json';
const EXAMPLES = fileURLToPath(new URL('../../../shared/fixtures/spapi-examples/fulfillmentOutbound_2020-07-01@0956094.examples.json', import.meta.url));

function conforms(answer: Answer, file: string, definition: string, what: string): void {
  const validate = modelValidator(file, definition);
  assert.ok(validate(answer.json), `${what} (HTTP ${answer.status}) does not conform to ${definition}: ${explain(validate)}\n${JSON.stringify(answer.json).slice(0, 400)}`);
}

function contract(name: string, fn: (h: Harness) => Promise<void>, options: Partial<AmazonSimulatorOptions> = {}): void {
  test(name, async (t: TestContext) => {
    if (!modelsAvailable) return t.skip(MODELS_MISSING);
    await withHarness(fn, options);
  });
}

contract('every answer of an order\'s life conforms to GetFulfillmentOrderResponse', async ({ sim, api }) => {
  await api.stock('MUG', 10);
  await api.stock('CUP', 1);
  await api.createOrder(orderRequest('K-1', [['MUG', 2], ['CUP', 1]], {
    notificationEmails: ['ops@example.com'], featureConstraints: [{ featureName: 'BLOCK_AMZL', featureFulfillmentPolicy: 'Required' }],
  }));
  await api.createOrder(orderRequest('K-2', [['CUP', 5]], { fulfillmentPolicy: 'FillAllAvailable' }));
  await api.createOrder(orderRequest('K-3', [['MUG', 99]]));
  await api.createOrder(orderRequest('K-4', [['MUG', 1]]));
  await api.cancel('K-4');
  for (const [step, seconds] of [['Received', 0], ['Planning', 200], ['Processing', 45 * 60], ['shipped', 9 * 3600], ['delivered', 3 * 86400]] as const) {
    sim.advance(seconds);
    for (const id of ['K-1', 'K-2', 'K-3', 'K-4']) conforms(await api.getOrder(id), OUT, 'GetFulfillmentOrderResponse', `${id} at ${step}`);
  }
  const k1 = (await api.getOrder('K-1')).json.payload;
  assert.ok(k1.fulfillmentShipments.flatMap((s: ShipmentJson) => s.fulfillmentShipmentPackage ?? []).every((p: PackageJson) => p.carrierCode !== 'AMZL'), 'BLOCK_AMZL respected');
});

contract('create, cancel, status update, list and tracking answers conform', async ({ sim, api }) => {
  await api.stock('MUG', 100);
  const created = await api.createOrder(orderRequest('C-1', [['MUG', 1]]));
  conforms(created, OUT, 'CreateFulfillmentOrderResponse', 'create');
  conforms(await api.createOrder(orderRequest('C-1', [['MUG', 1]])), OUT, 'CreateFulfillmentOrderResponse', 'duplicate create');
  await api.createOrder(orderRequest('C-2', [['MUG', 1]]));
  conforms(await api.cancel('C-2'), OUT, 'CancelFulfillmentOrderResponse', 'cancel');
  conforms(await api.cancel('C-2'), OUT, 'CancelFulfillmentOrderResponse', 'second cancel');
  const update = await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/C-1/status`, { fulfillmentOrderStatus: 'Complete' });
  conforms(update, OUT, 'SubmitFulfillmentOrderStatusUpdateResponse', 'status update');

  for (let i = 0; i < 60; i++) await api.createOrder(orderRequest(`L-${i}`, [['MUG', 1]]));
  sim.advance(3 * 3600);
  let token: string | undefined;
  const seen: string[] = [];
  do {
    const page = await api.call('GET', `${OUTBOUND}/fulfillmentOrders?${token ? `nextToken=${encodeURIComponent(token)}` : 'queryStartDate=2025-03-01T00:00:00Z'}`);
    conforms(page, OUT, 'ListAllFulfillmentOrdersResponse', 'list page');
    seen.push(...page.json.payload.fulfillmentOrders.map((o: { sellerFulfillmentOrderId: string }) => o.sellerFulfillmentOrderId));
    token = page.json.payload.nextToken;
  } while (token);
  assert.equal(seen.length, 62);
  assert.equal(new Set(seen).size, 62, 'each order once across pages');

  const pkg = (await api.getOrder('C-1')).json.payload.fulfillmentShipments[0].fulfillmentShipmentPackage[0];
  conforms(await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${pkg.packageNumber}`), OUT, 'GetPackageTrackingDetailsResponse', 'tracking in transit');
  sim.advance(3 * 86400);
  conforms(await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${pkg.packageNumber}`), OUT, 'GetPackageTrackingDetailsResponse', 'tracking delivered');
  conforms(await api.call('GET', `${OUTBOUND}/tracking?packageNumber=1`), OUT, 'GetPackageTrackingDetailsResponse', 'unknown package');
});

contract('getFulfillmentPreview answers conform, fulfillable or not', async ({ api }) => {
  await api.stock('MUG', 3);
  const request = (qty: number, sku = 'MUG') => ({
    marketplaceId: US,
    address: { name: 'Jane', addressLine1: '1 Main St', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' },
    items: [{ sellerSku: sku, sellerFulfillmentOrderItemId: 'p-1', quantity: qty }],
  });
  const good = await api.call('POST', `${OUTBOUND}/fulfillmentOrders/preview`, request(1));
  conforms(good, OUT, 'GetFulfillmentPreviewResponse', 'preview');
  assert.equal(good.json.payload.fulfillmentPreviews.length, 3);
  assert.ok(good.json.payload.fulfillmentPreviews.every((p: { isFulfillable: boolean }) => p.isFulfillable));
  const short = await api.call('POST', `${OUTBOUND}/fulfillmentOrders/preview`, { ...request(5), shippingSpeedCategories: ['Standard'] });
  conforms(short, OUT, 'GetFulfillmentPreviewResponse', 'short preview');
  assert.deepEqual(short.json.payload.fulfillmentPreviews[0].unfulfillablePreviewItems[0].itemUnfulfillableReasons, ['InventoryUnavailable']);
  conforms(await api.call('POST', `${OUTBOUND}/fulfillmentOrders/preview`, request(1, 'NOPE')), OUT, 'GetFulfillmentPreviewResponse', 'unknown SKU preview');
});

contract('FBA Inventory answers conform: summaries with and without details, paged, and the sandbox operations', async ({ api }) => {
  const create = await api.call('POST', '/fba/inventory/v1/items', { sellerSku: 'S-0', marketplaceId: US, productName: 'Zero' });
  conforms(create, INV, 'CreateInventoryItemResponse', 'createInventoryItem');
  const add = await api.call('POST', '/fba/inventory/v1/items/inventory', { inventoryItems: [{ sellerSku: 'S-0', marketplaceId: US, quantity: 3 }] }, { 'x-amzn-idempotency-token': 'c-1' });
  conforms(add, INV, 'AddInventoryResponse', 'addInventory');
  for (let i = 1; i < 60; i++) await api.stock(`S-${i}`, i);
  await api.createOrder(orderRequest('INV-1', [['S-5', 2]]));
  const base = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`;
  for (const query of ['', '&details=true', '&details=true&sellerSkus=S-5,S-6', '&startDateTime=2025-01-01T00:00:00Z']) {
    const page = await api.call('GET', base + query);
    conforms(page, INV, 'GetInventorySummariesResponse', `summaries${query}`);
    if (page.json.pagination?.nextToken) {
      conforms(await api.call('GET', `${base}${query}&nextToken=${encodeURIComponent(page.json.pagination.nextToken)}`), INV, 'GetInventorySummariesResponse', 'second page');
    }
  }
  conforms(await api.call('GET', '/fba/inventory/v1/summaries'), INV, 'GetInventorySummariesResponse', 'missing parameters');
  conforms(await api.call('DELETE', `/fba/inventory/v1/items/S-0?marketplaceId=${US}`), INV, 'DeleteInventoryItemResponse', 'deleteInventoryItem');
});

contract('summaries with every detail moving conform, and so do their refusals (expired or foreign nextToken, too many SKUs)', async ({ sim, api }) => {
  for (let i = 0; i < 55; i++) await api.stock(`D-${String(i).padStart(2, '0')}`, 10);
  await api.createOrder(orderRequest('DC-1', [['D-01', 2]]));
  await api.admin('POST', '/inbound', { sellerSku: 'D-02', quantity: 5, arriveAfterSeconds: 3600 });
  await api.admin('POST', '/marketplace-sale', { sellerSku: 'D-03', quantity: 1 });
  for (const bucket of ['unfulfillable', 'researching', 'fcProcessing', 'pendingTransshipment']) {
    await api.admin('POST', '/inventory/adjust', { sellerSku: 'D-04', bucket, quantity: 1 });
  }
  sim.advance(1200);
  const base = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}&details=true&startDateTime=2025-03-03T08:00:00Z`;
  const first = await api.call('GET', base);
  conforms(first, INV, 'GetInventorySummariesResponse', 'details, startDateTime');
  const token = encodeURIComponent(first.json.pagination.nextToken);
  conforms(await api.call('GET', `${base}&nextToken=${token}`), INV, 'GetInventorySummariesResponse', 'second page');
  const foreign = await api.call('GET', `${base.replace('08:00', '07:00')}&nextToken=${token}`);
  assert.equal(foreign.status, 400);
  conforms(foreign, INV, 'GetInventorySummariesResponse', 'nextToken of another query');
  const tooMany = await api.call('GET', `${base}&sellerSkus=${Array.from({ length: 51 }, (_, i) => `X${i}`).join(',')}`);
  conforms(tooMany, INV, 'GetInventorySummariesResponse', '51 sellerSkus');
});

/** Real time as the simulator of the next test reads it (nextToken expiry), moved on by the test. */
let realOffset = 0;
contract('an expired nextToken is refused in the shape of the model', async ({ api }) => {
  for (let i = 0; i < 51; i++) await api.stock(`E-${i}`, 1);
  const base = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`;
  const token = encodeURIComponent((await api.call('GET', base)).json.pagination.nextToken);
  realOffset += 31_000;
  const expired = await api.call('GET', `${base}&nextToken=${token}`);
  assert.equal(expired.status, 400);
  conforms(expired, INV, 'GetInventorySummariesResponse', 'expired nextToken');
}, { realNow: () => Date.now() + realOffset });

contract('403 and 429 bodies conform to the models\' error list', async ({ api }) => {
  const res = await fetch(`${api.url}${OUTBOUND}/fulfillmentOrders/X`);
  conforms({ status: res.status, json: await res.json(), headers: res.headers }, OUT, 'GetFulfillmentOrderResponse', '403');
  const burst = await Promise.all(Array.from({ length: 3 }, () => api.call('GET', `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`)));
  const throttled = burst.find((a) => a.status === 429);
  assert.ok(throttled, 'burst 2 exceeded');
  conforms(throttled, INV, 'GetInventorySummariesResponse', '429');
}, { rateScale: 1 });

test('every simulated operation sits at the method and path of the official model', async (t) => {
  if (!modelsAvailable) return t.skip(MODELS_MISSING);
  const where = new Map<string, { method: string; path: string }>();
  for (const file of [OUT, INV, 'reports_2021-06-30.json', 'notifications.json']) {
    const model = JSON.parse(readFileSync(`${MODELS_DIR}/${file}`, 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
    for (const [path, ops] of Object.entries(model.paths)) {
      for (const [method, op] of Object.entries(ops)) if (op && typeof op === 'object' && op.operationId) where.set(op.operationId, { method: method.toUpperCase(), path });
    }
  }
  await withHarness(async ({ api }) => {
    for (const operation of OPERATIONS) {
      const at = where.get(operation);
      assert.ok(at, `${operation} is in the models`);
      const path = at.path.replace('{sellerFulfillmentOrderId}', 'ANY').replace('{sellerSku}', 'ANY').replace('{reportId}', 'ANY').replace('{reportDocumentId}', 'ANY')
        .replace('{notificationType}', 'FULFILLMENT_ORDER_STATUS').replace('{subscriptionId}', 'ANY').replace('{destinationId}', 'ANY');
      const answer = await api.call(at.method, path, at.method === 'GET' || at.method === 'DELETE' ? undefined : {});
      // An unknown report is NotFound too; an unrouted path says "Resource not found: <path>".
      assert.ok(!String(answer.json?.errors?.[0]?.message ?? '').startsWith('Resource not found'), `${operation}: ${at.method} ${path} is routed`);
    }
  });
});

test('error texts equal Amazon\'s own sandbox examples', async (t) => {
  if (!existsSync(EXAMPLES)) return t.skip('../shared/fixtures/spapi-examples is not there: comparison with Amazon\'s sandbox texts skipped');
  interface Example { kind: string; request: { parameters: Partial<Record<string, { value: never }>> }; response: unknown }
  const examples = (JSON.parse(readFileSync(EXAMPLES, 'utf8')) as { examples: Record<string, Record<string, Example[]>> }).examples;
  const example = (op: string, status: string, i = 0): Example => examples[op]![status]!.filter((e) => e.kind === 'sandbox-static')[i]!;
  const body = (e: Example): object => e.request.parameters.body!.value;
  const param = (e: Example, name: string): string => String(e.request.parameters[name]!.value);
  await withHarness(async ({ api }) => {
    await api.stock('CR-47K6-H6QN', 10);
    await api.stock('PSMM-TEST-SKU-Jan-21_19_59_44-0738', 10);

    const notFound = example('getFulfillmentOrder', '400');
    assert.deepEqual((await api.getOrder(param(notFound, 'sellerFulfillmentOrderId'))).json, notFound.response);

    const duplicate = example('createFulfillmentOrder', '400', 0);
    await api.createOrder(orderRequest('FBATestOrder-1', [['CR-47K6-H6QN', 1]]));
    assert.deepEqual((await api.createOrder(body(duplicate))).json, duplicate.response);

    const accepted = example('createFulfillmentOrder', '200');
    const create = await api.createOrder(body(accepted));
    assert.equal(create.status, 200);
    assert.deepEqual(create.json, accepted.response);

    const cancelTwice = example('cancelFulfillmentOrder', '400');
    const id = param(cancelTwice, 'sellerFulfillmentOrderId');
    assert.equal((await api.cancel(id)).status, 200);
    assert.deepEqual((await api.cancel(id)).json, cancelTwice.response);

    const preview = example('getFulfillmentPreview', '400');
    assert.deepEqual((await api.call('POST', `${OUTBOUND}/fulfillmentOrders/preview`, body(preview))).json, preview.response);

    const list = example('listAllFulfillmentOrders', '400');
    assert.deepEqual((await api.call('GET', `${OUTBOUND}/fulfillmentOrders?queryStartDate=${param(list, 'queryStartDate')}`)).json, list.response);

    const tracking = example('getPackageTrackingDetails', '400');
    assert.deepEqual((await api.call('GET', `${OUTBOUND}/tracking?packageNumber=${param(tracking, 'packageNumber')}`)).json, tracking.response);
  });
});
