// Stock moving in the simulated pool, as getInventorySummaries (details=true) reports it: orders
// reserve, ship and release; inbound shipments pass working → shipped → receiving → fulfillable; Amazon
// marketplace sales reserve and ship from the same pool; adjustments fill the unsellable buckets; and
// lastUpdatedTime follows every change startDateTime can detect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderRequest, summaryOf, withHarness } from './sim-harness.js';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');

test('details carry every part; an order reserves, shipping consumes, cancelling releases', () => withHarness(async ({ sim, api }) => {
  await api.stock('MUG', 10);
  const fresh = await summaryOf(api, 'MUG');
  assert.deepEqual(fresh.inventoryDetails, {
    fulfillableQuantity: 10, inboundWorkingQuantity: 0, inboundShippedQuantity: 0, inboundReceivingQuantity: 0,
    reservedQuantity: { totalReservedQuantity: 0, pendingCustomerOrderQuantity: 0, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
    researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
    unfulfillableQuantity: {
      totalUnfulfillableQuantity: 0, customerDamagedQuantity: 0, warehouseDamagedQuantity: 0, distributorDamagedQuantity: 0,
      carrierDamagedQuantity: 0, defectiveQuantity: 0, expiredQuantity: 0,
    },
  });
  assert.equal(fresh.lastUpdatedTime, at(0));

  sim.advance(60);
  await api.createOrder(orderRequest('D-1', [['MUG', 3]]));
  await api.createOrder(orderRequest('D-2', [['MUG', 2]]));
  let mug = await summaryOf(api, 'MUG');
  assert.equal(mug.inventoryDetails.fulfillableQuantity, 5);
  assert.deepEqual(mug.inventoryDetails.reservedQuantity, { totalReservedQuantity: 5, pendingCustomerOrderQuantity: 5, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 });
  assert.equal(mug.totalQuantity, 10);
  assert.equal(mug.lastUpdatedTime, at(60));

  sim.advance(60);
  assert.equal((await api.cancel('D-2')).status, 200);
  mug = await summaryOf(api, 'MUG');
  assert.equal(mug.inventoryDetails.fulfillableQuantity, 7, 'the cancelled order\'s units are back');
  assert.equal(mug.inventoryDetails.reservedQuantity.pendingCustomerOrderQuantity, 3);
  assert.equal(mug.lastUpdatedTime, at(120));

  sim.advance(10 * 3600);
  mug = await summaryOf(api, 'MUG');
  assert.equal(await api.status('D-1'), 'Complete');
  assert.equal(mug.inventoryDetails.fulfillableQuantity, 7);
  assert.equal(mug.inventoryDetails.reservedQuantity.totalReservedQuantity, 0, 'shipped units left the pool');
  assert.equal(mug.totalQuantity, 7);
  assert.ok(Date.parse(mug.lastUpdatedTime) > T0 + 120_000, 'shipping is a change');
}));

test('an inbound shipment passes working → shipped → receiving → fulfillable; only receipt is a detected change', () => withHarness(async ({ sim, api }) => {
  await api.stock('CUP', 4);
  const created = await api.admin('POST', '/inbound', { sellerSku: 'CUP', quantity: 12, arriveAfterSeconds: 4000 });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  assert.match(created.json.shipment.shipmentId, /^FBA15[A-Z0-9]{7}$/);
  assert.deepEqual(
    [created.json.shipment.stage, created.json.shipment.shippedDate, created.json.shipment.receivingDate, created.json.shipment.arrivalDate],
    ['WORKING', at(1000), at(3000), at(4000)],
  );
  const stages = async () => {
    const d = (await summaryOf(api, 'CUP')).inventoryDetails;
    return [d.inboundWorkingQuantity, d.inboundShippedQuantity, d.inboundReceivingQuantity, d.fulfillableQuantity];
  };
  assert.deepEqual(await stages(), [12, 0, 0, 4]);
  assert.equal((await summaryOf(api, 'CUP')).totalQuantity, 16, 'inbound units count in totalQuantity');
  sim.advance(1000);
  assert.deepEqual(await stages(), [0, 12, 0, 4]);
  sim.advance(2000);
  assert.deepEqual(await stages(), [0, 0, 12, 4]);
  assert.equal((await summaryOf(api, 'CUP')).lastUpdatedTime, at(0), 'inbound stages are not detected (the model says so)');
  sim.advance(1000);
  assert.deepEqual(await stages(), [0, 0, 0, 16]);
  assert.equal((await summaryOf(api, 'CUP')).lastUpdatedTime, at(4000));
  assert.deepEqual((await api.admin('GET', '/inventory')).json.inbound, [], 'closed shipments are no longer listed');

  const atOnce = await api.admin('POST', '/inbound', { sellerSku: 'CUP', quantity: 1, arriveAfterSeconds: 0 });
  assert.equal(atOnce.json.item.fulfillable, 17, 'arriveAfterSeconds 0 arrives at once');
  assert.equal((await api.admin('POST', '/inbound', { sellerSku: 'NOPE', quantity: 1, arriveAfterSeconds: 1 })).status, 400);
  assert.match((await api.admin('POST', '/inbound', { sellerSku: 'CUP', quantity: 0, arriveAfterSeconds: 1 })).json.error, /quantity/);
}));

test('a marketplace sale reserves from the same pool, ships 1–4 h later, and never sells what is not there', () => withHarness(async ({ sim, api }) => {
  await api.stock('PEN', 3);
  const sale = await api.admin('POST', '/marketplace-sale', { sellerSku: 'PEN', quantity: 2 });
  assert.equal(sale.status, 200);
  assert.equal(sale.json.sold, 2);
  assert.match(sale.json.sale.amazonOrderId, /^\d{3}-\d{7}-\d{7}$/);
  let pen = await summaryOf(api, 'PEN');
  assert.equal(pen.inventoryDetails.fulfillableQuantity, 1);
  assert.equal(pen.inventoryDetails.reservedQuantity.pendingCustomerOrderQuantity, 2);

  const greedy = await api.admin('POST', '/marketplace-sale', { sellerSku: 'PEN', quantity: 5 });
  assert.deepEqual([greedy.json.requested, greedy.json.sold], [5, 1], 'a customer gets what is fulfillable');
  const none = await api.admin('POST', '/marketplace-sale', { sellerSku: 'PEN', quantity: 1 });
  assert.deepEqual([none.json.sold, none.json.sale], [0, undefined]);

  const order = await api.createOrder(orderRequest('MS-1', [['PEN', 1]]));
  assert.equal(order.status, 200);
  assert.equal(await api.status('MS-1'), 'New', 'Amazon\'s own sales took the stock a storefront order wanted');

  sim.advance(4 * 3600 + 1);
  pen = await summaryOf(api, 'PEN');
  assert.deepEqual([pen.inventoryDetails.fulfillableQuantity, pen.inventoryDetails.reservedQuantity.totalReservedQuantity, pen.totalQuantity], [0, 0, 0]);
  const state = (await api.admin('GET', '/state')).json.counts;
  assert.deepEqual([state.unitsSoldOnMarketplace, state.pendingMarketplaceSales], [3, 0]);
}));

test('adjustments move units between fulfillable and the unsellable buckets', () => withHarness(async ({ sim, api }) => {
  await api.stock('BOX', 20);
  sim.advance(30);
  for (const [bucket, quantity] of [['unfulfillable', 2], ['researching', 3], ['fcProcessing', 4], ['pendingTransshipment', 5]] as const) {
    const answer = await api.admin('POST', '/inventory/adjust', { sellerSku: 'BOX', bucket, quantity });
    assert.equal(answer.json.moved, quantity, bucket);
  }
  let box = await summaryOf(api, 'BOX');
  const d = box.inventoryDetails;
  assert.equal(d.fulfillableQuantity, 6);
  assert.deepEqual(d.reservedQuantity, { totalReservedQuantity: 9, pendingCustomerOrderQuantity: 0, pendingTransshipmentQuantity: 5, fcProcessingQuantity: 4 });
  assert.deepEqual(d.researchingQuantity, { totalResearchingQuantity: 3, researchingQuantityBreakdown: [{ name: 'researchingQuantityInShortTerm', quantity: 3 }] });
  assert.equal(d.unfulfillableQuantity.totalUnfulfillableQuantity, 2);
  assert.equal(box.totalQuantity, 20);
  assert.equal(box.lastUpdatedTime, at(30));

  assert.equal((await api.admin('POST', '/inventory/adjust', { sellerSku: 'BOX', bucket: 'researching', quantity: -10 })).json.moved, -3, 'never more than the bucket holds');
  assert.equal((await api.admin('POST', '/inventory/adjust', { sellerSku: 'BOX', bucket: 'unfulfillable', quantity: 100 })).json.moved, 9, 'never more than is fulfillable');
  box = await summaryOf(api, 'BOX');
  assert.deepEqual([box.inventoryDetails.fulfillableQuantity, box.inventoryDetails.unfulfillableQuantity.totalUnfulfillableQuantity], [0, 11]);
  assert.equal((await api.admin('POST', '/inventory/adjust', { sellerSku: 'BOX', bucket: 'lost', quantity: 1 })).status, 400);
}));
