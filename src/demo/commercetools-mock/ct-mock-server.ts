// Serves @labdigital/commercetools-mock over real loopback HTTP so the bridge reaches it exactly as it
// reaches commercetools: through the official SDK, OAuth client-credentials flow included. For `demo`
// and tests only — nothing on the `start` path imports this file (it pulls in fastify and msw).
import type { AddressInfo } from 'node:net';
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { installMockFidelityFixes } from './ct-mock-fidelity.js';
import { installInventoryIndex } from './ct-mock-inventory-index.js';

export interface CommercetoolsMockServer {
  /** Base URL for API calls, e.g. http://127.0.0.1:43121 (the project key goes in the path). */
  readonly apiUrl: string;
  /** Base URL of the OAuth server; the SDK posts to `${authUrl}/oauth/token`. */
  readonly authUrl: string;
  close(): Promise<void>;
}

export interface CommercetoolsMockServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly projectKey: string;
}

export async function startCommercetoolsMock(options: CommercetoolsMockServerOptions): Promise<CommercetoolsMockServer> {
  const mock = new CommercetoolsMock({
    defaultProjectKey: options.projectKey,
    // Authentication on and validated: every API call must carry a token the mock itself issued, so a
    // broken auth middleware fails here as it would against commercetools. Any client id/secret is
    // accepted at /oauth/token, as the mock has no API-client registry.
    enableAuthentication: true,
    validateCredentials: true,
    silent: true,
  });
  installMockFidelityFixes(mock, options.projectKey);
  // Inventory lookups by SKU from an index, with the mock's own answer (300,000 entries in benches).
  installInventoryIndex(mock);
  // Not runServer(): it binds 0.0.0.0 and would expose the demo project on the network.
  await mock.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = mock.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    apiUrl: baseUrl,
    authUrl: baseUrl,
    close: async () => {
      await mock.app.close();
    },
  };
}
