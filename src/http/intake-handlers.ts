// The two intakes, bound to the bridge's store and connections once: commercetools messages and Amazon
// notifications, whichever way they arrive (HTTP push, SQS).
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store, EnqueuedWork } from '../ports/store.js';
import { acceptCommercetoolsMessage, type IntakeAnswer } from './commercetools-intake.js';
import { acceptAmazonNotification, type StatusIntake } from './amazon-intake.js';
import { IntakeBatch } from './intake-batch.js';
import { BoundedMap } from '../domain/shared/bounded-map.js';

/** Amazon order ids remembered with their commercetools order: the open orders of a busy day. */
const KNOWN_ORDERS = 50_000;

export interface IntakeHandlerDeps {
  readonly store: Store;
  readonly config: Pick<BridgeConfig, 'connections'>;
  readonly workClock: Clock;
  readonly logger: Logger;
  /** New work was enqueued (what and when, where known): the work runners claim it. */
  readonly wake: (enqueued?: EnqueuedWork) => void;
  readonly inventoryChanged?: (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]) => void;
  readonly settlementReportReady?: (connectionIds: readonly string[]) => void;
  /** The export priority of an order an OrderCreated message carries, when the message alone tells (commercetools-intake.ts). */
  readonly orderPriority?: (connectionId: string, order: unknown) => number | undefined;
}

export interface IntakeHandlers {
  commercetools(body: unknown): Promise<IntakeAnswer>;
  amazon(body: unknown): Promise<IntakeAnswer>;
}

export function intakeHandlers(deps: IntakeHandlerDeps): IntakeHandlers {
  const { store, workClock, logger, wake } = deps;
  const ct = {
    store, workClock, logger, wake, connections: deps.config.connections.map((c) => ({ id: c.id, projectKey: c.commercetools.projectKey })),
    ...(deps.orderPriority ? { orderPriority: deps.orderPriority } : {}),
  };
  const amazon = {
    store, workClock, logger, wake,
    connections: deps.config.connections.map((c) => ({ id: c.id, ...(c.amazon.sellerId ? { sellerId: c.amazon.sellerId } : {}) })),
    statusBatch: new IntakeBatch<StatusIntake>(store),
    knownOrders: new BoundedMap<string, string>(KNOWN_ORDERS),
    ...(deps.inventoryChanged ? { inventoryChanged: deps.inventoryChanged } : {}),
    ...(deps.settlementReportReady ? { settlementReportReady: deps.settlementReportReady } : {}),
  };
  return {
    commercetools: (body) => acceptCommercetoolsMessage(ct, body),
    amazon: (body) => acceptAmazonNotification(amazon, body),
  };
}
