// The bridge's routes: event intake, health and Prometheus metrics.
import type { Store } from '../ports/store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Routes } from './http-server.js';
import { intakeHandlers } from './intake-handlers.js';
import { connectionStatus } from '../reports/status-report.js';
import { renderMetrics } from './metrics.js';
import type { DependencyStatus } from '../engine/dependency-circuit.js';

export interface RouteDeps {
  readonly store: Store;
  readonly governor: RateGovernor;
  readonly config: BridgeConfig;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly wake: () => void;
  /** Set when inventory sync is on: FBA_INVENTORY_AVAILABILITY_CHANGES notifications trigger a sync of the SKU. */
  readonly inventoryChanged?: (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]) => void;
  /** The dependency circuits (docs/adr/0013), shown by /health. */
  readonly dependencies?: () => readonly DependencyStatus[];
}

export function bridgeRoutes(deps: RouteDeps): Routes {
  const intake = intakeHandlers(deps);
  const statuses = () => Promise.all(deps.config.connections.map((c) => connectionStatus(deps.store, c.id, deps.workClock.now().getTime(), deps.config.inventory)));
  return {
    'POST /events/commercetools': async ({ body }) => intake.commercetools(body),
    'POST /events/amazon': async ({ body }) => intake.amazon(body),
    'GET /health': async () => {
      try {
        const s = await statuses();
        // Still 200 while a dependency is down: the bridge itself is fine and waits (restarting it would not help).
        const dependencies = (deps.dependencies?.() ?? []).map((d) => ({
          dependency: d.dependency, connection: d.connectionId, state: d.state, since: new Date(d.since).toISOString(),
          ...(d.lastFailure ? { lastFailure: { kind: d.lastFailure.kind, message: d.lastFailure.message, at: new Date(d.lastFailure.at).toISOString() } } : {}),
        }));
        const degraded = dependencies.some((d) => d.state !== 'closed');
        return { status: 200, body: { status: degraded ? 'degraded' : 'ok', connections: s.map((c) => ({ id: c.connectionId, lagSeconds: c.lagSeconds })), dependencies } };
      } catch (err) {
        return { status: 503, body: { status: 'unavailable', reason: `database: ${(err as Error).message}` } };
      }
    },
    'GET /metrics': async () => ({ status: 200, body: renderMetrics(await statuses(), deps.governor.snapshot()), contentType: 'text/plain; version=0.0.4' }),
  };
}
