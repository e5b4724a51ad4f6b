import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiFulfillmentClient } from '../../src/adapters/amazon/sp-api-fulfillment-client.js';
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { CallPriority } from '../../src/ports/amazon-fulfillment.js';
import type { FbaOrderRequest } from '../../src/domain/orders/fba-order.js';
import { FakeAmazonServer, amazonError, clientOptions } from './fake-amazon-server.js';
import { FULFILLMENT_EXAMPLES, exampleBody, missing } from './spapi-examples.js';

const BASE = '/fba/outbound/2020-07-01';
const call = { priority: CallPriority.orderStandard };

const ORDER: FbaOrderRequest = {
  sellerFulfillmentOrderId: 'ct-7f3a9c-1',
  displayableOrderId: 'SHOP-10042',
  displayableOrderDate: '2025-11-28T09:00:00Z',
  displayableOrderComment: 'Thank you for your order',
  shippingSpeedCategory: 'Expedited',
  destinationAddress: {
    name: 'Erika Mustermann', addressLine1: 'Hauptstr. 5', city: 'Berlin', postalCode: '10115', countryCode: 'DE',
  },
  items: [
    { sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 2, perUnitDeclaredValue: { currencyCode: 'EUR', value: '12.50' } },
    { sellerSku: 'MUG-BLUE', sellerFulfillmentOrderItemId: 'li-2', quantity: 1, displayableComment: 'gift' },
  ],
  marketplaceId: 'A1PA6795UKMFR9',
  fulfillmentPolicy: 'FillOrKill',
  notificationEmails: ['erika@example.com'],
};

