// Classification of Amazon's real error answers (../shared/docs/amazon-facts.md; the 0956094 sandbox
// examples of the official model). Each row: what Amazon said → what the engine must do.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifySpApiError, parseSpApiErrors } from '../../src/adapters/amazon/sp-api-errors.js';
import { FULFILLMENT_SANDBOX_EXAMPLES, exampleBody, missing } from './spapi-examples.js';

interface Row {
  readonly operation: string;
  readonly status: number;
  readonly body: unknown;
  readonly category: string;
  readonly code: string;
}

const error = (message: string, code = 'InvalidInput') => ({ errors: [{ code, message, details: '' }] });

const ROWS: Row[] = [
  { operation: 'createFulfillmentOrder', status: 429, body: error('You exceeded your quota for the requested resource.', 'QuotaExceeded'), category: 'throttled', code: 'QuotaExceeded' },
  { operation: 'createFulfillmentOrder', status: 400, body: error('A create request already exists for MerchantFulfillmentOrderId : FBATestOrder-1'), category: 'permanent', code: 'DuplicateOrder' },
  { operation: 'createFulfillmentOrder', status: 400, body: error('the SellerSKU for Item Id: xxxx-0 is invalid.'), category: 'permanent', code: 'InvalidSku' },
  { operation: 'createFulfillmentOrder', status: 400, body: error('The request must contain the parameter Address.CountryCode.'), category: 'permanent', code: 'InvalidInput' },
  { operation: 'getFulfillmentOrder', status: 400, body: error("Requested order 'FBATestOrder-10' not found"), category: 'permanent', code: 'OrderNotFound' },
  { operation: 'getFulfillmentOrder', status: 404, body: error('Resource not found.', 'NotFound'), category: 'permanent', code: 'OrderNotFound' },
  { operation: 'cancelFulfillmentOrder', status: 400, body: error('Value FBATestOrder-11 for parameter SellerFulfillmentOrderId is invalid. Reason: DuplicateCancelRequest.'), category: 'permanent', code: 'NotCancellable' },
  { operation: 'cancelFulfillmentOrder', status: 400, body: error('Fulfillment order FBATestOrder-12 is not cancellable.'), category: 'permanent', code: 'NotCancellable' },
  { operation: 'cancelFulfillmentOrder', status: 400, body: error('Fulfillment order is in Processing status and cannot be cancelled.'), category: 'permanent', code: 'NotCancellable' },
  { operation: 'cancelFulfillmentOrder', status: 400, body: error('Value ct-1 for parameter SellerFulfillmentOrderId is invalid. Reason: OrderNotCancellable. The fulfillment order is Processing.'), category: 'permanent', code: 'NotCancellable' },
  { operation: 'updateFulfillmentOrder', status: 400, body: error('Value OrderNotUpdatable for parameter  is invalid. Reason: 1 error:\nThis order is not updatable. Items in the order are already in working or completed shipments. \n.'), category: 'permanent', code: 'InvalidInput' },
  { operation: 'getFulfillmentOrder', status: 403, body: error('Access to requested resource is denied.', 'Unauthorized'), category: 'permanent', code: 'Unauthorized' },
  { operation: 'getFulfillmentOrder', status: 401, body: error('The access token you provided is revoked, malformed or invalid.', 'Unauthorized'), category: 'permanent', code: 'Unauthorized' },
  { operation: 'getInventorySummaries', status: 500, body: error('An unexpected condition occurred.', 'InternalFailure'), category: 'retryable', code: 'ServerError' },
  { operation: 'getFulfillmentOrder', status: 503, body: error('Service temporarily unavailable.', 'ServiceUnavailable'), category: 'retryable', code: 'ServerError' },
];

describe('classifySpApiError', () => {
  for (const row of ROWS) {
    const said = parseSpApiErrors(row.body)[0]?.message ?? '';
    it(`${row.operation} ${row.status} "${said.slice(0, 60)}" → ${row.category} ${row.code}`, () => {
      const failure = classifySpApiError({ operation: row.operation, status: row.status, errors: parseSpApiErrors(row.body), requestId: 'r-1' });
      assert.equal(failure.category, row.category);
      assert.equal(failure.code, row.code);
      assert.equal(failure.status, row.status);
      assert.equal(failure.message, said, 'Amazon\'s message, verbatim');
      assert.match(failure.details ?? '', /"requestId":"r-1"/);
    });
  }

  it('"not found" on a create is about the input, never a missing order', () => {
    const failure = classifySpApiError({ operation: 'createFulfillmentOrder', status: 400, errors: [{ code: 'InvalidInput', message: 'Marketplace not found' }] });
    assert.equal(failure.code, 'InvalidInput');
  });

  it('"Processing" only means a refused cancel on the cancel operation', () => {
    const failure = classifySpApiError({ operation: 'createFulfillmentOrder', status: 400, errors: [{ code: 'InvalidInput', message: 'Error while processing request' }] });
    assert.equal(failure.code, 'InvalidInput');
  });

  it('keeps every message when Amazon sends several', () => {
    const failure = classifySpApiError({
      operation: 'createFulfillmentOrder', status: 400,
      errors: [{ code: 'InvalidInput', message: 'first' }, { code: 'InvalidInput', message: 'second' }],
    });
    assert.equal(failure.message, 'first\nsecond');
  });

  it('tolerates bodies that are not SP-API error envelopes', () => {
    assert.deepEqual(parseSpApiErrors(undefined), []);
    assert.deepEqual(parseSpApiErrors({ errors: 'nope' }), []);
    assert.deepEqual(parseSpApiErrors({ errors: [{ code: 1, message: 'm' }] }), [{ code: '', message: 'm' }]);
  });

  const sandbox = missing(FULFILLMENT_SANDBOX_EXAMPLES);
  it('classifies the official model\'s sandbox error examples', { skip: sandbox }, () => {
    const cases: Array<[string, number, string]> = [
      ['createFulfillmentOrder', 0, 'DuplicateOrder'],
      ['getFulfillmentOrder', 0, 'OrderNotFound'],
      ['cancelFulfillmentOrder', 0, 'NotCancellable'],
      ['updateFulfillmentOrder', 0, 'InvalidInput'],
      ['listAllFulfillmentOrders', 0, 'InvalidInput'],
    ];
    for (const [operation, index, code] of cases) {
      const body = exampleBody(FULFILLMENT_SANDBOX_EXAMPLES, operation, '400', index);
      const failure = classifySpApiError({ operation, status: 400, errors: parseSpApiErrors(body) });
      assert.equal(failure.code, code, `${operation}: ${failure.message}`);
      assert.equal(failure.message, parseSpApiErrors(body)[0]?.message);
    }
  });
});
