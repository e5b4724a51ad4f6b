// `fba-bridge inventory sync [--dry-run] [--pool id]` and `fba-bridge inventory explain <sku>`;
// `fba-bridge audit skus [--json]`.
import type { Command } from 'commander';
import type { BridgeConfig } from '../../config/bridge-config.js';
import type { InventorySettings } from '../../config/inventory-schema.js';
import { openStore } from '../../adapters/store/open-store.js';
import { JsonLogger } from '../../adapters/logging/json-logger.js';
import { rateGovernorFor } from '../../app/rate-governor-for.js';
import { systemClock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';
import { inventoryDepsFor } from '../../app/inventory-wiring.js';
import { ConnectionClients } from '../../app/connection-clients.js';
import { explainSku, formatExplanation } from '../../reports/inventory-explain.js';
import { InventorySyncRunner } from '../../flows/inventory/inventory-sync-runner.js';
import type { PoolSyncSummary, SyncProgress } from '../../flows/inventory/inventory-flow-types.js';
import { auditSkus } from '../../flows/inventory/sku-audit.js';
import { exitWithProblems, printJson, requireConfig, UsageError } from '../cli-support.js';
import { loadInventoryReadConfig } from '../../config/load-inventory-config.js';
import { recordConnection } from '../../app/record-connection.js';
import { processEnvironment } from '../../config/environment.js';

function inventorySettings(config: BridgeConfig): InventorySettings {
  if (!config.inventory || config.inventory.pools.length === 0) {
    throw new UsageError('inventory sync is off: add an "inventory" section with pools to the config file (FBA_BRIDGE_CONFIG); see docs/runbooks/inventory-daily-check.md');
  }
  return config.inventory;
}

async function withRunners<T>(fn: (runners: InventorySyncRunner[], store: Store, config: BridgeConfig) => Promise<T>): Promise<T> {
  const config = requireConfig();
  const settings = inventorySettings(config);
  const store = await openStore(config.databaseUrl.reveal());
  await store.migrate();
  // Warnings and errors go to stderr as JSON lines; stdout carries the command's answer.
  const logger = new JsonLogger('warn', {}, (line) => process.stderr.write(line + '\n'));
  // Shares the sellers' buckets with running workers when they live in the database or Redis.
  const governor = rateGovernorFor(config, store, logger);
  try {
    for (const c of config.connections) await recordConnection(store, c, systemClock.now().getTime());
    const runners = config.connections.map((c) => new InventorySyncRunner(inventoryDepsFor(new ConnectionClients(c, governor, logger), settings, { store, clock: systemClock, logger })));
    return await fn(runners, store, config);
  } finally {
    await governor.shutdown();
    await store.close();
  }
}

export function registerInventoryCommand(program: Command): void {
  const cmd = program.command('inventory').description('sync FBA stock to commercetools inventory, and explain a figure');
  cmd.command('sync')
    .description('one full sync of every pool (or one), with a summary of what changed')
    .option('--dry-run', 'only say what would change')
    .option('--pool <id>', 'only this pool')
    .action(async (opts: { dryRun?: boolean; pool?: string }) => withRunners(async (runners) => {
      const progress = progressReporter();
      let failed = false;
      for (const runner of runners) {
        const summaries = await runner.run({ kind: 'full' }, { ...(opts.pool ? { poolId: opts.pool } : {}), ...(opts.dryRun ? { dryRun: true } : {}), onProgress: progress.update });
        progress.end();
        for (const s of summaries) {
          process.stdout.write(formatSummary(runner.deps.connectionId, s));
          failed ||= s.error !== undefined || s.failed > 0;
        }
      }
      if (failed) process.exitCode = 1;
    }));
  cmd.command('explain <sku>')
    .description("why the storefront shows the figure it shows: Amazon's quantities, unreserved orders, holdback, buffer, allocation, commercetools")
    .option('--json', 'print JSON')
    .action(async (sku: string, opts: { json?: boolean }) => {
      // Reads only the bridge's own records: no commercetools or Amazon credentials needed.
      const config = loadInventoryReadConfig(processEnvironment());
      if (!config.ok) exitWithProblems('inventory explain needs the database and the inventory settings', config.error);
      const store = await openStore(config.value.databaseUrl);
      try {
        await store.migrate();
        const ids = (await store.connections.list()).map((c) => c.id);
        if (ids.length === 0) throw new UsageError('the bridge has no records yet: run `fba-bridge inventory sync` or `fba-bridge start` first');
        for (const id of ids) {
          const pools = await explainSku(store, id, config.value.inventory, sku);
          if (opts.json) printJson({ connection: id, sku, pools });
          else process.stdout.write(`connection ${id}\n${formatExplanation(sku, pools)}`);
        }
      } finally {
        await store.close();
      }
    });

  program.command('audit').description('audits across both systems')
    .command('skus')
    .description('FBA SKUs vs commercetools variant SKUs vs the SKU format rule; mismatches become ecommerce exceptions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => withRunners(async (runners) => {
      let mismatches = 0;
      for (const runner of runners) {
        const outcome = await auditSkus(runner.deps);
        if (!outcome.ok) throw new Error(`SKU audit of connection ${runner.deps.connectionId} failed: ${outcome.error}`);
        const r = outcome.value;
        mismatches += r.notInFba.length + r.notInStorefront.length + r.badFormat.length;
        if (opts.json) { printJson({ connection: runner.deps.connectionId, ...r }); continue; }
        const list = (title: string, xs: readonly string[]) => `${title} (${xs.length})${xs.length ? ':\n' + xs.map((x) => `  - ${x}`).join('\n') : ''}\n`;
        process.stdout.write(`connection ${runner.deps.connectionId}\n`
          + list('sold on FBA channels in commercetools, not stocked by FBA', r.notInFba)
          + list('stocked by FBA, carried by no commercetools variant', r.notInStorefront)
          + list('breaking the SKU format rule', r.badFormat.map((b) => `${JSON.stringify(b.sku)} (${b.where.join(', ')}): ${b.problems.join(', ')}`)));
      }
      if (!opts.json) process.stdout.write(mismatches === 0 ? 'no mismatches\n' : `${mismatches} mismatches, each an open ecommerce exception (\`fba-bridge exceptions list --owner ecommerce\`)\n`);
      if (mismatches > 0) process.exitCode = 1;
    }));
}

