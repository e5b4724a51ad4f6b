// The simulator refuses what Amazon refuses, with Amazon's own texts and shape
// {"errors":[{"code","message","details":""}]}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTBOUND, orderRequest, withHarness } from './sim-harness.js';

const invalid = (message: string) => ({ errors: [{ code: 'InvalidInput', message, details: '' }] });

test('an unknown SKU is refused naming the sellerFulfillmentOrderItemId', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  const answer = await api.createOrder(orderRequest('R-1', [['MUG', 1], ['NO-SUCH-SKU', 1]]));
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.json, invalid('the SellerSKU for Item Id: R-1-2 is invalid.'));
  assert.equal((await api.getOrder('R-1')).status, 400, 'nothing was stored');
  assert.deepEqual(await api.fulfillable('MUG'), { fulfillable: 5, reserved: 0, total: 5 }, 'nothing was reserved');
}));

test('a second create with the same id is refused and leaves the first order alone', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  assert.equal((await api.createOrder(orderRequest('R-2', [['MUG', 1]]))).status, 200);
  const again = await api.createOrder(orderRequest('R-2', [['MUG', 3]]));
  assert.equal(again.status, 400);
  assert.deepEqual(again.json, invalid('A create request already exists for MerchantFulfillmentOrderId : R-2'));
  assert.equal((await api.fulfillable('MUG')).reserved, 1);
  const orders = (await api.admin('GET', '/orders')).json.orders;
  assert.equal(orders.length, 1);
  assert.equal(orders[0].createRequests, 2);
}));

test('an unknown order is "Requested order \'…\' not found" (400, as in Amazon\'s sandbox)', () => withHarness(async ({ api }) => {
  const answer = await api.getOrder('FBATestOrder-10');
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.json, invalid("Requested order 'FBATestOrder-10' not found"));
  assert.ok(answer.headers.get('x-amzn-ratelimit-limit'), 'a 400 carries the rate-limit header');
}));

test('missing address parts are named as Amazon names them', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  const cases: Array<[string, string]> = [
    ['countryCode', 'Address.CountryCode'], ['name', 'Address.Name'], ['addressLine1', 'Address.AddressLine1'],
    ['postalCode', 'Address.PostalCode'], ['city', 'Address.City'],
  ];
  for (const [field, parameter] of cases) {
    const request = orderRequest(`R-3-${field}`, [['MUG', 1]]) as { destinationAddress: Record<string, string> };
    delete request.destinationAddress[field];
    const answer = await api.createOrder(request);
    assert.equal(answer.status, 400, field);
    assert.deepEqual(answer.json, invalid(`The request must contain the parameter ${parameter}.`), field);
  }
  const badCountry = orderRequest('R-3-bad', [['MUG', 1]]) as { destinationAddress: Record<string, string> };
  badCountry.destinationAddress.countryCode = '';
  assert.deepEqual((await api.createOrder(badCountry)).json, invalid('Value  for parameter CountryCode is invalid. Reason: InvalidValue.'));

  // Docs: city is required everywhere except Japan.
  await api.stock('JP-MUG', 5, 'A1VC38T7YXB528');
  const japan = orderRequest('R-3-jp', [['JP-MUG', 1]], {
    marketplaceId: 'A1VC38T7YXB528',
    destinationAddress: { name: 'Taro', addressLine1: '1-2-3 Shibuya', postalCode: '150-0002', countryCode: 'JP' },
  });
  assert.equal((await api.createOrder(japan)).status, 200);
}));

test('more than 100 items are refused', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 500);
  const lines = Array.from({ length: 101 }, () => ['MUG', 1] as const);
  const answer = await api.createOrder(orderRequest('R-4', lines));
  assert.equal(answer.status, 400);
  assert.equal(answer.json.errors[0].code, 'InvalidInput');
  assert.match(answer.json.errors[0].message, /Items.*100/);
  assert.equal((await api.createOrder(orderRequest('R-5', lines.slice(0, 100)))).status, 200, '100 is fine');
}));

