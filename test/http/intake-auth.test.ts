// Event intake is authenticated on the Fastify server: Pub/Sub push OIDC tokens verified against a
// JWKS (served here on loopback, as Google serves its own), or the bearer INTAKE_SECRET; anything else
// 401 with nothing recorded. /metrics needs METRICS_TOKEN, or is served on METRICS_PORT alone.
import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Secret } from '../../src/config/secret.js';
import { startConsoleWorld, INTAKE_SECRET, type ConsoleWorld } from '../support/console-world.js';

const AUDIENCE = 'https://bridge.example.com/events/commercetools';
const ISSUER = 'https://accounts.google.com';
const pubSub = (id: string) => ({ message: { data: Buffer.from(JSON.stringify({ id, projectKey: 'shop-project', type: 'OrderCreated', resource: { typeId: 'order', id: `order-${id}` } })).toString('base64'), messageId: id } });

let jwks: Server;
let jwksUrl: string;
let sign: (claims: Record<string, unknown>, key?: 'good' | 'other') => Promise<string>;

before(async () => {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ keys: [jwk] })); });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
  sign = (claims, key = 'good') => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime('5m')
    .sign(key === 'good' ? good.privateKey : other.privateKey);
});
after(() => new Promise<void>((r) => jwks.close(() => r())));

async function post(w: ConsoleWorld, path: string, body: unknown, authorization?: string): Promise<number> {
  const res = await fetch(w.base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

describe('intake authentication', () => {
  it('accepts a Pub/Sub push token that verifies, and refuses wrong audience, issuer, signature or secret — recording nothing for them', async () => {
    const w = await startConsoleWorld({ access: { pubSub: { audience: AUDIENCE, issuer: ISSUER, jwksUrl } } });
    try {
      assert.equal(await post(w, '/events/commercetools', pubSub('m1'), `Bearer ${await sign({ iss: ISSUER, aud: AUDIENCE, email: 'push@x.iam.gserviceaccount.com', email_verified: true })}`), 202);
      assert.ok(await w.store.work.get('shop', 'order.export', 'order-m1'));
      const refused = [
        `Bearer ${await sign({ iss: ISSUER, aud: 'https://elsewhere.example.com' })}`,
        `Bearer ${await sign({ iss: 'https://evil.example.com', aud: AUDIENCE })}`,
        `Bearer ${await sign({ iss: ISSUER, aud: AUDIENCE }, 'other')}`,
        'Bearer not-the-secret-at-all-0123456789', 'Basic dXNlcjpwYXNz', undefined,
      ];
      for (const [i, authorization] of refused.entries()) assert.equal(await post(w, '/events/commercetools', pubSub(`bad-${i}`), authorization), 401, String(authorization));
      for (let i = 0; i < refused.length; i++) assert.equal(await w.store.work.get('shop', 'order.export', `order-bad-${i}`), null);
      assert.equal(await post(w, '/events/commercetools', pubSub('m2'), `Bearer ${INTAKE_SECRET}`), 202, 'the bearer secret works too');
    } finally {
      await w.close();
    }
  });

  it('Amazon notifications need the bearer secret', async () => {
    const w = await startConsoleWorld();
    try {
      const note = { NotificationType: 'ANY_OFFER_CHANGED', Payload: {}, NotificationMetadata: { NotificationId: 'n1' } };
      assert.equal(await post(w, '/events/amazon', note), 401);
      assert.equal(await w.store.inbox.record('amazon', 'n1', Date.now()), true, 'the refused notification was not recorded');
      assert.equal(await post(w, '/events/amazon', { ...note, NotificationMetadata: { NotificationId: 'n2' } }, `Bearer ${INTAKE_SECRET}`), 202);
    } finally {
      await w.close();
    }
  });

  it('with no intake credential configured, intake refuses everything and says so once', async () => {
    const w = await startConsoleWorld({ access: { intakeSecret: undefined } });
    try {
      assert.equal(await post(w, '/events/commercetools', pubSub('m1'), `Bearer ${INTAKE_SECRET}`), 401);
      assert.equal(w.logger.entries.filter((e) => e.msg.startsWith('no intake credential is configured')).length, 1);
    } finally {
      await w.close();
    }
  });

  it('/metrics needs METRICS_TOKEN on the main port; with METRICS_PORT it is served there only', async () => {
    const w = await startConsoleWorld({ access: { metricsToken: new Secret('metrics-token-0123456789') } });
    try {
      assert.equal((await fetch(`${w.base}/metrics`)).status, 401);
      const ok = await fetch(`${w.base}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /fba_bridge_/);
    } finally {
      await w.close();
    }
    const m = await startConsoleWorld({ access: { metricsPort: 0 } });
    try {
      assert.equal((await fetch(`${m.base}/metrics`)).status, 404, 'not on the main port');
      assert.equal((await fetch(`http://127.0.0.1:${m.server.metricsPort}/metrics`)).status, 200);
      assert.equal((await fetch(`http://127.0.0.1:${m.server.metricsPort}/`)).status, 404, 'nothing else on the metrics port');
    } finally {
      await m.close();
    }
  });
});