function formatSummary(connectionId: string, s: PoolSyncSummary): string {
  if (s.error && s.skusDecided === 0) return `connection ${connectionId}, pool ${s.poolId}: the sync could not run: ${s.error}\n`;
  if (s.error) return `connection ${connectionId}, pool ${s.poolId}: the sync stopped after ${s.skusDecided} SKUs (${s.written} entries ${s.dryRun ? 'would change' : 'changed'}; those stand): ${s.error}\n`;
  const verb = s.dryRun ? 'would change' : 'changed';
  const head = `connection ${connectionId}, pool ${s.poolId} (${s.mode}${s.dryRun ? ', dry run' : ''}): ${s.skusRead} SKUs read from FBA in ${s.pages} pages, `
    + `${s.entriesRead} commercetools entries read; ${s.written} entries ${verb}, ${s.unchanged} already right`
    + `${s.conflicts ? `, ${s.conflicts} re-decided after a 409` : ''}${s.failed ? `, ${s.failed} SKUs failed (see \`fba-bridge exceptions list\`)` : ''}`
    + `${s.heldBack ? `, ${s.heldBack} increases held back` : ''}${s.duplicates ? `, ${s.duplicates} duplicate entries not written` : ''}`
    + `; took ${((s.finishedAt - s.snapshotAt) / 1000).toFixed(1)} s\n`;
  const shown = s.changes.slice(0, 50).map((c) => `  ${c.sku} @ ${c.channel}: ${c.from === null ? 'new entry' : c.from} → ${c.to}`);
  const more = s.written > shown.length ? [`  … and ${s.written - shown.length} more`] : [];
  return head + [...shown, ...more].map((l) => l + '\n').join('');
}

/** A progress bar on a terminal, else a line now and then. */
function progressReporter(): { update: (p: SyncProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < (tty ? 100 : 2000)) return;
      last = now;
      const what = p.phase === 'amazon' ? 'SKUs read from FBA' : p.phase === 'commercetools' ? 'commercetools entries read' : 'writes';
      if (tty) {
        const width = 30;
        const filled = p.total ? Math.round((p.done / p.total) * width) : (Math.floor(now / 200) % width);
        const bar = p.total ? '#'.repeat(filled) + '-'.repeat(width - filled) : '-'.repeat(filled) + '#' + '-'.repeat(width - filled - 1);
        process.stderr.write(`\r[${bar}] pool ${p.poolId}: ${p.done}${p.total ? `/${p.total}` : ''} ${what}   `);
        drawn = true;
      } else {
        process.stderr.write(`pool ${p.poolId}: ${p.done}${p.total ? `/${p.total}` : ''} ${what}\n`);
      }
    },
    end: () => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}
