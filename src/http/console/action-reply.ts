// How an action answers: a browser form goes back to the page it came from with what happened
// (303 + ?ok=… / ?error=…); a script gets JSON (200, or 400 with { error }).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { wantsHtml } from './access-guard.js';
import { safeNext, withFlash } from './redirects.js';

export function actionDone(request: FastifyRequest, reply: FastifyReply, back: unknown, outcome: { ok: true; message: string; json?: unknown } | { ok: false; error: string }): FastifyReply {
  if (wantsHtml(request)) return reply.redirect(withFlash(safeNext(back), outcome.ok ? 'ok' : 'error', outcome.ok ? outcome.message : outcome.error), 303);
  if (!outcome.ok) return reply.code(400).send({ error: outcome.error });
  return reply.send({ ok: true, message: outcome.message, ...(outcome.json !== undefined ? { result: outcome.json } : {}) });
}
