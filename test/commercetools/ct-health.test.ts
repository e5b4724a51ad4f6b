// What the commercetools client tells the dependency circuit: refused API-client credentials (the token
// endpoint answers 401) are 'auth-refused', no connection is 'unreachable', a 5xx a server error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { send } from '../../src/adapters/commercetools/ct-errors.js';
import { Secret } from '../../src/config/secret.js';
import type { DependencyFailureKind, DependencyObserver } from '../../src/ports/dependency-health.js';

class RecordingObserver implements DependencyObserver {
  readonly seen: string[] = [];
  succeeded(): void { this.seen.push('ok'); }
  failed(kind: DependencyFailureKind): void { this.seen.push(kind); }
}

describe('commercetools client: dependency health', () => {
  let server: Server;
  let base = '';
  let answer: { status: number; body: unknown } = { status: 401, body: { error: 'invalid_client', error_description: 'Please provide valid client credentials.' } };
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const project = async (url: string) => {
    const health = new RecordingObserver();
    const api = createCommercetoolsApi({ projectKey: 'p', clientId: 'c', clientSecret: new Secret('ct-secret-value'), authUrl: url, apiUrl: url, scopes: ['manage_project:p'] }, health);
    const result = await send(() => api.get().execute());
    return { result, seen: health.seen };
  };

  it('refused client credentials are auth-refused', async () => {
    answer = { status: 401, body: { error: 'invalid_client', error_description: 'Please provide valid client credentials.' } };
    const { result, seen } = await project(base);
    assert.equal(result.ok, false);
    assert.ok(seen.includes('auth-refused'), seen.join(','));
  });

  it('a 5xx from the token endpoint is a server error', async () => {
    answer = { status: 503, body: { message: 'unavailable' } };
    const { seen } = await project(base);
    assert.ok(seen.length > 0 && seen.every((s) => s === 'server-error'), seen.join(','));
  });

  it('no connection is unreachable', async () => {
    const { result, seen } = await project('http://127.0.0.1:9');
    assert.equal(result.ok, false);
    assert.ok(seen.length > 0 && seen.every((s) => s === 'unreachable'), seen.join(','));
  });
});
