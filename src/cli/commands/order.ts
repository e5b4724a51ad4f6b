// `fba-bridge order <orderNumber>`: one order's story across both systems — how the bridge routed
// it, what it sent to Amazon, what Amazon reported and what was written back, and its exceptions.
import type { Command } from 'commander';
import { orderTimeline, type OrderTimeline } from '../../reports/order-timeline.js';
import { iso, printJson, UsageError, withStore } from '../cli-support.js';

export function registerOrderCommand(program: Command): void {
  program.command('order <orderNumber>')
    .description("an order's timeline across commercetools and Amazon")
    .option('--connection <id>', 'the connection (when several serve different projects)')
    .option('--json', 'print JSON')
    .action(async (orderNumber: string, opts: { connection?: string; json?: boolean }) => withStore(async (store) => {
      const found = await orderTimeline(store, orderNumber, opts.connection);
      if (!found.ok) throw new UsageError(found.error);
      const report = found.value;
      if (opts.json) return printJson(report);
      printReport(report);
    }));
}

function printReport(r: OrderTimeline): void {
  const l = r.link;
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`order ${l.orderNumber ?? l.ctOrderId}  (commercetools id ${l.ctOrderId}, connection ${l.connectionId})`);
  out(`  bridge state:  ${l.state}${l.shippingSpeed ? `, ${l.shippingSpeed}` : ''}; ${l.fbaLines} line(s) to FBA, ${l.localLines} local`);
  out(`  Amazon:        ${l.sellerFulfillmentOrderId ?? '(not sent)'}${l.fbaStatus ? `, status ${l.fbaStatus} as of ${iso(l.fbaStatusAt)}` : ''}`);
  for (const w of r.work) out(`  work ${w.kind}: ${w.state}, ${w.attempts} attempt(s)${w.lastError ? `, last error: ${w.lastError}` : ''}`);
  out('timeline');
  if (r.timeline.length === 0) out('  (nothing recorded)');
  for (const t of [...r.timeline].sort((a, b) => a.at - b.at || a.id - b.id)) {
    out(`  ${iso(t.at)}  ${t.system.padEnd(13)} ${t.action.padEnd(22)} ${t.outcome.padEnd(8)} ${t.message}`);
  }
  if (r.exceptions.length > 0) {
    out('exceptions');
    for (const e of r.exceptions) out(`  #${e.id} ${e.status.padEnd(8)} ${e.type} (${e.owner}): ${e.reason}\n      → ${e.action}`);
  }
}
