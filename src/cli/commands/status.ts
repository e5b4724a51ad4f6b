// `fba-bridge status`: backlog and lag per flow, orders by state, open exceptions — per connection.
import type { Command } from 'commander';
import { connectionStatus, formatStatus } from '../../app/status-report.js';
import { openConfiguredStore, printJson } from '../cli-support.js';

export function registerStatusCommand(program: Command): void {
  program.command('status')
    .description('backlog and lag per flow, orders by state and open exceptions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await openConfiguredStore();
      try {
        const now = Date.now();
        const connections = await store.connections.list();
        const statuses = await Promise.all(connections.map((c) => connectionStatus(store, c.id, now)));
        if (opts.json) return printJson(statuses);
        if (statuses.length === 0) process.stdout.write('no connection has run yet: start the bridge with `fba-bridge start` (or try `fba-bridge demo`)\n');
        for (const s of statuses) process.stdout.write(formatStatus(s) + '\n');
      } finally {
        await store.close();
      }
    });
}
