// Builds the inventory sync of one connection from configuration: the SP-API inventory client (through
// the shared rate governor) and the commercetools inventory gateway. Used by `start` and the CLI.
import type { ConnectionConfig } from '../config/bridge-config.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import { spApiHttpFor } from './sp-api-connection.js';
import { SpApiInventoryClient } from '../adapters/amazon/sp-api-inventory-client.js';
import { createCommercetoolsApi } from '../adapters/commercetools/ct-api-client.js';
import { CommercetoolsInventoryGateway } from '../adapters/commercetools/ct-inventory-gateway.js';
import type { InventoryFlowDeps } from '../flows/inventory/inventory-flow-types.js';

export interface InventoryWiring {
  readonly store: Store;
  readonly governor: RateGovernor;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function inventoryDepsFor(connection: ConnectionConfig, settings: InventorySettings, w: InventoryWiring): InventoryFlowDeps {
  const logger = w.logger.child({ connection: connection.id, flow: 'inventory' });
  const http = spApiHttpFor(connection, w.governor, logger);
  return {
    connectionId: connection.id,
    settings,
    store: w.store,
    amazon: new SpApiInventoryClient(http),
    commercetools: new CommercetoolsInventoryGateway(createCommercetoolsApi(connection.commercetools)),
    clock: w.clock,
    logger,
  };
}
