// The bridge's HTTP face over real HTTP on loopback, with the real SQLite store: event intake records
// the order as dirty before it answers, duplicates and other resources are acknowledged without work,
// bad bodies get a clear 4xx, a store that cannot record answers 503 (redeliver), health and metrics.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { DependencyCircuits } from '../../src/engine/dependency-circuit.js';
import { serveRoutes, INTAKE_AUTH } from '../support/serve-routes.js';
import { bridgeRoutes } from '../../src/http/bridge-routes.js';
import { TRIAGE_PRIORITY } from '../../src/flows/orders/order-flow-types.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { Secret } from '../../src/config/secret.js';
import type { BridgeConfig, ConnectionConfig } from '../../src/config/bridge-config.js';
import type { Store } from '../../src/ports/store.js';
import { RecordingLogger } from '../engine/recording-logger.js';
import { FakeRateGovernor } from '../support/fakes/fake-rate-governor.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';
import { CircuitStatus } from '../../src/engine/circuit-status.js';

const METRICS_TOKEN = 'route-test-metrics-token-0123456789';
const ORDER_ID = '9b2f6c1e-0000-4000-8000-000000000001';

function connection(id: string, projectKey: string): ConnectionConfig {
  return {
    id,
    commercetools: { projectKey, clientId: 'c', clientSecret: new Secret('s'), authUrl: 'http://auth', apiUrl: 'http://api', scopes: [] },
    amazon: {
      endpoint: 'http://sp', lwaEndpoint: 'http://lwa', lwaClientId: 'l', lwaClientSecret: new Secret('s'), refreshToken: new Secret('r'),
      marketplaceId: 'A1PA6795UKMFR9', sellerKey: 'seller-1', timeoutMs: 20_000,
    },
    routing: DEFAULT_ROUTING,
  };
}

const CONFIG: BridgeConfig = {
  connections: [connection('shop-eu', 'shop-eu-project'), connection('shop-us', 'shop-us-project')],
  databaseUrl: new Secret(':memory:'), port: 0, logLevel: 'info', setupOnStart: false,
  engine: { concurrency: 1, maxAttempts: 3, leaseMs: 60_000, fbaPollMs: 60_000, ctPollMs: 60_000, stuckInPlanningMs: 86_400_000 },
};

/** The real store, except that transactions fail (the database is gone). */
function storeWithFailingTransactions(real: Store): Store {
  return {
    dialect: real.dialect, connections: real.connections, work: real.work, orderLinks: real.orderLinks, exceptions: real.exceptions,
    inbox: real.inbox, watermarks: real.watermarks, audit: real.audit, retention: real.retention, inventory: real.inventory, settlements: real.settlements, rateBuckets: real.rateBuckets,
    alerts: real.alerts, jobLeases: real.jobLeases, taskLeases: real.taskLeases, console: real.console,
    transaction: async () => { throw new Error('SQLITE_FULL: database or disk is full'); },
    migrate: () => real.migrate(), close: () => real.close(),
  } satisfies Store;
}

let store: Store;
let logger: RecordingLogger;
let clock: FixedClock;
let wakes: number;
let server: { port: number; close(): Promise<void> } | null;

beforeEach(async () => {
  store = await openStore(':memory:');
  logger = new RecordingLogger();
  clock = new FixedClock();
  wakes = 0;
  server = null;
});
afterEach(async () => {
  await server?.close();
  await store.close();
});

async function serve(routesStore: Store = store, circuits?: DependencyCircuits): Promise<string> {
  const governor = new FakeRateGovernor([{ seller: 'seller-1', operation: 'createFulfillmentOrder', ratePerSecond: 2, burst: 2, tokens: 1.5, waiting: 0, throttled: 4 }]);
  const routes = bridgeRoutes({ store: routesStore, governor, config: CONFIG, workClock: clock, logger, wake: () => { wakes++; }, ...(circuits ? { dependencies: new CircuitStatus(circuits) } : {}) });
  server = await serveRoutes(routes, logger, { metricsToken: METRICS_TOKEN });
  return `http://127.0.0.1:${server.port}`;
}

const pubSub = (message: unknown) => ({ message: { data: Buffer.from(JSON.stringify(message)).toString('base64'), messageId: 'ps-1' } });
const orderMessage = (id: string, projectKey = 'shop-eu-project', typeId = 'order') => pubSub({ id, projectKey, type: 'OrderCreated', resource: { typeId, id: ORDER_ID } });

