// The bridge's routes: event intake, health (per flow, liveness, readiness) and Prometheus metrics.
import type { Store, EnqueuedWork } from '../ports/store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Routes } from './routes.js';
import { intakeHandlers } from './intake-handlers.js';
import { connectionStatus } from '../reports/status-report.js';
import type { DependencyStatusSource } from '../ports/dependency-status.js';
import { NO_DEPENDENCY_STATUS } from '../ports/dependency-status.js';
import { BridgeMetrics } from '../adapters/metrics/bridge-metrics.js';
import { evaluateConnection, evaluationSettingsOf, healthBody, type ConnectionEvaluation } from '../reports/bridge-evaluation.js';

export interface RouteDeps {
  readonly store: Store;
  readonly governor: RateGovernor;
  readonly config: BridgeConfig;
  readonly workClock: Clock;
  readonly logger: Logger;
  /** New work was enqueued (what and when, where known): the work runners claim it. */
  readonly wake: (enqueued?: EnqueuedWork) => void;
  /** Set when inventory sync is on: FBA_INVENTORY_AVAILABILITY_CHANGES notifications trigger a sync of the SKU. */
  readonly inventoryChanged?: (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]) => void;
  /** REPORT_PROCESSING_FINISHED of a settlement report runs settlement discovery at once. */
  readonly settlementReportReady?: (connectionIds: readonly string[]) => void;
  /** The export priority of an order an OrderCreated message carries, when the message alone tells. */
  readonly orderPriority?: (connectionId: string, order: unknown) => number | undefined;
  /** How the dependencies answered lately; none observed when absent. */
  readonly dependencies?: DependencyStatusSource;
  /** The runtime's metrics (counters fed by the flows); a fresh registry when absent. */
  readonly metrics?: BridgeMetrics;
}

export function bridgeRoutes(deps: RouteDeps): Routes {
  const intake = intakeHandlers(deps);
  const statuses = () => Promise.all(deps.config.connections.map((c) => connectionStatus(deps.store, c.id, deps.workClock.now().getTime(), deps.config.inventory)));
  const evaluations = (): Promise<ConnectionEvaluation[]> => {
    const now = deps.workClock.now().getTime();
    const sources = { store: deps.store, dependencies: deps.dependencies ?? NO_DEPENDENCY_STATUS, inventory: deps.config.inventory };
    const settings = evaluationSettingsOf(deps.config);
    const freshSince = now - (deps.config.alerts?.evaluationMs ?? 60_000);
    return Promise.all(deps.config.connections.map((c) => evaluateConnection(sources, settings, c.id, now, freshSince)));
  };
  const metrics = deps.metrics ?? new BridgeMetrics();
  return {
    'POST /events/commercetools': async ({ body }) => intake.commercetools(body),
    'POST /events/amazon': async ({ body }) => intake.amazon(body),
    // Per flow ok/behind/failing (the same verdicts as `fba-bridge status` and the alert rules); 503 when one fails.
    'GET /health': async () => {
      try {
        const evaluated = await evaluations();
        const verdicts = healthBody(evaluated);
        return { status: verdicts.status === 'failing' ? 503 : 200, body: { ...verdicts, dependencies: dependencyList(deps.dependencies) } };
      } catch (err) {
        return { status: 503, body: { status: 'failing', reason: `database: ${(err as Error).message}` } };
      }
    },
    // The process answers: for an orchestrator's liveness probe (restart when it does not).
    'GET /health/live': async () => ({ status: 200, body: { status: 'live' } }),
    // Ready for traffic: the database answers (the configuration was validated before the server started).
    'GET /health/ready': async () => {
      try {
        await deps.store.connections.list();
        return { status: 200, body: { status: 'ready', database: 'reachable', configuration: 'valid' } };
      } catch (err) {
        return { status: 503, body: { status: 'not-ready', database: `unreachable: ${(err as Error).message}`, configuration: 'valid' } };
      }
    },
    'GET /metrics': async () => ({
      status: 200,
      body: await metrics.render(await statuses(), await evaluations(), deps.governor.snapshot(), await deps.store.alerts.listActive()),
      contentType: metrics.contentType,
    }),
  };
}

/** The dependencies as the circuits see them, for people reading /health (the verdicts above already count them). */
function dependencyList(source: DependencyStatusSource | undefined): Array<Record<string, unknown>> {
  return (source ?? NO_DEPENDENCY_STATUS).list().map((d) => ({
    dependency: d.dependency, connection: d.connectionId, state: d.state, since: new Date(d.since).toISOString(),
    ...(d.category ? { lastFailure: { kind: d.category, message: d.detail } } : {}),
  }));
}
