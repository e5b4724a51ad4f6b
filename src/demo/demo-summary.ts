// What `fba-bridge demo` prints after the run: the cases and how each ended, the exceptions raised, the
// inventory tables and where to look closer.
import type { DemoReport } from './run-demo.js';
import { formatDemoInventory } from './demo-inventory-format.js';

/** The summary `fba-bridge demo` prints after the run, line by line. */
export function demoSummary(r: DemoReport): string[] {
  const lines: string[] = [];
  const out = (s = '') => { lines.push(s); };
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
  return lines;
}
