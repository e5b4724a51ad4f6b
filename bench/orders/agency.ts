// bench/orders --connections N --workers W: agency mode (docs/adr/0017). N connections (a commercetools
// project and an Amazon seller each, every seller with its own buckets in the simulator) on W `start`
// processes sharing one PostgreSQL. Three phases, all measured in this one run:
//   1. baseline: orders trickle into the quiet connections (1…N-1); their wait (placed in commercetools
//      → received by Amazon), p95;
//   2. backlog: connection 0 gets a backlog (--backlog, default 10,000); the same trickle while it drains;
//      quiet p95 with the backlog ÷ without — target ≤ 2;
//   3. aggregate: every connection gets --busy orders more (the backlog still draining); creates per
//      second across all sellers while every one of them has work and its bucket has run dry, ÷ the
//      sum of the granted rates — target ≥ 0.95.
// And the 429s Amazon (the simulator) answered over the whole run — target 0.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startSimulatorProcess, startCtMockProjects, startBridgeProcess, type Child } from '../support/processes.js';
import { dropSchema } from '../../test/support/postgres-available.js';
import { createCommercetoolsApi, type CommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { seedDemoCatalogue, DEMO_PRODUCTS } from '../../src/demo/seeders/demo-catalogue.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { Secret } from '../../src/config/secret.js';
import { seedFbaStock } from '../../src/demo/seed-fba-stock.js';
import { CpuAccount, cpuReport } from '../support/cpu-usage.js';

export interface AgencyBenchOptions {
  readonly connections: number;
  readonly workers: number;
  readonly backlog: number;
  readonly busy: number;
  readonly quietSeconds: number;
  readonly rateScale: number;
  readonly postgresUrl: string;
}

const MARKETPLACE = 'A1PA6795UKMFR9';
const SKUS = DEMO_PRODUCTS.slice(0, 10);
/** Amazon's createFulfillmentOrder plan: 2 requests/s, burst 30 (per seller). */
const GRANTED = 2;
const BURST = 30;
/** A replayed bucket below this many tokens has spent its burst (see aggregateRate). */
const LOW_TOKENS = 5;

interface Shop { readonly id: string; readonly api: CommercetoolsApi; readonly ct: { apiUrl: string; authUrl: string } }

const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runAgencyBench(o: AgencyBenchOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'fba-agency-'));
  const ids = Array.from({ length: o.connections }, (_, i) => `shop-${String(i).padStart(2, '0')}`);
  const sim = await startSimulatorProcess(45_000 + Math.floor(Math.random() * 5_000), ['--seed', '5', '--rate-scale', String(o.rateScale)]);
  const ctProcess = await startCtMockProjects(ids);
  const shops: Shop[] = ids.map((id, i) => {
    const ct = ctProcess.projects[i]!;
    return { id, ct, api: createCommercetoolsApi({ projectKey: id, clientId: 'bench', clientSecret: new Secret('bench'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: [`manage_project:${id}`] }) };
  });
  for (const shop of shops) {
    await new CommercetoolsProjectSetup(shop.api).ensureSetup(true);
    await seedDemoCatalogue(shop.api);
  }
  await seedFbaStock(sim.url, MARKETPLACE, SKUS.map((p) => ({ sellerSku: p.sku, productName: p.name, quantity: 10_000_000 })));

  const connectionSettings = (shop: Shop) => ({
    CONNECTION_ID: shop.id, CTP_PROJECT_KEY: shop.id, CTP_CLIENT_ID: 'bench', CTP_CLIENT_SECRET: 'bench', CTP_AUTH_URL: shop.ct.authUrl, CTP_API_URL: shop.ct.apiUrl,
    CTP_SCOPES: `manage_project:${shop.id}`, SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'bench', LWA_CLIENT_SECRET: 'bench',
    LWA_REFRESH_TOKEN: `Atzr|${shop.id}`, SPAPI_MARKETPLACE_ID: MARKETPLACE, SPAPI_SELLER_ID: shop.id,
  });
  const configFile = join(dir, 'agency.json');
  writeFileSync(configFile, JSON.stringify({ connections: shops.slice(1).map(connectionSettings) }));
  const schema = `bench_agency_${randomBytes(4).toString('hex')}`;
  const workers: Child[] = Array.from({ length: o.workers }, () => startBridgeProcess({
    ...connectionSettings(shops[0]!), FBA_BRIDGE_CONFIG: configFile,
    DATABASE_URL: `${o.postgresUrl}${o.postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`, PORT: '0', LOG_LEVEL: 'warn', SETUP_ON_START: 'false',
    CT_POLL_SECONDS: '1', FBA_POLL_SECONDS: '5', INTAKE_SECRET: 'bench-intake-secret-0123456789abcdef',
    PGAPPNAME: schema,
  }));
  const cpu = new CpuAccount([
    ...workers.map((w, i) => ({ name: `start worker ${i + 1}`, pid: w.process.pid })),
    { name: 'SP-API simulator', pid: sim.process.pid },
    { name: `commercetools-mock (${o.connections} projects)`, pid: ctProcess.process.pid },
  ], { url: o.postgresUrl, applicationName: schema });

  const placedAt = new Map<string, number>();
  let sequence = 0;
  const place = async (shop: Shop, speed = 'fba-standard'): Promise<string> => {
    const orderNumber = `${shop.id}-${100000 + sequence++}`;
    await createDemoOrder(shop.api, {
      orderNumber, customerEmail: 'bench@example.com', shippingMethodKey: speed,
      shippingAddress: { firstName: 'Ada', lastName: 'Bench', streetName: 'Torstraße', streetNumber: '1', postalCode: '10119', city: 'Berlin', country: 'DE' },
      lines: [{ sku: SKUS[sequence % SKUS.length]!.sku, quantity: 1, supplyChannelKey: 'fba-eu' }],
    });
    placedAt.set(orderNumber, Date.now());
    return orderNumber;
  };
  const received = async (): Promise<Map<string, number>> => {
    const detail = (await (await fetch(`${sim.url}/_simulator/orders`)).json()) as { orders: Array<{ displayableOrderId: string; receivedAtMs: number }> };
    return new Map(detail.orders.map((x) => [x.displayableOrderId, x.receivedAtMs]));
  };
  /** Places one order on a quiet connection every `everyMs` for `seconds`; answers the p95 wait (s) once all are at Amazon. */
  const trickle = async (label: string, seconds: number, everyMs = 400): Promise<{ p95: number; median: number; count: number }> => {
    const numbers: string[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const started = Date.now();
      numbers.push(await place(shops[1 + Math.floor(Math.random() * (shops.length - 1))]!));
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
    const deadline = Date.now() + 120_000;
    let at = await received();
    while (numbers.some((n) => !at.has(n)) && Date.now() < deadline) {
      await sleep(1_000);
      at = await received();
    }
    const waits = numbers.filter((n) => at.has(n)).map((n) => (at.get(n)! - placedAt.get(n)!) / 1000).sort((a, b) => a - b);
    const pick = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? Number.NaN;
    say(`  ${label}: ${waits.length}/${numbers.length} quiet orders at Amazon; wait median ${pick(0.5).toFixed(2)} s, p95 ${pick(0.95).toFixed(2)} s (${load()})`);
    return { p95: pick(0.95), median: pick(0.5), count: waits.length };
  };

  try {
    say(`${o.connections} connections on ${o.workers} start processes (PostgreSQL schema ${schema}); Amazon grants each seller ${GRANTED * o.rateScale}/s, burst ${BURST}`);
    await sleep(5_000);
    say('phase 1: quiet connections only');
    const baseline = await trickle('without a backlog', o.quietSeconds);

    say(`phase 2: placing a backlog of ${o.backlog} orders on ${shops[0]!.id}…`);
    for (let i = 0; i < o.backlog; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, o.backlog - i) }, () => place(shops[0]!)));
      if (i % 1000 === 0) process.stdout.write(`  ${i}/${o.backlog}\r`);
    }
    const backlogAt = async () => [...(await received()).keys()].filter((n) => n.startsWith(`${shops[0]!.id}-`)).length;
    while ((await backlogAt()) < BURST + 10) await sleep(1_000);
    const withBacklog = await trickle('while the backlog drains', o.quietSeconds);
    const backlogDone = await backlogAt();
    say(`  backlog at Amazon by then: ${backlogDone}/${o.backlog}${backlogDone >= o.backlog ? ' (drained: measure with a larger --backlog)' : ''}`);

    say(`phase 3: ${o.busy} more orders on each of the ${o.connections - 1} other connections (${shops[0]!.id} still draining)…`);
    const busyNumbers: string[] = [];
    await cpu.start();
    const phaseStart = Date.now();
    for (let round = 0; round < o.busy; round += 5) {
      await Promise.all(shops.slice(1).flatMap((shop) => Array.from({ length: Math.min(5, o.busy - round) }, async () => busyNumbers.push(await place(shop)))));
    }
    const busySet = new Set(busyNumbers);
    const deadline = Date.now() + (o.busy / (GRANTED * o.rateScale) + 120) * 1000;
    let at = await received();
    while (busyNumbers.some((n) => !at.has(n)) && Date.now() < deadline) {
      await sleep(2_000);
      at = await received();
    }
    const phaseEnd = Math.max(...[...at.values()].filter((t) => t >= phaseStart));
    const shares = await cpu.stop();
    const phaseSeconds = (Date.now() - phaseStart) / 1000;
    const phaseOrders = [...at.values()].filter((t) => t >= phaseStart).length;
    const aggregate = aggregateRate(at, shops.map((s) => s.id), busySet, shops[0]!.id, phaseStart, GRANTED * o.rateScale);
    const granted = o.connections * GRANTED * o.rateScale;
    const state = (await (await fetch(`${sim.url}/_simulator/state`)).json()) as { counts: { throttledByOperation: Record<string, number> } };
    const throttled = Object.values(state.counts.throttledByOperation).reduce((n, x) => n + x, 0);
    const ratio = withBacklog.p95 / baseline.p95;
    say('');
    say(`connections × workers:                 ${o.connections} × ${o.workers} (WORKER_CONCURRENCY default: ${Math.max(8, 4 * o.connections)} per process)`);
    say(`quiet p95 wait without / with backlog: ${baseline.p95.toFixed(2)} s / ${withBacklog.p95.toFixed(2)} s → ratio ${ratio.toFixed(2)}   (target ≤ 2)`);
    say(`aggregate creates while all ${o.connections} sellers had work and no burst left: ${aggregate.rate.toFixed(2)}/s over ${aggregate.windowSeconds.toFixed(1)} s; sum of granted ${granted}/s`);
    say(`aggregate achieved ÷ sum of granted:   ${(aggregate.rate / granted).toFixed(3)}   (target ≥ 0.95; ${aggregate.note})`);
    const budget = achievedOfAllowed(at, shops.map((s) => s.id), busySet, shops[0]!.id, phaseStart, GRANTED * o.rateScale);
    say(`phase 3 creates ÷ Amazon's allowance (bursts + rates over ${budget.seconds.toFixed(1)} s): ${budget.ratio.toFixed(3)}`);
    say(`429 answers (whole run, all sellers):  ${throttled}   (target 0)`);
    say(`phase 3 CPU (${phaseSeconds.toFixed(0)} s, ${phaseOrders} creates, last at +${((phaseEnd - phaseStart) / 1000).toFixed(0)} s; ${availableParallelism()} cores):`);
    for (const line of cpuReport(shares, phaseSeconds, phaseOrders)) say(line);
    const sampled = [...cpu.activeStatements].sort((a, b) => b[1] - a[1]).slice(0, 6);
    say(`  statements running on the bridge's PostgreSQL backends (sampled each second; count: statement):`);
    for (const [statement, count] of sampled) say(`    ${String(count).padStart(5)}: ${statement}`);
    const bridge = shares.filter((s) => s.name.startsWith('start worker') || s.name.startsWith('PostgreSQL')).reduce((n, s) => n + s.seconds, 0);
    const perOrder = bridge / Math.max(1, phaseOrders);
    say(`the bridge's own CPU (workers + PostgreSQL) per order: ${(perOrder * 1000).toFixed(2)} ms; on ${availableParallelism()} cores the bridge alone could sustain ${(availableParallelism() / perOrder).toFixed(0)} orders/s (needed: ${granted}/s)`);
    const wholePerOrder = shares.reduce((n, s) => n + s.seconds, 0) / Math.max(1, phaseOrders);
    say(`with the harness (simulator, commercetools-mock, the bench) beside it: ${(wholePerOrder * 1000).toFixed(2)} ms per order; ${availableParallelism()} cores sustain at most ${(availableParallelism() / wholePerOrder).toFixed(0)} orders/s for the whole run (needed: ${granted}/s)`);
    say(`measured at ${load()}`);
    return ratio <= 2 && aggregate.rate / granted >= 0.95 && throttled === 0;
  } finally {
    for (const w of workers) await w.stop();
    await dropSchema(schema).catch(() => undefined);
    await sim.stop();
    await ctProcess.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Creates per second across all sellers while every seller is steady. Each seller's bucket is replayed
 * from the receipt times (full at the start of phase 3; the backlog seller's empty, it has been
 * draining). The window runs from the moment the last bucket was down to its last few tokens (the
 * bridge keeps one in reserve and runs 2 % under the rate, so a bucket never quite empties) to the
 * moment the first seller ran out of work. Tokens the replay still holds at the window's start and not
 * at its end were burst, not rate: they are taken off the count. A bucket that never gets that low
 * means the bridge did not keep up with that seller: no window, no figure.
 */
function aggregateRate(at: ReadonlyMap<string, number>, sellers: readonly string[], busy: ReadonlySet<string>, backlogSeller: string, phaseStart: number, ratePerSecond: number): { rate: number; windowSeconds: number; note: string } {
  const times = (seller: string) => [...at].filter(([n, t]) => n.startsWith(`${seller}-`) && t >= phaseStart && (seller === backlogSeller || busy.has(n))).map(([, t]) => t).sort((a, b) => a - b);
  /** The replayed bucket of a quiet seller: when it first held fewer than LOW_TOKENS, and its tokens at a time. */
  const replay = (ts: readonly number[]) => {
    const tokensAt = (when: number): number => {
      let tokens = BURST;
      let last = phaseStart;
      for (const t of ts) {
        if (t > when) break;
        tokens = Math.min(BURST, tokens + ((t - last) / 1000) * ratePerSecond) - 1;
        last = t;
      }
      return Math.min(BURST, tokens + ((when - last) / 1000) * ratePerSecond);
    };
    const low = ts.find((t) => tokensAt(t) < LOW_TOKENS) ?? Infinity;
    return { low, tokensAt };
  };
  const quiet = sellers.filter((s) => s !== backlogSeller).map((s) => ({ ts: times(s) })).map(({ ts }) => ({ ts, ...replay(ts) }));
  const from = Math.max(...quiet.map((q) => q.low));
  const to = Math.min(...quiet.map((q) => q.ts.at(-1) ?? -Infinity));
  const lowCount = quiet.filter((q) => Number.isFinite(q.low)).length;
  if (!(to - from >= 5_000)) return { rate: Number.NaN, windowSeconds: 0, note: `${lowCount}/${quiet.length} sellers' buckets ever ran low; window ${((to - from) / 1000).toFixed(1)} s` };
  const all = [...quiet.map((q) => q.ts), times(backlogSeller)].flat().filter((t) => t > from && t <= to);
  const burstLeft = quiet.reduce((n, q) => n + Math.max(0, q.tokensAt(from) - q.tokensAt(to)), 0);
  return { rate: (all.length - burstLeft) / ((to - from) / 1000), windowSeconds: (to - from) / 1000, note: `${burstLeft.toFixed(1)} burst tokens taken off` };
}

/**
 * Whatever the buckets did: phase 3's creates until the first seller ran out of work, ÷ what Amazon
 * would have allowed in that time (each quiet seller's full burst plus every seller's rate).
 */
function achievedOfAllowed(at: ReadonlyMap<string, number>, sellers: readonly string[], busy: ReadonlySet<string>, backlogSeller: string, phaseStart: number, ratePerSecond: number): { ratio: number; seconds: number } {
  const mine = (seller: string) => [...at].filter(([n, t]) => n.startsWith(`${seller}-`) && t >= phaseStart && (seller === backlogSeller || busy.has(n))).map(([, t]) => t);
  const quiet = sellers.filter((s) => s !== backlogSeller);
  const to = Math.min(...quiet.map((s) => Math.max(...mine(s))));
  const created = sellers.flatMap(mine).filter((t) => t <= to).length;
  const seconds = (to - phaseStart) / 1000;
  return { ratio: created / (quiet.length * BURST + sellers.length * ratePerSecond * seconds), seconds };
}
