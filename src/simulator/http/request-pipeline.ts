// Every request goes through the same steps, in the order Amazon's front door applies them:
//   request id → route → access token (403) → the seller's token bucket for the operation (429) → injected latency
//   and faults → the operation → (faults that strike after the effect) → answer with headers.
// Sandbox-setup and admin routes skip the SP-API steps they do not need.
// Docs: https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits-in-the-sp-api
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AmazonErrors, type ErrorAnswer } from '../amazon-errors.js';
import type { AccessTokens } from '../api/lwa-routes.js';
import { streamFor } from '../seeded-random.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { FaultDecision, FaultInjector } from './fault-injector.js';
import type { Availability } from './availability.js';
import { parseJsonBody, readBody, sendJson, sendRaw, sleep, type RealTimer } from './http-io.js';
import type { SimRequest, SimResponse } from './route.js';
import type { Router } from './router.js';
import type { OperationRateLimiter } from './token-bucket.js';

export interface PipelineDeps {
  readonly seed: number;
  readonly router: Router;
  readonly warehouse: Warehouse;
  readonly tokens: AccessTokens;
  readonly limiter: OperationRateLimiter;
  readonly injector: FaultInjector;
  /** How long an injected timeout holds the socket (read per request: faults change at run time). */
  readonly timeoutMs: () => number;
  /** Sockets held by injected timeouts, destroyed when the simulator closes. */
  readonly held: Set<Socket>;
  readonly availability: Availability;
  /** Real-time waits: injected latency, and how long a timed-out socket is held. */
  readonly timer: RealTimer;
}

export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  let counter = 0;
  return (req, res) => {
    counter += 1;
    const requestId = requestIdFor(deps.seed, counter);
    handle(deps, req, res, requestId).catch((error: unknown) => {
      // A bug in the simulator shows as Amazon's InternalFailure, with the cause on stderr.
      console.error(`simulator: ${req.method} ${req.url} failed:`, error);
      const failure = AmazonErrors.internalFailure();
      sendJson(res, failure.status, failure.body, { 'x-amzn-RequestId': requestId });
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const rawBody = await readBody(req);
  const baseHeaders = { 'x-amzn-RequestId': requestId };
  const answer = (r: SimResponse | ErrorAnswer, extra: Record<string, string> = {}) => {
    const headers = { ...baseHeaders, ...('headers' in r ? r.headers : {}), ...extra };
    return 'raw' in r && r.raw !== undefined ? sendRaw(res, r.status, r.raw, headers) : sendJson(res, r.status, r.body, headers);
  };

  if (method === 'GET' && url.pathname === '/') return answer({ status: 200, body: about() });
  const match = deps.router.match(method, url.pathname);
  if (match.kind === 'none') return answer(AmazonErrors.notFound(url.pathname));

  const parsed = parseJsonBody(rawBody);
  const request: SimRequest = {
    method, path: url.pathname, query: url.searchParams, params: match.params, headers: req.headers,
    body: parsed.body, rawBody, malformedBody: parsed.malformed,
  };
  const { route } = match;
  const operation = route.operation;
  // An outage: the connection drops without an answer (what a client sees when Amazon is unreachable).
  const { spApiDown, lwaDown } = deps.availability.get();
  if ((operation && spApiDown) || (lwaDown && route.pattern === '/auth/o2/token')) {
    req.socket.destroy();
    return;
  }
  if (!operation) {
    deps.warehouse.advance();
    return answer(await route.handle(request));
  }

  const token = req.headers['x-amz-access-token'];
  // A grantless operation takes only a token of its scope; a seller operation only a seller's token.
  const scope = deps.tokens.scopeOf(typeof token === 'string' ? token : undefined);
  if (scope === undefined || scope !== (route.grantlessScope ?? null)) return answer(AmazonErrors.unauthorized());
  // Each seller (refresh token) has buckets of its own, as Amazon keeps them per seller and application.
  const seller = deps.tokens.sellerOf(token as string);
  if (!deps.limiter.tryTake(operation, seller)) return answer(AmazonErrors.quotaExceeded());
  const sellerRequest: SimRequest = { ...request, seller };
  route.observe?.(sellerRequest);

  const { decision, latencyMs } = deps.injector.draw(operation, route.faultKey?.(request) ?? `${method} ${url.pathname}${url.search}`);
  if (latencyMs > 0) await sleep(latencyMs, deps.timer);
  if (decision.kind === 'throttle') return answer(AmazonErrors.quotaExceeded());
  if (strikes(decision, false)) return failInjected(deps, req, res, decision, baseHeaders);

  deps.warehouse.advance();
  const result = await route.handle(sellerRequest);
  // The operation took effect (e.g. the order is stored) but the client will not learn it.
  if (strikes(decision, true)) return failInjected(deps, req, res, decision, baseHeaders);
  // Docs: x-amzn-RateLimit-Limit is sent on successful and client-error answers, never on 429/5xx.
  const rateHeader: Record<string, string> = result.status < 300 || result.status === 400 || result.status === 404
    ? { 'x-amzn-RateLimit-Limit': deps.limiter.limitHeader(operation) } : {};
  return answer(result, rateHeader);
}

function strikes(decision: FaultDecision, afterEffect: boolean): boolean {
  return (decision.kind === 'error' || decision.kind === 'timeout') && decision.afterEffect === afterEffect;
}

function failInjected(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, decision: FaultDecision, headers: Record<string, string>): void {
  if (decision.kind === 'error') {
    const failure = decision.status === 500 ? AmazonErrors.internalFailure() : AmazonErrors.serviceUnavailable();
    sendJson(res, failure.status, failure.body, headers);
    return;
  }
  // A timeout: say nothing, hold the connection past the client's timeout, then drop it.
  const socket = req.socket;
  const ms = deps.timeoutMs();
  if (ms <= 0) {
    socket.destroy();
    return;
  }
  deps.held.add(socket);
  const cancel = deps.timer(() => socket.destroy(), ms);
  socket.once('close', () => {
    cancel();
    deps.held.delete(socket);
  });
}

/** UUID-shaped like Amazon's request ids, from the seed and the request's sequence number. */
function requestIdFor(seed: number, n: number): string {
  const hex = streamFor(seed, 'request-id', n).chars(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function about() {
  return {
    name: 'fba-bridge Amazon SP-API simulator',
    lwa: 'POST /auth/o2/token',
    apis: ['/fba/outbound/2020-07-01', '/fba/inventory/v1', '/reports/2021-06-30', '/notifications/v1'],
    admin: [
      'GET /_simulator/state', 'POST /_simulator/advance', 'GET /_simulator/orders', 'GET /_simulator/orders/{id}', 'GET /_simulator/inventory',
      'POST /_simulator/inbound', 'POST /_simulator/marketplace-sale', 'POST /_simulator/inventory/adjust', 'GET /_simulator/notifications',
      'GET|POST /_simulator/faults', 'GET|POST /_simulator/availability', 'POST /_simulator/settlements/close',
    ],
  };
}
