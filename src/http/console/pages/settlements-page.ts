// Settlements: the imports with their summary in Seller Central's categories and reconciliation state,
// an upload form, one settlement's per-order economics and its journal downloads.
import { SUMMARY_CATEGORIES, SUMMARY_LABELS } from '../../../domain/settlements/settlement-summary.js';
import type { SettlementRecord } from '../../../ports/settlement-store.js';
import type { StoredSettlementSummary } from '../../../flows/settlements/settlement-import.js';
import type { SettlementOrderEconomics } from '../../../flows/settlements/settlement-order-economics.js';
import { html, type Html } from './html.js';
import { page, type PageFrame } from './layout.js';
import { money, when } from './format.js';

type Frame = Omit<PageFrame, 'title' | 'current'> & { readonly csrf: string };

export function reconciliation(s: SettlementRecord): string {
  const m = (s.summary as Partial<StoredSettlementSummary> | null)?.matching;
  if (!m) return 'unknown';
  const open = m.unmatchedOrders + m.refundsWithoutSale;
  return open === 0 ? `reconciled: ${m.matchedOrders} of ${m.multiChannelOrders} storefront orders matched` : `${open} to reconcile: ${m.unmatchedOrders} unmatched order(s), ${m.refundsWithoutSale} refund(s) without a sale`;
}

export function summaryTable(s: SettlementRecord): Html {
  const summary = (s.summary as Partial<StoredSettlementSummary> | null)?.summary;
  if (!summary) return html`<p>No summary stored.</p>`;
  const m = (minor: number) => money(minor, s.fractionDigits, s.currency);
  return html`<table class="summary"><caption>Summary (Seller Central's categories)</caption><tbody>
${SUMMARY_CATEGORIES.map((c) => html`<tr><th scope="row">${SUMMARY_LABELS[c]}</th><td>${m(summary[c])}</td></tr>`)}
<tr><th scope="row"><strong>${SUMMARY_LABELS.netProceeds}</strong></th><td><strong>${m(summary.netProceeds)}</strong></td></tr></tbody></table>`;
}

export function settlementsPage(frame: Frame, list: ReadonlyArray<SettlementRecord>, canImport: boolean, connections: readonly string[]): string {
  return page({ ...frame, title: 'Settlements', current: '/settlements' }, html`
${canImport ? html`<form class="bulk" method="post" action="/api/settlements/import" enctype="multipart/form-data" aria-label="Import a settlement file">
  <input type="hidden" name="_csrf" value="${frame.csrf}">
  ${connections.length > 1 ? html`<label>Connection <select name="connection">${connections.map((c) => html`<option>${c}</option>`)}</select></label>` : html`<input type="hidden" name="connection" value="${connections[0] ?? ''}">`}
  <label for="file">Settlement file (flat file V2 or the older flat file, plain or gzip)</label><input id="file" name="file" type="file" required>
  <button type="submit">Import</button>
</form>` : html`<p class="muted">Importing settlements is for finance and admins.</p>`}
<table><thead><tr><th scope="col">Settlement</th><th scope="col">Period</th><th scope="col">Deposit</th><th scope="col">Total</th><th scope="col">Reconciliation</th><th scope="col">Imported</th></tr></thead>
<tbody>${list.map((s) => html`<tr><td><a href="/settlements/${encodeURIComponent(s.settlementId)}?connection=${encodeURIComponent(s.connectionId)}">${s.settlementId}</a></td><td>${s.startDate.slice(0, 10)} – ${s.endDate.slice(0, 10)}</td><td>${s.depositDate.slice(0, 10)}</td><td>${money(s.totalAmount, s.fractionDigits, s.currency)}</td><td>${reconciliation(s)}</td><td>${when(s.importedAt)}</td></tr>`)}</tbody></table>
${list.length === 0 ? html`<p>No settlement imported yet.</p>` : ''}`);
}

export function settlementPage(frame: Frame, e: SettlementOrderEconomics, hasJournal: boolean, canDownload: boolean): string {
  const s = e.settlement;
  const m = (minor: number | null) => (minor === null ? '—' : money(minor, s.fractionDigits));
  const q = `connection=${encodeURIComponent(s.connectionId)}`;
  return page({ ...frame, title: `Settlement ${s.settlementId}`, current: '/settlements' }, html`
<p>${s.startDate.slice(0, 10)} – ${s.endDate.slice(0, 10)}, deposit ${s.depositDate.slice(0, 10)}: <strong>${money(s.totalAmount, s.fractionDigits, s.currency)}</strong>. ${reconciliation(s)}.</p>
${summaryTable(s)}
<h2>Journal</h2>
${!canDownload ? html`<p class="muted">Journal downloads are for finance and admins.</p>` : hasJournal
    ? html`<ul class="downloads">${(['xero', 'quickbooks', 'json'] as const).map((f) => html`<li><a href="/api/settlements/${encodeURIComponent(s.settlementId)}/journal.${f === 'json' ? 'json' : 'csv'}?format=${f}&${q}" download>${f === 'xero' ? 'Xero manual journal (CSV)' : f === 'quickbooks' ? 'QuickBooks journal (CSV)' : 'JSON'}</a></li>`)}</ul>`
    : html`<p>This settlement was imported by the bridge itself; upload its file here once to keep its journal for downloads (the same file imports as unchanged).</p>`}
<h2>Per-order economics (${e.orders.length})</h2>
<table><thead><tr><th scope="col">Amazon order</th><th scope="col">Storefront order</th><th scope="col">Match</th><th scope="col">Revenue</th><th scope="col">Amazon fees</th><th scope="col">Refunds</th><th scope="col">Other</th><th scope="col">Contribution</th></tr></thead>
<tbody>${e.orders.slice(0, 1000).map((o) => html`<tr><td>${o.sellerFulfillmentOrderId}</td><td>${o.ctOrderNumber ? html`<a href="/orders?q=${encodeURIComponent(o.ctOrderNumber)}">${o.ctOrderNumber}</a>` : '—'}</td><td>${o.matchStatus}</td><td>${m(o.revenueCounted)}</td><td>${m(o.amazonFees)}</td><td>${m(o.refunds)}</td><td>${m(o.otherAmazon)}</td><td>${m(o.contribution)}${o.note ? html`<div class="muted">${o.note}</div>` : ''}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td></td><td>${m(e.totals.revenue)}</td><td>${m(e.totals.amazonFees)}</td><td>${m(e.totals.refunds)}</td><td>${m(e.totals.otherAmazon)}</td><td>${m(e.totals.contribution)}</td></tr></tfoot></table>`);
}