describe('SpApiFulfillmentClient', () => {
  let fake: FakeAmazonServer;
  let client: SpApiFulfillmentClient;
  before(async () => {
    fake = await FakeAmazonServer.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    client = new SpApiFulfillmentClient(clientOptions(fake));
  });

  describe('createFulfillmentOrder', () => {
    it('POSTs the 2020-07-01 request body and accepts Amazon\'s empty 200', async () => {
      fake.route('POST', `${BASE}/fulfillmentOrders`, () => ({ status: 200, body: {} }));
      const result = await client.createFulfillmentOrder(ORDER, call);
      assert.deepEqual(result, { ok: true, value: undefined });
      const sent = JSON.parse(fake.apiRequests[0]?.body ?? '') as unknown;
      assert.deepEqual(sent, {
        sellerFulfillmentOrderId: 'ct-7f3a9c-1',
        displayableOrderId: 'SHOP-10042',
        displayableOrderDate: '2025-11-28T09:00:00Z',
        displayableOrderComment: 'Thank you for your order',
        shippingSpeedCategory: 'Expedited',
        destinationAddress: { name: 'Erika Mustermann', addressLine1: 'Hauptstr. 5', postalCode: '10115', countryCode: 'DE', city: 'Berlin' },
        fulfillmentAction: 'Ship',
        items: [
          { sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 2, perUnitDeclaredValue: { currencyCode: 'EUR', value: '12.50' } },
          { sellerSku: 'MUG-BLUE', sellerFulfillmentOrderItemId: 'li-2', quantity: 1, displayableComment: 'gift' },
        ],
        marketplaceId: 'A1PA6795UKMFR9',
        fulfillmentPolicy: 'FillOrKill',
        notificationEmails: ['erika@example.com'],
      });
    });

    it('an answer with no body at all is success too', async () => {
      fake.route('POST', `${BASE}/fulfillmentOrders`, () => ({ status: 200 }));
      assert.ok((await client.createFulfillmentOrder(ORDER, call)).ok);
    });

    const refusals: Array<[string, ReturnType<typeof amazonError>, string]> = [
      ['duplicate id', amazonError(400, 'A create request already exists for MerchantFulfillmentOrderId : ct-7f3a9c-1'), 'DuplicateOrder'],
      ['unknown SKU', amazonError(400, 'the SellerSKU for Item Id: li-2 is invalid.'), 'InvalidSku'],
      ['missing country', amazonError(400, 'The request must contain the parameter Address.CountryCode.'), 'InvalidInput'],
    ];
    for (const [what, answer, code] of refusals) {
      it(`${what} → permanent ${code}, Amazon's words kept`, async () => {
        fake.route('POST', `${BASE}/fulfillmentOrders`, () => answer);
        const result = await client.createFulfillmentOrder(ORDER, call);
        assert.ok(!result.ok);
        assert.equal(result.error.category, 'permanent');
        assert.equal(result.error.code, code);
        assert.equal(result.error.message, (answer.body as { errors: Array<{ message: string }> }).errors[0]?.message);
      });
    }

    it('500 and 503 are retryable', async () => {
      for (const status of [500, 503]) {
        fake.route('POST', `${BASE}/fulfillmentOrders`, () => amazonError(status, 'We encountered an internal error. Please try again.', 'InternalFailure'));
        const result = await client.createFulfillmentOrder(ORDER, call);
        assert.ok(!result.ok && result.error.category === 'retryable' && result.error.code === 'ServerError');
      }
    });
  });

  describe('getFulfillmentOrder', () => {
    it('maps a full answer of the official model (UPPER-case sandbox statuses)', { skip: missing(FULFILLMENT_EXAMPLES) }, async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders/FBATestOrder-1`, () => ({
        status: 200, body: exampleBody(FULFILLMENT_EXAMPLES, 'getFulfillmentOrder', '200'),
      }));
      const result = await client.getFulfillmentOrder('FBATestOrder-1', call);
      assert.ok(result.ok);
      assert.deepEqual(result.value, {
        sellerFulfillmentOrderId: 'FBATestOrder-1',
        displayableOrderId: 'TestOrder-FBAOutbound',
        status: 'Processing',
        statusUpdatedDate: '2020-02-07T02:33:31Z',
        receivedDate: '2020-02-07T01:23:30Z',
        shippingSpeedCategory: 'Standard',
        items: [
          { sellerSku: 'PSMM-TEST-SKU-Jan-21_19_59_44-0738', sellerFulfillmentOrderItemId: 'OrderItemID2', quantity: 1, cancelledQuantity: 0, unfulfillableQuantity: 0 },
          { sellerSku: 'CR-47K6-H6QN', sellerFulfillmentOrderItemId: 'OrderItemID1', quantity: 3, cancelledQuantity: 0, unfulfillableQuantity: 0 },
        ],
        shipments: [{
          amazonShipmentId: 'DchKfcZ9N',
          fulfillmentCenterId: 'RNO1',
          status: 'PENDING',
          shippingDate: '2020-02-07T02:33:23Z',
          estimatedArrivalDate: '2020-02-07T02:33:23Z',
          items: [
            { sellerFulfillmentOrderItemId: 'OrderItemID2', quantity: 1, packageNumber: 0 },
            { sellerFulfillmentOrderItemId: 'OrderItemID1', quantity: 3, packageNumber: 0 },
          ],
          packages: [],
        }],
      });
    });

    it('maps PascalCase statuses, packages, string package numbers and missing quantities', async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders/ct-2`, () => ({
        status: 200,
        body: {
          payload: {
            fulfillmentOrder: {
              sellerFulfillmentOrderId: 'ct-2', displayableOrderId: 'SHOP-2', fulfillmentOrderStatus: 'CompletePartialled',
              shippingSpeedCategory: 'priority', statusUpdatedDate: '2025-11-20T10:00:00Z', receivedDate: '2025-11-19T10:00:00Z',
            },
            fulfillmentOrderItems: [{ sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 3, unfulfillableQuantity: 1 }],
            fulfillmentShipments: [{
              amazonShipmentId: 'S1', fulfillmentCenterId: 'BER3', fulfillmentShipmentStatus: 'Shipped',
              fulfillmentShipmentItem: [{ sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 2, packageNumber: '1001' }],
              fulfillmentShipmentPackage: [
                { packageNumber: '1001', carrierCode: 'DHL', trackingNumber: 'JJD000390007', estimatedArrivalDate: '2025-11-22T18:00:00Z' },
              ],
            }, {
              amazonShipmentId: 'S0', fulfillmentCenterId: 'BER3', fulfillmentShipmentStatus: 'CANCELLED_BY_FULFILLER',
              fulfillmentShipmentItem: [{ sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 2 }],
            }],
            returnItems: [], returnAuthorizations: [],
          },
        },
      }));
      const result = await client.getFulfillmentOrder('ct-2', call);
      assert.ok(result.ok && result.value);
      assert.equal(result.value.status, 'CompletePartialled');
      assert.equal(result.value.shippingSpeedCategory, 'Priority');
      assert.deepEqual(result.value.items, [{ sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: 'li-1', quantity: 3, cancelledQuantity: 0, unfulfillableQuantity: 1 }]);
      assert.deepEqual(result.value.shipments.map((s) => s.status), ['SHIPPED', 'CANCELLED_BY_FULFILLER']);
      assert.deepEqual(result.value.shipments[0]?.packages, [
        { packageNumber: 1001, carrierCode: 'DHL', trackingNumber: 'JJD000390007', estimatedArrivalDate: '2025-11-22T18:00:00Z' },
      ]);
      assert.equal(result.value.shipments[0]?.items[0]?.packageNumber, 1001);
      assert.deepEqual(result.value.shipments[1]?.packages, []);
    });

    it('an unknown order is ok(null), whether Amazon says 400 "not found" or 404', async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders/FBATestOrder-10`, () => amazonError(400, "Requested order 'FBATestOrder-10' not found"));
      assert.deepEqual(await client.getFulfillmentOrder('FBATestOrder-10', call), { ok: true, value: null });
      fake.route('GET', `${BASE}/fulfillmentOrders/gone`, () => amazonError(404, 'Resource not found.', 'NotFound'));
      assert.deepEqual(await client.getFulfillmentOrder('gone', call), { ok: true, value: null });
    });

    it('encodes the id in the path', async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders/a%20b%23c`, () => amazonError(404, 'Resource not found.', 'NotFound'));
      await client.getFulfillmentOrder('a b#c', call);
      assert.equal(fake.apiRequests[0]?.path, `${BASE}/fulfillmentOrders/a%20b%23c`);
    });

    it('a status the domain does not know is a permanent UnexpectedAnswer, not a guess', async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders/odd`, () => ({
        status: 200,
        body: { payload: { fulfillmentOrder: { sellerFulfillmentOrderId: 'odd', fulfillmentOrderStatus: 'Teleported', shippingSpeedCategory: 'Standard' }, fulfillmentOrderItems: [] } },
      }));
      const result = await client.getFulfillmentOrder('odd', call);
      assert.ok(!result.ok);
      assert.deepEqual([result.error.category, result.error.code], ['permanent', 'UnexpectedAnswer']);
      assert.match(result.error.message, /Teleported/);
    });
  });

  describe('listFulfillmentOrders', () => {
    it('maps the official example and passes queryStartDate and nextToken', { skip: missing(FULFILLMENT_EXAMPLES) }, async () => {
      const example = exampleBody(FULFILLMENT_EXAMPLES, 'listAllFulfillmentOrders', '200') as { payload: Record<string, unknown> };
      fake.route('GET', `${BASE}/fulfillmentOrders`, () => ({ status: 200, body: { payload: { ...example.payload, nextToken: 'page-2' } } }));
      const result = await client.listFulfillmentOrders('2020-01-01T00:00:00Z', 'page-1', call);
      assert.ok(result.ok);
      assert.deepEqual(result.value, {
        orders: [
          { sellerFulfillmentOrderId: '902-6018020-0202003', displayableOrderId: 'mws-test-query-20100713023203751', status: 'Received', statusUpdatedDate: '2020-01-21T21:07:30Z' },
          { sellerFulfillmentOrderId: '601-2020200-12345678', displayableOrderId: 'TestOrder-FBAOutbound', status: 'Complete', statusUpdatedDate: '2020-01-24T15:28:27Z' },
        ],
        nextToken: 'page-2',
      });
      const query = fake.apiRequests[0]?.query;
      assert.equal(query?.get('queryStartDate'), '2020-01-01T00:00:00Z');
      assert.equal(query?.get('nextToken'), 'page-1');
    });

    it('an empty page has no nextToken; an unknown status skips that order only', async () => {
      fake.route('GET', `${BASE}/fulfillmentOrders`, () => ({
        status: 200,
        body: { payload: { fulfillmentOrders: [
          { sellerFulfillmentOrderId: 'a', displayableOrderId: 'A', fulfillmentOrderStatus: 'Teleported', statusUpdatedDate: 'x' },
          { sellerFulfillmentOrderId: 'b', displayableOrderId: 'B', fulfillmentOrderStatus: 'planning', statusUpdatedDate: 'y' },
        ] } },
      }));
      const result = await client.listFulfillmentOrders('2025-01-01T00:00:00Z', undefined, call);
      assert.deepEqual(result, { ok: true, value: { orders: [{ sellerFulfillmentOrderId: 'b', displayableOrderId: 'B', status: 'Planning', statusUpdatedDate: 'y' }] } });
      assert.equal(fake.apiRequests[0]?.query.has('nextToken'), false);
    });
  });

  describe('cancelFulfillmentOrder', () => {
    it('PUTs …/cancel and accepts 200', async () => {
      fake.route('PUT', `${BASE}/fulfillmentOrders/ct-1/cancel`, () => ({ status: 200, body: {} }));
      assert.deepEqual(await client.cancelFulfillmentOrder('ct-1', call), { ok: true, value: undefined });
      assert.equal(fake.apiRequests[0]?.method, 'PUT');
    });

    it('a second cancel is NotCancellable; an unknown order OrderNotFound', async () => {
      fake.route('PUT', `${BASE}/fulfillmentOrders/FBATestOrder-11/cancel`, () =>
        amazonError(400, 'Value FBATestOrder-11 for parameter SellerFulfillmentOrderId is invalid. Reason: DuplicateCancelRequest.'));
      const twice = await client.cancelFulfillmentOrder('FBATestOrder-11', call);
      assert.ok(!twice.ok && twice.error.code === 'NotCancellable' && twice.error.category === 'permanent');
      fake.route('PUT', `${BASE}/fulfillmentOrders/nope/cancel`, () => amazonError(400, "Requested order 'nope' not found"));
      const unknown = await client.cancelFulfillmentOrder('nope', call);
      assert.ok(!unknown.ok && unknown.error.code === 'OrderNotFound');
    });
  });

  describe('getPackageTracking', () => {
    it('maps the official example', { skip: missing(FULFILLMENT_EXAMPLES) }, async () => {
      fake.route('GET', `${BASE}/tracking`, () => ({ status: 200, body: exampleBody(FULFILLMENT_EXAMPLES, 'getPackageTrackingDetails', '200') }));
      const result = await client.getPackageTracking(212794778, { priority: CallPriority.tracking });
      assert.deepEqual(result, {
        ok: true,
        value: { packageNumber: 212794778, trackingNumber: '1Z50V7420354708051', carrierCode: 'UPS', currentStatus: 'DELIVERED' },
      });
      assert.equal(fake.apiRequests[0]?.query.get('packageNumber'), '212794778');
    });

    it('parses the tracking status case-insensitively and drops unknown ones', async () => {
      fake.route('GET', `${BASE}/tracking`, (request) => ({
        status: 200,
        body: { payload: { packageNumber: Number(request.query.get('packageNumber')), currentStatus: request.query.get('packageNumber') === '1' ? 'Out_For_Delivery' : 'WORMHOLE' } },
      }));
      const known = await client.getPackageTracking(1, call);
      assert.deepEqual(known, { ok: true, value: { packageNumber: 1, currentStatus: 'OUT_FOR_DELIVERY' } });
      const unknown = await client.getPackageTracking(2, call);
      assert.deepEqual(unknown, { ok: true, value: { packageNumber: 2 } });
    });
  });

  it('clients built on one SpApiHttpClient share its access token', async () => {
    fake.route('GET', `${BASE}/fulfillmentOrders/shared`, () => amazonError(404, 'Resource not found.', 'NotFound'));
    const http = new SpApiHttpClient(clientOptions(fake));
    await new SpApiFulfillmentClient(http).getFulfillmentOrder('shared', call);
    await new SpApiFulfillmentClient(http).getFulfillmentOrder('shared', call);
    assert.equal(fake.lwaRequests.length, 1);
  });
});
