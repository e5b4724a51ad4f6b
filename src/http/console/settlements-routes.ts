// Settlements: GET /settlements and /settlements/:id (pages), GET /api/settlements[/:id] (JSON),
// POST /api/settlements/import (upload a file: finance and admin) and the journal downloads.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../domain/settlements/default-chart-of-accounts.js';
import type { SettlementJournal } from '../../domain/settlements/journal-entry.js';
import { decide } from '../../domain/access/roles.js';
import { keepJournal } from '../../flows/settlements/keep-journal.js';
import { exportJournal, EXPORT_FORMATS, type ExportFormat } from '../../adapters/ledger/journal-formats.js';
import { importSettlement } from '../../flows/settlements/settlement-import.js';
import { settlementOrderEconomics } from '../../flows/settlements/settlement-order-economics.js';
import { authorize, refuse } from './access-guard.js';
import { actionDone } from './action-reply.js';
import type { ConsoleContext, Principal } from './console-context.js';
import { settlementPage, settlementsPage } from './pages/settlements-page.js';
import { flashFrom } from './pages/layout.js';

interface IdParams { id: string }
interface ConnQuery { connection?: string; format?: ExportFormat }

const idSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } };
const connSchema = { type: 'object', properties: { connection: { type: 'string', maxLength: 40 }, format: { type: 'string', enum: [...EXPORT_FORMATS] }, ok: { type: 'string' }, error: { type: 'string' } } };

