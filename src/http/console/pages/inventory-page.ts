// Inventory: per pool, the SKU table (Amazon fulfillable, unreserved storefront units, holdback,
// buffer, each channel's allocation beside what commercetools shows, drift age), the drifting filter,
// one SKU explained, and a sync run as a preview first, then applied.
import type { InventoryTablePage } from '../../../reports/inventory-table.js';
import type { PoolSyncSummary } from '../../../flows/inventory/inventory-flow-types.js';
import { html } from './html.js';
import { page, type PageFrame } from './layout.js';
import { ago } from './format.js';

type Frame = Omit<PageFrame, 'title' | 'current'> & { readonly csrf: string };

export function inventoryPage(frame: Frame, table: InventoryTablePage | null, pools: ReadonlyArray<{ connectionId: string; poolId: string }>, drifting: boolean, canSync: boolean, now: number): string {
  if (!table) return page({ ...frame, title: 'Inventory', current: '/inventory' }, html`<p>Inventory sync is off: the configuration has no inventory section (see docs/adr/0008-inventory-allocation.md).</p>`);
  const here = `connection=${encodeURIComponent(table.connectionId)}&pool=${encodeURIComponent(table.poolId)}`;
  return page({ ...frame, title: `Inventory: pool ${table.poolId}`, current: '/inventory' }, html`
<form class="filters" method="get" action="/inventory" aria-label="Choose a pool">
  <label>Pool <select name="pool">${pools.map((p) => html`<option value="${p.poolId}"${p.poolId === table.poolId ? html` selected` : ''}>${p.poolId} (${p.connectionId})</option>`)}</select></label>
  <input type="hidden" name="connection" value="${table.connectionId}">
  <label><span>Only drifting SKUs</span><input type="checkbox" name="drifting" value="1"${drifting ? html` checked` : ''}></label>
  <button type="submit">Show</button>
</form>
<form class="filters" method="get" action="/inventory/explain" aria-label="Explain a SKU"><label>Explain SKU <input name="sku" required size="24"></label><button type="submit">Explain</button></form>
${canSync ? html`<form class="bulk" method="post" action="/api/inventory/sync" aria-label="Run an inventory sync">
  <input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="connection" value="${table.connectionId}"><input type="hidden" name="pool" value="${table.poolId}">
  <input type="hidden" name="mode" value="preview"><button type="submit">Preview a sync of this pool</button></form>` : ''}
<table class="inventory"><caption>${drifting ? 'Drifting SKUs' : 'SKUs'} of pool ${table.poolId}</caption>
<thead><tr><th scope="col">SKU</th><th scope="col">Amazon fulfillable</th><th scope="col">Unreserved storefront units</th><th scope="col">Holdback</th><th scope="col">Buffer</th>
${table.channels.map((c) => html`<th scope="col">${c}: allocated / commercetools</th>`)}<th scope="col">Drifting for</th></tr></thead>
<tbody>${table.rows.map((r) => html`<tr${r.driftingSince !== null ? html` class="drifting"` : ''} data-sku="${r.sku}"><th scope="row"><a href="/inventory/explain?sku=${encodeURIComponent(r.sku)}">${r.sku}</a></th><td>${r.fulfillable}</td><td>${r.unreservedOrderUnits}</td><td>${r.holdback}</td><td>${r.buffer}</td>
${r.channels.map((c) => html`<td>${c.allocated} / ${c.shows ?? 'no entry'}</td>`)}<td>${r.driftingSince === null ? '—' : ago(r.driftingSince, now).replace(' ago', '')}</td></tr>`)}</tbody></table>
${table.rows.length === 0 ? html`<p>${drifting ? 'No SKU drifts: commercetools shows what the bridge allocated.' : 'No SKU read yet.'}</p>` : ''}
${table.nextAfter ? html`<p><a href="/inventory?${here}${drifting ? '&drifting=1' : ''}&after=${encodeURIComponent(table.nextAfter)}">Next SKUs</a></p>` : ''}`);
}

export function syncResultPage(frame: Frame, connectionId: string, poolId: string, summaries: readonly PoolSyncSummary[], preview: boolean): string {
  const changes = summaries.flatMap((s) => s.changes);
  return page({ ...frame, title: preview ? `Sync preview: pool ${poolId}` : `Sync applied: pool ${poolId}`, current: '/inventory' }, html`
${summaries.map((s) => html`<p>${s.error ? (s.skusDecided > 0 ? `The sync stopped after ${s.skusDecided} SKUs (${s.written} entries ${preview ? 'would change' : 'changed'}): ${s.error}` : `The sync could not run: ${s.error}`) : `${s.skusRead} SKUs read from FBA, ${s.entriesRead} commercetools entries read: ${s.written} entr${s.written === 1 ? 'y' : 'ies'} ${preview ? 'would change' : 'changed'}, ${s.unchanged} already right${s.failed ? `, ${s.failed} failed` : ''}.`}</p>`)}
<table><thead><tr><th scope="col">SKU</th><th scope="col">Channel</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
<tbody>${changes.slice(0, 500).map((c) => html`<tr><td>${c.sku}</td><td>${c.channel}</td><td>${c.from ?? 'new entry'}</td><td>${c.to}</td></tr>`)}</tbody></table>
${preview ? html`<form method="post" action="/api/inventory/sync"><input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="connection" value="${connectionId}"><input type="hidden" name="pool" value="${poolId}"><input type="hidden" name="mode" value="apply"><button type="submit">Apply these changes</button></form>` : ''}
<p><a href="/inventory?connection=${encodeURIComponent(connectionId)}&pool=${encodeURIComponent(poolId)}">Back to the pool</a></p>`);
}
