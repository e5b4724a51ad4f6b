// The operations console on Fastify: security headers, cookies, CSRF on every state-changing request
// made with a session, login throttling, form and upload parsing, static assets from the package, and
// the pages and JSON API of each area. Nothing but the sign-in pages and assets answers without a principal.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { ConsoleContext } from './console-context.js';
import { resolvePrincipal } from './principal.js';
import { refuse } from './access-guard.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerOidcRoutes } from './oidc-routes.js';
import { registerOverviewRoutes } from './overview-routes.js';
import { registerExceptionRoutes } from './exceptions-routes.js';
import { registerPageRoutes } from './area-routes.js';

// src/http/console under tsx, dist/http/console after the build: the package root is three levels up.
const ASSETS = fileURLToPath(new URL('../../../console-ui/assets/', import.meta.url));
const RUNBOOKS = fileURLToPath(new URL('../../../docs/runbooks/', import.meta.url));
const UPLOT = dirname(createRequire(import.meta.url).resolve('uplot/package.json')) + '/dist/';
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const PUBLIC = [/^\/login(\/once|\/sso|\/sso\/callback)?(\?|$)/, /^\/assets\//];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function consolePlugin(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], frameAncestors: ["'none'"] } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { path: '/', httpOnly: true, secure: true, sameSite: 'strict' }, getToken: csrfToken });
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', decorateReply: false, index: false });
  await app.register(fastifyStatic, { root: UPLOT, prefix: '/assets/uplot/', decorateReply: false, index: false });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    request.principal = await resolvePrincipal(ctx, request);
    if (request.principal || PUBLIC.some((p) => p.test(request.url))) return;
    if (request.url.startsWith('/api/')) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'sign in first, or send Authorization: Bearer <API token> (`fba-bridge tokens create`)' });
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  });
  // Every state-changing request made with a session cookie must carry the page's CSRF token; scripts
  // using an API token send no cookie, so a forged cross-site request cannot borrow their authority.
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!STATE_CHANGING.has(request.method) || request.principal?.via === 'token') return done();
    app.csrfProtection(request, reply, done);
  });

  registerAuthRoutes(app, ctx);
  registerOidcRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  registerExceptionRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  app.get<{ Params: { name: string } }>('/runbooks/:name', { schema: { params: { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z0-9-]+\\.md$' } } } } }, async (request, reply) => {
    try {
      const { readFile } = await import('node:fs/promises');
      return reply.type('text/plain; charset=utf-8').send(await readFile(RUNBOOKS + request.params.name, 'utf8'));
    } catch {
      return refuse(request, reply, 404, `There is no runbook ${request.params.name}.`);
    }
  });
}

/** The CSRF token: the X-CSRF-Token header (scripts, fetch) or the form's _csrf field. */
function csrfToken(request: FastifyRequest): string | void {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  if (body && typeof body._csrf === 'string') return body._csrf;
}
