// The AmazonInventoryPort contract against FakeAmazonInventory and against SpApiInventoryClient on the
// SP-API simulator (loopback HTTP, real token exchange and rate governor).
import { SpApiHttpClient } from '../../src/adapters/amazon/sp-api-http.js';
import { SpApiInventoryClient } from '../../src/adapters/amazon/sp-api-inventory-client.js';
import { Secret } from '../../src/config/secret.js';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { FakeAmazonInventory } from '../support/fakes/fake-amazon-fulfillment.js';
import { US, startHarness } from '../simulator/sim-harness.js';
import { amazonInventoryContract } from './amazon-inventory-contract.js';

amazonInventoryContract('FakeAmazonInventory', async () => {
  const inventory = new FakeAmazonInventory();
  return {
    port: inventory,
    marketplaceId: US,
    stock: async (sku, units) => void inventory.stock.set(sku, units),
    dispose: async () => {},
  };
});

amazonInventoryContract('SpApiInventoryClient against the simulator', async () => {
  const { sim, api } = await startHarness();
  const http = new SpApiHttpClient({
    endpoint: sim.url,
    lwa: { endpoint: `${sim.url}/auth/o2/token`, clientId: 'amzn1.application-oa2-client.contract', clientSecret: new Secret('s'), refreshToken: new Secret('Atzr|contract') },
    governor: new PriorityRateGovernor(),
    seller: 'contract-seller',
    timeoutMs: 10_000,
  });
  return {
    port: new SpApiInventoryClient(http),
    marketplaceId: US,
    stock: (sku, units) => api.stock(sku, units),
    dispose: () => sim.close(),
  };
});
