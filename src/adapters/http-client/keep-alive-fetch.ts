// fetch for the bridge's own calls to Amazon and commercetools, over node:http(s) with keep-alive
// agents instead of Node's built-in fetch (undici). Measured on loopback, one call costs the caller
// about half the CPU of the built-in fetch (its request objects, web streams and abort plumbing are
// the difference), and a request with a body leaves in one write instead of several (docs/adr/0023).
// It answers a real Response, so every wrapper and test written against fetch works unchanged.
// What the bridge never sends (a Request object, a streamed body, redirects to follow) goes to the
// built-in fetch, so the behaviour stays fetch's. Answers are read whole before they are handed over:
// right for API answers, not for large downloads (report documents keep the built-in, streamed fetch).
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

type Fetch = typeof fetch;
type Agents = { readonly 'http:': http.Agent; readonly 'https:': https.Agent };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

/** A fetch with its own keep-alive connection pools (idle sockets do not keep the process alive). */
export function keepAliveFetch(fallback: Fetch = (input, init) => globalThis.fetch(input, init)): Fetch {
  const agents: Agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = plainBody(init?.body);
    if (url === null || body === undefined || init?.redirect === 'manual' || init?.redirect === 'error') return fallback(input, init);
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return fallback(input, init);
    return send(agents, target, init ?? {}, body, true).then((answer) => (REDIRECTS.has(answer.status) ? fallback(input, init) : answer));
  };
}

/** The body as bytes or text; undefined when it is of a kind only the built-in fetch sends. */
function plainBody(body: RequestInit['body']): string | Uint8Array | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

function headersOf(init: RequestInit, body: string | Uint8Array | null): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => { headers[name] = value; });
  // As fetch does for a form body without a content type.
  if (init.body instanceof URLSearchParams && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  if (body !== null && headers['content-length'] === undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  return headers;
}

function send(agents: Agents, target: URL, init: RequestInit, body: string | Uint8Array | null, mayRetry: boolean): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const transport = target.protocol === 'https:' ? https : http;
    const agent = agents[target.protocol as keyof Agents];
    let settled = false;
    const onAbort = (): void => {
      req.destroy();
      finish(() => reject(signal?.reason));
    };
    const finish = (then: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      then();
    };
    const req = transport.request(target, { method: init.method ?? 'GET', headers: headersOf(init, body), agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => finish(() => reject(new TypeError('fetch failed', { cause: error }))));
      res.on('close', () => {
        if (!res.complete) finish(() => reject(new TypeError('fetch failed', { cause: new Error('the connection closed before the whole answer arrived') })));
      });
      res.on('end', () => finish(() => {
        try {
          resolve(toResponse(res, Buffer.concat(chunks)));
        } catch (error) {
          reject(new TypeError('fetch failed', { cause: error }));
        }
      }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed meanwhile: nothing reached the server, send once more
      // on a fresh one (Node's documented pattern for keep-alive agents).
      if (mayRetry && req.reusedSocket && !settled && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return finish(() => resolve(send(agents, target, init, body, false)));
      }
      finish(() => reject(new TypeError('fetch failed', { cause: error })));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body ?? undefined);
  });
}

function toResponse(res: http.IncomingMessage, raw: Buffer): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  const decoded = decode(raw, headers.get('content-encoding'));
  // A Buffer is a Uint8Array over an ArrayBuffer (never a SharedArrayBuffer here).
  return new Response(NULL_BODY.has(status) ? null : (decoded as Uint8Array<ArrayBuffer>), { status, statusText: res.statusMessage ?? '', headers });
}

/** fetch decompresses what the server compressed; so does this (only when a caller asked for it). */
function decode(raw: Buffer, encoding: string | null): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return gunzipSync(raw);
    case 'deflate': return inflateSync(raw);
    case 'br': return brotliDecompressSync(raw);
    default: return raw;
  }
}

/** The one keep-alive fetch of this process: its calls to Amazon and commercetools share the pools. */
export const bridgeFetch: Fetch = keepAliveFetch();