async function post(base: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/events/commercetools`, { method: 'POST', headers: { 'content-type': 'application/json', ...INTAKE_AUTH }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe('POST /events/commercetools', () => {
  it('records the order as dirty (an order.export item at triage priority) before answering 202', async () => {
    const base = await serve();
    const answer = await post(base, orderMessage('msg-1'));
    assert.deepEqual(answer, { status: 202, json: { accepted: ORDER_ID } });
    const item = await store.work.get('shop-eu', 'order.export', ORDER_ID);
    assert.deepEqual([item?.state, item?.priority, item?.runAt], ['pending', TRIAGE_PRIORITY, clock.ms]);
    assert.equal(wakes, 1);
  });

  it('routes a message to the connection of its project', async () => {
    const base = await serve();
    await post(base, orderMessage('msg-us', 'shop-us-project'));
    assert.ok(await store.work.get('shop-us', 'order.export', ORDER_ID));
    assert.equal(await store.work.get('shop-eu', 'order.export', ORDER_ID), null);
  });

  it('acknowledges a duplicate message id without enqueuing the order again', async () => {
    const base = await serve();
    await post(base, orderMessage('msg-1'));
    const [claimed] = await store.work.claim({ owner: 'w', now: clock.ms, leaseMs: 60_000, limit: 1 });
    assert.ok(claimed && await store.work.complete(claimed.id, 'w', clock.ms));

    assert.deepEqual(await post(base, orderMessage('msg-1')), { status: 202, json: { duplicate: 'msg-1' } });
    assert.equal((await store.work.get('shop-eu', 'order.export', ORDER_ID))?.state, 'done');
    assert.equal(wakes, 1);

    await post(base, orderMessage('msg-2'));
    assert.equal((await store.work.get('shop-eu', 'order.export', ORDER_ID))?.state, 'pending', 'a new message is new news');
  });

  it('acknowledges and ignores a message about another resource', async () => {
    const base = await serve();
    assert.deepEqual(await post(base, orderMessage('msg-p', 'shop-eu-project', 'product')), { status: 202, json: { ignored: 'resource type product' } });
    assert.deepEqual(await store.work.stats('shop-eu', clock.ms), []);
    assert.equal(wakes, 0);
  });

  for (const [name, body, error] of [
    ['malformed JSON', '{"message": {"data": ', 'the request body is not valid JSON'],
    ['JSON that is no commercetools message', { hello: 'world' }, 'not a commercetools message: the message has no resource {typeId, id}'],
    ['a project no connection serves', orderMessage('msg-x', 'other-project'), 'no connection is configured for commercetools project "other-project"'],
  ] as const) {
    it(`answers 400 with a clear message for ${name}`, async () => {
      const base = await serve();
      assert.deepEqual(await post(base, body), { status: 400, json: { error } });
      assert.deepEqual(await store.work.stats('shop-eu', clock.ms), []);
    });
  }

  it('answers 503 when the store cannot record the message, so it is delivered again', async () => {
    const base = await serve(storeWithFailingTransactions(store));
    assert.deepEqual(await post(base, orderMessage('msg-1')), { status: 503, json: { error: 'could not record the message; deliver it again' } });
    assert.equal(wakes, 0);
    assert.ok(logger.messages('error').includes('could not record a commercetools message; asking for redelivery'));
  });

  it('answers 413 to a body over 1 MiB and records nothing', async () => {
    const base = await serve();
    const huge = { ...orderMessage('msg-big'), padding: 'x'.repeat(1_048_576) };
    const answer = await post(base, huge);
    assert.equal(answer.status, 413);
    assert.match(answer.json.error, /larger than 1048576 bytes/);
    assert.deepEqual(await store.work.stats('shop-eu', clock.ms), []);
  });
});

describe('GET /health, GET /metrics, unknown routes', () => {
  it('answers 200 with every flow ok per connection; inventory (not configured) is left out', async () => {
    const base = await serve();
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.deepEqual(Object.keys(body.connections), ['shop-eu', 'shop-us']);
    assert.deepEqual(Object.keys(body.connections['shop-eu'].flows).sort(), ['intake', 'ordersOut', 'settlements', 'trackingBack']);
    assert.deepEqual(body.connections['shop-eu'].flows.ordersOut, { status: 'ok', reason: 'ok', lagSeconds: 0 });
  });

  it('says behind, never ok, while an order waits longer than the grace period (HTTP 200)', async () => {
    const base = await serve();
    await post(base, orderMessage('msg-1'));
    clock.advance(121_000);
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'behind');
    assert.deepEqual(body.connections['shop-eu'].flows.ordersOut, { status: 'behind', reason: 'the oldest pending work has waited 121 s', lagSeconds: 121 });
    assert.equal(body.connections['shop-us'].flows.ordersOut.status, 'ok');
  });

  it('says failing with HTTP 503 when Amazon refuses the credentials', async () => {
    const circuits = new DependencyCircuits(() => clock.ms);
    const base = await serve(store, circuits);
    circuits.circuit('amazon-lwa', 'shop-us').failed('auth-refused', 'invalid_grant');
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.status, 'failing');
    assert.equal(body.connections['shop-us'].flows.ordersOut.status, 'failing');
    assert.match(body.connections['shop-us'].flows.ordersOut.reason, /Login with Amazon refuses the credentials/);
    assert.equal(body.connections['shop-us'].flows.intake.status, 'ok');
    assert.equal(body.connections['shop-eu'].status, 'ok');
  });

  it('/health/live answers while the process runs; /health/ready checks the database', async () => {
    const base = await serve();
    assert.equal((await fetch(`${base}/health/live`)).status, 200);
    const ready = await fetch(`${base}/health/ready`);
    assert.deepEqual([ready.status, await ready.json()], [200, { status: 'ready', database: 'reachable', configuration: 'valid' }]);
    await server?.close();
    const broken = await openStore(':memory:');
    await broken.close();
    const brokenBase = await serve(broken);
    const notReady = await fetch(`${brokenBase}/health/ready`);
    assert.equal(notReady.status, 503);
    assert.equal((await notReady.json()).status, 'not-ready');
    assert.equal((await fetch(`${brokenBase}/health/live`)).status, 200);
  });

  it('says which dependency is down, since when and why: behind (200) until its alert threshold', async () => {
    const circuits = new DependencyCircuits(() => Date.parse('2026-12-04T08:00:00Z'));
    circuits.circuit('amazon-sp-api', 'shop-eu').failed('unreachable', 'Amazon could not be reached');
    const base = await serve(store, circuits);
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    const body = await res.json() as { status: string; dependencies: unknown[]; connections: Record<string, { flows: Record<string, { status: string; reason: string }> }> };
    assert.equal(body.status, 'behind');
    assert.equal(body.connections['shop-eu']!.flows.ordersOut!.status, 'behind');
    assert.match(body.connections['shop-eu']!.flows.ordersOut!.reason, /SP-API unreachable/);
    assert.deepEqual(body.dependencies, [{
      dependency: 'amazon-sp-api', connection: 'shop-eu', state: 'open', since: '2026-12-04T08:00:00.000Z',
      lastFailure: { kind: 'unreachable', message: 'Amazon could not be reached' },
    }]);
  });

  it('answers 503 when the database cannot be read', async () => {
    const broken = await openStore(':memory:');
    await broken.close();
    const base = await serve(broken);
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 503);
    assert.match((await res.json()).reason, /^database: /);
  });

  it('serves the Prometheus lines for queues, orders, exceptions and rate buckets', async () => {
    const base = await serve();
    await post(base, orderMessage('msg-1'));
    clock.advance(30_000);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const lines = (await res.text()).split('\n');
    for (const expected of [
      '# TYPE fba_bridge_work_items gauge',
      'fba_bridge_work_items{connection="shop-eu",flow="order.export",state="due"} 1',
      'fba_bridge_flow_lag_seconds{connection="shop-eu",flow="order.export"} 30',
      'fba_bridge_orders{connection="shop-eu",state="submitted"} 0',
      '# TYPE fba_bridge_open_exceptions gauge',
      'fba_bridge_rate_tokens{seller="seller-1",operation="createFulfillmentOrder"} 1.5',
      'fba_bridge_rate_limit_per_second{seller="seller-1",operation="createFulfillmentOrder"} 2',
      '# TYPE fba_bridge_throttled_total counter',
      'fba_bridge_throttled_total{seller="seller-1",operation="createFulfillmentOrder"} 4',
    ]) assert.ok(lines.includes(expected), `missing line: ${expected}`);
  });

  it('answers 404 naming the route it does not have', async () => {
    const base = await serve();
    const res = await fetch(`${base}/events/nowhere`, { method: 'POST', body: '{}' });
    assert.deepEqual([res.status, await res.json()], [404, { error: 'no route POST /events/nowhere' }]);
  });
});
