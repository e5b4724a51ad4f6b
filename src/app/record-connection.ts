// The bridge's record of a connection (one commercetools project ⇄ one Amazon seller account).
import type { ConnectionConfig } from '../config/bridge-config.js';
import type { Store } from '../ports/store.js';
import { WATCHING_SINCE_WATERMARK } from '../reports/bridge-facts.js';

/** Every command that works for a connection records it, so status and explain can list it. */
export async function recordConnection(store: Store, connection: ConnectionConfig, now: number): Promise<void> {
  await store.connections.upsert({
    id: connection.id, name: connection.id, ctProjectKey: connection.commercetools.projectKey,
    marketplaceId: connection.amazon.marketplaceId, sellerKey: connection.amazon.sellerKey,
  }, now);
  if ((await store.watermarks.get(connection.id, WATCHING_SINCE_WATERMARK)) === null) await store.watermarks.set(connection.id, WATCHING_SINCE_WATERMARK, String(now), now);
}
