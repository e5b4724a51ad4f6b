// The AmazonFulfillmentPort contract against SpApiFulfillmentClient talking to the SP-API simulator over
// loopback HTTP (real LWA token exchange, real rate governor), simulated time standing still.
import { SpApiFulfillmentClient } from '../../src/adapters/amazon/sp-api-fulfillment-client.js';
import { LIST_PAGE_SIZE } from '../../src/simulator/api/outbound-routes.js';
import { OUTBOUND, SpApiTestClient, bridgeHttpClient, startHarness } from '../simulator/sim-harness.js';
import { amazonFulfillmentContract } from './amazon-fulfillment-contract.js';

amazonFulfillmentContract('SpApiFulfillmentClient against the simulator', async () => {
  const { sim, clock, api } = await startHarness();
  const http = bridgeHttpClient(sim.url, 'contract-seller');
  // The sandbox's status update is the seller's own call, as at Amazon: another seller's order is not found.
  const seller = new SpApiTestClient(sim.url);
  await seller.login('Atzr|contract-seller');
  /** The sandbox's submitFulfillmentOrderStatusUpdate moves an order on now (Complete ships it). */
  const force = async (id: string, fulfillmentOrderStatus: string): Promise<void> => {
    const answer = await seller.call('PUT', `${OUTBOUND}/fulfillmentOrders/${encodeURIComponent(id)}/status`, { fulfillmentOrderStatus });
    if (answer.status !== 200) throw new Error(`status update of ${id} to ${fulfillmentOrderStatus}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  };
  return {
    port: new SpApiFulfillmentClient(http),
    listPageSize: LIST_PAGE_SIZE,
    stock: async (skus) => {
      for (const sku of skus) await api.stock(sku, 1_000);
    },
    now: () => new Date(clock.now()).toISOString(),
    advance: async (ms) => sim.advance(ms / 1000),
    startPicking: (id) => force(id, 'Processing'),
    ship: (id) => force(id, 'Complete'),
    dispose: () => sim.close(),
  };
});
