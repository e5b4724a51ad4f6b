// The CommercetoolsOrderPort contract against the in-memory fake the flow tests use.
import { FakeCommercetoolsOrders } from '../support/fakes/fake-commercetools-orders.js';
import { FixedClock } from '../support/fakes/fixed-clock.js';
import { storefrontOrder } from '../support/fakes/order-flow-world.js';
import { commercetoolsOrdersContract } from './commercetools-orders-contract.js';

commercetoolsOrdersContract('FakeCommercetoolsOrders', async () => {
  const clock = new FixedClock();
  const ct = new FakeCommercetoolsOrders(clock);
  return {
    port: ct,
    place: async () => {
      // Orders placed a little over a second apart, so no two share a timestamp.
      clock.advance(1_007);
      return ct.put(storefrontOrder({ createdAt: clock.iso(), lastModifiedAt: clock.iso() }));
    },
    editInStorefront: async (order) => {
      clock.advance(1_007);
      return ct.change(order.id, { customerEmail: 'changed@example.com' });
    },
    dispose: async () => {},
  };
});
