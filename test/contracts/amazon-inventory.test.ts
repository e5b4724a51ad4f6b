// The AmazonInventoryPort contract against FakeAmazonInventory and against SpApiInventoryClient on the
// SP-API simulator (loopback HTTP, real token exchange and rate governor).
import { SpApiInventoryClient } from '../../src/adapters/amazon/sp-api-inventory-client.js';
import { FakeAmazonInventory } from '../support/fakes/fake-amazon-fulfillment.js';
import { US, bridgeHttpClient, startHarness } from '../simulator/sim-harness.js';
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
  return {
    port: new SpApiInventoryClient(bridgeHttpClient(sim.url, 'contract-seller')),
    marketplaceId: US,
    stock: (sku, units) => api.stock(sku, units),
    dispose: () => sim.close(),
  };
});
