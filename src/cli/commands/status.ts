// `fba-bridge status`: backlog and lag per flow, orders by state, open exceptions, and inventory
// freshness (snapshot age, posts per channel, drift) — per connection.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { connectionStatus, formatStatus } from '../../reports/status-report.js';
import { evaluateConnection, healthBody, formatVerdicts } from '../../reports/bridge-evaluation.js';
import { NO_DEPENDENCY_STATUS } from '../../ports/dependency-status.js';
import { processEnvironment } from '../../config/environment.js';
import { parseInventorySettings, type InventorySettings } from '../../config/inventory-schema.js';
import { openConfiguredStore, printJson } from '../cli-support.js';

export function registerStatusCommand(program: Command): void {
  program.command('status')
    .description('backlog and lag per flow, orders by state, open exceptions and inventory freshness')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await openConfiguredStore();
      try {
        const now = Date.now();
        const inventory = inventorySection(processEnvironment().FBA_BRIDGE_CONFIG);
        const connections = await store.connections.list();
        const statuses = await Promise.all(connections.map((c) => connectionStatus(store, c.id, now, inventory)));
        // The same verdicts as GET /health; this process makes no calls, so dependency trouble shows only as its effects.
        const evaluations = await Promise.all(connections.map((c) => evaluateConnection(
          { store, dependencies: NO_DEPENDENCY_STATUS, inventory }, { stuckInPlanningMs: stuckInPlanningMs() }, c.id, now, now - 3600_000)));
        if (opts.json) return printJson(statuses.map((s, i) => ({ ...s, health: healthBody([evaluations[i]!]) })));
        if (statuses.length === 0) process.stdout.write('no connection has run yet: start the bridge with `fba-bridge start` (or try `fba-bridge demo`)\n');
        statuses.forEach((s, i) => process.stdout.write([formatStatus(s), ...formatVerdicts(evaluations[i]!)].join('\n') + '\n'));
      } finally {
        await store.close();
      }
    });
}

/** STUCK_IN_PLANNING_HOURS as `start` reads it (orders.stalled's default threshold); 24 h when unset or unreadable. */
function stuckInPlanningMs(): number {
  const hours = Number(processEnvironment().STUCK_IN_PLANNING_HOURS ?? 24);
  return (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3600_000;
}

/**
 * The config file's inventory section (configured pools and the drift threshold), when there is one that
 * parses; status needs no commercetools or Amazon credentials, so without it the records alone answer.
 */
function inventorySection(path: string | undefined): InventorySettings | undefined {
  if (!path) return undefined;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { inventory?: unknown };
    if (file.inventory === undefined) return undefined;
    const parsed = parseInventorySettings(file.inventory);
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}
