// bench/inventory: 20,000 SKUs × 3 supply channels (split 50/30/20). The simulator and commercetools-mock
// run in their own processes; the bridge's inventory sync runs here. The shop's entries exist already
// (at 0, as a shop moving to the bridge has them; the mock's duplicate check would make 60,000 creates
// quadratic). Printed, all measured in this run:
//   - first full sync: commercetools writes, wall time
//   - then 1% of the SKUs change in FBA (units moved to unfulfillable) and a second full sync runs:
//     commercetools writes sent ÷ entries that really changed (read back from commercetools) — target 1.00
//   - FBA page reads ÷ the granted rate over each scan (getInventorySummaries 2/s × rate scale) — target ≥ 0.90
//   - wall time and peak memory (RSS, heap) of this process
// Usage: npm run bench:inventory [-- --skus 20000 --rate-scale 10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulatorProcess, startCtMockProcess } from '../support/processes.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { Secret } from '../../src/config/secret.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { systemClock } from '../../src/ports/clock.js';
import { parseInventorySettings } from '../../src/config/inventory-schema.js';
import { inventoryDepsFor } from '../../src/app/inventory-wiring.js';
import { ConnectionClients } from '../../src/app/connection-clients.js';
import { syncPool } from '../../src/flows/inventory/inventory-sync.js';
import type { PoolSyncSummary, SyncProgress } from '../../src/flows/inventory/inventory-flow-types.js';
import { DEFAULT_ROUTING } from '../../src/domain/orders/routing.js';

const { values } = parseArgs({ options: { skus: { type: 'string', default: '20000' }, 'rate-scale': { type: 'string', default: '10' } } });
const SKUS = Number(values.skus);
const RATE_SCALE = Number(values['rate-scale']);
const GRANTED_PAGES_PER_S = 2 * RATE_SCALE;
const MARKETPLACE = 'A1PA6795UKMFR9';
const CHANNELS = ['fba-web', 'fba-app', 'fba-b2b'];
const sku = (i: number) => `BENCH-${String(i).padStart(6, '0')}`;

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 100);

