// Composes the bridge from its configuration: the store, one set of adapters and flows per
// connection, the work runner, the scheduled polls and the HTTP intake. `start` and `demo` both run
// exactly this; only the configuration (and, in the demo, the business clock) differs.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import { openStore } from '../adapters/store/open-store.js';
import { Scheduler } from '../engine/scheduler.js';
import { DependencyCircuits } from '../engine/dependency-circuit.js';
import { watchDependencies } from './dependency-watch.js';
import type { OrderWorkRunners } from './order-work-runners.js';
import type { OrderFlowDeps } from '../flows/orders/order-flow-types.js';
import type { InventorySyncRunner } from '../flows/inventory/inventory-sync-runner.js';
import { bridgeRoutes } from '../http/bridge-routes.js';
import { startBridgeServer, type BridgeServer } from '../http/server/bridge-server.js';
import { NO_ACCESS_SETTINGS } from '../config/access-schema.js';
import { flowSamplerTask } from './flow-sampler.js';
import { evaluationSettingsOf } from '../reports/bridge-evaluation.js';
import { intakeHandlers, type IntakeHandlers } from '../http/intake-handlers.js';
import { exportPriority } from '../flows/orders/storefront-order-poller.js';
import type { SqsQueueConsumer } from '../adapters/aws/sqs-queue-consumer.js';
import { sqsIntake } from './sqs-intake.js';
import { ConnectionClients } from './connection-clients.js';
import { rateGovernorFor, type ClosableRateGovernor } from './rate-governor-for.js';
import { orderFlowDepsFor, orderPollTasks, orderWorkRunner } from './order-flow-wiring.js';
import { recordConnection } from './record-connection.js';
import { inventoryRunners, scheduledWork } from './scheduled-work.js';
import { applySetup } from './setup-on-start.js';
import { CircuitStatus } from '../engine/circuit-status.js';
import type { DependencyStatusSource } from '../ports/dependency-status.js';
import { BridgeMetrics } from '../adapters/metrics/bridge-metrics.js';
import { meteredStore } from './metered-store.js';
import { alerting } from './alert-wiring.js';

const DEFAULT_JOB_LEASE_MS = 30_000;

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
  /**
   * 'timed' (default): the periodic work runs on its own timers. 'on-demand': only when
   * runScheduledWorkOnce is called (a commercetools Connect job application, called on its schedule).
   */
  readonly schedule?: 'timed' | 'on-demand';
}

export interface BridgeRuntime {
  readonly store: Store;
  readonly governor: ClosableRateGovernor;
  readonly flows: ReadonlyMap<string, OrderFlowDeps>;
  /** Inventory sync per connection; empty when the config file has no inventory section. */
  readonly inventory: ReadonlyMap<string, InventorySyncRunner>;
  readonly httpPort: number | null;
  /** The dedicated /metrics listener (METRICS_PORT), when configured. */
  readonly metricsPort: number | null;
  readonly workerId: string;
  /** How each dependency answered lately, as alerts and /health read it (from the circuits). */
  readonly dependencies: DependencyStatusSource;
  readonly metrics: BridgeMetrics;
  /** Per dependency (and connection): closed/open/half-open, since when, the last failure (docs/adr/0013). */
  readonly circuits: DependencyCircuits;
  /** Runs every poll once now (used by the demo to start without waiting). */
  pollNow(): Promise<void>;
  /**
   * Runs the periodic tasks that are due (their turn could be claimed: no worker started them within
   * their interval) and waits for them; answers the names of the tasks run. For schedule 'on-demand'.
   */
  runDueScheduledWork(): Promise<string[]>;
  /** Stops taking work, lets running work finish, closes everything. */
  stop(): Promise<void>;
}

