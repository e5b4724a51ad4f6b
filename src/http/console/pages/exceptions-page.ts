// The Exceptions inbox (grouped by type, with filters and bulk actions) and one exception's page
// (its details, every action, and the history of who did what).
import { EXCEPTION_TYPES } from '../../../domain/exceptions/exception-types.js';
import type { ExceptionDetail, InboxFilter, InboxGroup, InboxItem } from '../../../reports/exceptions-inbox.js';
import { html, type Html } from './html.js';
import { page, type PageFrame } from './layout.js';
import { ago, when } from './format.js';

type Frame = Omit<PageFrame, 'title' | 'current'> & { readonly csrf: string };

const TEAMS = ['operations', 'ecommerce', 'finance'] as const;
const STATUSES = ['open', 'ignored', 'resolved', 'all'] as const;
const AGES: ReadonlyArray<[string, string]> = [['', 'any age'], ['1', 'older than 1 hour'], ['24', 'older than 1 day'], ['168', 'older than 1 week']];

function option(value: string, label: string, selected: string | undefined): Html {
  return html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
}

export function subjectLink(e: Pick<InboxItem, 'subjectType' | 'subjectId' | 'subjectLabel'>): Html {
  const label = e.subjectLabel ?? e.subjectId;
  if (e.subjectType === 'order') return html`<a href="/orders?q=${encodeURIComponent(e.subjectLabel ?? e.subjectId)}">order ${label}</a>`;
  if (e.subjectType === 'sku') return html`<a href="/inventory/explain?sku=${encodeURIComponent(e.subjectId)}">SKU ${label}</a>`;
  if (e.subjectType === 'settlement') return html`<a href="/settlements/${encodeURIComponent(e.subjectId.split(':')[0] ?? e.subjectId)}">settlement ${label}</a>`;
  return html`${e.subjectType} ${label}`;
}

export function exceptionsPage(frame: Frame, filter: InboxFilter, inbox: { groups: readonly InboxGroup[]; total: number; limited: boolean }, backUrl: string, now: number): string {
  const filters = html`
<form class="filters" method="get" action="/exceptions" aria-label="Filter exceptions">
  <label>Team <select name="team">${option('', 'all teams', filter.team ?? '')}${TEAMS.map((t) => option(t, t, filter.team))}</select></label>
  <label>Type <select name="type">${option('', 'all types', filter.type ?? '')}${EXCEPTION_TYPES.map((t) => option(t, t, filter.type))}</select></label>
  <label>Status <select name="status">${STATUSES.map((s) => option(s, s, filter.status ?? 'open'))}</select></label>
  <label>Age <select name="age">${AGES.map(([v, l]) => option(v, l, filter.olderThanHours === undefined ? '' : String(filter.olderThanHours)))}</select></label>
  <label>Connection <input name="connection" value="${filter.connectionId ?? ''}" size="12"></label>
  <label>Assigned to <input name="assignee" type="email" value="${filter.assignee ?? ''}" size="20"></label>
  <button type="submit">Filter</button>
</form>`;
  const bulk = html`
<form id="bulk" class="bulk" method="post" action="/api/exceptions/bulk" aria-label="Act on the selected exceptions">
  <input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="back" value="${backUrl}">
  <label>Selected: <select name="action"><option value="retry">retry</option><option value="ignore">ignore (reason required)</option><option value="resolve">resolve (with a note)</option><option value="assign">assign to (email)</option></select></label>
  <label>Reason, note or email <input name="text" size="30"></label>
  <button type="submit">Apply to selected</button>
</form>`;
  const groups = inbox.groups.map((g) => html`
<section class="group" aria-labelledby="g-${g.type}">
  <h2 id="g-${g.type}">${g.title} <span class="muted">${g.type} · ${g.owner} · ${g.items.length}</span></h2>
  <table>
    <thead><tr><th scope="col"><span class="sr-only">Select</span></th><th scope="col">#</th><th scope="col">About</th><th scope="col">Reason</th><th scope="col">What to do</th><th scope="col">Age</th><th scope="col">Assigned</th><th scope="col">Act</th></tr></thead>
    <tbody>${g.items.map((e) => html`<tr data-exception="${e.id}">
      <td><input type="checkbox" form="bulk" name="ids" value="${e.id}" aria-label="select exception ${e.id}"></td>
      <td><a href="/exceptions/${e.id}">${e.id}</a>${e.status !== 'open' ? html` <span class="muted">(${e.status})</span>` : ''}</td>
      <td>${subjectLink(e)}<div class="muted">${e.connectionId}</div></td>
      <td>${e.reason}</td>
      <td>${e.action} <a href="${e.runbook}">runbook</a></td>
      <td>${ago(e.firstSeenAt, now)}</td>
      <td>${e.assignee ?? '—'}</td>
      <td>${e.subjectType === 'order' ? html`<form method="post" action="/api/exceptions/${e.id}/retry"><input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="back" value="${backUrl}"><button type="submit" aria-label="Retry exception ${e.id}">Retry</button></form>` : ''}
        <a href="/exceptions/${e.id}">Ignore, resolve, assign…</a></td>
    </tr>`)}</tbody>
  </table>
</section>`);
  const summary = html`<p>${inbox.total} exception(s)${inbox.limited ? ' (the first ones only: narrow the filter to see the rest)' : ''}.</p>`;
  return page({ ...frame, title: 'Exceptions', current: '/exceptions' }, html`${filters}${bulk}${summary}${inbox.total === 0 ? html`<p>Nothing here. Good.</p>` : groups}`);
}

