// `fba-bridge status`: backlog and lag per flow, orders by state, open exceptions, and inventory
// freshness (snapshot age, posts per channel, drift) — per connection.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { connectionStatus, formatStatus } from '../../reports/status-report.js';
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
        if (opts.json) return printJson(statuses);
        if (statuses.length === 0) process.stdout.write('no connection has run yet: start the bridge with `fba-bridge start` (or try `fba-bridge demo`)\n');
        for (const s of statuses) process.stdout.write(formatStatus(s) + '\n');
      } finally {
        await store.close();
      }
    });
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
