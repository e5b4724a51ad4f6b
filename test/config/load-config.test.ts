// loadConfig from the environment alone: defaults, one message per missing or invalid setting naming
// its variable, every problem at once, and secrets that never print.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { loadConfig, type RawSettings } from '../../src/config/load-config.js';
import type { BridgeConfig } from '../../src/config/bridge-config.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { parseChartOfAccounts } from '../../src/domain/settlements/chart-of-accounts.js';
import { COMPLETE, SECRET_VALUES } from './complete-environment.js';

function loaded(env: RawSettings): BridgeConfig {
  const result = loadConfig(env);
  assert.ok(result.ok, result.ok ? '' : result.error.join('\n'));
  return result.ok ? result.value : (undefined as never);
}

function problems(env: RawSettings): string[] {
  const result = loadConfig(env);
  assert.equal(result.ok, false, 'expected the configuration to be refused');
  return result.ok ? [] : result.error;
}

describe('loadConfig: a complete environment', () => {
  it('loads with every default applied', () => {
    const config = loaded(COMPLETE);
    assert.equal(config.databaseUrl.reveal(), 'sqlite:./data/fba-bridge.db');
    assert.ok(config.host === '127.0.0.1' || config.host === '0.0.0.0', 'loopback, or every address inside a container');
    assert.deepEqual({ ...config, connections: [], databaseUrl: null, host: null, alerts: null }, {
      connections: [], databaseUrl: null, host: null, port: 8080, logLevel: 'info', setupOnStart: true, retentionDays: 400, rateLimits: { store: 'local' }, alerts: null, access: { sessionMs: 43_200_000 },
      engine: { concurrency: 8, maxAttempts: 8, leaseMs: 60_000, jobLeaseMs: 30_000, fbaPollMs: 60_000, ctPollMs: 60_000, stuckInPlanningMs: 24 * 3600_000, settlementPollMs: 6 * 3600_000, refundMatchMs: 30 * 86_400_000 },
    });
    assert.equal(config.connections.length, 1);
    const c = config.connections[0]!;
    assert.equal(c.id, 'default');
    assert.deepEqual({ ...c.commercetools, clientSecret: c.commercetools.clientSecret.reveal() }, {
      projectKey: 'shop', clientId: 'ct-client', clientSecret: 'ct-secret-value',
      authUrl: 'https://auth.europe-west1.gcp.commercetools.com', apiUrl: 'https://api.europe-west1.gcp.commercetools.com', scopes: ['manage_project:shop'],
      writes: { concurrency: 8, ratePerSecond: 100 },
    });
    assert.equal(c.amazon.endpoint, 'https://sellingpartnerapi-eu.amazon.com');
    assert.equal(c.amazon.lwaEndpoint, 'https://api.amazon.com/auth/o2/token');
    assert.equal(c.amazon.refreshToken.reveal(), 'Atzr|refresh-token-value');
    assert.equal(c.amazon.timeoutMs, 20_000);
    assert.match(c.amazon.sellerKey, /^rt-[0-9a-f]{12}$/);
    assert.deepEqual(c.routing, DEFAULT_ROUTING);
  });

  for (const [region, host] of [['na', 'https://sellingpartnerapi-na.amazon.com'], ['eu', 'https://sellingpartnerapi-eu.amazon.com'], ['fe', 'https://sellingpartnerapi-fe.amazon.com']]) {
    it(`SPAPI_REGION=${region} → ${host}`, () => {
      assert.equal(loaded({ ...COMPLETE, SPAPI_REGION: region }).connections[0]?.amazon.endpoint, host);
    });
  }

  it('takes explicit settings over defaults and tidies them', () => {
    const c = loaded({
      ...COMPLETE, SPAPI_REGION: undefined, SPAPI_ENDPOINT: 'http://127.0.0.1:4000/', CTP_API_URL: 'http://ct.local/', CTP_SCOPES: 'manage_orders:shop, view_products:shop',
      SPAPI_SELLER_ID: 'A3SELLER', SPAPI_TIMEOUT_SECONDS: '2.5', CONNECTION_ID: 'shop-eu', PORT: '0', SETUP_ON_START: 'false', STUCK_IN_PLANNING_HOURS: '6',
      CT_WRITE_CONCURRENCY: '4', CT_WRITE_RATE: '12.5',
    });
    const conn = c.connections[0]!;
    assert.deepEqual(conn.commercetools.writes, { concurrency: 4, ratePerSecond: 12.5 });
    assert.deepEqual([conn.id, conn.amazon.endpoint, conn.commercetools.apiUrl, conn.commercetools.scopes, conn.amazon.sellerKey, conn.amazon.timeoutMs],
      ['shop-eu', 'http://127.0.0.1:4000', 'http://ct.local', ['manage_orders:shop', 'view_products:shop'], 'A3SELLER', 2_500]);
    assert.deepEqual([c.port, c.setupOnStart, c.engine.stuckInPlanningMs], [0, false, 6 * 3600_000]);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loaded({ ...COMPLETE, PORT: '', CTP_AUTH_URL: '' }).port, 8080);
  });
});

