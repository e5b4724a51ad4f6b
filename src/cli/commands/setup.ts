// `fba-bridge setup [--dry-run]`: shows and creates what the bridge needs in the commercetools
// project (the order custom type and the OrderExport channel), as a Connect post-deploy step would;
// and, when SQS_QUEUE_ARN is set, Amazon's notification delivery to that queue (a Notifications API
// destination and one subscription per type the bridge reads), for every connection.
import type { Command } from 'commander';
import { createCommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../adapters/commercetools/ct-project-setup.js';
import { loadCommercetoolsConfig } from '../../config/load-config.js';
import { processEnvironment } from '../../config/environment.js';
import type { SetupChange } from '../../ports/commercetools-orders.js';
import { exitWithProblems, requireConfig } from '../cli-support.js';
import { ConnectionClients } from '../../app/connection-clients.js';
import { PriorityRateGovernor } from '../../engine/priority-rate-governor.js';
import { JsonLogger } from '../../adapters/logging/json-logger.js';
import { ensureNotificationDelivery, type NotificationSetupLine } from '../../flows/notifications/notification-setup.js';

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
      if (processEnvironment().SQS_QUEUE_ARN) await setupAmazonNotifications(!opts.dryRun);
    });
}

/** Per connection: the destination for SQS_QUEUE_ARN and the subscriptions, found or created. */
async function setupAmazonNotifications(apply: boolean): Promise<void> {
  const config = requireConfig();
  const target = config.notifications!;
  // Few calls, once: this process's own buckets suffice (they learn Amazon's rates from its headers).
  const governor = new PriorityRateGovernor();
  const logger = new JsonLogger('warn', {}, (line) => process.stderr.write(line + '\n'));
  let failed = false;
  for (const connection of config.connections) {
    const result = await ensureNotificationDelivery(new ConnectionClients(connection, governor, logger).notifications(), target, apply);
    if (!result.ok) {
      failed = true;
      process.stderr.write(`Amazon notifications (connection ${connection.id}): setup failed: ${result.error.message}\n`);
      continue;
    }
    process.stdout.write(describeNotificationSetup(connection.id, result.value) + '\n');
  }
  governor.close();
  if (failed) process.exit(1);
}

export function describeNotificationSetup(connectionId: string, lines: readonly NotificationSetupLine[]): string {
  const out = [`Amazon notifications (connection ${connectionId}):`];
  for (const l of lines) out.push(`  ${l.action.padEnd(10)} ${l.resource} ${l.key}: ${l.description}`);
  if (lines.some((l) => l.action === 'missing' || l.action === 'to-replace')) out.push('  run `fba-bridge setup` to apply them');
  return out.join('\n');
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
