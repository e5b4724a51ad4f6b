// Builds the inventory sync of one connection from configuration: the SP-API inventory client and the
// commercetools inventory gateway of the connection's clients. Used by `start` and the CLI.
import type { InventorySettings } from '../config/inventory-schema.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { InventoryFlowDeps } from '../flows/inventory/inventory-flow-types.js';
import { ChannelIdMemory } from '../flows/inventory/inventory-channel-memory.js';
import type { ConnectionClients } from './connection-clients.js';

export interface InventoryWiring {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function inventoryDepsFor(clients: ConnectionClients, settings: InventorySettings, w: InventoryWiring): InventoryFlowDeps {
  const { connection } = clients;
  return {
    connectionId: connection.id,
    settings,
    store: w.store,
    amazon: clients.inventory(),
    commercetools: clients.inventoryEntries(),
    clock: w.clock,
    logger: w.logger.child({ connection: connection.id, flow: 'inventory' }),
    channelIds: new ChannelIdMemory(),
  };
}
