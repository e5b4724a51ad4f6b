// `fba-bridge rehearse`: the simulator, commercetools-mock and the bridge as separate processes (or the
// user's own `start`, with --bridge-url), a storefront that buys only what commercetools says is in
// stock, Amazon-marketplace sales and inbound arrivals on the same SKUs, stock probes, and per profile
// the faults; then the figures (rehearsal-result.ts) read from the three systems themselves.
import type { Order } from '@commercetools/platform-sdk';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createCommercetoolsApi, type CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../adapters/commercetools/ct-project-setup.js';
import { Secret } from '../../config/secret.js';
import { processEnvironment } from '../../config/environment.js';
import { USAGE_PLANS } from '../../domain/shared/sp-api-operations.js';
import { DEMO_PRODUCTS, ensureChannel, seedDemoCatalogue } from '../seeders/demo-catalogue.js';
import { seedFbaStock } from '../seed-fba-stock.js';
import type { AllocationPolicy } from '../../domain/inventory/inventory-pool.js';
import { cpuTicksOf, freePort, startService, TICKS_PER_SECOND, type ChildService } from './rehearsal-processes.js';
import { cpuMsBetween, toRealMs } from './rehearsal-measures.js';
import { PROFILE, type ProfileName } from './rehearsal-profile.js';
import { buildResult, type Observations, type RehearsalResult, type ShipmentObservation } from './rehearsal-result.js';
import type { Target } from './rehearsal-targets.js';
import { startSwitchableProxy } from './switchable-proxy.js';
import { startNotificationRelay } from './notification-relay.js';
import { StorefrontStock } from './storefront-stock.js';
import { StockProbes } from './stock-probes.js';
import { readBridgeCpuMs, readBridgeMetrics } from './bridge-metrics-reading.js';
import { unfulfilledAtAmazon, type SimOrderView } from './amazon-outcomes.js';
import { CHANNELS, driveStorefront, SCARCE, SELLING } from './storefront-driver.js';
import { getJson, sleep } from './rehearsal-http.js';

export type RehearsalPolicy = AllocationPolicy;

export interface RehearsalOptions {
  readonly profile: ProfileName;
  readonly minutes: number;
  /** Storefront orders per second at the steady rate. */
  readonly steadyRate: number;
  readonly policy: RehearsalPolicy;
  readonly seed: number;
  /** Simulated warehouse seconds per real second (picking and carriers take hours at Amazon). */
  readonly timeScale: number;
  /** Multiplies Amazon's rate limits (1 = Amazon's own). */
  readonly rateScale: number;
  readonly targets: readonly Target[];
  /** The user's own `start`, already configured against the printed endpoints; null: start one. */
  readonly bridge: { readonly url: string; readonly pid: number | null } | null;
  /** Extra node flags for the bridge process (e.g. --cpu-prof). */
  readonly bridgeNodeArgs: readonly string[];
  readonly say: (line: string) => void;
}

const PROJECT_KEY = 'rehearsal';
const MARKETPLACE = 'A1PA6795UKMFR9';
const PROBES_NOTIFIED = ['HDP-BT-ANC', 'CHG-USB-C65'];
const PROBES_POLLING = ['LMP-DSK-LED', 'TWL-BTH-4PK'];
const INCREMENTAL_MINUTES = 1;
// As in production: orders arrive as commercetools messages (OrderCreated, as a subscription delivers
// them to /events/commercetools); the storefront poll is the safety net at its default interval.
const CT_POLL_SECONDS = 60;
const FBA_POLL_SECONDS = 30;

function inventoryConfig(policy: RehearsalPolicy): unknown {
  const channels = policy === 'split'
    ? [{ key: CHANNELS[0], policy, share: 60 }, { key: CHANNELS[1], policy, share: 40 }]
    : policy === 'priority'
      ? [{ key: CHANNELS[0], policy, rank: 1, cap: 60 }, { key: CHANNELS[1], policy, rank: 2 }]
      : CHANNELS.map((key) => ({ key, policy }));
  return {
    routing: { fbaSupplyChannelKeys: [...CHANNELS] },
    inventory: { schedule: { incrementalMinutes: INCREMENTAL_MINUTES }, pools: [{ id: 'eu', marketplaceIds: [MARKETPLACE], buffer: { units: 3 }, channels }] },
  };
}


