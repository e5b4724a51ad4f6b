// The rehearsal report as one self-contained HTML file: the figures as tables, the backlog and the
// per-order waits as uPlot charts, uPlot's script and styles inlined (no CDN: the file opens offline,
// in CI artefacts and in e-mail).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RehearsalResult, WaitFigures } from './rehearsal-result.js';

function uplotAssets(): { script: string; style: string } {
  const dist = join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');
  return { script: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'), style: readFileSync(join(dist, 'uPlot.min.css'), 'utf8') };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));
/** JSON inside a <script>: "</" must not close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function waitRow(label: string, w: WaitFigures): string {
  return `<tr><td>${escapeHtml(label)}</td><td>${w.count}</td><td>${fmt(w.p50)}</td><td>${fmt(w.p95)}</td><td>${fmt(w.p99)}</td><td>${w.unfinished}</td></tr>`;
}

export function rehearsalHtml(r: RehearsalResult): string {
  const { script, style } = uplotAssets();
  const targets = r.targets.length === 0 ? '<p>No targets were given (--target name=value).</p>' : `<table><tr><th>target</th><th>at most</th><th>measured</th><th></th></tr>${
    r.targets.map((t) => `<tr class="${t.met ? 'met' : 'missed'}"><td>${t.name}</td><td>${t.atMost}</td><td>${fmt(t.measured, 2)}</td><td>${t.met ? 'met' : 'MISSED'}</td></tr>`).join('')}</table>`;
  const orderRows = r.orderToAmazon.map((s) => `<tr><td>${s.speed}</td><td>${s.actual.count}</td><td>${fmt(s.actual.p50)}</td><td>${fmt(s.actual.p95)}</td><td>${fmt(s.actual.p99)}</td><td>${fmt(s.bound.p95)}</td><td>${fmt(s.ratioToBound, 2)}</td><td>${fmt(s.boundFifo.p95)}</td><td>${fmt(s.ratioToFifoBound, 2)}</td></tr>`).join('');
  const byType = (counts: Readonly<Record<string, number>>) => Object.entries(counts).map(([k, v]) => `${escapeHtml(k)}: ${v}`).join(', ') || 'none';
  const exceptions = byType(r.exceptionsByType);
  const stillOpen = byType(r.openExceptionsByType);
  const faults = r.faults.map((f) => `${escapeHtml(f.what)} from ${fmt(f.fromSeconds, 0)} s to ${fmt(f.toSeconds, 0)} s`).join('; ') || 'none';
  const backlog = [r.backlog.map((b) => b.t), r.backlog.map((b) => b.placedFba), r.backlog.map((b) => b.atAmazon), r.backlog.map((b) => Math.max(0, b.placedFba - b.atAmazon))];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fba-bridge rehearsal: ${r.profile}, ${r.startedAt}</title>
<style>${style}
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}.met{background:#e6f4ea}.missed{background:#fce8e6;font-weight:bold}</style></head>
<body>
<h1>Rehearsal: ${r.profile} profile, ${r.minutes} min, allocation policy ${escapeHtml(r.policy)}</h1>
<p>Started ${r.startedAt}; ${r.seconds} s in all. Load average at the end: ${r.loadAverage.join(' / ')}. Settings: ${escapeHtml(Object.entries(r.settings).map(([k, v]) => `${k} ${v}`).join(', '))}.</p>
<h2>Targets</h2>${targets}
<h2>Orders: created in commercetools → accepted by Amazon (seconds)</h2>
<p>${r.orders.placed} storefront orders (${r.orders.fba} FBA, ${r.orders.mixed} mixed, ${r.orders.merchant} merchant); ${r.orders.declinedSoldOut} customers turned away because the storefront showed the item sold out; ${r.orders.notAccepted} not accepted by the end (counted with their wait so far).
The bound is the earliest an ideal sender could have got each order accepted under Amazon's createFulfillmentOrder limit (${escapeHtml(String(r.settings.rateScale))}× Amazon's 2/s, burst 30), serving Priority first; the FIFO bound serves in order of creation (docs/adr/0020).</p>
<table><tr><th>speed</th><th>orders</th><th>p50</th><th>p95</th><th>p99</th><th>bound p95</th><th>p95 ÷ bound</th><th>FIFO bound p95</th><th>p95 ÷ FIFO bound</th></tr>${orderRows}</table>
<div id="backlog"></div>
<h2>Tracking and stock (seconds)</h2>
<table><tr><th>what</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>unfinished</th></tr>
${waitRow('Amazon shipment shipped → tracking written to commercetools', r.trackingSeconds)}
${waitRow('FBA stock change → commercetools inventory written (notifications)', r.stockToCommercetoolsSeconds.notified)}
${waitRow('FBA stock change → commercetools inventory written (polling only)', r.stockToCommercetoolsSeconds.pollingOnly)}</table>
<h2>Stock, faults and the bridge</h2>
<table>
<tr><td>oversold units (sold on the storefront, not fulfilled by Amazon), policy ${escapeHtml(r.oversold.policy)}</td><td>${r.oversold.units} in ${r.oversold.orders} orders</td></tr>
<tr><td>units sold on Amazon's marketplace / arrived inbound</td><td>${r.marketplaceUnitsSold} / ${r.inboundUnits}</td></tr>
<tr><td>faults</td><td>${faults}</td></tr>
<tr><td>exceptions raised (raising an open one again counts again)</td><td>${exceptions}</td></tr>
<tr><td>exceptions still open at the end</td><td>${stillOpen}</td></tr>
<tr><td>alerts raised</td><td>${r.alerts}</td></tr>
<tr><td>SP-API calls / 429 answers</td><td>${r.spApi.calls} / ${r.spApi.throttled429}</td></tr>
<tr><td>bridge CPU (ms in all, ms per order)</td><td>${r.cpu ? `${fmt(r.cpu.ms, 0)} / ${fmt(r.cpu.msPerOrder, 2)}` : 'not measured'}</td></tr>
</table>
<script>${script}</script>
<script>
const backlog = ${scriptJson(backlog)};
new uPlot({ title: 'Orders over time (seconds since the first order)', width: 900, height: 300,
  // x is seconds since the first order, not a time of day: no clock labels on the axis.
  scales: { x: { time: false } }, axes: [{ label: 'seconds since the first order' }, { label: 'orders' }],
  series: [{ label: 'second' }, { label: 'placed (FBA)', stroke: '#1a73e8' }, { label: 'at Amazon', stroke: '#188038' }, { label: 'backlog', stroke: '#d93025', width: 2 }] },
  backlog, document.getElementById('backlog'));
</script>
</body></html>
`;
}
