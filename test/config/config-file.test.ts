// loadConfig with a JSON config file (same keys as the environment, plus `routing` and `connections`),
// and the narrower loaders: loadDeploymentConfig (status, exceptions, order) and loadCommercetoolsConfig (setup).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, describe, it } from 'node:test';
import { loadCommercetoolsConfig, loadConfig, loadDeploymentConfig, type RawSettings } from '../../src/config/load-config.js';
import { COMPLETE, SECRET_VALUES } from './complete-environment.js';

const dir = mkdtempSync(join(tmpdir(), 'fba-bridge-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function file(content: unknown): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const US_CONNECTION = {
  CONNECTION_ID: 'shop-us', CTP_PROJECT_KEY: 'shop-us', CTP_CLIENT_ID: 'us-client', CTP_CLIENT_SECRET: 'us-ct-secret-value',
  LWA_CLIENT_ID: 'us-lwa', LWA_CLIENT_SECRET: 'us-lwa-secret-value', LWA_REFRESH_TOKEN: 'Atzr|us-refresh-value',
  SPAPI_MARKETPLACE_ID: 'ATVPDKIKX0DER', SPAPI_REGION: 'na', SPAPI_TIMEOUT_SECONDS: 5,
};

function problemsOf(env: RawSettings, path?: string): string[] {
  const result = loadConfig(env, path);
  assert.equal(result.ok, false, 'expected the configuration to be refused');
  return result.ok ? [] : result.error;
}

describe('loadConfig with a config file', () => {
  const path = file({
    ...COMPLETE, CTP_PROJECT_KEY: 'file-shop', PORT: 9090, LOG_LEVEL: 'debug', WORKER_CONCURRENCY: 3, SETUP_ON_START: false,
    routing: { shippingMethodSpeeds: { 'amazon-next-day': 'Priority' }, fbaSupplyChannelKeys: ['amazon-de'] },
    connections: [US_CONNECTION],
  });

  it('reads the same keys, the routing and a second connection; the environment wins', () => {
    const result = loadConfig({ CTP_PROJECT_KEY: 'env-shop', PORT: '7070' }, path);
    assert.ok(result.ok, result.ok ? '' : result.error.join('\n'));
    const config = result.value;
    assert.deepEqual([config.port, config.logLevel, config.engine.concurrency, config.setupOnStart], [7070, 'debug', 3, false]);
    assert.deepEqual(config.connections.map((c) => [c.id, c.commercetools.projectKey, c.amazon.endpoint, c.amazon.marketplaceId]), [
      ['default', 'env-shop', 'https://sellingpartnerapi-eu.amazon.com', 'A1PA6795UKMFR9'],
      ['shop-us', 'shop-us', 'https://sellingpartnerapi-na.amazon.com', 'ATVPDKIKX0DER'],
    ]);
    assert.equal(config.connections[1]?.amazon.timeoutMs, 5_000);
    assert.equal(config.connections[1]?.amazon.refreshToken.reveal(), 'Atzr|us-refresh-value');
    for (const c of config.connections) {
      assert.deepEqual(c.routing, {
        shippingMethodSpeeds: { 'amazon-next-day': 'Priority' }, fulfillmentChannelValue: 'FBA', fbaSupplyChannelKeys: ['amazon-de'], defaultSpeed: 'Standard',
      });
    }
    const agency = file({ ...COMPLETE, connections: Array.from({ length: 5 }, (_, i) => ({ ...US_CONNECTION, CONNECTION_ID: `shop-${i}` })) });
    const many = loadConfig({}, agency);
    assert.ok(many.ok, many.ok ? '' : many.error.join('\n'));
    assert.equal(many.value.engine.concurrency, 24, 'without WORKER_CONCURRENCY: 4 slots per connection (6 connections)');
    const printed = JSON.stringify(config) + inspect(config, { depth: null });
    for (const secret of [...SECRET_VALUES, 'us-ct-secret-value', 'us-lwa-secret-value', 'us-refresh-value']) assert.ok(!printed.includes(secret), secret);
  });

  it('finds the file through FBA_BRIDGE_CONFIG', () => {
    const result = loadConfig({ FBA_BRIDGE_CONFIG: path });
    assert.equal(result.ok && result.value.connections.length, 2);
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['an unknown speed', { ...COMPLETE, routing: { defaultSpeed: 'NextDay' } }, /^config file .*: routing\.defaultSpeed: /],
    ['an unknown routing key', { ...COMPLETE, routing: { speeds: {} } }, /^config file .*: routing: .*speeds/],
    ['a second connection without its refresh token', { ...COMPLETE, connections: [{ ...US_CONNECTION, LWA_REFRESH_TOKEN: undefined }] }, /^connections\[0\]: LWA_REFRESH_TOKEN is missing/],
    ['a second connection without region or endpoint', { ...COMPLETE, connections: [{ ...US_CONNECTION, SPAPI_REGION: undefined }] }, /^connections\[0\]: SPAPI_ENDPOINT or SPAPI_REGION is missing/],
    ['two connections with the default CONNECTION_ID', { ...COMPLETE, connections: [{ ...US_CONNECTION, CONNECTION_ID: undefined }] }, /^two connections share CONNECTION_ID "default": give each its own$/],
    ['two connections with one CONNECTION_ID', { ...COMPLETE, CONNECTION_ID: 'shop-us', connections: [US_CONNECTION] }, /^two connections share CONNECTION_ID "shop-us"/],
  ];
  for (const [name, content, expected] of cases) {
    it(`refuses ${name} with one message`, () => {
      const found = problemsOf({}, file(content));
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, expected);
    });
  }

  it('names a file that is not JSON', () => {
    const found = problemsOf(COMPLETE, file('{ "PORT": '));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^config file .*config-\d+\.json cannot be read as JSON: /);
  });

  it('names a file that does not exist', () => {
    const missing = join(dir, 'missing.json');
    const found = problemsOf(COMPLETE, missing);
    assert.ok(found[0]?.startsWith(`config file ${missing} cannot be read as JSON: ENOENT`), found[0]);
  });
});

