// The bridge's one HTTP server (Fastify): event intake, health and metrics (the bridge routes, carried
// over unchanged) and the operations console with its JSON API, on config.port; /metrics alone on
// METRICS_PORT when that is set.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Routes } from '../routes.js';
import type { Logger } from '../../ports/logger.js';
import type { ConsoleContext } from '../console/console-context.js';
import { consolePlugin } from '../console/console-plugin.js';
import { registerBridgeRoutes } from './bridge-routes-adapter.js';
import { errorHandler } from './fastify-errors.js';
import { intakeAuthenticator } from './intake-auth.js';
import { SourceRateLimiter } from '../source-rate-limiter.js';
import type { RateLimitSpec } from '../../engine/token-bucket.js';

/** Intake bodies (commercetools messages, Amazon notifications) are small; uploads have their own limit. */
export const MAX_BODY_BYTES = 1_048_576;

export interface BridgeServer {
  readonly port: number;
  readonly metricsPort: number | null;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** What one sender may take; the defaults are the production limits (issue 8). Tests shorten them. */
export interface ServerLimits {
  /** The request line and headers must arrive within this. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** POSTs per source address. Default 100/s with a burst of 500. */
  readonly postsPerSource?: RateLimitSpec;
}

export async function startBridgeServer(routes: Routes, ctx: ConsoleContext, port: number, host = '0.0.0.0', limits: ServerLimits = {}): Promise<BridgeServer> {
  const logger = ctx.logger;
  const intake = intakeAuthenticator(ctx.access);
  if (!intake.configured) logger.warn('no intake credential is configured (INTAKE_SECRET or PUBSUB_AUDIENCE): event intake answers 401 to everything; polling still moves every order');
  const metricsToken = ctx.access.metricsToken?.reveal();
  const app = build(logger, limits);
  // The bridge routes sit outside the console's scope: its cookies, CSRF and sign-in do not apply to them.
  registerBridgeRoutes(app, routes, { intake, logger, ...(metricsToken ? { metricsToken } : {}) }, (path) => path !== '/metrics' || ctx.access.metricsPort === undefined);
  await app.register(async (scope) => consolePlugin(scope, ctx));
  await app.listen({ port, host });
  let metrics: FastifyInstance | null = null;
  if (ctx.access.metricsPort !== undefined) {
    metrics = build(logger, limits);
    registerBridgeRoutes(metrics, routes, { intake, logger, metricsOpen: metricsToken === undefined, ...(metricsToken ? { metricsToken } : {}) }, (path) => path === '/metrics');
    await metrics.listen({ port: ctx.access.metricsPort, host });
  }
  return {
    port: portOf(app),
    metricsPort: metrics ? portOf(metrics) : null,
    app,
    close: async () => {
      await metrics?.close();
      await app.close();
    },
  };
}

/** What one bad or slow sender can take stays bounded, as on the node:http server it replaced (issue 8). */
function build(logger: Logger, limits: ServerLimits): FastifyInstance {
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES, logger: false, return503OnClosing: true, forceCloseConnections: 'idle', requestTimeout: limits.requestTimeoutMs ?? 30_000,
    // node checks those timeouts on this interval (default 30 s): often enough that they hold.
    http: { connectionsCheckingInterval: 1_000 },
  });
  app.server.headersTimeout = limits.headersTimeoutMs ?? 10_000;
  // POSTs per source address (the socket's, not X-Forwarded-For): 429 with Retry-After beyond the rate.
  const limiter = new SourceRateLimiter(limits.postsPerSource);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const wait = limiter.retryAfterSeconds(request.socket.remoteAddress ?? 'unknown');
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).header('connection', 'close').send({ error: `too many requests from this address; retry after ${wait} s` });
  });
  app.setErrorHandler(errorHandler(logger.child({ component: 'http' }), MAX_BODY_BYTES));
  app.setNotFoundHandler(async (request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }));
  return app;
}

function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
