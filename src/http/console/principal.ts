// Who is asking: a session cookie (people in a browser) or `Authorization: Bearer fbat_…` (scripts).
// A session takes the person's current role, so a role change or removal applies at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_TOKEN_PREFIX } from '../../actions/people.js';
import { newSecretToken, tokenHash } from '../../adapters/auth/secret-token.js';
import type { ConsoleUser } from '../../ports/console-store.js';
import { SESSION_COOKIE, type ConsoleContext, type Principal } from './console-context.js';

export async function resolvePrincipal(ctx: ConsoleContext, request: FastifyRequest): Promise<Principal | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer?.startsWith(API_TOKEN_PREFIX)) {
    const token = await ctx.store.console.findToken(tokenHash(bearer));
    return token ? { name: `token:${token.id}`, role: token.role, via: 'token' } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const hash = tokenHash(cookie);
  const session = await ctx.store.console.getSession(hash, ctx.workClock.now().getTime());
  if (!session) return null;
  const user = await ctx.store.console.getUser(session.email);
  return user ? { name: user.email, role: user.role, via: 'session', sessionHash: hash } : null;
}

/** A fresh session for the person (a new id at every sign-in: no fixation), in a secure HTTP-only cookie. */
export async function startSession(ctx: ConsoleContext, reply: FastifyReply, user: ConsoleUser): Promise<void> {
  const id = newSecretToken();
  const now = ctx.workClock.now().getTime();
  await ctx.store.console.createSession({ idHash: tokenHash(id), email: user.email, role: user.role, createdAt: now, expiresAt: now + ctx.access.sessionMs });
  reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: Math.floor(ctx.access.sessionMs / 1000) });
}

export async function endSession(ctx: ConsoleContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.principal?.sessionHash) await ctx.store.console.deleteSession(request.principal.sessionHash);
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}