const dir = mkdtempSync(join(tmpdir(), 'fba-bench-inv-'));
const sim = await startSimulatorProcess(45_000 + Math.floor(Math.random() * 5_000), ['--seed', '5', '--rate-scale', String(RATE_SCALE)]);
const ct = await startCtMockProcess('bench');
try {
  const ctSettings = { projectKey: 'bench', clientId: 'bench', clientSecret: new Secret('bench'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: ['manage_project:bench'] };
  const api = createCommercetoolsApi(ctSettings);

  process.stdout.write(`stocking ${SKUS} SKUs in the simulator and creating ${SKUS * CHANNELS.length} commercetools entries at 0…\n`);
  const token = ((await (await fetch(`${sim.url}/auth/o2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=Atzr%7Cb&client_id=b&client_secret=b' })).json()) as { access_token: string }).access_token;
  const amazonCall = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    for (;;) {
      const r = await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': token, ...extra }, body: JSON.stringify(body) });
      if (r.status === 429) { await new Promise((res) => setTimeout(res, 50)); continue; }
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
      return r;
    }
  };
  for (let i = 0; i < SKUS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, SKUS - i) }, (_, k) => amazonCall('/fba/inventory/v1/items', { sellerSku: sku(i + k), marketplaceId: MARKETPLACE, productName: `Bench ${i + k}` })));
  }
  for (let i = 0; i < SKUS; i += 500) {
    const items = Array.from({ length: Math.min(500, SKUS - i) }, (_, k) => ({ sellerSku: sku(i + k), marketplaceId: MARKETPLACE, quantity: 20 + ((i + k) % 80) }));
    await amazonCall('/fba/inventory/v1/items/inventory', { inventoryItems: items }, { 'x-amzn-idempotency-token': `bench-${i}` });
  }
  const channelIds: string[] = [];
  for (const key of CHANNELS) channelIds.push((await api.channels().post({ body: { key, name: { en: key }, roles: ['InventorySupply'] } }).execute()).body.id);
  for (let i = 0; i < SKUS; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, SKUS - i) }, (_, k) => Promise.all(channelIds.map((id) =>
      api.inventory().post({ body: { sku: sku(i + k), supplyChannel: { typeId: 'channel', id }, quantityOnStock: 0 } }).execute()))));
  }

  const parsed = parseInventorySettings({
    pools: [{
      id: 'eu', marketplaceIds: [MARKETPLACE], holdback: { units: 1 }, buffer: { units: 2 },
      channels: [{ key: 'fba-web', policy: 'split', share: 50 }, { key: 'fba-app', policy: 'split', share: 30 }, { key: 'fba-b2b', policy: 'split', share: 20 }],
    }],
  });
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  await store.migrate();
  const deps = inventoryDepsFor(new ConnectionClients({
    id: 'bench', commercetools: ctSettings, routing: DEFAULT_ROUTING,
    amazon: { endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, lwaClientId: 'bench', lwaClientSecret: new Secret('bench'), refreshToken: new Secret('Atzr|bench'), marketplaceId: MARKETPLACE, sellerKey: 'bench', timeoutMs: 20_000 },
  }, new PriorityRateGovernor(), silentLogger), parsed.value, { store, clock: systemClock, logger: silentLogger });
  const pool = parsed.value.pools[0]!;
  const gateway = new CommercetoolsInventoryGateway(api);

  const timedSync = async (label: string): Promise<{ s: PoolSyncSummary; wallMs: number; scanMs: number }> => {
    const started = Date.now();
    let lastAmazonPage = started;
    const s = await syncPool(deps, pool, { mode: { kind: 'full' }, onProgress: (p: SyncProgress) => { if (p.phase === 'amazon') lastAmazonPage = Date.now(); } });
    const wallMs = Date.now() - started;
    if (s.error) throw new Error(`${label}: ${s.error}`);
    return { s, wallMs, scanMs: lastAmazonPage - started };
  };
  const readAll = async (): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await gateway.listEntries(channelIds, { pageSize: 499, ...(cursor ? { cursor } : {}) });
      if (!page.ok) throw new Error(page.error.message);
      for (const e of page.value.entries) out.set(`${e.sku}@${e.supplyChannelId}`, e.quantityOnStock);
      cursor = page.value.cursor;
    } while (cursor);
    return out;
  };
  const pageRate = (pages: number, ms: number) => (pages / (ms / 1000)) / GRANTED_PAGES_PER_S;

  process.stdout.write('first full sync…\n');
  const first = await timedSync('first sync');
  process.stdout.write(`  ${first.s.pages} FBA pages, ${first.s.changes.length} commercetools writes, ${first.s.conflicts} conflicts, ${first.s.failed} failed; wall ${(first.wallMs / 1000).toFixed(1)} s\n`);
  process.stdout.write(`  FBA page reads ÷ granted rate: ${pageRate(first.s.pages, first.scanMs).toFixed(2)} (${first.s.pages} pages in ${(first.scanMs / 1000).toFixed(1)} s, granted ${GRANTED_PAGES_PER_S}/s)\n`);

  const before = await readAll();
  const changed = Math.max(1, Math.round(SKUS / 100));
  for (let n = 0; n < changed; n++) {
    const i = Math.floor((n * SKUS) / changed);
    const r = await fetch(`${sim.url}/_simulator/inventory/adjust`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': token }, body: JSON.stringify({ sellerSku: sku(i), bucket: 'unfulfillable', quantity: 3 + (n % 7) }) });
    if (!r.ok) throw new Error(`adjust: HTTP ${r.status}`);
  }
  process.stdout.write(`${changed} SKUs changed in FBA; second full sync…\n`);
  const second = await timedSync('second sync');
  const after = await readAll();
  const reallyChanged = [...after].filter(([k, v]) => before.get(k) !== v).length;
  const sent = second.s.changes.length + second.s.conflicts + second.s.failed;
  process.stdout.write(`  commercetools writes sent ÷ entries that really changed: ${sent} ÷ ${reallyChanged} = ${(sent / Math.max(1, reallyChanged)).toFixed(2)}\n`);
  process.stdout.write(`  FBA page reads ÷ granted rate: ${pageRate(second.s.pages, second.scanMs).toFixed(2)} (${second.s.pages} pages in ${(second.scanMs / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`  wall ${(second.wallMs / 1000).toFixed(1)} s\n`);
  process.stdout.write(`peak memory of the bridge process: RSS ${(peakRss / 1048576).toFixed(0)} MiB, heap ${(peakHeap / 1048576).toFixed(0)} MiB\n`);
  await store.close();
} finally {
  clearInterval(sampler);
  await sim.stop();
  await ct.stop();
  rmSync(dir, { recursive: true, force: true });
}