describe('loadConfig: one message per problem, naming the variable', () => {
  const cases: Array<[RawSettings, string, RegExp]> = [
    [{ CTP_PROJECT_KEY: undefined }, 'CTP_PROJECT_KEY', /is missing: your commercetools project key/],
    [{ CTP_CLIENT_ID: '   ' }, 'CTP_CLIENT_ID', /is empty/],
    [{ CTP_CLIENT_SECRET: undefined }, 'CTP_CLIENT_SECRET', /is missing/],
    [{ CTP_AUTH_URL: 'ftp://auth' }, 'CTP_AUTH_URL', /must be an http\(s\) URL/],
    [{ LWA_CLIENT_ID: undefined }, 'LWA_CLIENT_ID', /is missing/],
    [{ LWA_CLIENT_SECRET: undefined }, 'LWA_CLIENT_SECRET', /is missing/],
    [{ LWA_REFRESH_TOKEN: undefined }, 'LWA_REFRESH_TOKEN', /is missing/],
    [{ LWA_ENDPOINT: 'api.amazon.com' }, 'LWA_ENDPOINT', /must be an http\(s\) URL/],
    [{ SPAPI_MARKETPLACE_ID: undefined }, 'SPAPI_MARKETPLACE_ID', /is missing/],
    [{ SPAPI_MARKETPLACE_ID: 'de' }, 'SPAPI_MARKETPLACE_ID', /does not look like an Amazon marketplace id/],
    [{ SPAPI_REGION: 'asia' }, 'SPAPI_REGION', /must be one of na, eu, fe/],
    [{ SPAPI_REGION: undefined }, 'SPAPI_REGION', /SPAPI_ENDPOINT or SPAPI_REGION is missing/],
    [{ SPAPI_REGION: undefined, SPAPI_ENDPOINT: 'sp-api' }, 'SPAPI_ENDPOINT', /must be an http\(s\) URL/],
    [{ SPAPI_TIMEOUT_SECONDS: 'soon' }, 'SPAPI_TIMEOUT_SECONDS', /must be a number/],
    [{ SPAPI_TIMEOUT_SECONDS: '0' }, 'SPAPI_TIMEOUT_SECONDS', /must be greater than 0/],
    [{ CT_WRITE_CONCURRENCY: '0' }, 'CT_WRITE_CONCURRENCY', /must be at least 1/],
    [{ CT_WRITE_CONCURRENCY: '2.5' }, 'CT_WRITE_CONCURRENCY', /must be a whole number/],
    [{ CT_WRITE_RATE: 'fast' }, 'CT_WRITE_RATE', /must be a number \(writes per second\)/],
    [{ CT_WRITE_RATE: '0' }, 'CT_WRITE_RATE', /must be greater than 0/],
    [{ CONNECTION_ID: 'Shop EU' }, 'CONNECTION_ID', /lowercase letters, digits and dashes/],
    [{ PORT: 'http' }, 'PORT', /must be a number/],
    [{ PORT: '-1' }, 'PORT', /must be 0 or more/],
    [{ PORT: '80.5' }, 'PORT', /must be a whole number/],
    [{ PORT: '70000' }, 'PORT', /must be ≤ 65535/],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /must be debug, info, warn or error/],
    [{ WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY', /must be greater than 0/],
    [{ MAX_ATTEMPTS: '2.5' }, 'MAX_ATTEMPTS', /must be a whole number/],
    [{ LEASE_SECONDS: 'long' }, 'LEASE_SECONDS', /must be a number/],
    [{ JOB_LEASE_SECONDS: '0.1' }, 'JOB_LEASE_SECONDS', /between 0.5 and 3600 seconds/],
    [{ SETTLEMENT_POLL_HOURS: '1000' }, 'SETTLEMENT_POLL_HOURS', /must be at most 596/],
    [{ SQS_QUEUE_ARN: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' }, 'SQS_QUEUE_ARN', /must be the queue ARN/],
    [{ DATABASE_URL: 'mysql://db/fba' }, 'DATABASE_URL', /must be sqlite:<file>, a file path, or postgres:/],
    [{ SETUP_ON_START: 'yes' }, 'SETUP_ON_START', /true|false/],
  ];
  for (const [change, variable, text] of cases) {
    it(`${JSON.stringify(change)} → ${variable}`, () => {
      const found = problems({ ...COMPLETE, ...change });
      assert.equal(found.length, 1, found.join('\n'));
      assert.ok(found[0]!.includes(variable), found[0]);
      assert.match(found[0]!, text);
    });
  }

  it('refuses a control character in any value without quoting the value', () => {
    const found = problems({ ...COMPLETE, CTP_PROJECT_KEY: 'shop\nother', LWA_CLIENT_SECRET: 'secret-value\u0000' });
    assert.equal(found.length, 2, found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('CTP_PROJECT_KEY contains a control character')), found.join('\n'));
    assert.ok(found.every((p) => !p.includes('secret-value') && !p.includes('other')), found.join('\n'));
  });

  it('never prints the password of a malformed DATABASE_URL', () => {
    const found = problems({ ...COMPLETE, DATABASE_URL: 'postgres://bridge:Hunter2-pass@db:notaport/fba' });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /DATABASE_URL: .*not a valid postgres/);
    assert.ok(!found[0]!.includes('Hunter2-pass'), found[0]);
  });

  it('HOST chooses the bind address', () => {
    assert.equal(loaded({ ...COMPLETE, HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loaded({ ...COMPLETE, HOST: '127.0.0.1' }).host, '127.0.0.1');
  });

  it('reports several problems at once, one line each', () => {
    const found = problems({ ...COMPLETE, CTP_PROJECT_KEY: undefined, LWA_REFRESH_TOKEN: undefined, SPAPI_REGION: undefined, PORT: 'x', LOG_LEVEL: 'loud' });
    for (const variable of ['CTP_PROJECT_KEY', 'LWA_REFRESH_TOKEN', 'SPAPI_REGION', 'PORT', 'LOG_LEVEL']) {
      assert.equal(found.filter((p) => p.includes(variable)).length, 1, `${variable} in:\n${found.join('\n')}`);
    }
    assert.equal(found.length, 5);
  });

  it('reports everything missing from an empty environment', () => {
    const found = problems({});
    assert.deepEqual(found.map((p) => p.split(' ')[0]), [
      'CTP_PROJECT_KEY', 'CTP_CLIENT_ID', 'CTP_CLIENT_SECRET', 'LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', 'LWA_REFRESH_TOKEN', 'SPAPI_MARKETPLACE_ID', 'SPAPI_ENDPOINT',
    ]);
  });
});

describe('loadConfig: secrets', () => {
  it('never shows a secret in JSON.stringify, util.inspect or string interpolation of the config', () => {
    const config = loaded(COMPLETE);
    const c = config.connections[0]!;
    for (const printed of [JSON.stringify(config), inspect(config, { depth: null }), `${c.amazon.refreshToken} ${c.commercetools.clientSecret}`]) {
      for (const secret of SECRET_VALUES) assert.ok(!printed.includes(secret), `${secret} printed`);
      assert.match(printed, /\[redacted\]/);
    }
  });

  it('never shows the database password', () => {
    const config = loaded({ ...COMPLETE, DATABASE_URL: 'postgres://bridge:db-password-value@db:5432/fba' });
    assert.ok(!JSON.stringify(config).includes('db-password-value'));
    assert.ok(!inspect(config, { depth: null }).includes('db-password-value'));
  });
});

describe('loadConfig: SETTLEMENT_CHART_FILE', () => {
  const EXAMPLE = fileURLToPath(new URL('../../docs/runbooks/example-chart-of-accounts.json', import.meta.url));

  it('is absent by default: `start` books settlements with the built-in chart', () => {
    assert.equal(loaded(COMPLETE).settlementChart, undefined);
  });

  it('loads and checks the chart at start-up', () => {
    const expected = parseChartOfAccounts(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    assert.ok(expected.ok);
    assert.deepEqual(loaded({ ...COMPLETE, SETTLEMENT_CHART_FILE: EXAMPLE }).settlementChart, expected.value);
  });

  it('reports a chart that cannot be used, one line per problem, with the other problems', () => {
    const folder = mkdtempSync(join(tmpdir(), 'fba-bridge-chart-'));
    try {
      const broken = join(folder, 'chart.json');
      const chart = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { specialAccounts: Record<string, string> };
      writeFileSync(broken, JSON.stringify({ ...chart, specialAccounts: { ...chart.specialAccounts, clearing: 'NOPE' } }));
      const found = problems({ ...COMPLETE, SETTLEMENT_CHART_FILE: broken, PORT: 'x' });
      assert.ok(found.some((p) => p.startsWith('PORT')), found.join('\n'));
      const chartProblems = found.filter((p) => p.startsWith(`SETTLEMENT_CHART_FILE ${broken}: `));
      assert.ok(chartProblems.length >= 1, found.join('\n'));
      assert.ok(chartProblems.every((p) => !p.includes('\n')));
      const missing = join(folder, 'missing.json');
      assert.deepEqual(problems({ ...COMPLETE, SETTLEMENT_CHART_FILE: missing }).map((p) => p.replace(/JSON: .*/, 'JSON: …')), [`SETTLEMENT_CHART_FILE ${missing} cannot be read as JSON: …`]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('loadConfig: shared rate limits and SQS intake', () => {
  it('shares the buckets in PostgreSQL by default, in Redis when REDIS_URL is set, as RATE_LIMIT_STORE says otherwise', () => {
    assert.deepEqual(loaded({ ...COMPLETE, DATABASE_URL: 'postgres://u@db:5432/bridge' }).rateLimits, { store: 'database' });
    const redis = loaded({ ...COMPLETE, REDIS_URL: 'redis://cache:6379' }).rateLimits;
    assert.equal(redis?.store, 'redis');
    assert.equal(redis?.redisUrl?.reveal(), 'redis://cache:6379');
    assert.equal(loaded({ ...COMPLETE, DATABASE_URL: 'postgres://u@db/b', RATE_LIMIT_STORE: 'local' }).rateLimits?.store, 'local');
    assert.deepEqual(problems({ ...COMPLETE, RATE_LIMIT_STORE: 'memcached' }), ['RATE_LIMIT_STORE must be local, database or redis']);
    assert.deepEqual(problems({ ...COMPLETE, REDIS_URL: 'cache:6379' }), ['REDIS_URL must be redis://host:port (or rediss:// for TLS)']);
  });

  it('reads the SQS queues with a default visibility timeout', () => {
    assert.equal(loaded(COMPLETE).sqs, undefined);
    assert.deepEqual(loaded({ ...COMPLETE, SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/fba', SQS_ENDPOINT: 'http://127.0.0.1:9324' }).sqs, {
      amazonQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/fba', endpoint: 'http://127.0.0.1:9324', visibilityTimeoutSeconds: 60,
    });
    assert.match(problems({ ...COMPLETE, CT_SQS_QUEUE_URL: 'fba' })[0] ?? '', /CT_SQS_QUEUE_URL must be the queue URL/);
  });
});
