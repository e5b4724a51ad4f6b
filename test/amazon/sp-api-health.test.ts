// What the SP-API client tells the dependency circuits, call by call: an answer about the data is a
// working Amazon; 5xx, no connection and refused credentials are Amazon's (or LWA's) failures; 429 is
// neither.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import type { DependencyFailureKind, DependencyObserver } from '../../src/ports/dependency-health.js';
import { FakeAmazonServer, amazonError, clientOptions, sequence } from './fake-amazon-server.js';

class RecordingObserver implements DependencyObserver {
  readonly seen: string[] = [];
  succeeded(): void { this.seen.push('ok'); }
  failed(kind: DependencyFailureKind): void { this.seen.push(kind); }
}

describe('SpApiHttpClient: dependency health', () => {
  let fake: FakeAmazonServer;
  before(async () => { fake = await FakeAmazonServer.start(); });
  after(() => fake.close());

  const call = async (path: string, endpoint?: string) => {
    const spApi = new RecordingObserver();
    const lwa = new RecordingObserver();
    const http = new SpApiHttpClient(clientOptions(fake, { health: { spApi, lwa }, maxThrottleRetries: 0, ...(endpoint ? { endpoint } : {}) }));
    const answer = await http.request({ operation: 'getFulfillmentOrder', method: 'GET', path, priority: 400 });
    return { answer, spApi: spApi.seen, lwa: lwa.seen };
  };

  it('a 2xx and a 400 about the data both mean Amazon works', async () => {
    fake.route('GET', '/fine', () => ({ status: 200, body: {} }));
    fake.route('GET', '/bad-input', () => amazonError(400, 'Value for parameter X is invalid.', 'InvalidInput'));
    assert.deepEqual((await call('/fine')).spApi, ['ok']);
    const bad = await call('/bad-input');
    assert.deepEqual([bad.answer.ok, bad.spApi, bad.lwa], [false, ['ok'], ['ok']]);
  });

  it('a 5xx is a server error; a 429 says nothing', async () => {
    fake.route('GET', '/down', () => amazonError(503, 'Service temporarily unavailable.', 'ServiceUnavailable'));
    fake.route('GET', '/busy', () => amazonError(429, 'You exceeded your quota for the requested resource.', 'QuotaExceeded'));
    assert.deepEqual((await call('/down')).spApi, ['server-error']);
    assert.deepEqual((await call('/busy')).spApi, []);
  });

  it('403 after the one token refresh is refused credentials', async () => {
    const denied = amazonError(403, 'Access to requested resource is denied.', 'Unauthorized');
    fake.route('GET', '/denied', sequence(denied, denied));
    assert.deepEqual((await call('/denied')).spApi, ['auth-refused']);
  });

  it('no connection at all is unreachable (LWA first: it is asked for the token)', async () => {
    const closed = 'http://127.0.0.1:9';
    const spApi = new RecordingObserver();
    const lwa = new RecordingObserver();
    const options = clientOptions(fake, { health: { spApi, lwa }, endpoint: closed });
    const http = new SpApiHttpClient({ ...options, lwa: { ...options.lwa, endpoint: `${closed}/auth/o2/token` } });
    const answer = await http.request({ operation: 'getFulfillmentOrder', method: 'GET', path: '/x', priority: 400 });
    assert.equal(answer.ok, false);
    assert.deepEqual([lwa.seen, spApi.seen], [['unreachable'], []]);
  });
});
