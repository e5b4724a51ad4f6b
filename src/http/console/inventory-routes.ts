// Inventory: GET /inventory (the pool's SKU table, drifting filter), GET /inventory/explain?sku=,
// their JSON twins under /api, and POST /api/inventory/sync (mode preview = a dry run, then apply).
import type { FastifyInstance } from 'fastify';
import { decide } from '../../domain/access/roles.js';
import { explainSku, formatExplanation } from '../../reports/inventory-explain.js';
import { inventoryTable } from '../../reports/inventory-table.js';
import { authorize, refuse } from './access-guard.js';
import type { ConsoleContext, Principal } from './console-context.js';
import { html } from './pages/html.js';
import { flashFrom, page } from './pages/layout.js';
import { inventoryPage, syncResultPage } from './pages/inventory-page.js';

interface TableQuery { connection?: string; pool?: string; drifting?: string; after?: string }
interface SyncBody { connection: string; pool: string; mode: 'preview' | 'apply' }

const tableSchema = { type: 'object', properties: { connection: { type: 'string', maxLength: 40 }, pool: { type: 'string', maxLength: 80 }, drifting: { type: 'string', enum: ['', '0', '1'] }, after: { type: 'string', maxLength: 200 }, ok: { type: 'string' }, error: { type: 'string' } } };

export function registerInventoryRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const settings = ctx.config.inventory;
  const connections = ctx.config.connections.map((c) => c.id);
  const pools = settings ? connections.flatMap((c) => settings.pools.map((p) => ({ connectionId: c, poolId: p.id }))) : [];
  const table = async (q: TableQuery) => {
    if (!settings || pools.length === 0) return null;
    const chosen = pools.find((p) => p.poolId === q.pool && (!q.connection || p.connectionId === q.connection)) ?? pools[0]!;
    return inventoryTable(ctx.store, chosen.connectionId, settings, chosen.poolId, { driftingOnly: q.drifting === '1', after: q.after ?? null, now: ctx.clock.now().getTime() });
  };
  app.get<{ Querystring: TableQuery }>('/api/inventory', { schema: { querystring: tableSchema } }, async (request) => ({ pools, table: await table(request.query) }));
  app.get<{ Querystring: TableQuery }>('/inventory', { schema: { querystring: tableSchema } }, async (request, reply) => reply.type('text/html; charset=utf-8').send(inventoryPage(
    { principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) },
    await table(request.query), pools, request.query.drifting === '1', decide((request.principal as Principal).role, 'inventory.sync').allowed, ctx.clock.now().getTime())));

  const skuSchema = { querystring: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 1, maxLength: 200 } } } };
  const explain = async (sku: string) => settings ? Promise.all(connections.map(async (c) => ({ connection: c, pools: await explainSku(ctx.store, c, settings, sku) }))) : [];
  app.get<{ Querystring: { sku: string } }>('/api/inventory/explain', { schema: skuSchema }, async (request) => ({ sku: request.query.sku, connections: await explain(request.query.sku) }));
  app.get<{ Querystring: { sku: string } }>('/inventory/explain', { schema: skuSchema }, async (request, reply) => {
    const sku = request.query.sku.trim();
    const found = await explain(sku);
    return reply.type('text/html; charset=utf-8').send(page({ title: `Why ${sku} shows what it shows`, current: '/inventory', principal: request.principal, csrf: reply.generateCsrf() },
      html`${found.map((c) => html`<h2>Connection ${c.connection}</h2><pre class="explain">${formatExplanation(sku, c.pools)}</pre>`)}<p><a href="/inventory">Back to the inventory</a></p>`));
  });

  app.post<{ Body: SyncBody }>('/api/inventory/sync', {
    schema: { body: { type: 'object', required: ['connection', 'pool', 'mode'], properties: { connection: { type: 'string', maxLength: 40 }, pool: { type: 'string', maxLength: 80 }, mode: { type: 'string', enum: ['preview', 'apply'] }, _csrf: { type: 'string' } } } },
  }, async (request, reply) => {
    const { connection, pool, mode } = request.body;
    if (!(await authorize(ctx, request, reply, 'inventory.sync', `inventory.sync-${mode}`, { type: 'pool', id: pool }))) return reply;
    const runner = ctx.inventory.get(connection);
    if (!runner || !runner.pools.some((p) => p.id === pool)) return refuse(request, reply, 400, `No inventory sync runs for pool "${pool}" of connection "${connection}".`);
    const summaries = await runner.run({ kind: 'full' }, { poolId: pool, dryRun: mode === 'preview' });
    const p = request.principal as Principal;
    const changes = summaries.reduce((n, s) => n + s.written, 0);
    await ctx.store.console.appendAudit({ at: ctx.workClock.now().getTime(), actor: p.name, role: p.role, action: `inventory.sync-${mode}`, subjectType: 'pool', subjectId: pool, outcome: summaries.some((s) => s.error) ? 'failed' : 'ok', detail: `${changes} entr${changes === 1 ? 'y' : 'ies'} ${mode === 'preview' ? 'would change' : 'changed'}` });
    if (request.headers['content-type']?.startsWith('application/json')) return { summaries };
    return reply.type('text/html; charset=utf-8').send(syncResultPage({ principal: request.principal, csrf: reply.generateCsrf() }, connection, pool, summaries, mode === 'preview'));
  });
}