export function registerSettlementRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const connectionIds = async () => (await ctx.store.connections.list()).map((c) => c.id);
  const list = async () => (await Promise.all((await connectionIds()).map((c) => ctx.store.settlements.list(c, 100)))).flat().sort((a, b) => b.importedAt - a.importedAt);
  const economics = async (id: string, connection?: string) => {
    for (const c of connection ? [connection] : await connectionIds()) {
      const e = await settlementOrderEconomics(ctx.store, c, id);
      if (e) return e;
    }
    return null;
  };
  const can = (request: FastifyRequest, action: 'settlement.import' | 'journal.download') => decide((request.principal as Principal).role, action).allowed;

  app.get('/api/settlements', async () => ({ settlements: (await list()).map((s) => ({ ...s })) }));
  app.get('/settlements', { schema: { querystring: connSchema } }, async (request, reply) => reply.type('text/html; charset=utf-8').send(
    settlementsPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, await list(), can(request, 'settlement.import'), await connectionIds())));
  app.get<{ Params: IdParams; Querystring: ConnQuery }>('/api/settlements/:id', { schema: { params: idSchema, querystring: connSchema } }, async (request, reply) =>
    (await economics(request.params.id, request.query.connection)) ?? reply.code(404).send({ error: `settlement ${request.params.id} has not been imported` }));
  app.get<{ Params: IdParams; Querystring: ConnQuery }>('/settlements/:id', { schema: { params: idSchema, querystring: connSchema } }, async (request, reply) => {
    const e = await economics(request.params.id, request.query.connection);
    if (!e) return refuse(request, reply, 404, `Settlement ${request.params.id} has not been imported.`);
    const journal = await ctx.store.console.journal(e.settlement.connectionId, e.settlement.settlementId);
    return reply.type('text/html; charset=utf-8').send(settlementPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, e, journal !== null, can(request, 'journal.download')));
  });

  app.get<{ Params: { id: string; ext: string }; Querystring: ConnQuery }>('/api/settlements/:id/journal.:ext', {
    schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 }, ext: { type: 'string', enum: ['csv', 'json'] } } }, querystring: connSchema },
  }, async (request, reply) => {
    const { id } = request.params;
    if (!(await authorize(ctx, request, reply, 'journal.download', 'journal.download', { type: 'settlement', id }))) return reply;
    const e = await economics(id, request.query.connection);
    const text = e ? await ctx.store.console.journal(e.settlement.connectionId, id) : null;
    if (!e || text === null) return refuse(request, reply, 404, `No journal is kept for settlement ${id} (imported before journals were kept): import its file again (upload it here, or run fba-bridge settlement import) to build it.`);
    const format = request.query.format ?? (request.params.ext === 'json' ? 'json' : 'xero');
    const p = request.principal as Principal;
    await ctx.store.console.appendAudit({ at: ctx.workClock.now().getTime(), actor: p.name, role: p.role, action: 'journal.download', subjectType: 'settlement', subjectId: id, outcome: 'ok', detail: format });
    return reply.type(format === 'json' ? 'application/json' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="settlement-${id.replace(/[^\w-]/g, '')}-${format}.${format === 'json' ? 'json' : 'csv'}"`)
      .send(exportJournal(JSON.parse(text) as SettlementJournal, format));
  });

  app.post('/api/settlements/import', async (request, reply) => upload(ctx, request, reply, await connectionIds()));
}

async function upload(ctx: ConsoleContext, request: FastifyRequest, reply: FastifyReply, connections: readonly string[]): Promise<FastifyReply> {
  const body = (request.body ?? {}) as { file?: unknown; connection?: unknown };
  const connectionId = typeof body.connection === 'string' && body.connection ? body.connection : connections[0];
  const name = (request.body as { file?: unknown } | undefined)?.file;
  if (!(await authorize(ctx, request, reply, 'settlement.import', 'settlement.import', { type: 'settlement', id: 'upload' }))) return reply;
  if (!connectionId || !connections.includes(connectionId)) return refuse(request, reply, 400, `No connection "${String(body.connection)}".`);
  if (!Buffer.isBuffer(name) || name.length === 0) return refuse(request, reply, 400, 'Choose a settlement file to upload (multipart field "file").');
  const bytes = name;
  const outcome = await importSettlement({
    store: ctx.store, connectionId, chart: ctx.config.settlementChart ?? DEFAULT_CHART_OF_ACCOUNTS, now: ctx.clock.now().getTime(),
    source: (async function* () { yield new Uint8Array(await gunzipIfNeeded(bytes)); })(),
  });
  const p = request.principal as Principal;
  const at = ctx.workClock.now().getTime();
  if (outcome.status === 'rejected' || outcome.status === 'conflict') {
    const why = outcome.status === 'rejected'
      ? `the file was rejected: ${outcome.problems.slice(0, 3).map((x) => `line ${x.lineNumber}: ${x.problem}`).join('; ')}${outcome.problemCount > 3 ? ` (and ${outcome.problemCount - 3} more)` : ''}`
      : `settlement ${outcome.existing.settlementId} was already imported from another file`;
    await ctx.store.console.appendAudit({ at, actor: p.name, role: p.role, action: 'settlement.import', subjectType: 'settlement', subjectId: outcome.header?.settlementId ?? 'upload', outcome: 'failed', detail: why });
    return actionDone(request, reply, '/settlements', { ok: false, error: `Nothing imported: ${why}.` });
  }
  const id = outcome.settlement.settlementId;
  await keepJournal(ctx.store, connectionId, outcome, at);
  await ctx.store.console.appendAudit({ at, actor: p.name, role: p.role, action: 'settlement.import', subjectType: 'settlement', subjectId: id, outcome: 'ok', detail: `${outcome.status}, ${outcome.settlement.rowCount} rows` });
  return actionDone(request, reply, `/settlements/${encodeURIComponent(id)}?connection=${encodeURIComponent(connectionId)}`, {
    ok: true, message: `Settlement ${id} ${outcome.status === 'imported' ? 'imported' : 'was already imported from this file'}.`, json: { settlementId: id, status: outcome.status, summary: outcome.stored },
  });
}

async function gunzipIfNeeded(bytes: Buffer): Promise<Buffer> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const { gunzipSync } = await import('node:zlib');
  return gunzipSync(bytes);
}
