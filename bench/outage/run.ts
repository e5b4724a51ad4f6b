// bench/outage: Amazon (SP-API and Login with Amazon) unreachable for a while as storefront orders keep
// arriving, then back. Per outage length, all measured in this run:
//   - orders lost: FBA orders that never reached Amazon, or reached it more than once — target 0
//   - seconds from recovery until the backlog has drained (every order at Amazon)
//   - that drain's ratio to Amazon's rate-limit bound: the least time the granted createFulfillmentOrder
//     bucket allows for the backlog after recovery, (orders − burst) ÷ rate. 1.0 is the ideal; above it
//     is the wait for the first probe and the polls, plus the SKU check at the start.
// MAX_ATTEMPTS is 4 here, so every outage length outlasts the whole retry budget (~14 s of backoff):
// before issue 8 such an outage dead-lettered every order placed during it.
// Usage: npm run bench:outage [-- --orders 400 --rate-scale 5 --outages 30,60,120]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulatorProcess, startCtMockProcess } from '../support/processes.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { seedDemoCatalogue, DEMO_PRODUCTS } from '../../src/demo/seeders/demo-catalogue.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { Secret } from '../../src/config/secret.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';
import { startBridge } from '../../src/app/bridge-runtime.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { seedFbaStock } from '../../src/demo/seed-fba-stock.js';

const { values } = parseArgs({ options: {
  orders: { type: 'string', default: '400' }, 'rate-scale': { type: 'string', default: '5' }, outages: { type: 'string', default: '30,60,120' },
} });
const ORDERS = Number(values.orders);
const RATE_SCALE = Number(values['rate-scale']);
const OUTAGES_S = values.outages.split(',').map(Number);
const MARKETPLACE = 'A1PA6795UKMFR9';
const SKUS = DEMO_PRODUCTS.slice(0, 10);
const SPEEDS = ['fba-priority', 'fba-expedited', 'fba-standard'] as const;
// Amazon's published bucket for createFulfillmentOrder as the simulator grants it: the rate scaled, the burst as published.
const CREATE_RATE = 2 * RATE_SCALE;
const CREATE_BURST = 30;

interface Row { outageS: number; lost: number; duplicates: number; firstS: number; drainS: number; boundS: number; deadLetters: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runOnce(outageS: number, run: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'fba-bench-outage-'));
  const sim = await startSimulatorProcess(45_000 + Math.floor(Math.random() * 5_000), ['--seed', String(run + 1), '--rate-scale', String(RATE_SCALE)]);
  const ct = await startCtMockProcess('bench');
  const admin = async (path: string, body?: unknown) => (await fetch(`${sim.url}/_simulator${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, any>>;
  try {
    const ctSettings = { projectKey: 'bench', clientId: 'bench', clientSecret: new Secret('bench'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: ['manage_project:bench'] };
    const api = createCommercetoolsApi(ctSettings);
    await new CommercetoolsProjectSetup(api).ensureSetup(true);
    await seedDemoCatalogue(api);
    await seedFbaStock(sim.url, MARKETPLACE, SKUS.map((p) => ({ sellerSku: p.sku, productName: p.name, quantity: 1_000_000 })));

    await admin('/availability', { spApiDown: true, lwaDown: true });
    const outageStarted = Date.now();
    const runtime = await startBridge({
      config: {
        databaseUrl: new Secret(`sqlite:${join(dir, 'bench.db')}`), port: 0, logLevel: 'warn', setupOnStart: false,
        engine: { concurrency: 16, maxAttempts: 4, leaseMs: 60_000, fbaPollMs: 5_000, ctPollMs: 2_000, stuckInPlanningMs: 86_400_000 },
        connections: [{
          id: 'bench', commercetools: ctSettings, routing: DEFAULT_ROUTING,
          amazon: { endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, lwaClientId: 'bench', lwaClientSecret: new Secret('bench'), refreshToken: new Secret('Atzr|bench'), marketplaceId: MARKETPLACE, sellerKey: 'bench', timeoutMs: 5_000 },
        }],
      },
      logger: silentLogger, serveHttp: false,
    });
    // The storefront keeps selling during the outage.
    for (let i = 0; i < ORDERS; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, ORDERS - i) }, (_, k) => {
        const n = i + k;
        return createDemoOrder(api, {
          orderNumber: `O-${run}-${100000 + n}`, customerEmail: 'bench@example.com', shippingMethodKey: SPEEDS[n % 10 === 0 ? 0 : n % 10 < 3 ? 1 : 2],
          shippingAddress: { firstName: 'Ada', lastName: 'Bench', streetName: 'Torstraße', streetNumber: '1', postalCode: '10119', city: 'Berlin', country: 'DE' },
          lines: [{ sku: SKUS[n % SKUS.length]!.sku, quantity: 1, supplyChannelKey: 'fba-eu' }],
        });
      }));
    }
    const placedAfterS = (Date.now() - outageStarted) / 1000;
    if (placedAfterS > outageS) process.stdout.write(`  (placing the orders took ${placedAfterS.toFixed(0)} s, longer than the ${outageS} s outage)\n`);
    await sleep(Math.max(0, outageStarted + outageS * 1000 - Date.now()));
    await admin('/availability', { spApiDown: false, lwaDown: false });
    const recovered = Date.now();
    const boundS = Math.max(0, (ORDERS - CREATE_BURST) / CREATE_RATE);
    let atAmazon = 0;
    let drainedAt = 0;
    while (Date.now() - recovered < Math.max(180_000, boundS * 4_000)) {
      atAmazon = ((await admin('/state')).counts as { orders: number }).orders;
      if (atAmazon >= ORDERS) { drainedAt = Date.now(); break; }
      await sleep(250);
    }
    const stats = await runtime.store.work.stats('bench', Date.now());
    await runtime.stop();
    const detail = await admin('/orders') as { orders: Array<{ createRequests: number; receivedAtMs: number }> };
    const duplicates = detail.orders.filter((o) => o.createRequests > 1).length;
    // The simulator runs at time scale 1 from real time: its receipt times are comparable with ours.
    const firstS = (Math.min(...detail.orders.map((o) => o.receivedAtMs)) - recovered) / 1000;
    return {
      outageS, lost: ORDERS - atAmazon, duplicates, firstS, drainS: drainedAt ? (drainedAt - recovered) / 1000 : Number.NaN, boundS,
      deadLetters: stats.reduce((n, s) => n + s.dead, 0),
    };
  } finally {
    await sim.stop();
    await ct.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const [i, outageS] of OUTAGES_S.entries()) {
  process.stdout.write(`outage of ${outageS} s with ${ORDERS} orders arriving (MAX_ATTEMPTS 4)…\n`);
  rows.push(await runOnce(outageS, i));
}
process.stdout.write([
  '',
  `createFulfillmentOrder: ${CREATE_RATE}/s, burst ${CREATE_BURST} (Amazon's 2/s × rate scale ${RATE_SCALE}, burst as published); ${ORDERS} FBA orders placed during each outage`,
  '| outage | orders lost | sent twice | dead letters | recovery → first order at Amazon | recovery → drained | rate-limit bound | drain ÷ bound |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.outageS} s | ${r.lost} | ${r.duplicates} | ${r.deadLetters} | ${r.firstS.toFixed(1)} s | ${r.drainS.toFixed(1)} s | ${r.boundS.toFixed(1)} s | ${(r.drainS / r.boundS).toFixed(2)} |`),
  '',
].join('\n'));
process.exitCode = rows.every((r) => r.lost === 0 && r.duplicates === 0 && r.deadLetters === 0) ? 0 : 1;
