// The operation label of commercetools call metrics: method and resource, never ids, keys or the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commercetoolsOperation } from '../../src/adapters/commercetools/ct-api-client.js';

const api = 'https://api.europe-west1.gcp.commercetools.com/my-shop';

test('ids, keys and order numbers are replaced, so a label names an operation, not a record', () => {
  assert.equal(commercetoolsOperation(`${api}/orders/3f1c2a9e-7b0d-4a43-9a5e-0c3a1b2c3d4e`, 'POST'), 'POST orders/{id}');
  assert.equal(commercetoolsOperation(`${api}/orders/order-number=CT-10042?expand=lineItems`, 'get'), 'GET orders/order-number={key}');
  assert.equal(commercetoolsOperation(`${api}/inventory/key=sku-1-eu`, 'DELETE'), 'DELETE inventory/key={key}');
  assert.equal(commercetoolsOperation(`${api}/inventory?where=sku%20in%20(%22A%22)&limit=500`, undefined), 'GET inventory');
  assert.equal(commercetoolsOperation(`${api}/types/key=fba-order-link`, 'GET'), 'GET types/key={key}');
});

test('the token endpoint and the project root have their own names', () => {
  assert.equal(commercetoolsOperation('https://auth.europe-west1.gcp.commercetools.com/oauth/token', 'POST'), 'POST oauth/token');
  assert.equal(commercetoolsOperation(`${api}`, 'GET'), 'GET /');
  assert.equal(commercetoolsOperation(new URL(`${api}/subscriptions`), 'POST'), 'POST subscriptions');
});
