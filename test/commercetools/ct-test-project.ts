// A commercetools project for tests: the mock served over loopback HTTP, reached through the real SDK
// (client-credentials flow included), seeded with the demo catalogue on request.
import { createCommercetoolsApi, type CommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { startCommercetoolsMock, type CommercetoolsMockServer } from '../../src/demo/commercetools-mock/ct-mock-server.js';
import { CommercetoolsProjectSetup } from '../../src/adapters/commercetools/ct-project-setup.js';
import { seedDemoCatalogue, type DemoOrderSpec } from '../../src/demo/seeders/demo-catalogue.js';
import { Secret } from '../../src/config/secret.js';

export interface TestProject {
  readonly api: CommercetoolsApi;
  readonly server: CommercetoolsMockServer;
}

export async function startTestProject(options: { seed: boolean }): Promise<TestProject> {
  const projectKey = 'fba-bridge-test';
  const server = await startCommercetoolsMock({ projectKey });
  const api = createCommercetoolsApi({
    projectKey,
    clientId: 'test-client',
    clientSecret: new Secret('test-secret'),
    authUrl: server.authUrl,
    apiUrl: server.apiUrl,
    scopes: [`manage_project:${projectKey}`],
    timeoutMs: 5_000,
  });
  if (options.seed) {
    const setup = await new CommercetoolsProjectSetup(api).ensureSetup(true);
    if (!setup.ok) throw new Error(setup.error.message);
    await seedDemoCatalogue(api);
  }
  return { api, server };
}

let counter = 0;

/** An FBA-bound order: two lines from the FBA pool, one from the merchant warehouse. */
export function anOrderSpec(overrides: Partial<DemoOrderSpec> = {}): DemoOrderSpec {
  counter += 1;
  return {
    orderNumber: `T-${process.pid}-${counter}`,
    customerEmail: 'lukas.mueller@example.com',
    shippingAddress: {
      firstName: 'Lukas',
      lastName: 'Müller',
      streetName: 'Leopoldstraße',
      streetNumber: '45',
      postalCode: '80802',
      city: 'München',
      country: 'DE',
      phone: '+49 89 1234567',
    },
    lines: [
      { sku: 'KTL-1700-BLK', quantity: 2, supplyChannelKey: 'fba-eu' },
      { sku: 'HDP-BT-ANC', quantity: 1, supplyChannelKey: 'fba-eu' },
      { sku: 'CND-SOY-LAV', quantity: 3, supplyChannelKey: 'warehouse-berlin' },
    ],
    shippingMethodKey: 'fba-expedited',
    fulfillmentChannel: 'FBA',
    locale: 'de-DE',
    ...overrides,
  };
}