export async function startBridge(options: RuntimeOptions): Promise<BridgeRuntime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const workClock = systemClock;
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const ownStore = options.store ?? (await openStore(config.databaseUrl.reveal()));
  await ownStore.migrate();
  const metrics = new BridgeMetrics({ processMetrics: true });
  const store = meteredStore(ownStore, metrics);
  const governor = rateGovernorFor(config, ownStore, logger);
  // A dependency outage pauses the work instead of spending the items' attempts (docs/adr/0013).
  const circuits = new DependencyCircuits(() => workClock.now().getTime());
  const dependencies = new CircuitStatus(circuits);
  let wakeRunner = (): void => undefined;
  const watch = watchDependencies({ circuits, store, clock: workClock, logger: logger.child({ component: 'dependencies' }), resumed: () => wakeRunner() });
  const clients = new Map(config.connections.map((c) => [c.id, new ConnectionClients(c, governor, logger, circuits, {
    spApiCall: (operation, outcome) => metrics.spApiCall(operation, outcome),
    commercetoolsCall: (operation, outcome) => metrics.commercetoolsCall(c.id, operation, outcome),
  })]));

  const flows = await connectOrderFlows(config, clients, { store, clock, workClock, logger, metrics, ...(options.onSetup ? { onSetup: options.onSetup } : {}) });
  const runner = orderWorkRunner(config, flows, store, workerId, workClock, logger, circuits);
  wakeRunner = () => runner.wake();
  const polls = orderPollTasks(config, flows, () => runner.wake(), options.sweepMs);
  const work = { config, clients, store, clock, workClock, logger, metrics };
  const inventory = inventoryRunners(work);
  const alerts = alerting({ config, store, dependencies, workerId, workClock, logger, metrics });
  const inventoryChanged = inventorySyncOnNotification(inventory, logger);
  // REPORT_PROCESSING_FINISHED of a settlement report: run the connections' settlement discovery now.
  const later: { runTaskNow?: (name: string) => Promise<void> } = {};
  const settlementReportReady = (connectionIds: readonly string[]): void => {
    for (const id of connectionIds) later.runTaskNow?.(`${id}:settlement-discovery`).catch((error: unknown) => logger.error('settlement discovery after a notification failed', { connection: id, error }));
  };
  // An OrderCreated message carries the order: its place in the backlog without a first look (ADR 25).
  const orderPriority = (connectionId: string, payload: unknown): number | undefined => {
    const flow = flows.get(connectionId);
    const order = flow?.commercetools.orderFromMessage(payload);
    return flow && order ? exportPriority(flow, order, null) ?? undefined : undefined;
  };
  const http = options.serveHttp === false ? null : await serveHttp(options, { store, governor, clock, workClock, runner, inventory, inventoryChanged, settlementReportReady, orderPriority, dependencies, metrics });
  const sampler = http ? [flowSamplerTask({ store, dependencies, inventory: config.inventory, settings: evaluationSettingsOf(config) }, clock, logger)] : [];
  const periodic = [...polls.tasks, ...scheduledWork(work, inventory), ...alerts.tasks, ...sampler];
  // Each periodic task runs once per interval across every worker on this database (docs/adr/0016).
  const leases = { leases: ownStore.taskLeases, holder: workerId, leaseMs: config.engine.jobLeaseMs ?? DEFAULT_JOB_LEASE_MS };
  const scheduler = new Scheduler(periodic, { clock: workClock, logger: logger.child({ component: 'scheduler' }), leases });
  later.runTaskNow = (name) => scheduler.runNow(name);
  const queues = sqsConsumers(config, intakeHandlers({ store, config, workClock, logger, wake: (enqueued) => runner.wake(enqueued), settlementReportReady, orderPriority, ...(inventoryChanged ? { inventoryChanged } : {}) }), logger);
  runner.start();
  if (options.schedule !== 'on-demand') scheduler.start();
  for (const q of queues) q.start();
  logger.info('bridge started', { workerId, connections: config.connections.map((c) => c.id) });

  let stopping: Promise<void> | null = null;
  return {
    store, governor, flows, inventory, workerId, dependencies, metrics, circuits,
    httpPort: http?.port ?? null,
    metricsPort: http?.metricsPort ?? null,
    pollNow: async () => { for (const p of polls.pollNow) await p(); },
    runDueScheduledWork: () => scheduler.runDue(),
    stop: () => {
      stopping ??= (async () => {
        logger.info('stopping: finishing work in progress');
        await scheduler.stop();
        for (const q of queues) await q.stop();
        await http?.close();
        await runner.stop();
        for (const r of inventory.values()) await r.idle();
        await alerts.dispatcher.stop();
        await governor.shutdown();
        await watch.settled();
        if (!options.store) await ownStore.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

interface OrderFlowContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly metrics: BridgeMetrics;
  readonly onSetup?: (connectionId: string, message: string) => void;
}

/** Per connection: set up commercetools when asked to, record the connection, build its order flows. */
async function connectOrderFlows(config: BridgeConfig, clients: ReadonlyMap<string, ConnectionClients>, ctx: OrderFlowContext): Promise<Map<string, OrderFlowDeps>> {
  const flows = new Map<string, OrderFlowDeps>();
  for (const connectionClients of clients.values()) {
    const { connection } = connectionClients;
    if (config.setupOnStart) await applySetup(connectionClients, ctx.logger, ctx.onSetup);
    await recordConnection(ctx.store, connection, ctx.workClock.now().getTime());
    flows.set(connection.id, { ...orderFlowDepsFor(connectionClients, ctx.store, ctx, ctx.logger, config.engine.stuckInPlanningMs), metrics: ctx.metrics });
  }
  return flows;
}

interface HttpContext {
  readonly store: Store;
  readonly governor: ClosableRateGovernor;
  readonly clock: Clock;
  readonly workClock: Clock;
  readonly runner: OrderWorkRunners;
  readonly inventory: ReadonlyMap<string, InventorySyncRunner>;
  readonly inventoryChanged: InventoryChanged | undefined;
  readonly settlementReportReady: (connectionIds: readonly string[]) => void;
  readonly orderPriority: (connectionId: string, order: unknown) => number | undefined;
  readonly dependencies: DependencyStatusSource;
  readonly metrics: BridgeMetrics;
}

type InventoryChanged = (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]) => void;

/** FBA_INVENTORY_AVAILABILITY_CHANGES: sync the named SKU soon, with those notified alongside (inventory.notificationBatchSeconds; a busy SKU after inventory.busySkuSeconds; absent when inventory sync is off). */
function inventorySyncOnNotification(inventory: ReadonlyMap<string, InventorySyncRunner>, logger: Logger): InventoryChanged | undefined {
  if (inventory.size === 0) return undefined;
  return (connectionIds, sku, marketplaceIds) => {
    for (const id of connectionIds) {
      inventory.get(id)?.requestSkus([sku], marketplaceIds).catch((error: unknown) => logger.error('inventory sync of notified SKU failed', { sku, error }));
    }
  };
}

/** SQS_QUEUE_URL (Amazon's notifications) and CT_SQS_QUEUE_URL (commercetools messages), when set. */
function sqsConsumers(config: BridgeConfig, intake: IntakeHandlers, logger: Logger): SqsQueueConsumer[] {
  const sqs = config.sqs;
  if (!sqs) return [];
  const settings = (queueUrl: string) => ({ queueUrl, visibilityTimeoutSeconds: sqs.visibilityTimeoutSeconds, ...(sqs.endpoint ? { endpoint: sqs.endpoint } : {}) });
  return [
    ...(sqs.amazonQueueUrl ? [sqsIntake(settings(sqs.amazonQueueUrl), 'amazon', intake.amazon, logger)] : []),
    ...(sqs.commercetoolsQueueUrl ? [sqsIntake(settings(sqs.commercetoolsQueueUrl), 'commercetools', intake.commercetools, logger)] : []),
  ];
}

/** Intake (commercetools and Amazon events), health, metrics and the operations console on config.port. */
async function serveHttp(options: RuntimeOptions, ctx: HttpContext): Promise<BridgeServer> {
  const { config, logger } = options;
  const routes = bridgeRoutes({
    store: ctx.store, governor: ctx.governor, config, workClock: ctx.workClock, logger, wake: (enqueued) => ctx.runner.wake(enqueued),
    dependencies: ctx.dependencies, metrics: ctx.metrics, settlementReportReady: ctx.settlementReportReady, orderPriority: ctx.orderPriority,
    ...(ctx.inventoryChanged ? { inventoryChanged: ctx.inventoryChanged } : {}),
  });
  const host = options.httpHost ?? config.host ?? '127.0.0.1';
  const http = await startBridgeServer(routes, {
    store: ctx.store, config, access: config.access ?? NO_ACCESS_SETTINGS, clock: ctx.clock, workClock: ctx.workClock, logger: logger.child({ component: 'http' }), inventory: ctx.inventory, dependencies: ctx.dependencies,
  }, config.port, host);
  logger.info('listening', { host, port: http.port, ...(http.metricsPort !== null ? { metricsPort: http.metricsPort } : {}) });
  return http;
}
