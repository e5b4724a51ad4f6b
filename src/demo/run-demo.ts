// The whole round trip on embedded defaults: the SP-API simulator and commercetools-mock on loopback,
// a SQLite file, a seeded storefront with a realistic mix of orders, and the bridge exactly as
// `start` runs it — until every order has settled or the time is up; then inventory (demo-inventory.ts):
// a full sync, sales on Amazon's own marketplace, and an incremental sync.
import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Store } from '../ports/store.js';
import { dirname } from 'node:path';
import { startAmazonSimulator } from '../simulator/index.js';
import { PhasedClock } from './phased-clock.js';
import { startCommercetoolsMock } from './commercetools-mock/ct-mock-server.js';
import { createCommercetoolsApi } from '../adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../adapters/commercetools/ct-project-setup.js';
import { seedDemoCatalogue, DEMO_PRODUCTS } from './seeders/demo-catalogue.js';
import { createDemoOrder, cancelOrder } from './seeders/demo-orders.js';
import { Secret } from '../config/secret.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import { DEFAULT_ROUTING } from '../domain/orders/routing.js';
import type { Logger } from '../ports/logger.js';
import { startBridge } from '../app/bridge-runtime.js';
import { demoOrders, FBA_STOCKED_SKUS, OUT_OF_STOCK_SKU, type DemoOrder } from './demo-scenario.js';
import { seedFbaStock } from './seed-fba-stock.js';
import { observeOrders, type ObservedOrder } from './demo-outcome.js';
import { demoInventorySettings, ensureDemoInventoryChannels, runInventoryDemo, type DemoInventoryReport } from './demo-inventory.js';

export const DEMO_MARKETPLACE = 'A1PA6795UKMFR9';
const PROJECT_KEY = 'demo-store';
const SEND_SCALE = 60;

export interface DemoOptions {
  readonly orders: number;
  readonly seed: number;
  /** Simulated seconds per real second. */
  readonly timeScale: number;
  readonly databaseFile: string;
  readonly maxSeconds: number;
  readonly logger: Logger;
  readonly say: (line: string) => void;
  /** Keep the bridge, the simulator and commercetools-mock running after the demo, serving the console here. */
  readonly serve?: { readonly port: number; readonly host: string };
}

/** A demo kept running for `demo --serve`: the console's address, the store, and how to stop it all. */
export interface DemoServing {
  readonly url: string;
  readonly store: Store;
  stop(): Promise<void>;
}

export interface DemoReport {
  readonly seconds: number;
  readonly simulatedHours: number;
  readonly settled: boolean;
  readonly asExpected: boolean;
  readonly orders: readonly ObservedOrder[];
  readonly amazonOrders: number;
  /** createFulfillmentOrder requests Amazon received (more than orders only after timeouts or adoptions). */
  readonly createRequests: number;
  readonly deliveriesWritten: number;
  readonly parcelsWritten: number;
  readonly databaseFile: string;
  /** The inventory part; null when it could not run (inventoryError says why). */
  readonly inventory: DemoInventoryReport | null;
  readonly inventoryError?: string;
  /** Set with `serve`: the demo keeps running until stop(). */
  readonly serving?: DemoServing;
}

