#!/usr/bin/env node
// fba-bridge: keeps a commercetools storefront and Amazon FBA (Multi-Channel Fulfillment) in step.
import { Command, CommanderError } from 'commander';
import { registerCommandsFor } from './command-modules.js';
import { UsageError } from './cli-support.js';
import { scrubSecrets } from '../config/secret.js';
import { limitHeapGrowth } from './heap-growth.js';

// Before any long-lived work: a heap that stays near what the bridge holds (docs/adr/0019).
limitHeapGrowth();

const program = new Command('fba-bridge')
  .description('Keeps a commercetools storefront and Amazon FBA in step: orders out, shipments and tracking back.')
  .showHelpAfterError('(run with --help for usage)');

// Only the command asked for is loaded (command-modules.ts).
await registerCommandsFor(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`fba-bridge: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // One line a person can act on, never a stack that may quote a password (a database URL, say);
  // the place it was thrown from, scrubbed, for whoever must debug it.
  const message = err instanceof Error ? err.message : String(err);
  const where = err instanceof Error ? err.stack?.split('\n').find((line) => line.trim().startsWith('at '))?.trim() : undefined;
  process.stderr.write(`fba-bridge: ${scrubSecrets(message)}\n${where ? `  (${scrubSecrets(where)})\n` : ''}`);
  process.exit(1);
}
