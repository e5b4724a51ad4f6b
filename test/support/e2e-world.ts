// An end-to-end world on loopback: the SP-API simulator and commercetools-mock (both real HTTP), a
// seeded storefront with orders, and helpers to run `fba-bridge start` as real child processes and to
// check the outcome in both systems.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/index.js';
import type { AmazonSimulatorOptions, FaultOptions } from '../../src/simulator/simulator-options.js';
import { startCommercetoolsMock, type CommercetoolsMockServer } from '../../src/demo/commercetools-mock/ct-mock-server.js';
import { createCommercetoolsApi, type CommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { CommercetoolsOrderGateway } from '../../src/adapters/commercetools/ct-order-gateway.js';
import { seedDemoCatalogue, DEMO_PRODUCTS } from '../../src/demo/seeders/demo-catalogue.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { Secret } from '../../src/config/secret.js';
import { systemClock } from '../../src/ports/clock.js';
import { demoOrders, FBA_STOCKED_SKUS, OUT_OF_STOCK_SKU, type DemoOrder } from '../../src/demo/demo-scenario.js';
import { seedFbaStock } from '../../src/demo/seed-fba-stock.js';
import { DEMO_MARKETPLACE } from '../../src/demo/run-demo.js';
import { ScaledClock } from '../../src/simulator/simulator-clock.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const PROJECT_KEY = 'e2e-store';
/** The bearer secret event intake needs (INTAKE_SECRET) in every bridge the world starts. */
export const E2E_INTAKE_SECRET = 'e2e-intake-secret-0123456789abcdef';

export interface World {
  readonly sim: AmazonSimulator;
  readonly ct: CommercetoolsMockServer;
  readonly api: CommercetoolsApi;
  readonly gateway: CommercetoolsOrderGateway;
  readonly orders: ReadonlyArray<DemoOrder & { readonly id: string }>;
  env(databaseUrl: string, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly orders: number;
  readonly seed: number;
  readonly timeScale: number;
  readonly rateScale: number;
  readonly faults?: FaultOptions;
  /** Leave the 'cancelled-after-send' case out (its timing belongs to the demo). */
  readonly withoutCancellations?: boolean;
  /** More simulator options (notifications, SQS endpoint, seller id). */
  readonly simulator?: Partial<AmazonSimulatorOptions>;
}

export async function startWorld(o: WorldOptions): Promise<World> {
  const sim = await startAmazonSimulator({ ...o.simulator, port: 0, seed: o.seed, clock: new ScaledClock({ timeScale: o.timeScale }), rateScale: o.rateScale });
  const ct = await startCommercetoolsMock({ projectKey: PROJECT_KEY });
  const settings = { projectKey: PROJECT_KEY, clientId: 'e2e', clientSecret: new Secret('e2e'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: [`manage_project:${PROJECT_KEY}`] };
  const api = createCommercetoolsApi(settings);
  const setup = await new CommercetoolsProjectSetup(api).ensureSetup(true);
  if (!setup.ok) throw new Error(setup.error.message);
  await seedDemoCatalogue(api);
  await seedFbaStock(sim.url, DEMO_MARKETPLACE, DEMO_PRODUCTS.filter((p) => (FBA_STOCKED_SKUS as readonly string[]).includes(p.sku))
    .map((p) => ({ sellerSku: p.sku, productName: p.name, quantity: p.sku === OUT_OF_STOCK_SKU ? 0 : 100_000 })));
  const scenario = demoOrders(o.orders, o.seed).filter((d) => !(o.withoutCancellations && d.case === 'cancelled-after-send'));
  const orders: Array<DemoOrder & { id: string }> = [];
  for (let i = 0; i < scenario.length; i += 10) {
    const batch = scenario.slice(i, i + 10);
    const made = await Promise.all(batch.map((d) => createDemoOrder(api, d.spec)));
    made.forEach((m, j) => orders.push({ ...batch[j]!, id: m.id }));
  }
  // Faults start once the world is built: seeding must not be disturbed.
  if (o.faults) sim.setFaults(o.faults);
  return {
    sim, ct, api, orders,
    gateway: new CommercetoolsOrderGateway(api, systemClock),
    env: (databaseUrl, extra = {}) => ({
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      CTP_PROJECT_KEY: PROJECT_KEY, CTP_CLIENT_ID: 'e2e', CTP_CLIENT_SECRET: 'e2e', CTP_AUTH_URL: ct.authUrl, CTP_API_URL: ct.apiUrl,
      SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'amzn1.application-oa2-client.e2e',
      LWA_CLIENT_SECRET: 'e2e', LWA_REFRESH_TOKEN: 'Atzr|e2e', SPAPI_MARKETPLACE_ID: DEMO_MARKETPLACE, SPAPI_SELLER_ID: 'e2e-seller',
      DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn', CT_POLL_SECONDS: '1', FBA_POLL_SECONDS: '1', LEASE_SECONDS: '5',
      INTAKE_SECRET: E2E_INTAKE_SECRET,
      // A killed worker's scheduled polls pass to the next process within 3 s, not the default 30.
      JOB_LEASE_SECONDS: '3',
      ...extra,
    }),
    close: async () => {
      await sim.close();
      await ct.close();
    },
  };
}

/** `fba-bridge start` as a real process (through tsx, so no build is needed). */
export function spawnBridge(env: Record<string, string>, log?: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (d: Buffer) => { for (const line of d.toString().split('\n')) if (line.trim()) log?.(line); };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

/** Runs one CLI command (`fba-bridge <args>`) to its end: exit code and output. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The port `start` reports in its `listening` log line, once it has. */
export function listeningPort(lines: readonly string[]): number | null {
  for (const line of lines) {
    const m = /"msg":"listening"/.test(line) ? /"port":(\d+)/.exec(line) : null;
    if (m) return Number(m[1]);
  }
  return null;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 500): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

export interface WorldCheck {
  /** Orders that should be at Amazon but have no or several Amazon orders. */
  readonly amazonMismatches: string[];
  /** Amazon shipments (SHIPPED) without exactly one delivery, or deliveries without their parcels. */
  readonly shipmentMismatches: string[];
  /** FBA orders whose shipments have not all come back yet. */
  readonly pendingShipments: number;
  readonly fbaOrders: number;
  readonly shipmentsChecked: number;
}

/** Compares what Amazon holds with what commercetools shows, order by order. */
export async function checkWorld(world: World): Promise<WorldCheck> {
  const byDisplayId = new Map<string, string[]>();
  for (const order of world.sim.state.orders.values()) {
    const list = byDisplayId.get(order.displayableOrderId) ?? [];
    list.push(order.sellerFulfillmentOrderId);
    byDisplayId.set(order.displayableOrderId, list);
  }
  const amazonMismatches: string[] = [];
  const shipmentMismatches: string[] = [];
  let pendingShipments = 0;
  let fbaOrders = 0;
  let shipmentsChecked = 0;
  for (const o of world.orders) {
    const ids = byDisplayId.get(o.spec.orderNumber) ?? [];
    const shouldBeAtAmazon = o.expected.kind === 'shipped' || o.expected.kind === 'cancelled' || (o.expected.kind === 'exception' && o.expected.type === 'order.unfulfillable');
    if (!shouldBeAtAmazon) {
      if (ids.length > 0) amazonMismatches.push(`${o.spec.orderNumber} (${o.case}) should not be at Amazon but is: ${ids.join(', ')}`);
      continue;
    }
    fbaOrders++;
    if (ids.length !== 1) {
      amazonMismatches.push(`${o.spec.orderNumber} (${o.case}) has ${ids.length} Amazon orders`);
      continue;
    }
    const amazonOrder = world.sim.state.orders.get(ids[0]!)!;
    const shipped = amazonOrder.shipments.filter((s) => s.status === 'SHIPPED');
    const read = await world.gateway.getOrder(o.id);
    if (!read.ok || !read.value) throw new Error(`cannot read order ${o.id}`);
    const deliveries = read.value.deliveries;
    const keys = deliveries.map((d) => d.key);
    if (new Set(keys).size !== keys.length) shipmentMismatches.push(`${o.spec.orderNumber}: duplicate delivery keys ${keys.join(', ')}`);
    for (const s of shipped) {
      shipmentsChecked++;
      const matching = deliveries.filter((d) => d.key === s.amazonShipmentId);
      if (matching.length === 0) { pendingShipments++; continue; }
      if (matching.length > 1) shipmentMismatches.push(`${o.spec.orderNumber}: ${matching.length} deliveries for shipment ${s.amazonShipmentId}`);
      const parcelKeys = matching[0]!.parcels.map((p) => p.key);
      if (new Set(parcelKeys).size !== parcelKeys.length) shipmentMismatches.push(`${o.spec.orderNumber}: duplicate parcels in ${s.amazonShipmentId}`);
      if (parcelKeys.length !== s.packages.length) pendingShipments++;
      for (const pkg of s.packages) {
        const parcel = matching[0]!.parcels.find((p) => p.trackingId === pkg.trackingNumber);
        if (parcelKeys.length === s.packages.length && !parcel) shipmentMismatches.push(`${o.spec.orderNumber}: package ${pkg.packageNumber} (${pkg.trackingNumber}) has no parcel with its tracking number`);
      }
    }
    const extra = deliveries.filter((d) => !shipped.some((s) => s.amazonShipmentId === d.key));
    if (extra.length > 0) shipmentMismatches.push(`${o.spec.orderNumber}: deliveries without an Amazon shipment: ${extra.map((d) => d.key).join(', ')}`);
  }
  return { amazonMismatches, shipmentMismatches, pendingShipments, fbaOrders, shipmentsChecked };
}
