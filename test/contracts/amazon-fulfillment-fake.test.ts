// The AmazonFulfillmentPort contract against the in-memory fake the flow tests use.
import { FakeAmazonFulfillment } from '../support/fakes/fake-amazon-fulfillment.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';
import { amazonFulfillmentContract } from './amazon-fulfillment-contract.js';

amazonFulfillmentContract('FakeAmazonFulfillment', async () => {
  const clock = new FixedClock();
  const amazon = new FakeAmazonFulfillment(clock);
  amazon.listPageSize = 3;
  let packageNumber = 1_000;
  return {
    port: amazon,
    listPageSize: amazon.listPageSize,
    stock: async (skus) => {
      amazon.knownSkus = new Set([...(amazon.knownSkus ?? []), ...skus]);
    },
    now: () => clock.iso(),
    advance: async (ms) => clock.advance(ms),
    startPicking: async (id) => void amazon.update(id, { status: 'Processing' }),
    ship: async (id) => {
      const order = amazon.orders.get(id)!;
      const pkg = { packageNumber: ++packageNumber, carrierCode: 'UPS', trackingNumber: `1Z${packageNumber}` };
      amazon.update(id, {
        status: 'Complete',
        shipments: [{
          amazonShipmentId: `ship-${packageNumber}`, status: 'SHIPPED', shippingDate: clock.iso(), packages: [pkg],
          items: order.items.map((i) => ({ sellerFulfillmentOrderItemId: i.sellerFulfillmentOrderItemId, quantity: i.quantity, packageNumber: pkg.packageNumber })),
        }],
      });
    },
    dispose: async () => {},
  };
});
