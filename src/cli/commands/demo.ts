// `fba-bridge demo`: the whole round trip on embedded defaults, with progress and a summary a person
// can read (or JSON for scripts). Exits 1 when an order did not end as it should.
import type { Command } from 'commander';
import { JsonLogger, silentLogger } from '../../adapters/logging/json-logger.js';
import { randomBytes } from 'node:crypto';
import { printJson, UsageError } from '../cli-support.js';
import { addLocalUser, createLoginLink } from '../../actions/people.js';
import type { DemoServing } from '../../demo/run-demo.js';

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('run the whole round trip against the SP-API simulator and commercetools-mock, then summarise')
    .option('--orders <n>', 'how many storefront orders to place', '40')
    .option('--seed <n>', 'seed for the simulator and the order mix', '7')
    .option('--time-scale <x>', 'simulated warehouse seconds per real second', '14400')
    .option('--max-seconds <n>', 'give up after this many real seconds', '180')
    .option('--database <file>', 'SQLite file for the bridge (recreated)', './data/demo.db')
    .option('--json', 'print the result as JSON only')
    .option('--verbose', 'print the bridge\'s own log lines too')
    .option('--serve', 'afterwards, keep running and serve the console with the demo\'s data (prints the address and a one-time login)')
    .option('--port <n>', 'the console\'s port with --serve', '8080')
    .action(async (opts: { orders: string; seed: string; timeScale: string; maxSeconds: string; database: string; json?: boolean; verbose?: boolean; serve?: boolean; port: string }) => {
      const orders = positive(opts.orders, '--orders');
      if (orders > 2000) throw new UsageError('--orders: at most 2000 in a demo (use bench/orders for more)');
      // Loaded only here: commercetools-mock (and its web server) must stay off the `start` path.
      const { runDemo } = await import('../../demo/run-demo.js');
      const { demoSummary } = await import('../../demo/demo-summary.js');
      const say = opts.json ? () => {} : (line: string) => process.stdout.write(line + '\n');
      const report = await runDemo({
        orders, seed: positive(opts.seed, '--seed'), timeScale: positive(opts.timeScale, '--time-scale'), maxSeconds: positive(opts.maxSeconds, '--max-seconds'),
        databaseFile: opts.database,
        logger: opts.verbose ? new JsonLogger('info', {}, (l) => process.stderr.write(l + '\n')) : silentLogger,
        say,
        ...(opts.serve ? { serve: { port: port(opts.port), host: '127.0.0.1' } } : {}),
      });
      const { serving, ...result } = report;
      if (opts.json) printJson(result);
      else process.stdout.write(demoSummary(report).join('\n') + '\n');
      process.exitCode = report.settled && report.asExpected ? 0 : 1;
      if (serving) await serveUntilStopped(serving);
    });
}

/** Prints the console's address and a one-time login for the demo's admin, then runs until Ctrl-C. */
async function serveUntilStopped(serving: DemoServing): Promise<void> {
  const email = 'demo-admin@fba-bridge.local';
  const added = await addLocalUser(serving.store, email, 'admin', randomBytes(24).toString('base64url'), Date.now());
  if (!added.ok) throw new Error(added.error);
  const token = await createLoginLink(serving.store, email, Date.now());
  process.stdout.write(`\nThe console serves the demo's data at ${serving.url}\n  one-time login (admin, works once): ${serving.url}/login/once?token=${token}\n  Ctrl-C stops the demo.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await serving.stop();
}

function port(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a port number (0–65535), not "${raw}"`);
  return n;
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${raw}"`);
  return n;
}
