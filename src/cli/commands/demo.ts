// `fba-bridge demo`: the whole round trip on embedded defaults, with progress and a summary a person
// can read (or JSON for scripts). Exits 1 when an order did not end as it should.
import type { Command } from 'commander';
import type { DemoReport } from '../../demo/run-demo.js';
import { JsonLogger, silentLogger } from '../../adapters/logging/json-logger.js';
import { printJson, UsageError } from '../cli-support.js';
import { formatDemoInventory } from '../../demo/demo-inventory-format.js';

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
      const say = opts.json ? () => {} : (line: string) => process.stdout.write(line + '\n');
      const report = await runDemo({
        orders, seed: positive(opts.seed, '--seed'), timeScale: positive(opts.timeScale, '--time-scale'), maxSeconds: positive(opts.maxSeconds, '--max-seconds'),
        databaseFile: opts.database,
        logger: opts.verbose ? new JsonLogger('info', {}, (l) => process.stderr.write(l + '\n')) : silentLogger,
        say,
      });
      if (opts.json) printJson(report);
      else printSummary(report);
      process.exitCode = report.settled && report.asExpected ? 0 : 1;
    });
}

function positive(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${raw}"`);
  return n;
}

function printSummary(r: DemoReport): void {
  const out = (s = '') => process.stdout.write(s + '\n');
  const cases = new Map<string, { n: number; ok: number; expected: string }>();
  for (const o of r.orders) {
    const expected = o.expected.kind === 'exception' ? `exception ${o.expected.type}` : o.expected.kind;
    const c = cases.get(o.case) ?? { n: 0, ok: 0, expected };
    c.n++;
    if (o.asExpected) c.ok++;
    cases.set(o.case, c);
  }
  out();
  out(`Summary after ${r.seconds} s (${r.simulatedHours} h of warehouse time)`);
  out('  case                    orders  as expected  outcome');
  for (const [name, c] of cases) out(`  ${name.padEnd(24)}${String(c.n).padStart(6)}  ${String(c.ok).padStart(11)}  ${c.expected}`);
  out(`  Amazon received ${r.createRequests} create requests and holds ${r.amazonOrders} orders; the bridge wrote ${r.deliveriesWritten} deliveries with ${r.parcelsWritten} parcels to commercetools.`);
  const exceptions = r.orders.flatMap((o) => o.exceptions.map((e) => ({ ...e, orderNumber: o.orderNumber })));
  if (exceptions.length > 0) {
    out();
    out('Exceptions for people to act on');
    for (const e of exceptions) out(`  #${e.id} ${e.orderNumber} ${e.type} (${e.owner}): ${e.reason}`);
  }
  out();
  if (r.inventory) for (const line of formatDemoInventory(r.inventory)) out(line);
  else out(`Inventory: not shown (${r.inventoryError ?? 'not run'})`);
  const wrong = r.orders.filter((o) => !o.asExpected);
  out();
  if (wrong.length === 0 && r.settled) out(`All ${r.orders.length} orders ended as they should.`);
  else for (const o of wrong) out(`  NOT AS EXPECTED: ${o.orderNumber} (${o.case}) is ${o.state}${o.fbaStatus ? `/${o.fbaStatus}` : ''}${o.exceptions.length ? `, exceptions: ${o.exceptions.map((e) => e.type).join(', ')}` : ''}`);
  out();
  out('Look closer (same database):');
  out(`  DATABASE_URL=sqlite:${r.databaseFile} npx fba-bridge status`);
  out(`  DATABASE_URL=sqlite:${r.databaseFile} npx fba-bridge exceptions`);
  const sample = r.orders.find((o) => o.case === 'mixed') ?? r.orders[0];
  if (sample) out(`  DATABASE_URL=sqlite:${r.databaseFile} npx fba-bridge order ${sample.orderNumber}`);
}
