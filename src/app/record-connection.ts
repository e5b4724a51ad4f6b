// The bridge's record of a connection (one commercetools project ⇄ one Amazon seller account).
import type { ConnectionConfig } from '../config/bridge-config.js';
import type { Store } from '../ports/store.js';

/** Every command that works for a connection records it, so status and explain can list it. */
export async function recordConnection(store: Store, connection: ConnectionConfig, now: number): Promise<void> {
  await store.connections.upsert({
    id: connection.id, name: connection.id, ctProjectKey: connection.commercetools.projectKey,
    marketplaceId: connection.amazon.marketplaceId, sellerKey: connection.amazon.sellerKey,
  }, now);
}
