// Composes the bridge from its configuration: the store, one set of adapters and flows per
// connection, the work runner, the scheduled polls and the HTTP intake. `start` and `demo` both run
// exactly this; only the configuration (and, in the demo, the business clock) differs.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BridgeConfig, ConnectionConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import { openStore } from '../adapters/store/open-store.js';
import { PriorityRateGovernor } from '../engine/priority-rate-governor.js';
import { spApiHttpFor } from './sp-api-connection.js';
import { recordConnection } from './record-connection.js';
import { SpApiFulfillmentClient } from '../adapters/amazon/sp-api-fulfillment-client.js';
import { SpApiInventoryClient } from '../adapters/amazon/sp-api-inventory-client.js';
import { createCommercetoolsApi } from '../adapters/commercetools/ct-api-client.js';
import { CommercetoolsOrderGateway } from '../adapters/commercetools/ct-order-gateway.js';
import { CommercetoolsProjectSetup } from '../adapters/commercetools/ct-project-setup.js';
import { KnownSkuCache } from '../flows/known-sku-cache.js';
import type { OrderFlowDeps } from '../flows/flow-types.js';
import { orderWorkHandler, raiseDeadLetter } from '../flows/order-work-handler.js';
import { pollStorefrontOrders } from '../flows/storefront-order-poller.js';
import { pollFbaChanges } from '../flows/fba-change-poller.js';
import { sweepOpenOrders } from '../flows/open-order-sweep.js';
import { WorkRunner } from '../engine/work-runner.js';
import { DependencyCircuits } from '../engine/dependency-circuit.js';
import { watchDependencies } from './dependency-watch.js';
import { Scheduler, type ScheduledTask } from '../engine/scheduler.js';
import { startHttpServer } from '../http/http-server.js';
import { bridgeRoutes } from '../http/bridge-routes.js';
import { InventorySyncRunner } from '../flows/inventory-sync-runner.js';
import { inventoryDepsFor } from './inventory-wiring.js';
import { inventoryTasks } from './inventory-schedule.js';
import { settlementDiscoveryTask } from './settlement-schedule.js';
import { storefrontRefundCheckTask } from './storefront-refund-schedule.js';

export interface RuntimeOptions {
  readonly config: BridgeConfig;
  readonly logger: Logger;
  /** Business time (ADR 4); the system clock unless a demo runs on simulated time. */
  readonly clock?: Clock;
  /** Serve HTTP on config.port (default true). */
  readonly serveHttp?: boolean;
  readonly httpHost?: string;
  /** Overrides of how often each sweep runs, for demos and tests. */
  readonly sweepMs?: number;
  readonly store?: Store;
  /** Say what setup does (default: log lines). */
  readonly onSetup?: (connectionId: string, message: string) => void;
}

export interface BridgeRuntime {
  readonly store: Store;
  readonly governor: PriorityRateGovernor;
  readonly flows: ReadonlyMap<string, OrderFlowDeps>;
  /** Inventory sync per connection; empty when the config file has no inventory section. */
  readonly inventory: ReadonlyMap<string, InventorySyncRunner>;
  readonly httpPort: number | null;
  readonly workerId: string;
  /** Per dependency (and connection): closed/open/half-open, since when, the last failure (docs/adr/0009). */
  readonly circuits: DependencyCircuits;
  /** Runs every poll once now (used by the demo to start without waiting). */
  pollNow(): Promise<void>;
  /** Stops taking work, lets running work finish, closes everything. */
  stop(): Promise<void>;
}

