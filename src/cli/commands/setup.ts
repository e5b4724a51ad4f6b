// `fba-bridge setup [--dry-run]`: shows and creates what the bridge needs in the commercetools
// project (the order custom type and the OrderExport channel), as a Connect post-deploy step would.
import type { Command } from 'commander';
import { createCommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../adapters/commercetools/ct-project-setup.js';
import { loadCommercetoolsConfig } from '../../config/load-config.js';
import { processEnvironment } from '../../config/environment.js';
import type { SetupChange } from '../../ports/commercetools-orders.js';
import { exitWithProblems } from '../cli-support.js';

export function registerSetupCommand(program: Command): void {
  program.command('setup')
    .description('create what the bridge needs in the commercetools project (idempotent)')
    .option('--dry-run', 'only show what is missing')
    .action(async (opts: { dryRun?: boolean }) => {
      const config = loadCommercetoolsConfig(processEnvironment());
      if (!config.ok) exitWithProblems('setup needs the commercetools settings', config.error);
      const setup = new CommercetoolsProjectSetup(createCommercetoolsApi(config.value));
      const result = await setup.ensureSetup(!opts.dryRun);
      if (!result.ok) exitWithProblems(`commercetools project ${config.value.projectKey}: setup failed`, [result.error.message]);
      process.stdout.write(describeSetup(result.value, !opts.dryRun, config.value.projectKey) + '\n');
    });
}

export function describeSetup(changes: readonly SetupChange[], applied: boolean, projectKey: string): string {
  const todo = changes.filter((c) => c.action !== 'exists');
  const lines = [`commercetools project ${projectKey}:`];
  for (const c of changes) {
    const verb = c.action === 'exists' ? 'ok       ' : applied ? 'created  ' : 'missing  ';
    lines.push(`  ${verb} ${c.resource} ${c.key}: ${c.description}`);
  }
  if (todo.length === 0) lines.push('  everything the bridge needs is in place');
  else if (!applied) lines.push(`  ${todo.length} change(s) needed: run \`fba-bridge setup\` to apply them`);
  return lines.join('\n');
}
