// An inventory world on loopback: the SP-API simulator (on a manual business clock) reached through the
// real SP-API inventory client and rate governor, commercetools-mock reached through the real
// inventory gateway, supply channels created, and a migrated SQLite store.
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { SpApiInventoryClient } from '../../src/adapters/amazon/sp-api-inventory-client.js';
import { CommercetoolsInventoryGateway } from '../../src/adapters/commercetools/ct-inventory-gateway.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import { Secret } from '../../src/config/secret.js';
import { parseInventorySettings, type InventorySettings } from '../../src/config/inventory-schema.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { ManualClock, startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/index.js';
import type { CommercetoolsInventoryPort } from '../../src/ports/commercetools-inventory.js';
import type { Store } from '../../src/ports/store.js';
import type { InventoryFlowDeps } from '../../src/flows/inventory/inventory-flow-types.js';
import { SpApiTestClient, US } from '../simulator/sim-harness.js';
import { startInventoryTestProject, type InventoryTestProject } from '../commercetools/ct-inventory-test-project.js';

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export { US };

export interface InventoryWorld {
  readonly sim: AmazonSimulator;
  readonly amazonApi: SpApiTestClient;
  readonly simClock: ManualClock;
  readonly project: InventoryTestProject;
  readonly gateway: CommercetoolsInventoryGateway;
  readonly store: Store;
  readonly settings: InventorySettings;
  readonly channelIds: ReadonlyMap<string, string>;
  /** Summaries requests Amazon received. */
  readonly summaryRequests: string[];
  deps(overrides?: { commercetools?: CommercetoolsInventoryPort }): InventoryFlowDeps;
  close(): Promise<void>;
}

export function settingsOf(raw: unknown): InventorySettings {
  const parsed = parseInventorySettings(raw);
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value;
}

export const SPLIT_POOL = {
  pools: [{
    id: 'us', marketplaceIds: [US], holdback: { units: 1 }, buffer: { units: 2 },
    channels: [{ key: 'web-us', policy: 'split', share: 60 }, { key: 'app-us', policy: 'split', share: 40 }],
  }],
};

export async function startInventoryWorld(raw: unknown = SPLIT_POOL, stock: Record<string, number> = {}): Promise<InventoryWorld> {
  const simClock = new ManualClock(T0);
  const sim = await startAmazonSimulator({ port: 0, seed: 3, clock: simClock, rateScale: 50 });
  const amazonApi = new SpApiTestClient(sim.url);
  await amazonApi.login();
  for (const [sku, quantity] of Object.entries(stock)) await amazonApi.stock(sku, quantity);
  const summaryRequests: string[] = [];
  const http = new SpApiHttpClient({
    endpoint: sim.url,
    lwa: { endpoint: `${sim.url}/auth/o2/token`, clientId: 'amzn1.application-oa2-client.inv', clientSecret: new Secret('s'), refreshToken: new Secret('Atzr|inv') },
    governor: new PriorityRateGovernor(),
    seller: 'inv-seller',
    timeoutMs: 5_000,
    fetch: async (input, init) => {
      if (String(input).includes('/fba/inventory/v1/summaries')) summaryRequests.push(String(input));
      return fetch(input, init);
    },
  });
  const amazon = new SpApiInventoryClient(http);
  const project = await startInventoryTestProject();
  const gateway = new CommercetoolsInventoryGateway(project.api);
  const settings = settingsOf(raw);
  const channelIds = new Map<string, string>();
  for (const pool of settings.pools) for (const c of pool.allocation.channels) channelIds.set(c.key, await project.createChannel(c.key));
  const store = await openStore(':memory:');
  return {
    sim, amazonApi, simClock, project, gateway, store, settings, channelIds, summaryRequests,
    deps: (overrides = {}) => ({
      connectionId: 'default', settings, store, amazon, commercetools: overrides.commercetools ?? gateway,
      clock: { now: () => new Date(simClock.now()) }, logger: silentLogger,
    }),
    close: async () => {
      await store.close();
      await project.close();
      await sim.close();
    },
  };
}