export async function startBridge(options: RuntimeOptions): Promise<BridgeRuntime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const workClock = systemClock;
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const store = options.store ?? (await openStore(config.databaseUrl.reveal()));
  await store.migrate();
  const governor = new PriorityRateGovernor({ logger: logger.child({ component: 'rate-governor' }) });
  const circuits = new DependencyCircuits(() => workClock.now().getTime());
  let wakeRunner = (): void => undefined;
  const watch = watchDependencies({ circuits, store, clock: workClock, logger: logger.child({ component: 'dependencies' }), resumed: () => wakeRunner() });

  const flows = new Map<string, OrderFlowDeps>();
  for (const connection of config.connections) {
    const deps = await connectFlows(connection, { store, governor, clock, workClock, logger, stuckInPlanningMs: config.engine.stuckInPlanningMs, circuits });
    if (config.setupOnStart) await applySetup(connection, logger, options.onSetup);
    await recordConnection(store, connection, workClock.now().getTime());
    flows.set(connection.id, deps);
  }

  const handle = orderWorkHandler(flows);
  const runner = new WorkRunner({
    store,
    workerId,
    clock: workClock,
    logger: logger.child({ component: 'work-runner' }),
    concurrency: config.engine.concurrency,
    leaseMs: config.engine.leaseMs,
    maxAttempts: config.engine.maxAttempts,
    handlers: { 'order.export': handle, 'order.track': handle },
    circuits,
    onDeadLetter: async ({ item, error }, tx) => {
      const deps = flows.get(item.connectionId);
      if (deps) await raiseDeadLetter(deps, tx, item, error);
    },
  });

  wakeRunner = () => runner.wake();
  const tasks: ScheduledTask[] = [];
  const polls: Array<() => Promise<void>> = [];
  for (const deps of flows.values()) {
    const id = deps.connectionId;
    const ct = async () => { if ((await pollStorefrontOrders(deps)).enqueued > 0) runner.wake(); };
    const fba = async () => { if ((await pollFbaChanges(deps)).enqueued > 0) runner.wake(); };
    const sweep = async () => { if ((await sweepOpenOrders(deps)) > 0) runner.wake(); };
    tasks.push(
      { name: `${id}:commercetools-poll`, intervalMs: config.engine.ctPollMs, run: ct },
      { name: `${id}:amazon-poll`, intervalMs: config.engine.fbaPollMs, run: fba },
      { name: `${id}:open-order-sweep`, intervalMs: options.sweepMs ?? Math.max(5 * config.engine.fbaPollMs, 60_000), run: sweep, initialDelayMs: options.sweepMs ?? 60_000 },
    );
    polls.push(ct, fba);
  }
  const inventory = new Map<string, InventorySyncRunner>();
  if (config.inventory && config.inventory.pools.length > 0) {
    for (const connection of config.connections) {
      const runner = new InventorySyncRunner(inventoryDepsFor(connection, config.inventory, { store, governor, clock, logger }));
      inventory.set(connection.id, runner);
      tasks.push(...inventoryTasks(connection.id, runner, config.inventory.schedule, clock));
    }
  } else {
    logger.info('inventory sync is off: the config file has no inventory section with pools (see docs/runbooks/inventory-daily-check.md)');
  }
  for (const connection of config.connections) {
    tasks.push(settlementDiscoveryTask(connection, { store, governor, workClock, logger, intervalMs: config.engine.settlementPollMs, chart: config.settlementChart }));
    tasks.push(storefrontRefundCheckTask(connection, { store, workClock, logger, graceMs: config.engine.refundMatchMs }));
  }
  tasks.push({ name: 'inbox-purge', intervalMs: 6 * 3600_000, run: async () => { await store.inbox.purgeOlderThan(workClock.now().getTime() - 7 * 86400_000); } });
  const scheduler = new Scheduler(tasks, { clock: workClock, logger: logger.child({ component: 'scheduler' }) });

  let http: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  if (options.serveHttp !== false) {
    const inventoryChanged = (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]): void => {
      for (const id of connectionIds) {
        inventory.get(id)?.requestSkus([sku], marketplaceIds).catch((error: unknown) => logger.error('inventory sync of notified SKU failed', { sku, error }));
      }
    };
    const routes = bridgeRoutes({ store, governor, config, workClock, logger, wake: () => runner.wake(), ...(inventory.size > 0 ? { inventoryChanged } : {}) });
    const host = options.httpHost ?? config.host ?? '127.0.0.1';
    http = await startHttpServer(routes, config.port, logger.child({ component: 'http' }), host);
    logger.info('listening', { host, port: http.port });
  }
  runner.start();
  scheduler.start();
  logger.info('bridge started', { workerId, connections: config.connections.map((c) => c.id) });

  let stopping: Promise<void> | null = null;
  return {
    store, governor, flows, inventory, workerId, circuits,
    httpPort: http?.port ?? null,
    pollNow: async () => { for (const p of polls) await p(); },
    stop: () => {
      stopping ??= (async () => {
        logger.info('stopping: finishing work in progress');
        await scheduler.stop();
        await http?.close();
        await runner.stop();
        for (const r of inventory.values()) await r.idle();
        await watch.settled();
        if (!options.store) await store.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

interface Shared {
  readonly store: Store;
  readonly governor: PriorityRateGovernor;
  readonly clock: Clock;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly stuckInPlanningMs: number;
  readonly circuits: DependencyCircuits;
}

async function connectFlows(connection: ConnectionConfig, shared: Shared): Promise<OrderFlowDeps> {
  const logger = shared.logger.child({ connection: connection.id });
  const health = { spApi: shared.circuits.circuit('amazon-sp-api', connection.id), lwa: shared.circuits.circuit('amazon-lwa', connection.id) };
  const http = spApiHttpFor(connection, shared.governor, logger, health);
  const amazon = new SpApiFulfillmentClient(http);
  const inventory = new SpApiInventoryClient(http);
  const ctApi = createCommercetoolsApi(connection.commercetools, shared.circuits.circuit('commercetools', connection.id));
  return {
    connectionId: connection.id,
    marketplaceId: connection.amazon.marketplaceId,
    routing: connection.routing,
    store: shared.store,
    commercetools: new CommercetoolsOrderGateway(ctApi, shared.workClock),
    amazon,
    knownSkus: new KnownSkuCache(inventory, connection.amazon.marketplaceId, () => shared.workClock.now().getTime()),
    clock: shared.clock,
    workClock: shared.workClock,
    logger,
    stuckInPlanningMs: shared.stuckInPlanningMs,
  };
}

/** What a Connect post-deploy step would do: create what the bridge needs in commercetools, saying so. */
async function applySetup(connection: ConnectionConfig, logger: Logger, say?: (connectionId: string, message: string) => void): Promise<void> {
  const setup = new CommercetoolsProjectSetup(createCommercetoolsApi(connection.commercetools));
  const missing = await setup.ensureSetup(false);
  if (!missing.ok) throw new Error(`commercetools project ${connection.commercetools.projectKey}: cannot check setup: ${missing.error.message}`);
  const todo = missing.value.filter((c) => c.action !== 'exists');
  if (todo.length === 0) return;
  const tell = say ?? ((id: string, message: string) => logger.info(message, { connection: id }));
  tell(connection.id, `commercetools project ${connection.commercetools.projectKey} lacks ${todo.map((c) => `${c.resource} ${c.key}`).join(', ')}: creating them`);
  const applied = await setup.ensureSetup(true);
  if (!applied.ok) throw new Error(`commercetools project ${connection.commercetools.projectKey}: setup failed: ${applied.error.message}`);
}
