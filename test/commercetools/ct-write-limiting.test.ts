// Writes through the commercetools client with a write limiter, against commercetools-mock over loopback
// HTTP made to push back (429 with Retry-After, 503 without) the way commercetools does under load:
// the writes are paced, resent after the pause and land; reads are not held; the limiter's concurrency
// holds at the server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { send } from '../../src/adapters/commercetools/ct-errors.js';
import { readableBody } from '../../src/adapters/commercetools/ct-error-bodies.js';
import { installMockFidelityFixes } from '../../src/demo/commercetools-mock/ct-mock-fidelity.js';
import { PacedWriteLimiter } from '../../src/engine/paced-write-limiter.js';
import { Secret } from '../../src/config/secret.js';
import type { CommercetoolsSettings } from '../../src/config/bridge-config.js';

const PROJECT_KEY = 'ct-write-limiting';
const FAST_BACKOFF = { baseMs: 20, maxMs: 200, minMs: 5 };

describe('commercetools writes through the write limiter', () => {
  let mock: CommercetoolsMock;
  let settings: CommercetoolsSettings;
  /** Answers the mock gives the next inventory writes instead of handling them. */
  const pushback: Array<{ status: number; retryAfter?: string }> = [];
  const seen = { inventoryWrites: 0, inFlight: 0, maxInFlight: 0, reads: 0 };

  before(async () => {
    mock = new CommercetoolsMock({ defaultProjectKey: PROJECT_KEY, enableAuthentication: true, validateCredentials: true, silent: true });
    installMockFidelityFixes(mock, PROJECT_KEY);
    mock.app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith(`/${PROJECT_KEY}/inventory`)) return;
      if (request.method === 'GET') { seen.reads += 1; return; }
      seen.inventoryWrites += 1;
      seen.inFlight += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      // Holds each write a moment so that concurrent ones overlap at the server.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = pushback.shift();
      if (!answer) return;
      if (answer.retryAfter !== undefined) void reply.header('retry-after', answer.retryAfter);
      // Bodies as a gateway in front of commercetools may answer: an empty error list, or an HTML page.
      return answer.status === 429
        ? reply.status(429).send({ statusCode: 429, message: 'Too many requests', errors: [] })
        : reply.status(answer.status).type('text/html').send('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
    });
    mock.app.addHook('onResponse', async (request) => {
      if (request.url.startsWith(`/${PROJECT_KEY}/inventory`) && request.method !== 'GET') seen.inFlight = Math.max(0, seen.inFlight - 1);
    });
    await mock.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
    settings = { projectKey: PROJECT_KEY, clientId: 'c', clientSecret: new Secret('test-secret'), authUrl: baseUrl, apiUrl: baseUrl, scopes: [`manage_project:${PROJECT_KEY}`], timeoutMs: 5_000 };
  });
  after(() => mock.app.close());

  const channel = async (api: ReturnType<typeof createCommercetoolsApi>, key: string): Promise<string> => {
    const created = await send(() => api.channels().post({ body: { key, name: { en: key }, roles: ['InventorySupply'] } }).execute());
    assert.ok(created.ok, created.ok ? '' : created.error.message);
    return created.value.id;
  };

  it('429 and 503 answers are waited out and resent: every write lands, at most `concurrency` at a time', async () => {
    const limiter = new PacedWriteLimiter({ concurrency: 2, ratePerSecond: 200, backoff: FAST_BACKOFF });
    const api = createCommercetoolsApi(settings, undefined, undefined, { limiter });
    const channelId = await channel(api, 'limited-a');
    Object.assign(seen, { inventoryWrites: 0, maxInFlight: 0, inFlight: 0 });
    pushback.push({ status: 429, retryAfter: '0' }, { status: 429 }, { status: 503 });

    const skus = Array.from({ length: 8 }, (_, i) => `LIMITED-${i}`);
    const results = await Promise.all(skus.map((sku) => send(() => api.inventory().post({ body: { sku, supplyChannel: { typeId: 'channel', id: channelId }, quantityOnStock: 5 } }).execute())));

    assert.deepEqual(results.map((r) => r.ok), skus.map(() => true), results.map((r) => (r.ok ? 'ok' : r.error.message)).join(', '));
    assert.equal(seen.inventoryWrites, 8 + 3, 'each refused write was sent once more');
    assert.ok(seen.maxInFlight <= 2, `the server saw ${seen.maxInFlight} writes at once`);
    assert.ok(limiter.ratePerSecond < 200, 'the pace was lowered after the pushback and is recovering');
    const listed = await send(() => api.inventory().get({ queryArgs: { where: 'supplyChannel(id = :c)', 'var.c': channelId, limit: 50 } }).execute());
    assert.ok(listed.ok);
    assert.equal(listed.value.results.length, 8, 'no write was applied twice');
  });

  it('a write commercetools keeps refusing is handed back as a retryable failure after the retries; reads are not held', async () => {
    const limiter = new PacedWriteLimiter({ concurrency: 1, ratePerSecond: 200, maxRetries: 1, backoff: FAST_BACKOFF });
    const api = createCommercetoolsApi(settings, undefined, undefined, { limiter });
    const channelId = await channel(api, 'limited-b');
    Object.assign(seen, { inventoryWrites: 0, reads: 0 });
    // The SDK itself resends a 503 twice (its retry middleware); each of its tries is paced and resent once here.
    pushback.push(...Array.from({ length: 6 }, () => ({ status: 503 })));

    const write = send(() => api.inventory().post({ body: { sku: 'REFUSED-1', supplyChannel: { typeId: 'channel', id: channelId }, quantityOnStock: 1 } }).execute());
    const readMeanwhile = await send(() => api.inventory().get({ queryArgs: { limit: 1 } }).execute());
    assert.ok(readMeanwhile.ok, 'a read goes straight through while the write backs off');
    const refused = await write;
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.equal(refused.error.code, 'ServerError');
    assert.equal(refused.error.category, 'retryable');
    assert.match(refused.error.message, /commercetools answered HTTP 503: 503 Service Temporarily Unavailable/, 'the gateway page, readable');
    assert.equal(seen.inventoryWrites, 6, '3 tries of the SDK × (1 + maxRetries 1)');
    assert.equal(pushback.length, 0);
  });

  it('without a limiter a 429 reaches the caller at once as a throttled failure', async () => {
    const api = createCommercetoolsApi(settings);
    const channelId = await channel(api, 'unlimited');
    Object.assign(seen, { inventoryWrites: 0 });
    pushback.push({ status: 429 });
    const refused = await send(() => api.inventory().post({ body: { sku: 'PLAIN-1', supplyChannel: { typeId: 'channel', id: channelId }, quantityOnStock: 1 } }).execute());
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.equal(refused.error.code, 'Throttled', JSON.stringify(refused.error));
    assert.equal(seen.inventoryWrites, 1);
  });
});

describe('error bodies the SDK can read', () => {
  it('keeps commercetools\' own error bodies and rewrites the rest into its shape', () => {
    const own = JSON.stringify({ statusCode: 409, message: 'Version mismatch', errors: [{ code: 'ConcurrentModification', message: 'Version mismatch', currentVersion: 3 }] });
    assert.equal(readableBody(own, 409, 'Conflict'), own);
    assert.deepEqual(JSON.parse(readableBody('', 502, 'Bad Gateway')), { statusCode: 502, message: 'commercetools answered HTTP 502 Bad Gateway', errors: [{ message: 'commercetools answered HTTP 502 Bad Gateway' }] });
    assert.deepEqual(JSON.parse(readableBody('{"message":"Slow down","errors":[]}', 429, '')).errors, [{ message: 'commercetools answered HTTP 429: Slow down' }]);
  });
});
