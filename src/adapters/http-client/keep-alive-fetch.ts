// fetch for the bridge's own calls to Amazon and commercetools, on undici's `request` over a
// keep-alive Agent of its own instead of Node's built-in fetch. Both are undici; the request API
// skips fetch's request objects, web streams and abort plumbing, which on loopback roughly halves
// the caller's CPU per call (docs/adr/0023). undici keeps the connections, honours the server's
// keep-alive timeout and sends once more when a connection drops before an answer (its retry
// interceptor: socket errors only, never on a status — the rate governor owns 429 and 5xx).
// It answers a real Response, so every wrapper and test written against fetch works unchanged.
// What the bridge never sends (a Request object, a streamed body, redirects to follow) goes to the
// built-in fetch, so the behaviour stays fetch's. Answers are read whole, as UTF-8 text, before they are
// handed over: right for API answers (JSON), not for large or binary downloads (report documents keep
// the built-in, streamed fetch).
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, interceptors, request, type Dispatcher } from 'undici';

type Fetch = typeof fetch;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
const ALL_METHODS: Dispatcher.HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'POST', 'PATCH'];
/** A connection that dropped before the answer: creates are idempotent by their ids, updates by their versions. */
const DROPPED_CONNECTION = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'];

/** A fetch with its own keep-alive connection pool (idle sockets do not keep the process alive). */
export function keepAliveFetch(fallback: Fetch = (input, init) => globalThis.fetch(input, init)): Fetch {
  const dispatcher = new Agent().compose(
    interceptors.retry({ maxRetries: 1, minTimeout: 0, methods: ALL_METHODS, errorCodes: DROPPED_CONNECTION, statusCodes: [] }),
  );
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = plainBody(init?.body);
    if (url === null || body === undefined || init?.redirect === 'manual' || init?.redirect === 'error') return fallback(input, init);
    if (!url.startsWith('http:') && !url.startsWith('https:')) return fallback(input, init);
    const answer = await send(dispatcher, url, init ?? {}, body);
    return REDIRECTS.has(answer.status) ? fallback(input, init) : answer;
  };
}

/** The body as bytes or text; undefined when it is of a kind only the built-in fetch sends. */
function plainBody(body: RequestInit['body']): string | Uint8Array | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  return undefined;
}

function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = init.headers;
  if (given === undefined || given === null || given instanceof Headers || Array.isArray(given)) new Headers(given).forEach((value, name) => { headers[name] = value; });
  else for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  // As fetch does for a form body without a content type.
  if (init.body instanceof URLSearchParams && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  return headers;
}

async function send(dispatcher: Dispatcher, url: string, init: RequestInit, body: string | Uint8Array | null): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  try {
    const answer = await request(url, {
      dispatcher, method: (init.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod, headers: headersOf(init), body, ...(signal ? { signal } : {}),
    });
    const headers = headersOfAnswer(answer.headers);
    if (NULL_BODY.has(answer.statusCode)) {
      await answer.body.dump();
      return new Response(null, { status: answer.statusCode, headers });
    }
    const encoding = answer.headers['content-encoding'];
    const text = typeof encoding === 'string'
      ? UTF8.decode(decode(Buffer.from(await answer.body.arrayBuffer()), encoding))
      : await answer.body.text();
    return new TextResponse(text, { status: answer.statusCode, headers }, answer.headers['content-type'] !== undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new TypeError('fetch failed', { cause: error });
  }
}

const UTF8 = new TextDecoder();

/**
 * A Response over an answer already read as text, whose text() and json() hand that text over as it is.
 * Through Response's own body (a stream) the text would be copied as bytes twice more and decoded once
 * more: a commercetools page of 500 inventory entries is about 0.4 MB, and a full sync reads 120 of
 * them in a second, faster than the young generation's collections free the copies (docs/adr/0019,
 * "Outside V8's heap"). `body`, arrayBuffer() and the rest are Response's own. Unlike fetch's, text()
 * and json() may be called more than once.
 */
class TextResponse extends Response {
  readonly #text: string;

  constructor(text: string, init: ResponseInit, answeredContentType: boolean) {
    super(text, init);
    this.#text = text;
    // Response gives a text body `text/plain` when the answer named no type; fetch would not.
    if (!answeredContentType) this.headers.delete('content-type');
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override json(): Promise<unknown> {
    try {
      return Promise.resolve(JSON.parse(this.#text));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The answer's headers as fetch gives them (a repeated header, e.g. set-cookie, keeps every value). */
function headersOfAnswer(given: Record<string, string | string[] | undefined>): Headers | Record<string, string> {
  const values = Object.values(given);
  if (values.every((v) => typeof v === 'string')) return given as Record<string, string>;
  const headers = new Headers();
  for (const [name, value] of Object.entries(given)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/**
 * fetch decompresses what the server compressed; so does this. Only a caller that asked for it gets
 * it (no accept-encoding is added: on the bridge's API calls decompressing costs more than it saves).
 */
function decode(raw: Buffer, encoding: string | null): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return gunzipSync(raw);
    case 'deflate': return inflateSync(raw);
    case 'br': return brotliDecompressSync(raw);
    default: return raw;
  }
}

/** The one keep-alive fetch of this process: its calls to Amazon and commercetools share the pool. */
export const bridgeFetch: Fetch = keepAliveFetch();
