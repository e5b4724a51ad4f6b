// bench/orders: a backlog of 2,000 storefront orders drains into the SP-API simulator's token bucket.
// Amazon grants createFulfillmentOrder 2 requests/s with a burst of 30; the simulator scales the rate
// (--rate-scale, default 20 → 40/s) so the run takes about a minute. Printed, all measured in this run:
//   - achieved create rate ÷ granted rate (steady state, after the burst) — target ≥ 0.90
//   - 429 answers the bridge received — target 0
//   - mean wait (bench start → Amazon received the order) of Priority and Expedited vs Standard orders
// With --workers N (N > 1) the bridge runs as N `start` processes on one PostgreSQL (TEST_POSTGRES_URL),
// sharing the seller's buckets there (docs/adr/0010); 429s are then counted by the simulator.
// Usage: npm run bench:orders [-- --orders 2000 --rate-scale 20 --workers 3]
// Agency mode (agency.ts): npm run bench:orders -- --connections 20 --workers 2 [--backlog 10000 --busy 150 --quiet-seconds 30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulatorProcess, startCtMockProcess, startBridgeProcess, type Child } from '../support/processes.js';
import { randomBytes } from 'node:crypto';
import { dropSchema } from '../../test/support/postgres-available.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { seedDemoCatalogue, DEMO_PRODUCTS } from '../../src/demo/seeders/demo-catalogue.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { Secret } from '../../src/config/secret.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { startBridge } from '../../src/app/bridge-runtime.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { seedFbaStock } from '../../src/demo/seed-fba-stock.js';
import { runAgencyBench } from './agency.js';

const { values } = parseArgs({ options: {
  orders: { type: 'string', default: '2000' }, 'rate-scale': { type: 'string' }, workers: { type: 'string', default: '1' },
  connections: { type: 'string', default: '1' }, backlog: { type: 'string', default: '10000' }, busy: { type: 'string', default: '150' }, 'quiet-seconds': { type: 'string', default: '30' },
} });
const ORDERS = Number(values.orders);
const WORKERS = Number(values.workers);
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (Number(values.connections) > 1) {
  // Agency mode: Amazon's real rate (scale 1) per seller by default; the sum over sellers is the load.
  const passed = await runAgencyBench({
    connections: Number(values.connections), workers: WORKERS, backlog: Number(values.backlog), busy: Number(values.busy),
    quietSeconds: Number(values['quiet-seconds']), rateScale: Number(values['rate-scale'] ?? '1'), postgresUrl: POSTGRES_URL,
  });
  process.exit(passed ? 0 : 1);
}
const RATE_SCALE = Number(values['rate-scale'] ?? '20');
const MARKETPLACE = 'A1PA6795UKMFR9';
const SKUS = DEMO_PRODUCTS.slice(0, 10);
const SPEEDS = ['fba-priority', 'fba-expedited', 'fba-standard'] as const;
const speedOf = (i: number) => (i % 10 === 0 ? SPEEDS[0] : i % 10 < 3 ? SPEEDS[1] : SPEEDS[2]);

