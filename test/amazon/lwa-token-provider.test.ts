import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { LwaTokenProvider } from '../../src/adapters/amazon/lwa-token-provider.js';
import { Secret } from '../../src/config/secret.js';
import { FakeAmazonServer, LWA_PATH } from './fake-amazon-server.js';

describe('LwaTokenProvider', () => {
  let fake: FakeAmazonServer;
  let now: number;
  before(async () => {
    fake = await FakeAmazonServer.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    now = 1_000_000;
  });

  const provider = () => new LwaTokenProvider({
    endpoint: `${fake.url}${LWA_PATH}`,
    clientId: 'amzn1.application-oa2-client.abc',
    clientSecret: new Secret('s3cret'),
    refreshToken: new Secret('Atzr|refresh'),
    now: () => now,
  });

  it('exchanges the refresh token with a form-encoded POST', async () => {
    const token = await provider().getAccessToken();
    assert.ok(token.ok);
    assert.match(token.value, /^Atza\|token-\d+$/);
    const [request] = fake.lwaRequests;
    assert.equal(request?.method, 'POST');
    assert.match(String(request?.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request?.body);
    assert.deepEqual(Object.fromEntries(form), {
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|refresh',
      client_id: 'amzn1.application-oa2-client.abc',
      client_secret: 's3cret',
    });
  });

  it('caches the token until shortly before expires_in, then refreshes', async () => {
    const lwa = provider();
    const first = await lwa.getAccessToken();
    now += 3_000_000; // 50 min: still well inside the hour
    const second = await lwa.getAccessToken();
    assert.deepEqual(second, first);
    assert.equal(fake.lwaRequests.length, 1);
    now += 560_000; // 59 min 20 s: inside the refresh margin
    const third = await lwa.getAccessToken();
    assert.ok(third.ok && first.ok && third.value !== first.value);
    assert.equal(fake.lwaRequests.length, 2);
  });

  it('shares one exchange between concurrent callers', async () => {
    const lwa = provider();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => lwa.getAccessToken()));
    assert.equal(fake.lwaRequests.length, 1);
    assert.equal(new Set(tokens.map((t) => (t.ok ? t.value : 'failed'))).size, 1);
  });

  it('invalidate() forgets only the token it names', async () => {
    const lwa = provider();
    const first = await lwa.getAccessToken();
    assert.ok(first.ok);
    lwa.invalidate('some-older-token');
    await lwa.getAccessToken();
    assert.equal(fake.lwaRequests.length, 1);
    lwa.invalidate(first.value);
    await lwa.getAccessToken();
    assert.equal(fake.lwaRequests.length, 2);
  });

  it('a refused refresh token is a permanent failure quoting LWA, without leaking secrets', async () => {
    fake.route('POST', LWA_PATH, () => ({
      status: 400,
      body: { error_description: 'The request has an invalid grant parameter : refresh_token', error: 'invalid_grant' },
    }));
    try {
      const token = await provider().getAccessToken();
      assert.equal(token.ok, false);
      if (token.ok) return;
      assert.equal(token.error.category, 'permanent');
      assert.equal(token.error.code, 'Unauthorized');
      assert.equal(token.error.status, 400);
      assert.match(token.error.message, /invalid_grant: The request has an invalid grant parameter : refresh_token/);
      const printed = JSON.stringify(token.error) + inspect(token.error);
      assert.ok(!printed.includes('s3cret') && !printed.includes('Atzr|refresh'));
    } finally {
      fake.route('POST', LWA_PATH, () => ({ status: 200, body: { access_token: 'Atza|again', expires_in: 3600 } }));
    }
  });

  it('a refused client is permanent too; LWA outages are retryable', async () => {
    fake.route('POST', LWA_PATH, () => ({ status: 401, body: { error_description: 'Client authentication failed', error: 'invalid_client' } }));
    const refused = await provider().getAccessToken();
    assert.ok(!refused.ok && refused.error.category === 'permanent' && /Client authentication failed/.test(refused.error.message));

    fake.route('POST', LWA_PATH, () => ({ status: 503, body: 'Service Unavailable' }));
    const outage = await provider().getAccessToken();
    assert.ok(!outage.ok && outage.error.category === 'retryable' && outage.error.code === 'ServerError');
    fake.route('POST', LWA_PATH, () => ({ status: 200, body: { access_token: 'Atza|again', expires_in: 3600 } }));
  });

  it('an unreachable LWA is a retryable network error', async () => {
    const closed = await FakeAmazonServer.start();
    const url = closed.url;
    await closed.close();
    const lwa = new LwaTokenProvider({
      endpoint: `${url}${LWA_PATH}`, clientId: 'x', clientSecret: new Secret('s'), refreshToken: new Secret('r'),
    });
    const token = await lwa.getAccessToken();
    assert.ok(!token.ok);
    assert.equal(token.error.category, 'retryable');
    assert.equal(token.error.code, 'NetworkError');
  });
});
