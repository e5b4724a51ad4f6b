// Orders: find one by its order number, commercetools id or Amazon's id; its timeline across both
// systems (what `fba-bridge order` prints) with links to the Merchant Center and Seller Central.
import type { FastifyInstance } from 'fastify';
import { orderTimeline, type OrderTimeline } from '../../reports/order-timeline.js';
import type { ConsoleContext } from './console-context.js';
import { html } from './pages/html.js';
import { page } from './pages/layout.js';
import { when } from './pages/format.js';
import { subjectLink } from './pages/exceptions-page.js';

const SELLER_CENTRAL: Record<string, string> = { A1PA6795UKMFR9: 'sellercentral.amazon.de', A1F83G8C2ARO7P: 'sellercentral.amazon.co.uk', ATVPDKIKX0DER: 'sellercentral.amazon.com', A13V1IB3VIYZZH: 'sellercentral.amazon.fr', APJ6JRA9NG5V4: 'sellercentral.amazon.it', A1RKKUPIHCS9HS: 'sellercentral.amazon.es' };

export function registerOrderRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const schema = { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 }, connection: { type: 'string', maxLength: 40 } } } };
  const links = (t: OrderTimeline) => {
    const c = ctx.config.connections.find((x) => x.id === t.link.connectionId);
    return {
      merchantCenter: c ? `https://mc.${new URL(c.commercetools.apiUrl).hostname.replace(/^api\./, '')}/${encodeURIComponent(c.commercetools.projectKey)}/orders/${encodeURIComponent(t.link.ctOrderId)}` : null,
      sellerCentral: c && t.link.sellerFulfillmentOrderId ? `https://${SELLER_CENTRAL[c.amazon.marketplaceId] ?? 'sellercentral.amazon.com'}/orders-v3/search?q=${encodeURIComponent(t.link.sellerFulfillmentOrderId)}&qt=orderid` : null,
    };
  };
  app.get<{ Querystring: { q?: string; connection?: string } }>('/api/orders', { schema }, async (request, reply) => {
    if (!request.query.q) return reply.code(400).send({ error: 'give ?q=<order number, commercetools id or Amazon id>' });
    const found = await orderTimeline(ctx.store, request.query.q, request.query.connection);
    return found.ok ? { ...found.value, links: links(found.value) } : reply.code(404).send({ error: found.error });
  });
  app.get<{ Querystring: { q?: string; connection?: string } }>('/orders', { schema }, async (request, reply) => {
    const q = request.query.q?.trim() ?? '';
    const found = q ? await orderTimeline(ctx.store, q, request.query.connection) : null;
    const search = html`<form class="filters" method="get" action="/orders" role="search"><label>Order number, commercetools id or Amazon id <input name="q" value="${q}" size="40" required></label><button type="submit">Find</button></form>`;
    let body = html`${search}`;
    if (found && !found.ok) body = html`${search}<p class="message">${found.error}</p>`;
    if (found?.ok) {
      const t = found.value;
      const l = t.link;
      const ln = links(t);
      body = html`${search}
<dl class="facts">
  <dt>Order</dt><dd>${l.orderNumber ?? l.ctOrderId} (commercetools id ${l.ctOrderId}, connection ${l.connectionId})</dd>
  <dt>Bridge state</dt><dd>${l.state}${l.shippingSpeed ? `, ${l.shippingSpeed}` : ''}; ${l.fbaLines} line(s) to FBA, ${l.localLines} local</dd>
  <dt>Amazon</dt><dd>${l.sellerFulfillmentOrderId ?? '(not sent)'}${l.fbaStatus ? `, status ${l.fbaStatus} as of ${when(l.fbaStatusAt)}` : ''}</dd>
  <dt>Open in</dt><dd>${ln.merchantCenter ? html`<a href="${ln.merchantCenter}" rel="noopener" target="_blank">Merchant Center</a>` : ''}${ln.sellerCentral ? html` · <a href="${ln.sellerCentral}" rel="noopener" target="_blank">Seller Central</a>` : ''}</dd>
  ${t.work.map((w) => html`<dt>Work ${w.kind}</dt><dd>${w.state}, ${w.attempts} attempt(s)${w.lastError ? `, last error: ${w.lastError}` : ''}</dd>`)}
</dl>
<h2>Timeline</h2>
<table><thead><tr><th scope="col">When</th><th scope="col">System</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">What</th></tr></thead>
<tbody>${[...t.timeline].sort((a, b) => a.at - b.at || a.id - b.id).map((e) => html`<tr><td>${when(e.at)}</td><td>${e.system}</td><td>${e.action}</td><td>${e.outcome}</td><td>${e.message}</td></tr>`)}</tbody></table>
${t.timeline.length === 0 ? html`<p>Nothing recorded yet.</p>` : ''}
<h2>Exceptions</h2>
${t.exceptions.length === 0 ? html`<p>None.</p>` : html`<ul>${t.exceptions.map((e) => html`<li><a href="/exceptions/${e.id}">#${e.id}</a> ${e.status} ${e.type} (${e.owner}): ${e.reason} — ${subjectLink(e)}</li>`)}</ul>`}`;
    }
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Orders', current: '/orders', principal: request.principal, csrf: reply.generateCsrf() }, body));
  });
}
