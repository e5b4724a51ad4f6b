// Signing in and out: the login form (throttled per address and per account), one-time login links
// (the demo prints one), and sign-out. Every sign-in and every refused one is audited.
import type { FastifyInstance } from 'fastify';
import { checkLocalLogin } from '../../actions/people.js';
import { tokenHash } from '../../adapters/auth/secret-token.js';
import type { ConsoleContext } from './console-context.js';
import { loginPage } from './pages/login-page.js';
import { endSession, startSession } from './principal.js';
import { safeNext } from './redirects.js';

const LOGIN_ATTEMPTS_PER_MINUTE = 10;

export function registerAuthRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get<{ Querystring: { next?: string } }>('/login', {
    schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 500 } } } },
  }, async (request, reply) => {
    if (request.principal) return reply.redirect(safeNext(request.query.next));
    return reply.type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf(), { sso: ctx.access.oidc !== undefined, next: safeNext(request.query.next) }));
  });

  app.post<{ Body: { email: string; password: string; next?: string } }>('/login', {
    config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (r) => `${r.ip}:${String((r.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}` } },
    schema: {
      body: {
        type: 'object', required: ['email', 'password'],
        properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1024 }, next: { type: 'string', maxLength: 500 }, _csrf: { type: 'string' } },
      },
    },
  }, async (request, reply) => {
    const user = await checkLocalLogin(ctx.store, request.body.email, request.body.password);
    const at = ctx.workClock.now().getTime();
    if (!user) {
      await ctx.store.console.appendAudit({ at, actor: request.body.email.trim().toLowerCase(), role: 'viewer', action: 'sign-in', subjectType: 'session', subjectId: 'local', outcome: 'refused', detail: `wrong email or password from ${request.ip}` });
      return reply.code(401).type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf(), { sso: ctx.access.oidc !== undefined, error: 'Wrong email or password.', next: safeNext(request.body.next) }));
    }
    await startSession(ctx, reply, user);
    await ctx.store.console.appendAudit({ at, actor: user.email, role: user.role, action: 'sign-in', subjectType: 'session', subjectId: 'local', outcome: 'ok', detail: `from ${request.ip}` });
    return reply.redirect(safeNext(request.body.next), 303);
  });

  // A one-time link signs its person in once; a second visit finds it spent.
  app.get<{ Querystring: { token: string } }>('/login/once', {
    config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { querystring: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 20, maxLength: 200 } } } },
  }, async (request, reply) => {
    const at = ctx.workClock.now().getTime();
    const email = await ctx.store.console.useLoginLink(tokenHash(request.query.token), at);
    const user = email ? await ctx.store.console.getUser(email) : null;
    if (!user) return reply.code(401).type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf(), { sso: ctx.access.oidc !== undefined, error: 'That one-time login link was already used or has expired. Sign in with a password instead.' }));
    await startSession(ctx, reply, user);
    await ctx.store.console.appendAudit({ at, actor: user.email, role: user.role, action: 'sign-in', subjectType: 'session', subjectId: 'one-time-link', outcome: 'ok', detail: `from ${request.ip}` });
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (request, reply) => {
    await endSession(ctx, request, reply);
    return reply.redirect('/login', 303);
  });
}
