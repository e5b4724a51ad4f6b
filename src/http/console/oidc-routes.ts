// Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce) through
// openid-client: GET /login/sso sends the person to the identity provider, GET /login/sso/callback
// checks the answer, takes the role from the configured claim (ID token, else userinfo) and starts a
// session. People without a known role are refused and audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { isRole, ROLES, type Role } from '../../domain/access/roles.js';
import type { OidcSettings } from '../../config/access-schema.js';
import type { ConsoleContext } from './console-context.js';
import { refuse } from './access-guard.js';
import { startSession } from './principal.js';
import { safeNext } from './redirects.js';

const FLOW_COOKIE = 'fba_sso';
const FLOW_SECONDS = 600;

interface Flow { readonly state: string; readonly nonce: string; readonly verifier: string; readonly next: string }

export function registerOidcRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const settings = ctx.access.oidc;
  if (!settings) return;
  let configuration: Promise<oidc.Configuration> | null = null;
  // Discovered on first use, and again after a failure (the provider may have been down).
  const discover = () => {
    configuration ??= discoverProvider(settings).catch((error: unknown) => { configuration = null; throw error; });
    return configuration;
  };
  const redirectUri = (request: FastifyRequest) => `${ctx.access.consoleUrl ?? `${request.protocol}://${request.host}`}/login/sso/callback`;

  app.get<{ Querystring: { next?: string } }>('/login/sso', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 500 } } } },
  }, async (request, reply) => {
    let config: oidc.Configuration;
    try {
      config = await discover();
    } catch (error) {
      ctx.logger.error('single sign-on: the identity provider cannot be reached', { error, issuer: settings.issuerUrl });
      return refuse(request, reply, 503, 'Single sign-on is not available right now (the identity provider does not answer). Try again, or sign in with a password.');
    }
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next: safeNext(request.query.next) };
    reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), { path: '/login/sso', httpOnly: true, secure: true, sameSite: 'lax', maxAge: FLOW_SECONDS });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(request), scope: 'openid email profile', state: flow.state, nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier), code_challenge_method: 'S256',
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/login/sso/callback', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => callback(ctx, settings, discover, redirectUri(request), request, reply));
}

async function discoverProvider(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  // Plain http only for a provider on this machine (tests, local development); anything else must be https.
  const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return oidc.discovery(issuer, settings.clientId, settings.clientSecret.reveal(), undefined, loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
}

async function callback(ctx: ConsoleContext, settings: OidcSettings, discover: () => Promise<oidc.Configuration>, redirectUri: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const raw = request.cookies[FLOW_COOKIE];
  reply.clearCookie(FLOW_COOKIE, { path: '/login/sso' });
  const flow = raw ? parseFlow(raw) : null;
  if (!flow) return refuse(request, reply, 400, 'The sign-in took too long or started elsewhere. Start again from the sign-in page.');
  const at = ctx.workClock.now().getTime();
  let claims: Record<string, unknown>;
  try {
    const config = await discover();
    const current = new URL(request.url, redirectUri);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(current.pathname + current.search, redirectUri), { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    claims = { ...tokens.claims() };
    if (claims[settings.roleClaim] === undefined || claims.email === undefined) {
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
    }
  } catch (error) {
    ctx.logger.warn('single sign-on refused', { error });
    await ctx.store.console.appendAudit({ at, actor: 'unknown', role: 'viewer', action: 'sign-in', subjectType: 'session', subjectId: 'sso', outcome: 'refused', detail: `the identity provider's answer did not verify: ${(error as Error).message}` });
    return refuse(request, reply, 401, 'Single sign-on failed: the identity provider\'s answer did not verify. Start again from the sign-in page.');
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  const role = roleFrom(claims[settings.roleClaim]);
  if (!email || !role) {
    const why = !email ? 'the identity provider sent no email address' : `the "${settings.roleClaim}" claim names no fba-bridge role (${ROLES.join(', ')})`;
    await ctx.store.console.appendAudit({ at, actor: email ?? String(claims.sub), role: 'viewer', action: 'sign-in', subjectType: 'session', subjectId: 'sso', outcome: 'refused', detail: why });
    return refuse(request, reply, 403, `Not allowed: ${why}. Ask an administrator to give you a role.`);
  }
  const existing = await ctx.store.console.getUser(email);
  const user = { email, role, passwordHash: existing?.passwordHash ?? null, source: existing?.source ?? 'sso' as const, createdAt: existing?.createdAt ?? at };
  await ctx.store.console.upsertUser(user);
  await startSession(ctx, reply, user);
  await ctx.store.console.appendAudit({ at, actor: email, role, action: 'sign-in', subjectType: 'session', subjectId: 'sso', outcome: 'ok', detail: `single sign-on from ${request.ip}` });
  return reply.redirect(flow.next, 303);
}

/** A role claim may be one string or a list (groups): the first known role wins. */
function roleFrom(value: unknown): Role | null {
  const values = Array.isArray(value) ? value : [value];
  return values.find(isRole) ?? null;
}

function parseFlow(raw: string): Flow | null {
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof f.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string' ? { state: f.state, nonce: f.nonce, verifier: f.verifier, next: safeNext(f.next) } : null;
  } catch {
    return null;
  }
}