export async function runRehearsal(o: RehearsalOptions): Promise<RehearsalResult> {
  const profile = PROFILE[o.profile];
  const dir = mkdtempSync(join(tmpdir(), 'fba-rehearsal-'));
  const stops: Array<() => Promise<void>> = [];
  const outer = processEnvironment();
  const env = { PATH: outer.PATH ?? '', HOME: outer.HOME ?? '/tmp' };
  try {
    const ctPort = await freePort();
    const ct = await startService('commercetools-mock', ctPort, ['simulate', 'commercetools', '--port', String(ctPort), '--project-key', PROJECT_KEY], env, '/');
    stops.push(ct.stop);
    const proxy = await startSwitchableProxy(ctPort);
    stops.push(proxy.close);
    const intakeSecret = randomBytes(24).toString('hex');
    const metricsToken = randomBytes(24).toString('hex');
    let bridgeUrl: string | null = o.bridge?.url ?? null;
    const relay = await startNotificationRelay(() => (bridgeUrl ? `${bridgeUrl}/events/amazon` : null), intakeSecret, new Set(PROBES_POLLING));
    stops.push(relay.close);
    const simPort = await freePort();
    const sim = await startService('SP-API simulator', simPort, [
      'simulate', 'amazon', '--port', String(simPort), '--seed', String(o.seed), '--time-scale', String(o.timeScale),
      '--rate-scale', String(o.rateScale), '--notify-url', relay.url, '--seller-id', 'rehearsal-seller',
    ], env, '/_simulator/state');
    stops.push(sim.stop);
    o.say(`SP-API simulator on ${sim.url} (time ×${o.timeScale}, rate limits ×${o.rateScale}); commercetools-mock on ${ct.url}, the bridge reaches it through ${proxy.url}`);

    // Random, not a word: every secret's value is redacted from all output, and a secret 'rehearsal'
    // turned the report's own words into [redacted].
    const ctSecret = randomBytes(12).toString('hex');
    const lwaSecret = randomBytes(12).toString('hex');
    const ctSettings = { projectKey: PROJECT_KEY, clientId: 'rehearsal', clientSecret: new Secret(ctSecret), authUrl: ct.url, apiUrl: ct.url, scopes: [`manage_project:${PROJECT_KEY}`] };
    const api = createCommercetoolsApi(ctSettings);
    const setup = await new CommercetoolsProjectSetup(api).ensureSetup(true);
    if (!setup.ok) throw new Error(`commercetools setup failed: ${setup.error.message}`);
    await seedDemoCatalogue(api);
    const channelIds = new Map<string, string>();
    for (const key of CHANNELS) channelIds.set(key, await ensureChannel(api, key, `Amazon FBA – ${key}`));
    const fbaSkus = [...SELLING, ...PROBES_NOTIFIED, ...PROBES_POLLING];
    await seedFbaStock(sim.url, MARKETPLACE, fbaSkus.map((sku) => ({
      sellerSku: sku, productName: DEMO_PRODUCTS.find((p) => p.sku === sku)?.name ?? sku, quantity: SCARCE.has(sku) ? 40 : 2_000,
    })));

    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(inventoryConfig(o.policy), null, 2));
    const bridgeEnv: Record<string, string> = {
      ...env,
      DATABASE_URL: `sqlite:${join(dir, 'bridge.db')}`, FBA_BRIDGE_CONFIG: configFile, LOG_LEVEL: 'warn', SETUP_ON_START: 'false',
      CTP_PROJECT_KEY: PROJECT_KEY, CTP_CLIENT_ID: 'rehearsal', CTP_CLIENT_SECRET: ctSecret, CTP_AUTH_URL: proxy.url, CTP_API_URL: proxy.url,
      CTP_SCOPES: `manage_project:${PROJECT_KEY}`,
      SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'amzn1.application-oa2-client.rehearsal', LWA_CLIENT_SECRET: lwaSecret,
      LWA_REFRESH_TOKEN: 'Atzr|rehearsal', SPAPI_MARKETPLACE_ID: MARKETPLACE, SPAPI_SELLER_ID: 'rehearsal-seller',
      CT_POLL_SECONDS: String(CT_POLL_SECONDS), FBA_POLL_SECONDS: String(FBA_POLL_SECONDS), INTAKE_SECRET: intakeSecret, METRICS_TOKEN: metricsToken,
    };
    let bridge: ChildService | null = null;
    let bridgePid: number | null = o.bridge?.pid ?? null;
    if (o.bridge) {
      // The port the bridge must listen on is the one in --bridge-url.
      const port = new URL(o.bridge.url).port;
      if (port) bridgeEnv.PORT = port;
      // Single-quoted, so that `set -a; . bridge.env` reads values such as Atzr|… as they are.
      writeFileSync(join(dir, 'bridge.env'), Object.entries(bridgeEnv).map(([k, v]) => `${k}='${v.replaceAll("'", "'\\''")}'`).join('\n') + '\n');
      o.say(`start your bridge with the settings in ${join(dir, 'bridge.env')}, e.g. in another terminal: set -a; . ${join(dir, 'bridge.env')}; set +a; npx fba-bridge start — waiting for ${o.bridge.url}/health/live…`);
      await waitForBridge(o.bridge.url);
    } else {
      const port = await freePort();
      bridgeEnv.PORT = String(port);
      bridge = await startService('the bridge (start)', port, ['start'], bridgeEnv, '/health/live', o.bridgeNodeArgs);
      stops.unshift(bridge.stop);
      bridgeUrl = bridge.url;
      bridgePid = bridge.pid;
      o.say(`bridge started as its own process (pid ${bridge.pid}) on ${bridge.url}, allocation policy ${o.policy}`);
    }

    const stock = new StorefrontStock(api, channelIds);
    await waitForEntries(stock, fbaSkus.length * CHANNELS.length, o.say);
    const probes = new StockProbes(sim.url, PROBES_NOTIFIED, PROBES_POLLING);
    const announce = orderCreatedMessenger(() => bridgeUrl, intakeSecret);
    // The bridge's CPU: from /proc when its process id is known (started here, or --bridge-pid), else
    // from its own /metrics (process_cpu_seconds_total) — a bridge started with the settings file serves
    // them with the run's METRICS_TOKEN.
    const pid = bridgePid;
    const readCpuMs = async (): Promise<number | null> => {
      if (pid !== null) {
        const ticks = cpuTicksOf(pid);
        return ticks === null ? null : cpuMsBetween(0, ticks, TICKS_PER_SECOND);
      }
      return bridgeUrl ? readBridgeCpuMs(bridgeUrl, metricsToken) : null;
    };
    const observed = await driveStorefront(o, api, sim.url, proxy, stock, probes, readCpuMs, announce.send);
    if (announce.failed() > 0) o.say(`${announce.failed()} OrderCreated messages were refused by the bridge (its storefront poll finds those orders)`);

    const cpuEnd = await readCpuMs();
    const metrics = bridgeUrl ? await readBridgeMetrics(bridgeUrl, metricsToken) : null;
    if (!metrics) o.say(`the bridge's /metrics could not be read: SP-API calls, exceptions and alerts show as 0 (does it run with METRICS_TOKEN from the settings file?)`);
    const clockReading = await readSimClock(sim.url);
    const simOrders = await getJson<{ orders: SimOrderView[] }>(`${sim.url}/_simulator/orders`);
    const simState = await getJson<{ counts: { throttledByOperation: Record<string, number>; unitsSoldOnMarketplace: number } }>(`${sim.url}/_simulator/state`);
    const shipments = await shipmentObservations(api, simOrders.orders, observed.idByNumber, clockReading, observed.startedMs);
    const acceptedMs = new Map<string, number>();
    for (const order of simOrders.orders) {
      const id = observed.idByNumber.get(order.displayableOrderId);
      if (id === undefined) continue;
      const at = toRealMs(order.receivedAtMs, clockReading);
      if (!acceptedMs.has(id) || acceptedMs.get(id)! > at) acceptedMs.set(id, at);
    }
    const unfulfilled = unfulfilledAtAmazon(simOrders.orders, observed.idByNumber);
    if (bridge) await bridge.stop();
    const unfulfillableExceptions = bridge ? await unfulfillableOrderIds(bridgeEnv) : [];
    for (const id of unfulfillableExceptions) unfulfilled.add(id);

    const cpuMs = observed.cpuStart !== null && cpuEnd !== null ? cpuEnd - observed.cpuStart : null;
    const createPlan = USAGE_PLANS.createFulfillmentOrder;
    const observations: Observations = {
      profile: o.profile, policy: o.policy, minutes: o.minutes, startedMs: observed.startedMs, endedMs: observed.endedMs,
      settings: {
        steadyOrdersPerSecond: o.steadyRate, topOrdersPerSecond: o.steadyRate * profile.peakMultiple, timeScale: o.timeScale, rateScale: o.rateScale,
        ctPollSeconds: CT_POLL_SECONDS, fbaPollSeconds: FBA_POLL_SECONDS, inventoryIncrementalMinutes: INCREMENTAL_MINUTES, seed: o.seed,
        bridge: o.bridge ? `user's own at ${o.bridge.url}` : 'started by the rehearsal',
      },
      createPlan: { rate: createPlan.ratePerSecond * o.rateScale, burst: createPlan.burst },
      placed: observed.placed, declinedSoldOut: observed.declinedSoldOut, acceptedMs, unfulfilledOrderIds: unfulfilled,
      shipments, probes: probes.samples, backlog: observed.backlog,
      exceptionsByType: metrics?.exceptionsByType ?? {}, openExceptionsByType: metrics?.openExceptionsByType ?? {}, alerts: metrics?.alerts ?? 0,
      spApiCalls: metrics?.spApiCalls ?? 0,
      spApi429s: Math.max(metrics?.throttled ?? 0, Object.values(simState.counts.throttledByOperation).reduce((a, b) => a + b, 0)),
      bridgeCpuMs: cpuMs, faults: observed.faults,
      marketplaceUnitsSold: simState.counts.unitsSoldOnMarketplace, inboundUnits: observed.inboundUnits, loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    return buildResult(observations, o.targets);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForBridge(url: string): Promise<void> {
  const until = Date.now() + 10 * 60_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return;
    } catch {
      // not yet
    }
    await sleep(1_000);
  }
  throw new Error(`no bridge answered at ${url}/health/live within 10 minutes`);
}

