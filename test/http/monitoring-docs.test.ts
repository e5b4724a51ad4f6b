// docs/monitoring ships Prometheus rules and a Grafana dashboard: every fba_bridge_* metric they name
// must exist in what GET /metrics serves (a renamed metric would silently blank a panel or an alert).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { serveRoutes } from '../support/serve-routes.js';
import { bridgeRoutes } from '../../src/http/bridge-routes.js';
import { BridgeMetrics } from '../../src/adapters/metrics/bridge-metrics.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { Secret } from '../../src/config/secret.js';
import type { BridgeConfig } from '../../src/config/bridge-config.js';
import type { Store } from '../../src/ports/store.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { FakeRateGovernor } from '../support/fakes/fake-rate-governor.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';

const docs = (name: string) => readFileSync(fileURLToPath(new URL(`../../docs/monitoring/${name}`, import.meta.url)), 'utf8');
const CONFIG: BridgeConfig = {
  connections: [{
    id: 'shop', routing: DEFAULT_ROUTING,
    commercetools: { projectKey: 'p', clientId: 'c', clientSecret: new Secret('s'), authUrl: 'http://a', apiUrl: 'http://b', scopes: [] },
    amazon: { endpoint: 'http://sp', lwaEndpoint: 'http://lwa', lwaClientId: 'l', lwaClientSecret: new Secret('s'), refreshToken: new Secret('r'), marketplaceId: 'A1PA6795UKMFR9', sellerKey: 's1', timeoutMs: 1000 },
  }],
  databaseUrl: new Secret(':memory:'), port: 0, logLevel: 'info', setupOnStart: false,
  engine: { concurrency: 1, maxAttempts: 3, leaseMs: 60_000, fbaPollMs: 60_000, ctPollMs: 60_000, stuckInPlanningMs: 86_400_000 },
};

let store: Store;
let server: { port: number; close(): Promise<void> };
before(async () => {
  store = await openStore(':memory:');
  const governor = new FakeRateGovernor([{ seller: 's1', operation: 'createFulfillmentOrder', ratePerSecond: 2, burst: 2, tokens: 2, waiting: 0, throttled: 0 }]);
  server = await serveRoutes(bridgeRoutes({ store, governor, config: CONFIG, workClock: new FixedClock(), logger: silentLogger, wake: () => {}, metrics: new BridgeMetrics() }), silentLogger, { metricsToken: 'docs-test-metrics-token-0123456789' });
});
after(async () => {
  await server.close();
  await store.close();
});

function namesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\bfba_bridge_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));
}

it('every metric the Prometheus rules and the Grafana dashboard name is served by GET /metrics', async () => {
  const served = await (await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: 'Bearer docs-test-metrics-token-0123456789' } })).text();
  const declared = new Set([...served.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
  const named = new Set([...namesIn(docs('prometheus-rules.yml')), ...namesIn(JSON.stringify(JSON.parse(docs('grafana-dashboard.json'))))]);
  assert.ok(named.size >= 15, `the docs name ${named.size} metrics`);
  const missing = [...named].filter((n) => !declared.has(n));
  assert.deepEqual(missing, [], `named in docs/monitoring but not served: ${missing.join(', ')}`);
  for (const histogram of ['fba_bridge_order_accept_seconds', 'fba_bridge_tracking_writeback_seconds', 'fba_bridge_inventory_propagation_seconds']) {
    assert.match(served, new RegExp(`^# TYPE ${histogram} histogram$`, 'm'));
  }
});
