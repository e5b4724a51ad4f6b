// The Exceptions inbox: GET /exceptions and /exceptions/:id (pages), GET /api/exceptions[/:id] (JSON),
// POST /api/exceptions/:id/{retry|ignore|resolve|assign} and POST /api/exceptions/bulk. Each action is
// checked against the caller's role and the exception's team; refusals answer 403 and are audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assignException, findException, ignoreException, resolveException, retryException, type Actor, type ExceptionAction } from '../../actions/exception-actions.js';
import { decide } from '../../domain/access/roles.js';
import { EXCEPTION_TYPES, type ExceptionType, type OwnerTeam } from '../../domain/exceptions/exception-types.js';
import type { ExceptionRecord, ExceptionStatus } from '../../ports/store.js';
import { exceptionDetail, exceptionsInbox, type InboxFilter } from '../../reports/exceptions-inbox.js';
import type { Result } from '../../domain/shared/result.js';
import { authorize, refuse } from './access-guard.js';
import { actionDone } from './action-reply.js';
import type { ConsoleContext, Principal } from './console-context.js';
import { exceptionPage, exceptionsPage } from './pages/exceptions-page.js';
import { flashFrom } from './pages/layout.js';

interface InboxQuery { team?: OwnerTeam | ''; type?: ExceptionType | ''; status?: ExceptionStatus | 'all'; age?: string; connection?: string; assignee?: string; limit?: number }
interface ActionBody { reason?: string; note?: string; assignee?: string; back?: string; _csrf?: string }
interface BulkBody { ids: string | string[]; action: ExceptionAction; text?: string; back?: string; _csrf?: string }

const ACTIONS: readonly ExceptionAction[] = ['retry', 'ignore', 'resolve', 'assign'];
const inboxQuerySchema = {
  type: 'object',
  properties: {
    team: { type: 'string', enum: ['', 'operations', 'ecommerce', 'finance'] },
    type: { type: 'string', enum: ['', ...EXCEPTION_TYPES] },
    status: { type: 'string', enum: ['open', 'ignored', 'resolved', 'all'] },
    age: { type: 'string', pattern: '^\\d{0,5}$' },
    connection: { type: 'string', maxLength: 40 },
    assignee: { type: 'string', maxLength: 320 },
    limit: { type: 'integer', minimum: 1, maximum: 2000 },
    ok: { type: 'string' }, error: { type: 'string' },
  },
};
const text = { type: 'string', maxLength: 2000 };

function toFilter(q: InboxQuery): InboxFilter {
  return {
    ...(q.team ? { team: q.team } : {}), ...(q.type ? { type: q.type } : {}), status: q.status ?? 'open',
    ...(q.age ? { olderThanHours: Number(q.age) } : {}), ...(q.connection ? { connectionId: q.connection } : {}),
    ...(q.assignee ? { assignee: q.assignee.trim().toLowerCase() } : {}), ...(q.limit ? { limit: q.limit } : {}),
  };
}

