// The bridge's HTTP face: event intake, health and metrics. Plain node:http with a small route
// table. What one bad or slow sender can take is bounded: bodies are capped, headers and bodies must
// arrive within a time limit (no connection is held open by a trickle), and posts are rate limited per
// source address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../ports/logger.js';
import { SourceRateLimiter } from './source-rate-limiter.js';
import type { RateLimitSpec } from '../engine/token-bucket.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
}

export type Route = (request: { body: unknown; url: URL }) => Promise<HttpAnswer>;
export type Routes = Record<string, Route>; // key: 'METHOD /path'

const MAX_BODY_BYTES = 1_048_576;

export interface HttpServerLimits {
  /** The request line and headers must arrive within this. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** POSTs per source address. Default 100/s with a burst of 500. */
  readonly postsPerSource?: RateLimitSpec;
}

export async function startHttpServer(
  routes: Routes, port: number, logger: Logger, host = '127.0.0.1', limits: HttpServerLimits = {},
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const limiter = new SourceRateLimiter(limits.postsPerSource);
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs ?? 10_000,
    requestTimeout: limits.requestTimeoutMs ?? 30_000,
    // node checks those timeouts on this interval (default 30 s): often enough that they hold.
    connectionsCheckingInterval: 1_000,
  }, (req, res) => {
    if (req.method === 'POST' || req.method === 'PUT') {
      const wait = limiter.retryAfterSeconds(req.socket.remoteAddress ?? 'unknown');
      if (wait > 0) {
        res.setHeader('retry-after', String(wait));
        res.setHeader('connection', 'close');
        return send(res, { status: 429, body: { error: `too many requests from this address; retry after ${wait} s` } });
      }
    }
    handle(routes, req, res, logger).catch((err: unknown) => {
      logger.error('http handler failed', { error: err, path: req.url });
      send(res, { status: 500, body: { error: 'internal error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actual,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}

async function handle(routes: Routes, req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = routes[`${req.method} ${url.pathname}`];
  if (!route) return send(res, { status: 404, body: { error: `no route ${req.method} ${url.pathname}` } });
  let body: unknown;
  if (req.method === 'POST' || req.method === 'PUT') {
    const text = await readBody(req);
    if (text === null) {
      // The rest of the body is not read: close the connection once the answer is out.
      res.setHeader('connection', 'close');
      return send(res, { status: 413, body: { error: `body larger than ${MAX_BODY_BYTES} bytes` } });
    }
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      logger.warn('request body is not JSON', { path: url.pathname });
      return send(res, { status: 400, body: { error: 'the request body is not valid JSON' } });
    }
  }
  send(res, await route({ body, url }));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size > MAX_BODY_BYTES) return; // over the cap already: discard, keep nothing
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Not req.destroy(): that would close the socket before the 413 could be sent.
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent) return;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
  res.end(text);
}