test('other malformed orders are refused with InvalidInput', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  const expectations: Array<[Record<string, unknown>, RegExp]> = [
    [{ shippingSpeedCategory: 'Teleport' }, /ShippingSpeedCategory/],
    [{ fulfillmentPolicy: 'Whatever' }, /FulfillmentPolicy/],
    [{ displayableOrderDate: 'yesterday' }, /DisplayableOrderDate/],
    [{ sellerFulfillmentOrderId: 'X'.repeat(41) }, /SellerFulfillmentOrderId/],
    [{ items: [] }, /parameter Items\./],
    [{ items: [{ sellerSku: 'MUG', sellerFulfillmentOrderItemId: 'a', quantity: 0 }] }, /Quantity/],
    [{ items: [{ sellerSku: 'MUG', sellerFulfillmentOrderItemId: 'a', quantity: 1 }, { sellerSku: 'MUG', sellerFulfillmentOrderItemId: 'a', quantity: 1 }] }, /DuplicateValue/],
  ];
  for (const [override, message] of expectations) {
    const answer = await api.createOrder(orderRequest('R-6', [['MUG', 1]], override));
    assert.equal(answer.status, 400, JSON.stringify(override));
    assert.equal(answer.json.errors[0].code, 'InvalidInput');
    assert.match(answer.json.errors[0].message, message);
  }
  const raw = await fetch(`${api.url}${OUTBOUND}/fulfillmentOrders`, { method: 'POST', headers: { 'x-amz-access-token': api.token, 'content-type': 'application/json' }, body: '{not json' });
  assert.equal(raw.status, 400);
}));

test('without the access token the token endpoint issued, every SP-API call is refused 403', () => withHarness(async ({ api }) => {
  const expected = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };
  for (const token of ['', 'Atza|made-up']) {
    const res = await fetch(`${api.url}${OUTBOUND}/fulfillmentOrders/ANY`, { headers: { 'x-amz-access-token': token } });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), expected);
    assert.ok(res.headers.get('x-amzn-requestid'));
    assert.equal(res.headers.get('x-amzn-ratelimit-limit'), null);
  }
}));

test('the LWA token endpoint answers a refresh_token grant and refuses an incomplete one', () => withHarness(async ({ api }) => {
  const post = (body: string) => fetch(`${api.url}/auth/o2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const ok = await post('grant_type=refresh_token&refresh_token=Atzr%7Cabc&client_id=id&client_secret=secret');
  assert.equal(ok.status, 200);
  const token = await ok.json() as Record<string, unknown>;
  assert.equal(token.token_type, 'bearer');
  assert.equal(token.expires_in, 3600);
  assert.equal(token.refresh_token, 'Atzr|abc');
  assert.match(String(token.access_token), /^Atza\|/);
  const missing = await post('grant_type=refresh_token&client_id=id&client_secret=secret');
  assert.equal(missing.status, 400);
  assert.equal((await missing.json() as Record<string, unknown>).error, 'invalid_request');
}));

test('like SP-API, a + in a GET path means a space: ids with + cannot be read back', () => withHarness(async ({ api }) => {
  await api.stock('MUG', 5);
  assert.equal((await api.createOrder(orderRequest('A+B', [['MUG', 1]]))).status, 200);
  const read = await api.call('GET', `${OUTBOUND}/fulfillmentOrders/A+B`);
  assert.deepEqual(read.json, invalid("Requested order 'A B' not found"));
  assert.equal((await api.call('PUT', `${OUTBOUND}/fulfillmentOrders/A+B/cancel`)).status, 200, 'PUT paths keep the +');
}));

test('bad query parameters are refused', () => withHarness(async ({ api }) => {
  const list = await api.call('GET', `${OUTBOUND}/fulfillmentOrders?queryStartDate=fdfdsfds`);
  assert.deepEqual(list.json, invalid('timestamp must follow ISO8601'));
  const tracking = await api.call('GET', `${OUTBOUND}/tracking?packageNumber=12222`);
  assert.deepEqual(tracking.json, invalid('null'), 'Amazon\'s sandbox really says "null" for an unknown package');
  assert.equal((await api.call('GET', `${OUTBOUND}/tracking?packageNumber=abc`)).status, 400);
  assert.equal((await api.call('GET', '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=X')).status, 400);
  assert.equal((await api.call('GET', '/fba/nothing/here')).status, 404);
}));