describe('loadDeploymentConfig', () => {
  it('needs no connection settings and applies the defaults', () => {
    assert.deepEqual(loadDeploymentConfig({}), { ok: true, value: { databaseUrl: 'sqlite:./data/fba-bridge.db', port: 8080, logLevel: 'info' } });
  });

  it('reads the file; the environment wins', () => {
    const path = file({ DATABASE_URL: 'postgres://db:5432/fba', PORT: 9000, LOG_LEVEL: 'warn' });
    assert.deepEqual(loadDeploymentConfig({ LOG_LEVEL: 'error' }, path), { ok: true, value: { databaseUrl: 'postgres://db:5432/fba', port: 9000, logLevel: 'error' } });
  });

  it('reports every invalid setting, naming it', () => {
    const result = loadDeploymentConfig({ DATABASE_URL: 'mysql://db', PORT: 'eighty' });
    assert.equal(result.ok, false);
    const found = result.ok ? [] : result.error;
    assert.equal(found.length, 2, found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('DATABASE_URL must be')) && found.some((p) => p === 'PORT must be a number'), found.join('\n'));
  });

  it('names a file it cannot read', () => {
    const result = loadDeploymentConfig({}, file('not json'));
    assert.ok(!result.ok && /^config file .* cannot be read as JSON/.test(result.error[0] ?? ''));
  });
});

describe('loadCommercetoolsConfig', () => {
  it('needs only the commercetools settings', () => {
    const result = loadCommercetoolsConfig({ CTP_PROJECT_KEY: 'shop', CTP_CLIENT_ID: 'c', CTP_CLIENT_SECRET: 'ct-secret-value', CTP_AUTH_URL: 'http://auth.local//' });
    assert.ok(result.ok, result.ok ? '' : result.error.join('\n'));
    assert.deepEqual({ ...result.value, clientSecret: String(result.value.clientSecret) }, {
      projectKey: 'shop', clientId: 'c', clientSecret: '[redacted]', authUrl: 'http://auth.local', apiUrl: 'https://api.europe-west1.gcp.commercetools.com', scopes: ['manage_project:shop'],
    });
    assert.equal(result.value.clientSecret.reveal(), 'ct-secret-value');
  });

  it('splits CTP_SCOPES on spaces and commas', () => {
    const result = loadCommercetoolsConfig({ CTP_PROJECT_KEY: 's', CTP_CLIENT_ID: 'c', CTP_CLIENT_SECRET: 'x', CTP_SCOPES: 'manage_orders:s  view_types:s,manage_types:s' });
    assert.deepEqual(result.ok && result.value.scopes, ['manage_orders:s', 'view_types:s', 'manage_types:s']);
  });

  it('names each missing commercetools setting, and nothing of Amazon', () => {
    const result = loadCommercetoolsConfig({ LWA_CLIENT_ID: 'ignored' });
    assert.deepEqual(result.ok ? [] : result.error.map((p) => p.split(' ')[0]), ['CTP_PROJECT_KEY', 'CTP_CLIENT_ID', 'CTP_CLIENT_SECRET']);
  });
});
