// Carries the bridge's routes (intake, health, metrics: ../bridge-routes.ts) onto Fastify unchanged:
// each handler still receives the parsed body and the URL and answers { status, body, contentType }.
// Intake is authenticated before its body is read; /metrics needs METRICS_TOKEN unless it is served
// on METRICS_PORT alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Routes } from '../routes.js';
import type { IntakeAuthenticator, IntakeSource } from './intake-auth.js';
import type { Logger } from '../../ports/logger.js';
import { sameSecret } from '../../adapters/auth/secret-token.js';

const INTAKE: Record<string, IntakeSource> = { '/events/commercetools': 'commercetools', '/events/amazon': 'amazon' };

export interface RouteGuards {
  readonly intake: IntakeAuthenticator;
  /** The bearer token /metrics needs; undefined: /metrics is not served on this listener unless `metricsOpen`. */
  readonly metricsToken?: string;
  /** Serve /metrics without a token (the dedicated METRICS_PORT listener). */
  readonly metricsOpen?: boolean;
  readonly logger: Logger;
}

export function registerBridgeRoutes(app: FastifyInstance, routes: Routes, guards: RouteGuards, only?: (path: string) => boolean): void {
  for (const [key, route] of Object.entries(routes)) {
    const [method, path] = key.split(' ') as [string, string];
    if (only && !only(path)) continue;
    app.route({
      method: method as 'GET' | 'POST',
      url: path,
      onRequest: async (request, reply) => guard(path, request, reply, guards),
      handler: async (request, reply) => {
        const answer = await route({ body: request.body, url: new URL(request.url, 'http://localhost') });
        reply.code(answer.status);
        if (answer.contentType) return reply.type(answer.contentType).send(answer.body);
        return reply.send(answer.body);
      },
    });
  }
}

async function guard(path: string, request: FastifyRequest, reply: FastifyReply, guards: RouteGuards): Promise<void> {
  const source = INTAKE[path];
  if (source) {
    const refused = guards.intake.configured ? await guards.intake.check(source, request.headers.authorization) : 'no intake credential is configured';
    if (refused === null) return;
    guards.logger.warn('intake request refused', { path, reason: refused });
    // Closing the connection: the refused body is never read.
    return reply.code(401).header('www-authenticate', 'Bearer').header('connection', 'close').send({ error: 'unauthorized: send Authorization: Bearer <INTAKE_SECRET> or a Pub/Sub push token' });
  }
  if (path === '/metrics' && !guards.metricsOpen) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (guards.metricsToken !== undefined && token !== undefined && sameSecret(token, guards.metricsToken)) return;
    return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN> (or set METRICS_PORT)' });
  }
}
