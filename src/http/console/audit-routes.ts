// The Audit log: every console action by every person (refusals included), newest first, filterable
// by person; each order's own page shows the bridge's writes beside them (order timeline).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from './console-context.js';
import { html } from './pages/html.js';
import { page } from './pages/layout.js';
import { when } from './pages/format.js';

interface AuditQuery { actor?: string; before?: number; limit?: number }

export function registerAuditRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const schema = { querystring: { type: 'object', properties: { actor: { type: 'string', maxLength: 320 }, before: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } } };
  const list = (q: AuditQuery) => ctx.store.console.listAudit({ ...(q.actor ? { actor: q.actor } : {}), ...(q.before ? { beforeId: q.before } : {}), limit: q.limit ?? 200 });
  app.get<{ Querystring: AuditQuery }>('/api/audit', { schema }, async (request) => ({ entries: await list(request.query) }));
  app.get<{ Querystring: AuditQuery }>('/audit', { schema }, async (request, reply) => {
    const entries = await list(request.query);
    const last = entries.at(-1);
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Audit log', current: '/audit', principal: request.principal, csrf: reply.generateCsrf() }, html`
<form class="filters" method="get" action="/audit"><label>Person <input name="actor" value="${request.query.actor ?? ''}" size="30"></label><button type="submit">Filter</button></form>
<p>Every action taken in the console or with <code>fba-bridge</code> commands. The bridge's own writes to commercetools and Amazon are on each order's timeline.</p>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Role</th><th scope="col">Action</th><th scope="col">On</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
<tbody>${entries.map((e) => html`<tr class="${e.outcome}"><td>${when(e.at)}</td><td>${e.actor}</td><td>${e.role}</td><td>${e.action}</td><td>${e.subjectType === 'exception' ? html`<a href="/exceptions/${e.subjectId}">exception ${e.subjectId}</a>` : `${e.subjectType} ${e.subjectId}`}</td><td>${e.outcome}</td><td>${e.detail}</td></tr>`)}</tbody></table>
${last && entries.length >= (request.query.limit ?? 200) ? html`<p><a href="/audit?before=${last.id}${request.query.actor ? `&actor=${encodeURIComponent(request.query.actor)}` : ''}">Older entries</a></p>` : ''}`));
  });
}
