// The scheduled settlement check of one connection: once at start, then every SETTLEMENT_POLL_HOURS
// (default 6), find new settlement reports at Amazon and import them (settlement-discovery.ts).
// Amazon is reached through the connection's reports client (at CallPriority.reports).
import type { ChartOfAccounts } from '../../domain/settlements/chart-of-accounts.js';
import type { AmazonReportsPort } from '../../ports/amazon-reports.js';
import type { ScheduledTask } from '../../engine/scheduler.js';
import { discoverSettlements } from './settlement-discovery.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';

export const DEFAULT_SETTLEMENT_POLL_MS = 6 * 3600_000;

export interface SettlementScheduleShared {
  readonly store: Store;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number | undefined;
  /** SETTLEMENT_CHART_FILE's chart; the built-in chart when absent. */
  readonly chart?: ChartOfAccounts | undefined;
}

export function settlementDiscoveryTask(connectionId: string, reports: AmazonReportsPort, shared: SettlementScheduleShared): ScheduledTask {
  const logger = shared.logger.child({ connection: connectionId, component: 'settlement-discovery' });
  return {
    name: `${connectionId}:settlement-discovery`,
    intervalMs: shared.intervalMs ?? DEFAULT_SETTLEMENT_POLL_MS,
    run: async (signal) => {
      await discoverSettlements({
        store: shared.store, connectionId, reports, now: () => shared.workClock.now().getTime(), logger,
        ...(shared.chart === undefined ? {} : { chart: shared.chart }),
      }, signal);
    },
  };
}
