// Intake, metrics and single sign-on settings: parsed with the rest, every problem named, secrets kept as Secrets.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { loadConfig } from '../../src/config/load-config.js';
import { COMPLETE } from './complete-environment.js';

it('reads intake, Pub/Sub, metrics and SSO settings, with Google as the default issuer and keys', () => {
  const r = loadConfig({
    ...COMPLETE, INTAKE_SECRET: 'x'.repeat(32), PUBSUB_AUDIENCE: 'https://bridge.example.com/events/commercetools', METRICS_PORT: '9464',
    OIDC_ISSUER_URL: 'https://login.example.com', OIDC_CLIENT_ID: 'console', OIDC_CLIENT_SECRET: 'sso-secret-value', OIDC_ROLE_CLAIM: 'groups', SESSION_HOURS: '8',
  });
  assert.ok(r.ok, r.ok ? '' : r.error.join('\n'));
  const a = r.value.access!;
  assert.equal(a.intakeSecret?.reveal(), 'x'.repeat(32));
  assert.deepEqual(a.pubSub, { audience: 'https://bridge.example.com/events/commercetools', issuer: 'https://accounts.google.com', jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs' });
  assert.equal(a.metricsPort, 9464);
  assert.equal(a.oidc?.roleClaim, 'groups');
  assert.equal(a.sessionMs, 8 * 3600_000);
  assert.ok(!inspect(r.value, { depth: 10 }).includes('sso-secret-value') && !inspect(r.value, { depth: 10 }).includes('x'.repeat(32)), 'secrets never print');
});

it('names each problem: a short intake secret, half an SSO setup, a bad metrics port', () => {
  const r = loadConfig({ ...COMPLETE, INTAKE_SECRET: 'short', OIDC_ISSUER_URL: 'https://login.example.com', METRICS_PORT: 'ninety' });
  assert.ok(!r.ok);
  assert.ok(r.error.some((p) => p.includes('INTAKE_SECRET must be at least 24 characters')), r.error.join('\n'));
  assert.ok(r.error.some((p) => p.includes('single sign-on needs all of OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET')), r.error.join('\n'));
  assert.ok(r.error.some((p) => p.includes('METRICS_PORT must be a number')), r.error.join('\n'));
});
