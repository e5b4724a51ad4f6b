// A commercetools project for the inventory tests: the mock (with the bridge's fidelity fixes) over
// loopback HTTP, reached through the real SDK, plus two things a test needs to reach past HTTP for:
// units reserved by orders (the mock ignores ReserveOnOrder, so they are put into its storage) and
// commercetools' own refusal of a duplicate entry (the mock accepts duplicates).
import type { AddressInfo } from 'node:net';
import type { InventoryEntry } from '@commercetools/platform-sdk';
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { createCommercetoolsApi, type CommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { installMockFidelityFixes } from '../../src/demo/commercetools-mock/ct-mock-fidelity.js';
import { Secret } from '../../src/config/secret.js';

export interface InventoryTestProject {
  readonly api: CommercetoolsApi;
  /** Creates an InventorySupply channel; returns its id. */
  createChannel(key: string): Promise<string>;
  /** Reserves units of an entry as an order would: availableQuantity drops, quantityOnStock and version stay. */
  reserve(entryId: string, units: number): Promise<InventoryEntry>;
  /** The next inventory create is answered as commercetools answers a duplicate (sku, channel). */
  refuseNextCreateAsDuplicate(): void;
  close(): Promise<void>;
}

const PROJECT_KEY = 'fba-bridge-inventory-test';

export async function startInventoryTestProject(): Promise<InventoryTestProject> {
  const mock = new CommercetoolsMock({ defaultProjectKey: PROJECT_KEY, enableAuthentication: true, validateCredentials: true, silent: true });
  installMockFidelityFixes(mock, PROJECT_KEY);
  let refuseNextCreate = false;
  mock.app.addHook('preHandler', async (request, reply) => {
    if (!refuseNextCreate || request.method !== 'POST' || !/^\/:projectKey\/inventory\/?$/.test(request.routeOptions.url ?? '')) return;
    refuseNextCreate = false;
    const sku = (request.body as { sku?: string }).sku;
    const message = `A duplicate value "${sku}" exists for field "sku".`;
    await reply.status(400).send({ statusCode: 400, message, errors: [{ code: 'DuplicateField', message, field: 'sku', duplicateValue: sku }] });
  });
  await mock.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
  const api = createCommercetoolsApi({
    projectKey: PROJECT_KEY,
    clientId: 'test-client',
    clientSecret: new Secret('test-secret'),
    authUrl: baseUrl,
    apiUrl: baseUrl,
    scopes: [`manage_project:${PROJECT_KEY}`],
    timeoutMs: 5_000,
  });
  return {
    api,
    createChannel: async (key) => {
      const body = { key, name: { en: key }, roles: ['InventorySupply' as const] };
      return (await api.channels().post({ body }).execute()).body.id;
    },
    reserve: async (entryId, units) => {
      const stored = await mock.project(PROJECT_KEY).get('inventory-entry', entryId);
      const reserved: InventoryEntry = { ...stored, availableQuantity: stored.availableQuantity - units };
      await mock.project(PROJECT_KEY).unsafeAdd('inventory-entry', reserved);
      return reserved;
    },
    refuseNextCreateAsDuplicate: () => {
      refuseNextCreate = true;
    },
    close: async () => {
      await mock.app.close();
    },
  };
}