export function registerExceptionRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const now = () => ctx.clock.now().getTime();
  app.get<{ Querystring: InboxQuery }>('/api/exceptions', { schema: { querystring: inboxQuerySchema } }, async (request) => exceptionsInbox(ctx.store, toFilter(request.query), now()));
  app.get<{ Querystring: InboxQuery }>('/exceptions', { schema: { querystring: inboxQuerySchema } }, async (request, reply) => {
    const filter = toFilter(request.query);
    const inbox = await exceptionsInbox(ctx.store, filter, now());
    return reply.type('text/html; charset=utf-8').send(exceptionsPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, filter, inbox, request.url, now()));
  });
  const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } };
  app.get<{ Params: { id: number } }>('/api/exceptions/:id', { schema: { params: idParams } }, async (request, reply) => {
    const d = await exceptionDetail(ctx.store, request.params.id);
    return d ?? reply.code(404).send({ error: `no exception ${request.params.id}` });
  });
  app.get<{ Params: { id: number } }>('/exceptions/:id', { schema: { params: idParams } }, async (request, reply) => {
    const d = await exceptionDetail(ctx.store, request.params.id);
    if (!d) return refuse(request, reply, 404, `There is no exception ${request.params.id}.`);
    return reply.type('text/html; charset=utf-8').send(exceptionPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, d, now()));
  });

  app.post<{ Params: { id: number; action: ExceptionAction }; Body: ActionBody }>('/api/exceptions/:id/:action', {
    schema: {
      params: { type: 'object', required: ['id', 'action'], properties: { id: { type: 'integer', minimum: 1 }, action: { type: 'string', enum: [...ACTIONS] } } },
      body: { type: 'object', properties: { reason: text, note: text, assignee: { type: 'string', maxLength: 320 }, back: { type: 'string', maxLength: 1000 }, _csrf: { type: 'string' } } },
    },
  }, async (request, reply) => {
    const { id, action } = request.params;
    const body = request.body ?? {};
    const found = await findException(ctx.store, id);
    if (!found.ok) return refuse(request, reply, 404, found.error);
    if (!(await authorize(ctx, request, reply, 'exception.act', `exception.${action}`, { type: 'exception', id: String(id) }, found.value.owner))) return reply;
    const result = await act(ctx, actorOf(request), found.value, action, action === 'ignore' ? body.reason : action === 'resolve' ? body.note : body.assignee);
    return actionDone(request, reply, body.back ?? `/exceptions/${id}`, result.ok ? { ok: true, message: result.value } : { ok: false, error: result.error });
  });

  app.post<{ Body: BulkBody }>('/api/exceptions/bulk', {
    schema: {
      body: {
        type: 'object', required: ['ids', 'action'],
        properties: {
          ids: { anyOf: [{ type: 'string', pattern: '^\\d+$' }, { type: 'array', maxItems: 500, items: { type: 'string', pattern: '^\\d+$' } }] },
          action: { type: 'string', enum: [...ACTIONS] }, text, back: { type: 'string', maxLength: 1000 }, _csrf: { type: 'string' },
        },
      },
    },
  }, async (request, reply) => bulk(ctx, request, reply));
}

async function bulk(ctx: ConsoleContext, request: FastifyRequest<{ Body: BulkBody }>, reply: FastifyReply): Promise<FastifyReply> {
  const { action, text: words = '', back } = request.body;
  const ids = Array.isArray(request.body.ids) ? request.body.ids : [request.body.ids];
  const actor = actorOf(request);
  const done: number[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    const found = await findException(ctx.store, id);
    if (!found.ok) { failed.push(found.error); continue; }
    const decision = decide(actor.role, 'exception.act', found.value.owner);
    if (!decision.allowed) {
      await ctx.store.console.appendAudit({ at: ctx.workClock.now().getTime(), actor: actor.name, role: actor.role, action: `exception.${action}`, subjectType: 'exception', subjectId: id, outcome: 'refused', detail: decision.reason });
      failed.push(`#${id}: not allowed (${decision.reason})`);
      continue;
    }
    const r = await act(ctx, actor, found.value, action, words);
    if (r.ok) done.push(Number(id)); else failed.push(`#${id}: ${r.error}`);
  }
  const message = `${action}: ${done.length} done${failed.length ? `; ${failed.length} not: ${failed.join('; ')}` : ''}`;
  if (done.length === 0 && failed.length > 0) return actionDone(request, reply, back ?? '/exceptions', { ok: false, error: message });
  return actionDone(request, reply, back ?? '/exceptions', { ok: true, message, json: { done, failed } });
}

async function act(ctx: ConsoleContext, actor: Actor, e: ExceptionRecord, action: ExceptionAction, words = ''): Promise<Result<string, string>> {
  const at = ctx.workClock.now().getTime();
  const label = `exception ${e.id}`;
  switch (action) {
    case 'retry': {
      const r = await retryException(ctx.store, e, actor, at);
      return r.ok ? { ok: true, value: `${label}: order ${e.subjectLabel ?? e.subjectId} queued again; the exception closes when it goes through` } : r;
    }
    case 'ignore': {
      const r = await ignoreException(ctx.store, e, actor, words, at);
      return r.ok ? { ok: true, value: `${label} ignored` } : r;
    }
    case 'resolve': {
      const r = await resolveException(ctx.store, e, actor, words, at);
      return r.ok ? { ok: true, value: `${label} resolved` } : r;
    }
    case 'assign': {
      const r = await assignException(ctx.store, e, actor, words, at);
      return r.ok ? { ok: true, value: `${label} assigned to ${r.value}` } : r;
    }
  }
}

function actorOf(request: FastifyRequest): Actor {
  const p = request.principal as Principal;
  return { name: p.name, role: p.role };
}
