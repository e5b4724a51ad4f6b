// The periodic work besides the order polls: each connection's inventory schedules (when the config file
// has pools), settlement discovery, the storefront refund check, the inbox purge, the purge of the
// scheduled runs' history and the daily retention purge (RETENTION_DAYS).
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { ScheduledTask } from '../engine/scheduler.js';
import { InventorySyncRunner } from '../flows/inventory/inventory-sync-runner.js';
import { inventoryTasks } from '../flows/inventory/inventory-schedule.js';
import { settlementDiscoveryTask } from '../flows/settlements/settlement-schedule.js';
import { storefrontRefundCheckTask } from '../flows/settlements/storefront-refund-schedule.js';
import type { ConnectionClients } from './connection-clients.js';
import type { FlowMetrics } from '../ports/flow-metrics.js';
import { inventoryDepsFor } from './inventory-wiring.js';

const INBOX_RETENTION_MS = 7 * 86400_000;
const INBOX_PURGE_EVERY_MS = 6 * 3600_000;
// Which worker ran each scheduled task when (docs/adr/0016): enough to see a takeover, no more.
const RUN_HISTORY_MS = 3 * 86400_000;
const RETENTION_PURGE_EVERY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 400;

export interface ScheduledWorkContext {
  readonly config: BridgeConfig;
  readonly clients: ReadonlyMap<string, ConnectionClients>;
  readonly store: Store;
  readonly clock: Clock;
  readonly workClock: Clock;
  readonly logger: Logger;
  /** Round-trip histograms (start only). */
  readonly metrics?: FlowMetrics;
}

/** One inventory sync runner per connection; empty when inventory sync is off. */
export function inventoryRunners(ctx: ScheduledWorkContext): Map<string, InventorySyncRunner> {
  const runners = new Map<string, InventorySyncRunner>();
  const settings = ctx.config.inventory;
  if (!settings || settings.pools.length === 0) {
    ctx.logger.info('inventory sync is off: the config file has no inventory section with pools (see docs/runbooks/inventory-daily-check.md)');
    return runners;
  }
  for (const clients of ctx.clients.values()) {
    const deps = inventoryDepsFor(clients, settings, ctx);
    runners.set(clients.connection.id, new InventorySyncRunner(ctx.metrics ? { ...deps, metrics: ctx.metrics } : deps));
  }
  return runners;
}

export function scheduledWork(ctx: ScheduledWorkContext, inventory: ReadonlyMap<string, InventorySyncRunner>): ScheduledTask[] {
  const { config, store, workClock, logger } = ctx;
  const tasks: ScheduledTask[] = [];
  for (const [id, runner] of inventory) {
    if (config.inventory) tasks.push(...inventoryTasks(id, runner, config.inventory.schedule, ctx.clock));
  }
  for (const clients of ctx.clients.values()) {
    const id = clients.connection.id;
    tasks.push(settlementDiscoveryTask(id, clients.reports(), { store, workClock, logger, intervalMs: config.engine.settlementPollMs, chart: config.settlementChart }));
    tasks.push(storefrontRefundCheckTask(id, clients.refunds(), { store, workClock, logger, graceMs: config.engine.refundMatchMs }));
  }
  tasks.push({
    name: 'inbox-purge',
    intervalMs: INBOX_PURGE_EVERY_MS,
    run: async () => { await store.inbox.purgeOlderThan(workClock.now().getTime() - INBOX_RETENTION_MS); },
  });
  tasks.push({
    name: 'scheduled-run-history-purge',
    intervalMs: INBOX_PURGE_EVERY_MS,
    run: async () => { await store.taskLeases.purgeRunsBefore(workClock.now().getTime() - RUN_HISTORY_MS); },
  });
  const retentionMs = (config.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000;
  tasks.push({
    name: 'retention-purge',
    intervalMs: RETENTION_PURGE_EVERY_MS,
    run: async () => {
      const purged = await store.retention.purgeOlderThan(workClock.now().getTime() - retentionMs);
      if (purged.workItems + purged.auditEntries + purged.orderLinks > 0) logger.info('purged records older than the retention period', { ...purged, retentionDays: retentionMs / 86_400_000 });
    },
  });
  return tasks;
}
