// The CommercetoolsOrderPort contract against CommercetoolsOrderGateway talking through the official
// SDK to @labdigital/commercetools-mock over loopback HTTP, a fresh seeded project per test.
import { CommercetoolsOrderGateway } from '../../src/adapters/commercetools/ct-order-gateway.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-catalogue.js';
import { systemClock } from '../../src/ports/clock.js';
import { anOrderSpec, startTestProject } from '../commercetools/ct-test-project.js';
import { commercetoolsOrdersContract } from './commercetools-orders-contract.js';

commercetoolsOrdersContract('CommercetoolsOrderGateway against commercetools-mock', async () => {
  const { api, server } = await startTestProject({ seed: true });
  const gateway = new CommercetoolsOrderGateway(api, systemClock);
  const read = async (id: string) => {
    const found = await gateway.getOrder(id);
    if (!found.ok || !found.value) throw new Error(`order ${id} could not be read back: ${JSON.stringify(found)}`);
    return found.value;
  };
  return {
    port: gateway,
    place: async () => read((await createDemoOrder(api, anOrderSpec())).id),
    editInStorefront: async (order) => {
      const current = await read(order.id);
      await api.orders().withId({ ID: order.id })
        .post({ body: { version: current.version, actions: [{ action: 'setCustomerEmail', email: 'changed@example.com' }] } })
        .execute();
      return read(order.id);
    },
    dispose: () => server.close(),
  };
});
