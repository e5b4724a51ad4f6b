// `fba-bridge status`: backlog and lag per flow, orders by state, open exceptions, inventory freshness
// (snapshot age, posts per channel, drift) and each flow's verdict — the evaluation GET /health and the
// alerts use, with the config file's thresholds and the running bridge's dependency state — per connection.
import type { Command } from 'commander';
import { connectionStatus, formatStatus } from '../../reports/status-report.js';
import { evaluateConnection, healthBody, formatVerdicts } from '../../reports/bridge-evaluation.js';
import { runningBridgeDependencies } from '../../reports/running-bridge-dependencies.js';
import { NO_DEPENDENCY_STATUS, type DependencyStatusEntry } from '../../ports/dependency-status.js';
import { processEnvironment } from '../../config/environment.js';
import { loadStatusConfig } from '../../config/load-status-config.js';
import { openConfiguredStore, printJson } from '../cli-support.js';

export function registerStatusCommand(program: Command): void {
  program.command('status')
    .description('backlog and lag per flow, orders by state, open exceptions, inventory freshness and each flow\'s health verdict')
    .option('--json', 'print JSON')
    .option('--bridge-url <url>', 'where the running bridge serves GET /health, for its dependencies\' state (default http://127.0.0.1:$PORT)')
    .action(async (opts: { json?: boolean; bridgeUrl?: string }) => {
      const settings = loadStatusConfig(processEnvironment());
      for (const problem of settings.problems) process.stderr.write(`warning: ${problem}\n`);
      const running = await runningBridgeDependencies(opts.bridgeUrl ?? settings.bridgeUrl);
      const store = await openConfiguredStore();
      try {
        const now = Date.now();
        const connections = await store.connections.list();
        const statuses = await Promise.all(connections.map((c) => connectionStatus(store, c.id, now, settings.inventory)));
        const sources = { store, dependencies: running.answered ? running.source : NO_DEPENDENCY_STATUS, inventory: settings.inventory };
        const evaluations = await Promise.all(connections.map((c) => evaluateConnection(
          sources, { rules: settings.rules, stuckInPlanningMs: settings.stuckInPlanningMs }, c.id, now, now - 3600_000)));
        const dependencies = running.answered ? running.source.list() : null;
        if (opts.json) {
          return printJson(statuses.map((s, i) => ({
            ...s, health: healthBody([evaluations[i]!]),
            dependencies: dependencies?.filter((d) => d.connectionId === s.connectionId || d.connectionId === null) ?? { unknown: running.answered ? null : running.why },
          })));
        }
        if (statuses.length === 0) process.stdout.write('no connection has run yet: start the bridge with `fba-bridge start` (or try `fba-bridge demo`)\n');
        statuses.forEach((s, i) => process.stdout.write([formatStatus(s), ...formatVerdicts(evaluations[i]!), ...dependencyLines(dependencies, s.connectionId, running.answered ? null : running.why, now)].join('\n') + '\n'));
      } finally {
        await store.close();
      }
    });
}

function dependencyLines(all: readonly DependencyStatusEntry[] | null, connectionId: string, unknownWhy: string | null, now: number): string[] {
  if (all === null) return [`  dependencies: unknown (${unknownWhy}; verdicts show only their effects — pass --bridge-url if the bridge serves elsewhere)`];
  const mine = all.filter((d) => d.connectionId === connectionId || d.connectionId === null);
  if (mine.length === 0) return ['  dependencies: none called yet by the running bridge'];
  return ['  dependencies (as the running bridge sees them):', ...mine.map((d) => `    ${d.dependency.padEnd(14)} ${d.state === 'closed' ? 'answering' : `${d.state} for ${Math.round((now - d.since) / 1000)} s: ${d.category ?? ''}${d.detail ? ` — ${d.detail}` : ''}`}`)];
}
