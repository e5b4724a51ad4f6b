// Every state-changing request asks here: is the caller allowed? A refusal answers 403 (a page for a
// browser form, JSON for scripts) and is written to the console audit with the reason.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decide, type ConsoleAction } from '../../domain/access/roles.js';
import type { OwnerTeam } from '../../domain/exceptions/exception-types.js';
import type { ConsoleContext, Principal } from './console-context.js';
import { messagePage } from './pages/message-page.js';

export interface Subject {
  readonly type: string;
  readonly id: string;
}

/** True when the principal may; otherwise the 403 is sent and audited, and false is returned. */
export async function authorize(ctx: ConsoleContext, request: FastifyRequest, reply: FastifyReply, action: ConsoleAction, auditAction: string, subject: Subject, team?: OwnerTeam): Promise<boolean> {
  const who = request.principal as Principal;
  const decision = decide(who.role, action, team);
  if (decision.allowed) return true;
  await ctx.store.console.appendAudit({
    at: ctx.workClock.now().getTime(), actor: who.name, role: who.role, action: auditAction, subjectType: subject.type, subjectId: subject.id, outcome: 'refused', detail: decision.reason,
  });
  await refuse(request, reply, 403, `Not allowed: ${decision.reason}.`);
  return false;
}

/** A browser form gets a page; scripts get { error }. */
export function wantsHtml(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data') || (request.method === 'GET' && !request.url.startsWith('/api/'));
}

export function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  reply.code(status);
  if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(messagePage(request.principal, status === 403 ? 'Not allowed' : 'Cannot do that', message));
  return reply.send({ error: message });
}