const dir = mkdtempSync(join(tmpdir(), 'fba-bench-'));
// The simulator and commercetools-mock run in their own processes: what is measured is the bridge.
const sim = await startSimulatorProcess(40_000 + Math.floor(Math.random() * 5_000), ['--seed', '3', '--rate-scale', String(RATE_SCALE)]);
const ct = await startCtMockProcess('bench');
const ctSettings = { projectKey: 'bench', clientId: 'bench', clientSecret: new Secret('bench'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: ['manage_project:bench'] };
const api = createCommercetoolsApi(ctSettings);
await new CommercetoolsProjectSetup(api).ensureSetup(true);
await seedDemoCatalogue(api);
await seedFbaStock(sim.url, MARKETPLACE, SKUS.map((p) => ({ sellerSku: p.sku, productName: p.name, quantity: 1_000_000 })));

process.stdout.write(`placing ${ORDERS} storefront orders (10% Priority, 20% Expedited, 70% Standard)…\n`);
const speedByNumber = new Map<string, string>();
for (let i = 0; i < ORDERS; i += 20) {
  await Promise.all(Array.from({ length: Math.min(20, ORDERS - i) }, (_, k) => {
    const n = i + k;
    const orderNumber = `B-${100000 + n}`;
    speedByNumber.set(orderNumber, speedOf(n));
    return createDemoOrder(api, {
      orderNumber, customerEmail: 'bench@example.com', shippingMethodKey: speedOf(n),
      shippingAddress: { firstName: 'Ada', lastName: 'Bench', streetName: 'Torstraße', streetNumber: '1', postalCode: '10119', city: 'Berlin', country: 'DE' },
      lines: [{ sku: SKUS[n % SKUS.length]!.sku, quantity: 1, supplyChannelKey: 'fba-eu' }],
    });
  }));
  if ((i / 20) % 10 === 0) process.stdout.write(`  ${i + 20}/${ORDERS}\r`);
}
process.stdout.write(`\nbacklog ready; starting the bridge\n`);

const started = Date.now();
const amazonSettings = { endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, lwaClientId: 'bench', lwaClientSecret: new Secret('bench'), refreshToken: new Secret('Atzr|bench'), marketplaceId: MARKETPLACE, sellerKey: 'bench', timeoutMs: 20_000 };
const schema = `bench_orders_${randomBytes(4).toString('hex')}`;
const runtime = WORKERS > 1 ? null : await startBridge({
  config: {
    databaseUrl: new Secret(`sqlite:${join(dir, 'bench.db')}`), port: 0, logLevel: 'warn', setupOnStart: false,
    engine: { concurrency: 16, maxAttempts: 8, leaseMs: 60_000, fbaPollMs: 5_000, ctPollMs: 2_000, stuckInPlanningMs: 86_400_000 },
    connections: [{ id: 'bench', commercetools: ctSettings, routing: DEFAULT_ROUTING, amazon: amazonSettings }],
  },
  logger: silentLogger, serveHttp: false,
});
const workers: Child[] = WORKERS > 1 ? Array.from({ length: WORKERS }, () => startBridgeProcess({
  DATABASE_URL: `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`, PORT: '0', LOG_LEVEL: 'warn', SETUP_ON_START: 'false',
  WORKER_CONCURRENCY: '16', CT_POLL_SECONDS: '2', FBA_POLL_SECONDS: '5',
  CTP_PROJECT_KEY: 'bench', CTP_CLIENT_ID: 'bench', CTP_CLIENT_SECRET: 'bench', CTP_AUTH_URL: ct.authUrl, CTP_API_URL: ct.apiUrl, CTP_SCOPES: 'manage_project:bench',
  SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'bench', LWA_CLIENT_SECRET: 'bench', LWA_REFRESH_TOKEN: 'Atzr|bench',
  SPAPI_MARKETPLACE_ID: MARKETPLACE, SPAPI_SELLER_ID: 'bench',
})) : [];

const atAmazon = async (): Promise<number> => {
  const state = (await (await fetch(`${sim.url}/_simulator/state`)).json()) as { counts?: { orders?: number } };
  return state.counts?.orders ?? 0;
};
let count = 0;
while ((count = await atAmazon()) < ORDERS && Date.now() - started < 15 * 60_000) {
  process.stdout.write(`  ${Math.round((Date.now() - started) / 1000)} s: ${count}/${ORDERS} orders at Amazon\n`);
  await new Promise((r) => setTimeout(r, 5_000));
}
const buckets = runtime?.governor.snapshot() ?? [];
const simState = (await (await fetch(`${sim.url}/_simulator/state`)).json()) as { counts: { throttledByOperation: Record<string, number> } };
await runtime?.stop();
for (const w of workers) await w.stop();
if (WORKERS > 1) await dropSchema(schema);
const detail = (await (await fetch(`${sim.url}/_simulator/orders`)).json()) as { orders: Array<{ displayableOrderId: string; receivedAtMs: number }> };
const received = detail.orders.map((o) => ({ id: o.displayableOrderId, at: o.receivedAtMs })).sort((a, b) => a.at - b.at);
await sim.stop();
await ct.stop();
rmSync(dir, { recursive: true, force: true });

const create = buckets.find((b) => b.operation === 'createFulfillmentOrder');
const granted = create?.ratePerSecond ?? 2 * RATE_SCALE;
const burst = create?.burst ?? 30;
// With workers, the granted rate is the simulator's (Amazon's 2/s × the rate scale).
const first = received[0]!.at;
const last = received[received.length - 1]!.at;
// Steady state: after the burst is spent, each create needs a freshly granted token.
const steady = received.slice(burst);
const steadyRate = (steady.length - 1) / ((steady[steady.length - 1]!.at - steady[0]!.at) / 1000);
// Counted by Amazon's side (the simulator): what every worker together received.
const throttled = Object.values(simState.counts.throttledByOperation).reduce((n, x) => n + x, 0);
const wait = (speed: string) => {
  const xs = received.filter((r) => speedByNumber.get(r.id) === speed).map((r) => r.at - started);
  return xs.reduce((a, b) => a + b, 0) / xs.length / 1000;
};
const [wp, we, ws] = [wait('fba-priority'), wait('fba-expedited'), wait('fba-standard')];
process.stdout.write([
  '',
  `workers:                              ${WORKERS}${WORKERS > 1 ? ' (start processes on one PostgreSQL, shared buckets)' : ' (in-process, SQLite)'}`,
  `orders at Amazon:                     ${received.length}/${ORDERS} in ${((last - started) / 1000).toFixed(1)} s (first after ${((first - started) / 1000).toFixed(1)} s)`,
  `granted createFulfillmentOrder rate:  ${granted.toFixed(1)}/s, burst ${burst} (Amazon's 2/s × rate scale ${RATE_SCALE})`,
  `achieved steady rate:                 ${steadyRate.toFixed(2)}/s`,
  `achieved ÷ granted:                   ${(steadyRate / granted).toFixed(3)}   (target ≥ ${WORKERS > 1 ? '0.95' : '0.90'})`,
  `429 answers received:                 ${throttled}   (target 0)`,
  `mean wait Priority / Expedited / Standard: ${wp.toFixed(1)} s / ${we.toFixed(1)} s / ${ws.toFixed(1)} s`,
  `Standard wait ÷ Priority wait:        ${(ws / wp).toFixed(2)}   (> 1: Priority orders wait less)`,
  '',
].join('\n'));
process.exitCode = steadyRate / granted >= (WORKERS > 1 ? 0.95 : 0.9) && throttled === 0 && wp < ws ? 0 : 1;
