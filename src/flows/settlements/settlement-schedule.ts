// The scheduled settlement check of one connection: once at start, then every SETTLEMENT_POLL_HOURS
// (default 6), find new settlement reports at Amazon and import them (settlement-discovery.ts).
// Its own SP-API HTTP client (own access token) over the shared rate governor, at CallPriority.reports.
import type { ConnectionConfig } from '../../config/bridge-config.js';
import type { ChartOfAccounts } from '../../domain/settlements/chart-of-accounts.js';
import { SpApiHttpClient } from '../../adapters/amazon/sp-api-http.js';
import { SpApiReportsClient } from '../../adapters/amazon/sp-api-reports-client.js';
import type { ScheduledTask } from '../../engine/scheduler.js';
import { discoverSettlements } from './settlement-discovery.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RateGovernor } from '../../ports/rate-governor.js';
import type { Store } from '../../ports/store.js';

export const DEFAULT_SETTLEMENT_POLL_MS = 6 * 3600_000;

export interface SettlementScheduleShared {
  readonly store: Store;
  readonly governor: RateGovernor;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number | undefined;
  /** SETTLEMENT_CHART_FILE's chart; the built-in chart when absent. */
  readonly chart?: ChartOfAccounts | undefined;
}

export function settlementDiscoveryTask(connection: ConnectionConfig, shared: SettlementScheduleShared): ScheduledTask {
  const logger = shared.logger.child({ connection: connection.id, component: 'settlement-discovery' });
  const http = new SpApiHttpClient({
    endpoint: connection.amazon.endpoint,
    lwa: {
      endpoint: connection.amazon.lwaEndpoint,
      clientId: connection.amazon.lwaClientId,
      clientSecret: connection.amazon.lwaClientSecret,
      refreshToken: connection.amazon.refreshToken,
    },
    governor: shared.governor,
    seller: connection.amazon.sellerKey,
    timeoutMs: connection.amazon.timeoutMs,
    logger,
  });
  const reports = new SpApiReportsClient(http);
  return {
    name: `${connection.id}:settlement-discovery`,
    intervalMs: shared.intervalMs ?? DEFAULT_SETTLEMENT_POLL_MS,
    run: async (signal) => {
      await discoverSettlements({
        store: shared.store, connectionId: connection.id, reports, now: () => shared.workClock.now().getTime(), logger,
        ...(shared.chart === undefined ? {} : { chart: shared.chart }),
      }, signal);
    },
  };
}
