// The inventory tables `fba-bridge demo` prints (type imports only: the CLI loads this on every start).
import type { DemoInventoryReport, DemoSkuInventory } from './demo-inventory.js';

/** The tables `fba-bridge demo` prints. */
export function formatDemoInventory(r: DemoInventoryReport): string[] {
  const lines: string[] = [];
  const held = (h: { units: number; percent: number }) => (h.percent > 0 ? `${h.units} units or ${h.percent} %, the larger` : `${h.units} units`);
  lines.push(`Inventory: pool ${r.poolId} (${r.policy}: ${r.channels.map((c) => `${c.key} ${c.share} %`).join(', ')}; holdback ${held(r.holdback)}; buffer ${held(r.buffer)})`);
  lines.push(`  full sync: ${r.full.skusRead} SKUs read from FBA, ${r.full.written} entries written, ${r.full.unchanged} already right`);
  lines.push(...table(r.full.skus, r.channels.map((c) => c.key)));
  lines.push(`  Amazon's own marketplace sold ${r.marketplaceSales.map((s) => `${s.sold} × ${s.sku}`).join(', ')}`);
  lines.push(`  incremental sync: ${r.incremental.skusRead} changed SKUs read from FBA, ${r.incremental.written} entries written (${r.entriesThatChanged} allocations changed):`);
  for (const c of r.incremental.changes) lines.push(`    ${c.sku} @ ${c.channel}: ${c.from ?? 'new entry'} → ${c.to}`);
  lines.push(...table(r.incremental.skus, r.channels.map((c) => c.key)));
  lines.push(r.asExpected
    ? '  Every allocation fits the pool, commercetools shows it, and the incremental sync wrote only the changed entries.'
    : `  NOT AS EXPECTED: ${r.problems.join('; ')}`);
  return lines;
}

function table(rows: readonly DemoSkuInventory[], channels: readonly string[]): string[] {
  const w = Math.max(...channels.map((c) => c.length), 12);
  const head = `    ${'SKU'.padEnd(13)}${'FBA'.padStart(5)}${'unres.'.padStart(7)}${'hold'.padStart(5)}${'buf'.padStart(4)}  ${channels.map((c) => c.padStart(w)).join(' ')}`;
  const out = [head];
  for (const r of rows) {
    const cells = r.channels.map((c) => `${c.allocated}${c.quantityOnStock === c.allocated ? ' ✓' : ` ≠ ${c.quantityOnStock ?? '-'}`}`.padStart(w));
    out.push(`    ${r.sku.padEnd(13)}${String(r.fulfillable).padStart(5)}${String(r.unreserved).padStart(7)}${String(r.holdback).padStart(5)}${String(r.buffer).padStart(4)}  ${cells.join(' ')}`);
  }
  out.push(`    (FBA: Amazon's fulfillable units; unres.: storefront units Amazon has not reserved; per channel: allocated, ✓ = commercetools shows it)`);
  return out;
}
