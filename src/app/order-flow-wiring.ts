// Wires the order round trip of every connection: the flows' dependencies, the work runners that
// execute 'order.export' and 'order.track' items (order-work-runners.ts), and the scheduled polls and sweep that find work
// an event missed (architecture.md §1).
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import { startableOrderWorkRunners, type OrderWorkRunners } from './order-work-runners.js';
import type { DependencyCircuits } from '../engine/dependency-circuit.js';
import type { ScheduledTask } from '../engine/scheduler.js';
import { KnownSkuCache } from '../flows/orders/known-sku-cache.js';
import type { OrderFlowDeps } from '../flows/orders/order-flow-types.js';
import { orderWorkHandler, raiseDeadLetter } from '../flows/orders/order-work-handler.js';
import { pollStorefrontOrders } from '../flows/orders/storefront-order-poller.js';
import { pollFbaChanges } from '../flows/shipments/fba-change-poller.js';
import { sweepOpenOrders } from '../flows/shipments/open-order-sweep.js';
import { AmazonLookMemory } from '../flows/shipments/amazon-look-memory.js';
import type { ConnectionClients } from './connection-clients.js';

export interface OrderFlowClocks {
  /** Business time (ADR 4). */
  readonly clock: Clock;
  /** Real time: leases, backoff, polls. */
  readonly workClock: Clock;
}

export function orderFlowDepsFor(clients: ConnectionClients, store: Store, clocks: OrderFlowClocks, logger: Logger, stuckInPlanningMs: number): OrderFlowDeps {
  const { connection } = clients;
  const { workClock } = clocks;
  return {
    connectionId: connection.id,
    marketplaceId: connection.amazon.marketplaceId,
    routing: connection.routing,
    store,
    commercetools: clients.orders(workClock),
    amazon: clients.fulfillment(),
    knownSkus: new KnownSkuCache(clients.inventory(), connection.amazon.marketplaceId, () => workClock.now().getTime()),
    clock: clocks.clock,
    workClock,
    logger: logger.child({ connection: connection.id }),
    stuckInPlanningMs,
    amazonLooks: new AmazonLookMemory(),
  };
}

export function orderWorkRunner(
  config: BridgeConfig, flows: ReadonlyMap<string, OrderFlowDeps>, store: Store, workerId: string, workClock: Clock, logger: Logger, circuits?: DependencyCircuits,
): OrderWorkRunners {
  return startableOrderWorkRunners({
    store,
    workerId,
    clock: workClock,
    logger: logger.child({ component: 'work-runner' }),
    concurrency: config.engine.concurrency,
    leaseMs: config.engine.leaseMs,
    maxAttempts: config.engine.maxAttempts,
    handle: orderWorkHandler(flows),
    // Turns between connections only matter with more than one (docs/adr/0017, 0023).
    fairShare: config.connections.length > 1,
    ...(circuits ? { circuits } : {}),
    onDeadLetter: async ({ item, error }, tx) => {
      const deps = flows.get(item.connectionId);
      if (deps) await raiseDeadLetter(deps, tx, item, error);
    },
  });
}

export interface OrderPolls {
  readonly tasks: ScheduledTask[];
  /** The storefront and Amazon polls, to run at once (the demo starts without waiting). */
  readonly pollNow: Array<() => Promise<void>>;
}

// A dead letter is tried again once it has been dead this long (and again after each further hour it
// stays dead): whatever killed it — data fixed since, a fault on either side — may have cleared.
const REDRIVE_DEAD_AFTER_MS = 3600_000;
const REDRIVE_EVERY_MS = 10 * 60_000;
const REDRIVE_BATCH = 200;

/** Per connection: the commercetools poll, the Amazon poll, the slow sweep of open orders and the dead-letter redrive. */
export function orderPollTasks(config: BridgeConfig, flows: ReadonlyMap<string, OrderFlowDeps>, wake: () => void, sweepMs?: number): OrderPolls {
  const tasks: ScheduledTask[] = [];
  const pollNow: Array<() => Promise<void>> = [];
  for (const deps of flows.values()) {
    const id = deps.connectionId;
    const ct = async () => { if ((await pollStorefrontOrders(deps)).enqueued > 0) wake(); };
    const fba = async () => { if ((await pollFbaChanges(deps)).enqueued > 0) wake(); };
    const sweep = async () => { if ((await sweepOpenOrders(deps)) > 0) wake(); };
    const redrive = async () => {
      const now = deps.workClock.now().getTime();
      if ((await deps.store.work.redriveDead(id, now - REDRIVE_DEAD_AFTER_MS, now, REDRIVE_BATCH)) > 0) wake();
    };
    tasks.push(
      { name: `${id}:commercetools-poll`, intervalMs: config.engine.ctPollMs, run: ct },
      { name: `${id}:amazon-poll`, intervalMs: config.engine.fbaPollMs, run: fba },
      { name: `${id}:open-order-sweep`, intervalMs: sweepMs ?? Math.max(5 * config.engine.fbaPollMs, 60_000), run: sweep, initialDelayMs: sweepMs ?? 60_000 },
      { name: `${id}:dead-letter-redrive`, intervalMs: REDRIVE_EVERY_MS, run: redrive, initialDelayMs: REDRIVE_EVERY_MS },
    );
    pollNow.push(ct, fba);
  }
  return { tasks, pollNow };
}