export async function runDemo(o: DemoOptions): Promise<DemoReport> {
  const started = Date.now();
  // Phase 1 at SEND_SCALE: orders reach Amazon and a customer cancels one while Amazon still allows
  // it. Phase 2 at o.timeScale: the warehouse picks, ships and delivers.
  const clock = new PhasedClock(SEND_SCALE);
  const sim = await startAmazonSimulator({ port: 0, seed: o.seed, clock, rateScale: 10 });
  o.say(`Amazon SP-API simulator on ${sim.url} (seed ${o.seed}; warehouse time runs at 1 real second = ${formatScale(SEND_SCALE)} while orders go out)`);
  const ct = await startCommercetoolsMock({ projectKey: PROJECT_KEY });
  o.say(`commercetools-mock on ${ct.apiUrl} (project ${PROJECT_KEY})`);
  const ctSettings = { projectKey: PROJECT_KEY, clientId: 'demo-client', clientSecret: new Secret('demo-secret'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: [`manage_project:${PROJECT_KEY}`] };
  const api = createCommercetoolsApi(ctSettings);
  let runtime: Awaited<ReturnType<typeof startBridge>> | null = null;
  let keepRunning = false;
  const stopAll = async () => {
    await runtime?.stop();
    await sim.close();
    await ct.close();
  };
  try {
    const setup = await new CommercetoolsProjectSetup(api).ensureSetup(true);
    if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
    o.say(`setup: ${setup.value.map((c) => `${c.action === 'exists' ? 'found' : 'created'} ${c.resource} ${c.key}`).join(', ')}`);
    await seedDemoCatalogue(api);
    await ensureDemoInventoryChannels(api);
    const stock = DEMO_PRODUCTS.filter((p) => (FBA_STOCKED_SKUS as readonly string[]).includes(p.sku))
      .map((p) => ({ sellerSku: p.sku, productName: p.name, quantity: p.sku === OUT_OF_STOCK_SKU ? 0 : 500 }));
    await seedFbaStock(sim.url, DEMO_MARKETPLACE, stock);
    o.say(`catalogue: ${DEMO_PRODUCTS.length} products in commercetools, ${stock.length} SKUs listed in FBA (${OUT_OF_STOCK_SKU} with no stock)`);

    const scenario = demoOrders(o.orders, o.seed);
    const placed: Array<DemoOrder & { id: string }> = [];
    for (const d of scenario) placed.push({ ...d, id: (await createDemoOrder(api, d.spec)).id });
    o.say(`storefront: ${placed.length} orders placed (${describeMix(scenario)})`);

    mkdirSync(dirname(o.databaseFile), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(o.databaseFile + suffix, { force: true });
    runtime = await startBridge({
      config: demoConfig(o.databaseFile, sim.url, ctSettings, o.serve?.port ?? 0),
      logger: o.logger, clock: { now: () => new Date(clock.now()) }, serveHttp: o.serve !== undefined, sweepMs: 1_500,
      ...(o.serve ? { httpHost: o.serve.host } : {}),
      onSetup: (_id, message) => o.say(message),
    });
    o.say(`bridge started (database ${o.databaseFile}); following the orders…`);
    await runtime.pollNow();

    const toCancel = new Set(placed.filter((p) => p.case === 'cancelled-after-send').map((p) => p.id));
    const cancelled = new Set<string>();
    let fastForward = false;
    let observed: ObservedOrder[] = [];
    let lastLine = '';
    let lastSaid = 0;
    while ((Date.now() - started) / 1000 < o.maxSeconds) {
      await sleep(fastForward ? 500 : 100);
      for (const id of toCancel) {
        const link = await runtime.store.orderLinks.get('demo', id);
        if (link?.state === 'submitted') {
          await cancelOrder(api, id);
          toCancel.delete(id);
          cancelled.add(id);
          o.say(`storefront: customer cancels ${link.orderNumber}, which Amazon already has (status ${link.fbaStatus})`);
          await runtime.pollNow();
        }
      }
      observed = await observeOrders(runtime.store, 'demo', placed);
      if (!fastForward && sentEverything(observed, toCancel.size, cancelled, placed)) {
        fastForward = true;
        clock.setScale(o.timeScale);
        o.say(`every order has reached Amazon or been decided; fast-forwarding the warehouse: 1 real second = ${formatScale(o.timeScale)}`);
      }
      // A line when something changed, or every few seconds while the warehouse works.
      const line = progressLine(observed);
      if (line !== lastLine || Date.now() - lastSaid > 4_000) {
        o.say(`  +${formatScale((clock.now() - started) / 1000)} warehouse time: ${line}`);
        lastSaid = Date.now();
      }
      lastLine = line;
      if (observed.every((x) => x.settled)) break;
    }
    // Inventory, on business time that now runs at real speed: the figures stay put while they are shown.
    clock.setScale(1);
    let inventory: DemoInventoryReport | null = null;
    let inventoryError: string | undefined;
    const inventoryRunner = runtime.inventory.get('demo');
    try {
      if (!inventoryRunner) throw new Error('the bridge started without an inventory sync');
      inventory = await runInventoryDemo({ runner: inventoryRunner, store: runtime.store, api, simulatorUrl: sim.url, skus: FBA_STOCKED_SKUS, say: o.say });
    } catch (error) {
      inventoryError = (error as Error).message;
      o.say(`inventory: the demo could not run it: ${inventoryError}`);
    }
    const audits = await runtime.store.audit.listForSubject('demo', placed.map((p) => p.id), 100_000);
    const report: DemoReport = {
      seconds: Math.round((Date.now() - started) / 100) / 10,
      simulatedHours: Math.round((clock.now() - started) / 360_000) / 10,
      settled: observed.every((x) => x.settled),
      asExpected: observed.every((x) => x.asExpected),
      orders: observed,
      amazonOrders: sim.state.orders.size,
      createRequests: [...sim.state.createRequests.values()].reduce((a, b) => a + b, 0),
      deliveriesWritten: audits.filter((a) => a.action === 'addDelivery').length,
      parcelsWritten: audits.filter((a) => a.action === 'addDelivery' || a.action === 'addParcelToDelivery').reduce((n, a) => n + parcelsIn(a.message), 0),
      databaseFile: o.databaseFile,
      inventory,
      ...(inventoryError !== undefined ? { inventoryError } : {}),
    };
    if (o.serve && runtime.httpPort !== null) {
      keepRunning = true;
      const host = o.serve.host === '0.0.0.0' ? '127.0.0.1' : o.serve.host;
      return { ...report, serving: { url: `http://${host}:${runtime.httpPort}`, store: runtime.store, stop: stopAll } };
    }
    return report;
  } finally {
    if (!keepRunning) await stopAll();
  }
}

/** Phase 1 is over when no FBA order waits to be sent and the cancellation reached Amazon. */
function sentEverything(observed: readonly ObservedOrder[], cancelsPending: number, cancelled: ReadonlySet<string>, placed: ReadonlyArray<{ id: string; spec: { orderNumber: string } }>): boolean {
  if (cancelsPending > 0) return false;
  const cancelledNumbers = new Set(placed.filter((p) => cancelled.has(p.id)).map((p) => p.spec.orderNumber));
  return observed.every((x) => {
    if (cancelledNumbers.has(x.orderNumber)) return x.state === 'cancelling' || x.state === 'closed' || x.exceptions.length > 0;
    return x.state === 'submitted' || x.state === 'closed' || x.state === 'blocked' || x.state === 'local';
  });
}

function demoConfig(databaseFile: string, simUrl: string, ct: BridgeConfig['connections'][number]['commercetools'], port: number): BridgeConfig {
  return {
    databaseUrl: new Secret(`sqlite:${databaseFile}`),
    port,
    // The demo's intake secret is random: nothing outside the demo posts events to it.
    access: { sessionMs: 12 * 3600_000, intakeSecret: new Secret(randomBytes(24).toString('hex')) },
    logLevel: 'warn',
    setupOnStart: true,
    engine: { concurrency: 8, maxAttempts: 8, leaseMs: 30_000, fbaPollMs: 1_000, ctPollMs: 1_000, stuckInPlanningMs: 24 * 3600_000 },
    connections: [{
      id: 'demo',
      commercetools: ct,
      amazon: {
        endpoint: simUrl, lwaEndpoint: `${simUrl}/auth/o2/token`, lwaClientId: 'amzn1.application-oa2-client.demo',
        lwaClientSecret: new Secret('demo-secret'), refreshToken: new Secret('Atzr|demo-refresh-token'), marketplaceId: DEMO_MARKETPLACE, sellerKey: 'demo-seller', timeoutMs: 20_000,
      },
      routing: DEFAULT_ROUTING,
    }],
    inventory: demoInventorySettings(DEMO_MARKETPLACE),
  };
}

function progressLine(observed: readonly ObservedOrder[]): string {
  const by = (f: (x: ObservedOrder) => boolean) => observed.filter(f).length;
  const withAmazon = by((x) => x.sellerFulfillmentOrderId !== null && x.state !== 'blocked');
  const shipped = by((x) => x.state === 'closed' && x.fbaStatus === 'Complete');
  const exceptions = by((x) => x.exceptions.length > 0);
  const settled = by((x) => x.settled);
  return `${withAmazon} at Amazon, ${shipped} delivered, ${by((x) => x.state === 'local')} merchant-fulfilled, ${exceptions} with exceptions — ${settled}/${observed.length} settled`;
}

function describeMix(orders: readonly DemoOrder[]): string {
  const counts = new Map<string, number>();
  for (const o of orders) counts.set(o.case, (counts.get(o.case) ?? 0) + 1);
  return [...counts.entries()].map(([k, v]) => `${v} ${k}`).join(', ');
}

function formatScale(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

function parcelsIn(message: string): number {
  const m = /with (\d+) parcel/.exec(message);
  return m ? Number(m[1]) : message.startsWith('parcel ') ? 1 : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