async function waitForEntries(stock: StorefrontStock, expected: number, say: (line: string) => void): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    await stock.refresh();
    if (stock.size >= expected) {
      say(`the bridge's first inventory sync wrote ${stock.size} inventory entries; the storefront opens`);
      return;
    }
    await sleep(1_000);
  }
  throw new Error(`the bridge wrote ${stock.size} of ${expected} inventory entries within 2 minutes: is its inventory sync running?`);
}

/**
 * Delivers OrderCreated to the bridge's /events/commercetools as a commercetools subscription would:
 * the message carries the order as created (its references not expanded).
 */
function orderCreatedMessenger(bridgeUrl: () => string | null, intakeSecret: string): { send: (order: Order) => void; failed: () => number } {
  let failed = 0;
  return {
    send(order) {
      const url = bridgeUrl();
      if (!url) return;
      const message = {
        id: randomUUID(), projectKey: PROJECT_KEY, type: 'OrderCreated', sequenceNumber: 1, version: 1,
        resource: { typeId: 'order', id: order.id }, resourceVersion: order.version, createdAt: order.createdAt, lastModifiedAt: order.createdAt, order,
      };
      fetch(`${url}/events/commercetools`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${intakeSecret}` }, body: JSON.stringify(message), signal: AbortSignal.timeout(10_000),
      }).then((res) => { if (res.status !== 202) failed++; }, () => { failed++; });
    },
    failed: () => failed,
  };
}

async function readSimClock(simUrl: string): Promise<{ realMs: number; simulatedMs: number; timeScale: number }> {
  const before = Date.now();
  const state = await getJson<{ clock: { now: string; timeScale: number } }>(`${simUrl}/_simulator/state`);
  const after = Date.now();
  return { realMs: (before + after) / 2, simulatedMs: Date.parse(state.clock.now), timeScale: state.clock.timeScale };
}

async function shipmentObservations(
  api: CommercetoolsApi, orders: readonly SimOrderView[], idByNumber: ReadonlyMap<string, string>,
  clock: { realMs: number; simulatedMs: number; timeScale: number }, startedMs: number,
): Promise<ShipmentObservation[]> {
  const out: ShipmentObservation[] = [];
  for (const order of orders) {
    const id = idByNumber.get(order.displayableOrderId);
    const shipped = (order.amazon.fulfillmentShipments ?? []).filter((s) => s.fulfillmentShipmentStatus === 'SHIPPED' && s.shippingDate);
    if (id === undefined || shipped.length === 0) continue;
    const ctOrder = (await api.orders().withId({ ID: id }).get().execute()).body;
    const deliveries = ctOrder.shippingInfo?.deliveries ?? [];
    for (const s of shipped) {
      const shippedMs = toRealMs(Date.parse(s.shippingDate!), clock);
      if (shippedMs < startedMs) continue;
      const delivery = deliveries.find((d) => d.key === s.amazonShipmentId);
      out.push({ amazonShipmentId: s.amazonShipmentId, shippedMs, writtenMs: delivery ? Date.parse(delivery.createdAt) : null });
    }
  }
  return out;
}

/** Orders with an open order.unfulfillable exception, read from the bridge's database once it stopped. */
async function unfulfillableOrderIds(bridgeEnv: Record<string, string>): Promise<string[]> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'exceptions', 'list', '--type', 'order.unfulfillable', '--status', 'all', '--limit', '100000', '--json'], { env: bridgeEnv, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', () => {
      try {
        resolve((JSON.parse(out) as Array<{ subjectId: string }>).map((e) => e.subjectId));
      } catch {
        resolve([]);
      }
    });
  });
}
