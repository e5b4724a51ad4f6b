// Overview: per connection, each flow's verdict, 24 h charts of backlog, lag and throughput (uPlot,
// served from the package), open exceptions per team, the last inventory sync and settlement import.
import type { ConnectionOverview } from '../../../reports/console-overview.js';
import type { FlowName } from '../../../domain/health/flow-health.js';
import type { PageFrame } from './layout.js';
import { page } from './layout.js';
import { html, jsonData } from './html.js';
import { ago, badge, money, when } from './format.js';

const FLOW_LABELS: Record<FlowName, string> = {
  ordersOut: 'Orders to Amazon', trackingBack: 'Tracking back', inventory: 'Inventory', settlements: 'Settlements', intake: 'Event intake',
};

export function overviewPage(frame: Omit<PageFrame, 'title' | 'current' | 'scripts'>, overview: readonly ConnectionOverview[], now: number): string {
  const body = overview.length === 0
    ? html`<p>No connection has run yet: start the bridge with <code>fba-bridge start</code>.</p>`
    : overview.map((c) => html`
<section aria-labelledby="conn-${c.connectionId}">
  <h2 id="conn-${c.connectionId}">Connection ${c.connectionId}</h2>
  <table class="verdicts">
    <caption>Flows: ${badge(c.status)} <small>(the same verdicts as <a href="/health">/health</a> and the alerts)</small></caption>
    <thead><tr><th scope="col">Flow</th><th scope="col">Verdict</th><th scope="col">Waiting</th><th scope="col">Lag</th><th scope="col">Why</th></tr></thead>
    <tbody>${c.flows.map((f) => html`<tr data-flow="${f.flow}"><th scope="row">${FLOW_LABELS[f.flow]}</th><td>${badge(f.status)}</td><td>${f.backlog === null ? '–' : f.backlog}</td><td>${f.lagSeconds === null ? '–' : `${f.lagSeconds} s`}</td><td>${f.status === 'ok' ? '' : f.reason}</td></tr>`)}</tbody>
  </table>
  <div class="cards">
    <div class="card"><h3>Open exceptions</h3><ul>${(['operations', 'ecommerce', 'finance'] as const).map((t) => html`<li><a href="/exceptions?team=${t}">${t}: <strong>${c.openExceptionsByTeam[t]}</strong></a></li>`)}</ul></div>
    <div class="card"><h3>Orders</h3><p>${c.orders.submitted} with Amazon, ${c.orders.submitting} being sent, ${c.orders.closed} closed, ${c.orders.blocked} blocked</p></div>
    <div class="card"><h3>Last inventory sync</h3><p>${c.lastInventorySyncAt === null ? 'none yet' : html`<time datetime="${new Date(c.lastInventorySyncAt).toISOString()}">${ago(c.lastInventorySyncAt, now)}</time>`}</p></div>
    <div class="card"><h3>Last settlement import</h3><p>${c.lastSettlement
      ? html`<a href="/settlements/${encodeURIComponent(c.lastSettlement.settlementId)}">${c.lastSettlement.settlementId}</a>: ${money(c.lastSettlement.totalAmount, c.lastSettlement.fractionDigits, c.lastSettlement.currency)}, imported ${when(c.lastSettlement.importedAt)}`
      : 'none yet'}</p></div>
  </div>
  <h3>Last 24 hours</h3>
  <div class="charts" data-connection="${c.connectionId}">
    <figure><figcaption>Backlog (items waiting)</figcaption><div class="chart" data-series="backlog" role="img" aria-label="Backlog per flow over the last 24 hours"></div></figure>
    <figure><figcaption>Lag (seconds)</figcaption><div class="chart" data-series="lag" role="img" aria-label="Lag per flow over the last 24 hours"></div></figure>
    <figure><figcaption>Throughput per hour</figcaption><div class="chart" data-series="throughput" role="img" aria-label="Orders sent and exceptions raised per hour over the last 24 hours"></div></figure>
  </div>
  <script type="application/json" class="chart-data">${jsonData({ samples: c.samples, activity: c.activity, now })}</script>
</section>`);
  return page({ ...frame, title: 'Overview', current: '/', scripts: ['/assets/uplot/uPlot.iife.min.js', '/assets/overview-charts.js'] }, html`<link rel="stylesheet" href="/assets/uplot/uPlot.min.css">${body}`);
}
