import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiHttpClient, spApiEndpointForRegion, type SpApiRequest } from '../../src/adapters/amazon/sp-api-http.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { FakeAmazonServer, amazonError, clientOptions, sequence } from './fake-amazon-server.js';
import { ManualClock, eventually } from '../engine/manual-clock.js';

const QUOTA = amazonError(429, 'You exceeded your quota for the requested resource.', 'QuotaExceeded');
const DENIED = amazonError(403, 'Access to requested resource is denied.', 'Unauthorized');
const OK = { status: 200, body: { payload: { fine: true } } };

describe('SpApiHttpClient', () => {
  let fake: FakeAmazonServer;
  before(async () => {
    fake = await FakeAmazonServer.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const get = (path: string, extra: Partial<SpApiRequest> = {}): SpApiRequest => ({
    operation: 'getFulfillmentOrder', method: 'GET', path, priority: 400, ...extra,
  });

  it('sends the LWA token, a user-agent and JSON, and returns the parsed answer', async () => {
    fake.route('POST', '/echo', () => OK);
    const http = new SpApiHttpClient(clientOptions(fake, { userAgent: 'fba-bridge/9.9 (Language=TypeScript)' }));
    const answer = await http.request<{ payload: { fine: boolean } }>(get('/echo', { method: 'POST', body: { a: 1 } }));
    assert.ok(answer.ok);
    assert.deepEqual(answer.value.body, { payload: { fine: true } });
    assert.match(answer.value.requestId ?? '', /^req-\d+$/);
    const [request] = fake.apiRequests;
    assert.equal(request?.headers['x-amz-access-token'], 'Atza|token-1');
    assert.equal(request?.headers['user-agent'], 'fba-bridge/9.9 (Language=TypeScript)');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request?.body ?? ''), { a: 1 });
  });

  it('reuses the access token across calls', async () => {
    fake.route('GET', '/reuse', () => OK);
    const http = new SpApiHttpClient(clientOptions(fake));
    await http.request(get('/reuse'));
    await http.request(get('/reuse'));
    assert.equal(fake.lwaRequests.length, 1);
    assert.equal(fake.apiRequests.length, 2);
  });

  it('403 once → refreshes the token and retries once', async () => {
    fake.route('GET', '/expired', sequence(DENIED, OK));
    const http = new SpApiHttpClient(clientOptions(fake));
    const answer = await http.request(get('/expired'));
    assert.ok(answer.ok);
    assert.equal(fake.lwaRequests.length, 2);
    const tokens = fake.apiRequests.map((r) => r.headers['x-amz-access-token']);
    assert.equal(tokens.length, 2);
    assert.notEqual(tokens[0], tokens[1]);
  });

  it('403 again after the refresh → permanent Unauthorized with Amazon\'s message', async () => {
    fake.route('GET', '/denied', () => DENIED);
    const http = new SpApiHttpClient(clientOptions(fake));
    const answer = await http.request(get('/denied'));
    assert.ok(!answer.ok);
    assert.deepEqual([answer.error.category, answer.error.code, answer.error.status], ['permanent', 'Unauthorized', 403]);
    assert.equal(answer.error.message, 'Access to requested resource is denied.');
    assert.equal(fake.apiRequests.length, 2, 'exactly one retry');
  });

  it('429 → the governor empties the bucket, the call queues again and succeeds', async () => {
    fake.route('GET', '/busy', sequence(QUOTA, OK));
    const time = new ManualClock();
    const governor = new PriorityRateGovernor({ limits: () => ({ ratePerSecond: 10, burst: 5 }), now: time.now, setTimer: time.setTimer });
    const http = new SpApiHttpClient(clientOptions(fake, { governor }));
    const answering = http.request(get('/busy'));
    await eventually(() => time.pendingTimers > 0);
    assert.equal(fake.apiRequests.length, 1, 'the retry waits for a fresh token');
    const [wait] = time.armed;
    assert.ok(wait !== undefined && wait >= 100 && wait <= 110, `one wait of a token's worth at 10/s (less 2% headroom), not ${time.armed.join(', ')}`);
    await time.advance(wait);
    const answer = await answering;
    assert.ok(answer.ok);
    assert.equal(fake.apiRequests.length, 2);
    const bucket = governor.snapshot().find((b) => b.operation === 'getFulfillmentOrder');
    assert.equal(bucket?.throttled, 1);
  });

  it('429 beyond the in-place retries → throttled QuotaExceeded with Amazon\'s message', async () => {
    fake.route('GET', '/always-busy', () => QUOTA);
    const http = new SpApiHttpClient(clientOptions(fake, { maxThrottleRetries: 2 }));
    const answer = await http.request(get('/always-busy'));
    assert.ok(!answer.ok);
    assert.deepEqual([answer.error.category, answer.error.code], ['throttled', 'QuotaExceeded']);
    assert.equal(answer.error.message, 'You exceeded your quota for the requested resource.');
    assert.equal(fake.apiRequests.length, 3);
  });

  it('learns the rate from x-amzn-RateLimit-Limit, on errors too', async () => {
    fake.route('GET', '/rated', sequence(
      { status: 200, body: {}, headers: { 'x-amzn-RateLimit-Limit': '7.5' } },
      { ...amazonError(400, 'bad'), headers: { 'x-amzn-RateLimit-Limit': '0.0167' } },
    ));
    const governor = new PriorityRateGovernor({ limits: () => ({ ratePerSecond: 100, burst: 20 }) });
    const http = new SpApiHttpClient(clientOptions(fake, { governor }));
    const rate = () => governor.snapshot().find((b) => b.operation === 'getFulfillmentOrder')?.ratePerSecond;
    await http.request(get('/rated'));
    assert.equal(rate(), 7.5);
    await http.request(get('/rated'));
    assert.equal(rate(), 0.0167);
  });

  it('a call that gets no answer in time is a retryable Timeout', async () => {
    fake.route('GET', '/slow', () => 'hang');
    const http = new SpApiHttpClient(clientOptions(fake, { timeoutMs: 150 }));
    const answer = await http.request(get('/slow'));
    // The server never answers: only the client's own deadline can end the call.
    assert.ok(!answer.ok);
    assert.deepEqual([answer.error.category, answer.error.code], ['retryable', 'Timeout']);
    assert.match(answer.error.message, /within 150 ms/);
  });

  it('a dropped connection or a closed port is a retryable NetworkError', async () => {
    fake.route('GET', '/reset', () => 'reset');
    const reset = await new SpApiHttpClient(clientOptions(fake)).request(get('/reset'));
    assert.ok(!reset.ok && reset.error.category === 'retryable' && reset.error.code === 'NetworkError');

    // LWA answers (the live fake) but the SP-API host is a port nobody listens on any more.
    const gone = await FakeAmazonServer.start();
    await gone.close();
    const closed = await new SpApiHttpClient({ ...clientOptions(fake), endpoint: gone.url }).request(get('/anything'));
    assert.ok(!closed.ok);
    assert.deepEqual([closed.error.category, closed.error.code], ['retryable', 'NetworkError']);
  });

  it('5xx is a retryable ServerError quoting what came back; a 2xx that is not JSON too', async () => {
    fake.route('GET', '/gateway', () => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    fake.route('GET', '/garbled', () => ({ status: 200, body: '{"payload":' }));
    const http = new SpApiHttpClient(clientOptions(fake));
    const gateway = await http.request(get('/gateway'));
    assert.ok(!gateway.ok);
    assert.deepEqual([gateway.error.category, gateway.error.code, gateway.error.status], ['retryable', 'ServerError', 502]);
    assert.match(gateway.error.message, /Bad Gateway/);
    const garbled = await http.request(get('/garbled'));
    assert.ok(!garbled.ok && garbled.error.category === 'retryable');
  });

  it('keeps x-amzn-RequestId and Amazon\'s details in the failure', async () => {
    fake.route('GET', '/bad', () => ({
      ...amazonError(400, 'The request must contain the parameter Address.CountryCode.', 'InvalidInput', 'see docs'),
      headers: { 'x-amzn-RequestId': 'a1b2c3d4-0000' },
    }));
    const answer = await new SpApiHttpClient(clientOptions(fake)).request(get('/bad'));
    assert.ok(!answer.ok);
    assert.equal(answer.error.message, 'The request must contain the parameter Address.CountryCode.');
    const details = JSON.parse(answer.error.details ?? '{}') as Record<string, unknown>;
    assert.deepEqual(details, {
      operation: 'getFulfillmentOrder', requestId: 'a1b2c3d4-0000', amazonCodes: ['InvalidInput'], amazonDetails: ['see docs'],
    });
  });

  it('the caller\'s abort rejects the call with its reason (while waiting for Amazon)', async () => {
    fake.route('GET', '/abandoned', () => 'hang');
    const http = new SpApiHttpClient(clientOptions(fake));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('worker stopping')), 50);
    await assert.rejects(http.request(get('/abandoned', { signal: controller.signal })), /worker stopping/);
  });

  it('percent-encodes query values and joins arrays with commas', async () => {
    fake.route('GET', '/query', () => OK);
    await new SpApiHttpClient(clientOptions(fake)).request(get('/query', {
      query: { sellerSkus: ['A B', 'x+y', 'c#1', 'plain'], details: true, nextToken: undefined, packageNumber: 42 },
    }));
    assert.equal(fake.apiRequests[0]?.rawQuery, 'sellerSkus=A%20B,x%2By,c%231,plain&details=true&packageNumber=42');
  });

  it('maps regions to SP-API hosts', () => {
    assert.equal(spApiEndpointForRegion('na'), 'https://sellingpartnerapi-na.amazon.com');
    assert.equal(spApiEndpointForRegion('eu'), 'https://sellingpartnerapi-eu.amazon.com');
    assert.equal(spApiEndpointForRegion('fe', { sandbox: true }), 'https://sandbox.sellingpartnerapi-fe.amazon.com');
  });
});
