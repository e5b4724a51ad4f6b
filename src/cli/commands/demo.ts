// `fba-bridge demo`: the whole round trip on embedded defaults, with progress and a summary a person
// can read (or JSON for scripts). Exits 1 when an order did not end as it should.
import type { Command } from 'commander';
import { JsonLogger, silentLogger } from '../../adapters/logging/json-logger.js';
import { printJson, UsageError } from '../cli-support.js';

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
    .action(async (opts: { orders: string; seed: string; timeScale: string; maxSeconds: string; database: string; json?: boolean; verbose?: boolean }) => {
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
      });
      if (opts.json) printJson(report);
      else process.stdout.write(demoSummary(report).join('\n') + '\n');
      process.exitCode = report.settled && report.asExpected ? 0 : 1;
    });
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${raw}"`);
  return n;
}