export function exceptionPage(frame: Frame, d: ExceptionDetail, now: number): string {
  const e = d.exception;
  const back = `/exceptions/${e.id}`;
  const hidden = html`<input type="hidden" name="_csrf" value="${frame.csrf}"><input type="hidden" name="back" value="${back}">`;
  return page({ ...frame, title: `Exception ${e.id}: ${d.title}`, current: '/exceptions' }, html`
<dl class="facts">
  <dt>Type</dt><dd>${e.type} (owner: ${e.owner})</dd>
  <dt>Status</dt><dd>${e.status}${e.resolvedAt ? ` since ${when(e.resolvedAt)}` : ''}</dd>
  <dt>About</dt><dd>${subjectLink(e)} (connection ${e.connectionId})</dd>
  <dt>Reason</dt><dd>${e.reason}</dd>
  <dt>What to do</dt><dd>${e.action} See the <a href="${e.runbook}">runbook</a>.</dd>
  <dt>Seen</dt><dd>first ${when(e.firstSeenAt)} (${ago(e.firstSeenAt, now)}), last ${when(e.lastSeenAt)}, ${e.occurrences} time(s)</dd>
  <dt>Assigned to</dt><dd>${d.assignment ? `${d.assignment.assignee} (by ${d.assignment.assignedBy}, ${when(d.assignment.assignedAt)})` : 'nobody'}</dd>
</dl>
<div class="actions">
  ${e.subjectType === 'order' ? html`<form method="post" action="/api/exceptions/${e.id}/retry">${hidden}<button type="submit">Retry the order now</button></form>` : ''}
  <form method="post" action="/api/exceptions/${e.id}/ignore">${hidden}<label for="reason">Reason for ignoring</label><input id="reason" name="reason" required><button type="submit">Ignore</button></form>
  <form method="post" action="/api/exceptions/${e.id}/resolve">${hidden}<label for="note">Note</label><input id="note" name="note"><button type="submit">Resolve</button></form>
  <form method="post" action="/api/exceptions/${e.id}/assign">${hidden}<label for="assignee">Assign to (email)</label><input id="assignee" name="assignee" type="email" required><button type="submit">Assign</button></form>
</div>
<h2>History</h2>
${d.history.length === 0 ? html`<p>No one has acted on it yet.</p>` : html`<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Did</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
<tbody>${d.history.map((h) => html`<tr><td>${when(h.at)}</td><td>${h.actor} (${h.role})</td><td>${h.action}</td><td>${h.outcome}</td><td>${h.detail}</td></tr>`)}</tbody></table>`}`);
}
