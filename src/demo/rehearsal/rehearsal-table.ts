// The rehearsal's figures as a plain-text table (the command's default output; the README quotes one).
import type { RehearsalResult } from './rehearsal-result.js';

const f = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const byType = (counts: Readonly<Record<string, number>>) => Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';

export function rehearsalTable(r: RehearsalResult): string {
  const rows: Array<[string, string]> = [
    ['profile / minutes / policy', `${r.profile} / ${r.minutes} / ${r.policy}`],
    ['storefront orders (FBA, mixed, merchant)', `${r.orders.placed} (${r.orders.fba}, ${r.orders.mixed}, ${r.orders.merchant}); ${r.orders.declinedSoldOut} turned away sold out`],
    ...r.orderToAmazon.map((s): [string, string] => [
      `order → Amazon, ${s.speed} p50/p95/p99 s`,
      `${f(s.actual.p50)} / ${f(s.actual.p95)} / ${f(s.actual.p99)}  (${s.actual.count}; ÷ bound ${f(s.ratioToBound, 2)}, ÷ FIFO bound ${f(s.ratioToFifoBound, 2)})`,
    ]),
    ['shipment → tracking written p95 s', `${f(r.trackingSeconds.p95)} (${r.trackingSeconds.count} shipments, ${r.trackingSeconds.unfinished} unfinished)`],
    ['FBA stock → ct inventory p95 s, notifications', `${f(r.stockToCommercetoolsSeconds.notified.p95)} (${r.stockToCommercetoolsSeconds.notified.count} changes, ${r.stockToCommercetoolsSeconds.notified.unfinished} unfinished)`],
    ['FBA stock → ct inventory p95 s, polling only', `${f(r.stockToCommercetoolsSeconds.pollingOnly.p95)} (${r.stockToCommercetoolsSeconds.pollingOnly.count} changes, ${r.stockToCommercetoolsSeconds.pollingOnly.unfinished} unfinished)`],
    [`oversold units (${r.oversold.policy})`, `${r.oversold.units} in ${r.oversold.orders} orders`],
    ['SP-API calls / 429s', `${r.spApi.calls} / ${r.spApi.throttled429}`],
    ['exceptions raised (an open one raised again counts again) / still open at the end / alerts', `${byType(r.exceptionsByType)} / ${byType(r.openExceptionsByType)} / ${r.alerts}`],
    ['bridge CPU ms per order', r.cpu ? `${f(r.cpu.msPerOrder, 2)} (${f(r.cpu.ms, 0)} ms in all)` : 'not measured'],
    ['load average (1/5/15 min)', r.loadAverage.join(' / ')],
    ...r.targets.map((t): [string, string] => [`target ${t.name} ≤ ${t.atMost}`, `${t.met ? 'met' : 'MISSED'} (${f(t.measured, 2)})`]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}
