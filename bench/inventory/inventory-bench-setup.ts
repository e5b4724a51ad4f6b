// The world bench/inventory's runs share: the simulator stocking SKUS SKUs and commercetools-mock
// holding their entries at 0 in 3 supply channels (as a shop moving to the bridge has them), each in
// its own process, and the environment and config file `fba-bridge inventory sync` runs with.
// The entries are created straight through the SDK: the mock checks no duplicates, so each create
// costs the same (the gateway's look-before-create and the sync's `sku in` reads are answered from
// the mock's inventory index, ct-mock-inventory-index.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatorProcess, startCtMockProcess } from '../support/processes.js';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { Secret } from '../../src/config/secret.js';

export const MARKETPLACE = 'A1PA6795UKMFR9';
export const CHANNELS = ['fba-web', 'fba-app', 'fba-b2b'];
export const benchSku = (i: number): string => `BENCH-${String(i).padStart(6, '0')}`;

export interface InventoryBenchOptions {
  readonly skus: number;
  readonly rateScale: number;
  /** The sync's write limiter: in flight, and a pace set above what the mock can take. */
  readonly writeConcurrency: number;
  readonly writeRate: number;
  /** NODE_OPTIONS of the sync process only. */
  readonly syncNodeOptions?: string | undefined;
}

export type InventoryBench = Awaited<ReturnType<typeof startInventoryBench>>;

export async function startInventoryBench(options: InventoryBenchOptions) {
  const { skus } = options;
  const dir = mkdtempSync(join(tmpdir(), 'fba-bench-inv-'));
  const sim = await startSimulatorProcess(await freePort(), ['--seed', '5', '--rate-scale', String(options.rateScale)]);
  const ct = await startCtMockProcess('bench');
  const stop = async (): Promise<void> => {
    await sim.stop();
    await ct.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const ctSettings = { projectKey: 'bench', clientId: 'bench', clientSecret: new Secret('bench'), authUrl: ct.authUrl, apiUrl: ct.apiUrl, scopes: ['manage_project:bench'] };
  const api = createCommercetoolsApi(ctSettings);
  const token = ((await (await fetch(`${sim.url}/auth/o2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=Atzr%7Cb&client_id=b&client_secret=b' })).json()) as { access_token: string }).access_token;
  const amazonCall = async (path: string, body: unknown, extra: Record<string, string> = {}): Promise<Response> => {
    for (;;) {
      const r = await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-access-token': token, ...extra }, body: JSON.stringify(body) });
      if (r.status === 429) { await new Promise((res) => setTimeout(res, 50)); continue; }
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
      return r;
    }
  };
  let stockRound = 0;
  /** Adds units to every SKU in FBA (round 0: 20…99 units; later rounds `units` each), so every entry changes. */
  const addStock = async (units?: number): Promise<void> => {
    const round = stockRound++;
    for (let i = 0; i < skus; i += 500) {
      const items = Array.from({ length: Math.min(500, skus - i) }, (_, k) => ({ sellerSku: benchSku(i + k), marketplaceId: MARKETPLACE, quantity: units ?? 20 + ((i + k) % 80) }));
      await amazonCall('/fba/inventory/v1/items/inventory', { inventoryItems: items }, { 'x-amzn-idempotency-token': `bench-${round}-${i}` });
    }
  };
  try {
    for (let i = 0; i < skus; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, skus - i) }, (_, k) => amazonCall('/fba/inventory/v1/items', { sellerSku: benchSku(i + k), marketplaceId: MARKETPLACE, productName: `Bench ${i + k}` })));
    }
    await addStock();
    const channelIds: string[] = [];
    for (const key of CHANNELS) channelIds.push((await api.channels().post({ body: { key, name: { en: key }, roles: ['InventorySupply'] } }).execute()).body.id);
    for (let i = 0; i < skus; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, skus - i) }, (_, k) => Promise.all(channelIds.map((id) =>
        api.inventory().post({ body: { sku: benchSku(i + k), supplyChannel: { typeId: 'channel', id }, quantityOnStock: 0 } }).execute()))));
    }
    const configFile = join(dir, 'bridge.json');
    writeFileSync(configFile, JSON.stringify({
      inventory: {
        pools: [{
          id: 'eu', marketplaceIds: [MARKETPLACE], holdback: { units: 1 }, buffer: { units: 2 },
          channels: [{ key: 'fba-web', policy: 'split', share: 50 }, { key: 'fba-app', policy: 'split', share: 30 }, { key: 'fba-b2b', policy: 'split', share: 20 }],
        }],
      },
    }));
    const bridgeEnv: Record<string, string> = {
      FBA_BRIDGE_CONFIG: configFile, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'warn',
      CTP_PROJECT_KEY: 'bench', CTP_CLIENT_ID: 'bench', CTP_CLIENT_SECRET: 'bench', CTP_AUTH_URL: ct.authUrl, CTP_API_URL: ct.apiUrl,
      SPAPI_ENDPOINT: sim.url, LWA_ENDPOINT: `${sim.url}/auth/o2/token`, LWA_CLIENT_ID: 'bench', LWA_CLIENT_SECRET: 'bench', LWA_REFRESH_TOKEN: 'Atzr|bench',
      SPAPI_MARKETPLACE_ID: MARKETPLACE, SPAPI_SELLER_ID: 'BENCHSELLER', SPAPI_TIMEOUT_SECONDS: '20',
      CT_WRITE_CONCURRENCY: String(options.writeConcurrency), CT_WRITE_RATE: String(options.writeRate),
      ...(options.syncNodeOptions ? { NODE_OPTIONS: options.syncNodeOptions } : {}),
    };
    return { sim, ct, ctSettings, api, token, channelIds, bridgeEnv, dir, addStock, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A loopback port free at this moment (a random one collided with other benches' servers). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
