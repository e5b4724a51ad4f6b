// The one way the bridge talks HTTP to the Selling Partner API. Every call: waits for a rate token at
// its priority, carries the LWA access token, has its own timeout, teaches the governor the rate Amazon
// reports, and turns any non-2xx answer into a classified Failure (sp-api-errors.ts).
// Two retries happen here, in place, because they are not failures of the work itself:
// - 429: Amazon rejected the call before doing anything, so it is safe to resend even a create; the
//   bucket is emptied and the call queues again (it must not burn the engine's attempt budget);
// - one 401/403: the cached access token may have expired or been revoked early; refresh once.
// Timeouts and 5xx are NOT retried here: their outcome is unknown, and the engine's retry path reads
// Amazon first and adopts what is there (architecture.md §3).
// Docs: https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api
import type { SpApiOperation } from '../../domain/shared/sp-api-operations.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { Logger } from '../../ports/logger.js';
import { IGNORE_DEPENDENCY_HEALTH, type DependencyFailureKind, type DependencyObserver } from '../../ports/dependency-health.js';
import type { RateGovernor, RateKey } from '../../ports/rate-governor.js';
import { LwaTokenProvider, type AccessTokenProvider, type LwaCredentials } from './lwa-token-provider.js';
import { classifySpApiError, networkFailure, parseSpApiErrors, timeoutFailure } from './sp-api-errors.js';
import { bridgeFetch } from '../http-client/keep-alive-fetch.js';

export type SpApiRegion = 'na' | 'eu' | 'fe';

// Docs: https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints
export function spApiEndpointForRegion(region: SpApiRegion, options: { readonly sandbox?: boolean } = {}): string {
  return `https://${options.sandbox ? 'sandbox.' : ''}sellingpartnerapi-${region}.amazon.com`;
}

export interface SpApiClientOptions {
  /** Base URL: a region's host (spApiEndpointForRegion), a sandbox, or the simulator. */
  readonly endpoint: string;
  readonly lwa: LwaCredentials;
  readonly governor: RateGovernor;
  /** The selling partner's key: buckets are per seller. */
  readonly seller: string;
  /** Per HTTP request, including reading the body. Default 20 s. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly fetch?: typeof fetch;
  readonly userAgent?: string;
  /** 429s retried in place before the call fails as 'throttled'. Default 4. */
  readonly maxThrottleRetries?: number;
  /** Told how SP-API and Login with Amazon answer, call by call (the engine's dependency circuits). */
  readonly health?: { readonly spApi: DependencyObserver; readonly lwa: DependencyObserver };
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface SpApiRequest {
  /** The operation name of the official model: the governor's bucket and the logs use it. */
  readonly operation: SpApiOperation;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path with its segments already encoded (encodeURIComponent). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Extra headers an operation defines, e.g. `x-amzn-idempotency-token`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly signal?: AbortSignal;
}

export interface SpApiAnswer<T> {
  readonly status: number;
  /** Parsed JSON as the official model describes it; not validated at run time. */
  readonly body: T;
  readonly requestId?: string;
}

type Exchange =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown; readonly text: string; readonly requestId?: string; readonly rateLimit?: number }
  | { readonly kind: 'failed'; readonly failure: ReturnType<typeof failure> };

export const DEFAULT_SP_API_TIMEOUT_MS = 20_000;
// Docs: https://developer-docs.amazon.com/sp-api/docs/include-a-user-agent-header-in-all-requests
const DEFAULT_USER_AGENT = `fba-bridge (Language=TypeScript; Platform=Node.js/${process.version})`;

export class SpApiHttpClient {
  readonly #endpoint: string;
  readonly #governor: RateGovernor;
  readonly #seller: string;
  readonly #tokens: AccessTokenProvider;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #userAgent: string;
  readonly #maxThrottleRetries: number;
  readonly #logger: Logger | undefined;
  readonly #spApiHealth: DependencyObserver;
  readonly #lwaHealth: DependencyObserver;

  constructor(options: SpApiClientOptions) {
    this.#endpoint = new URL(options.endpoint).toString().replace(/\/+$/, '');
    this.#governor = options.governor;
    this.#seller = options.seller;
    this.#fetch = options.fetch ?? bridgeFetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_SP_API_TIMEOUT_MS;
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.#maxThrottleRetries = options.maxThrottleRetries ?? 4;
    this.#logger = options.logger;
    this.#spApiHealth = options.health?.spApi ?? IGNORE_DEPENDENCY_HEALTH;
    this.#lwaHealth = options.health?.lwa ?? IGNORE_DEPENDENCY_HEALTH;
    this.#tokens = new LwaTokenProvider({
      ...options.lwa,
      fetch: this.#fetch,
      timeoutMs: this.#timeoutMs,
      userAgent: this.#userAgent,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** The logger given at construction, for clients that share this HTTP client. */
  get logger(): Logger | undefined {
    return this.#logger;
  }

  /**
   * Sends one SP-API call. Resolves to the parsed 2xx answer or a classified Failure; rejects only
   * when the caller's signal aborts (with the signal's reason), as RateGovernor.acquire does.
   */
  async request<T>(request: SpApiRequest): Promise<Result<SpApiAnswer<T>>> {
    const key: RateKey = { seller: this.#seller, operation: request.operation };
    let throttledRetries = 0;
    let refreshedToken = false;
    for (;;) {
      await this.#governor.acquire(key, request.priority, request.signal);
      const token = await this.#tokens.getAccessToken(request.signal);
      report(this.#lwaHealth, token.ok ? null : token.error);
      if (!token.ok) return token;

      const exchange = await this.#send(request, token.value);
      if (exchange.kind === 'failed') {
        report(this.#spApiHealth, exchange.failure);
        return fail(exchange.failure);
      }
      const { status, requestId } = exchange;
      if (exchange.rateLimit !== undefined) this.#governor.observeRateLimit(key, exchange.rateLimit);
      // 401/403 are judged after the one refresh below; 429 says nothing about the service's health.
      if (status !== 401 && status !== 403 && status !== 429) report(this.#spApiHealth, status >= 500 || status === 408 ? failure('retryable', 'ServerError', `Amazon answered HTTP ${status} to ${request.operation}`) : null);

      if (status >= 200 && status < 300) {
        if (exchange.body === undefined) {
          return fail(failure('retryable', 'ServerError', `Amazon answered ${request.operation} with a body that is not JSON`, {
            status, details: JSON.stringify({ operation: request.operation, requestId, body: exchange.text.slice(0, 300) }),
          }));
        }
        return ok({ status, body: exchange.body as T, ...(requestId ? { requestId } : {}) });
      }
      if (status === 429) {
        this.#governor.observeThrottled(key);
        if (throttledRetries < this.#maxThrottleRetries) {
          throttledRetries += 1;
          this.#logger?.warn('SP-API throttled the call; queueing it again', { operation: request.operation, requestId, attempt: throttledRetries });
          continue;
        }
      } else if ((status === 401 || status === 403) && !refreshedToken) {
        refreshedToken = true;
        this.#tokens.invalidate(token.value);
        this.#logger?.info('SP-API refused the access token; refreshing it once', { operation: request.operation, status, requestId });
        continue;
      }
      if (status === 401 || status === 403) this.#spApiHealth.failed('auth-refused', `Amazon refused the access token for ${request.operation} (HTTP ${status})`);
      return fail(classifySpApiError({
        operation: request.operation,
        status,
        errors: parseSpApiErrors(exchange.body),
        rawBody: exchange.text,
        ...(requestId ? { requestId } : {}),
      }));
    }
  }

  async #send(request: SpApiRequest, accessToken: string): Promise<Exchange> {
    const deadline = new Deadline(this.#timeoutMs, request.signal);
    const headers: Record<string, string> = {
      ...request.headers,
      'x-amz-access-token': accessToken,
      'user-agent': this.#userAgent,
      accept: 'application/json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const started = Date.now();
    try {
      const response = await this.#fetch(this.#url(request), {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: deadline.signal,
      });
      const text = await response.text();
      const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
      const rateLimit = parseRateLimit(response.headers.get('x-amzn-ratelimit-limit'));
      this.#logger?.debug('SP-API call', {
        operation: request.operation, status: response.status, requestId, durationMs: Date.now() - started,
      });
      return {
        kind: 'answered',
        status: response.status,
        body: parseJsonBody(text),
        text,
        ...(requestId ? { requestId } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (deadline.expired) return { kind: 'failed', failure: timeoutFailure(request.operation, this.#timeoutMs) };
      return { kind: 'failed', failure: networkFailure(request.operation, error) };
    } finally {
      deadline.dispose();
    }
  }

  #url(request: SpApiRequest): string {
    const query = Object.entries(request.query ?? {}).flatMap(([name, value]) => {
      if (value === undefined) return [];
      // Arrays go comma-separated (the models' default `csv` collection format); each value is
      // percent-encoded so SKUs with spaces, `+` or `#` arrive intact.
      // Docs: https://developer-docs.amazon.com/sp-api/docs/url-encoding
      const encoded = isStringArray(value) ? value.map(encodeURIComponent).join(',') : encodeURIComponent(String(value));
      return [`${encodeURIComponent(name)}=${encoded}`];
    });
    return `${this.#endpoint}${request.path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  }
}

/** The dependency's part in a call's outcome: null = it answered. Throttling tells nothing either way. */
function report(health: DependencyObserver, failed: ReturnType<typeof failure> | null): void {
  if (failed === null) return health.succeeded();
  const kind = dependencyFailureKind(failed.code);
  if (kind) health.failed(kind, failed.message);
}

export function dependencyFailureKind(code: string): DependencyFailureKind | null {
  switch (code) {
    case 'NetworkError': return 'unreachable';
    case 'Unauthorized': return 'auth-refused';
    case 'Timeout': case 'ServerError': return 'server-error';
    default: return null;
  }
}

/**
 * One request's abort signal: the caller's signal or the timeout, whichever comes first. Built by hand
 * rather than with AbortSignal.any so that a worker's long-lived shutdown signal does not accumulate a
 * listener per request, and the timer is gone as soon as the answer is read.
 */
class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = (): void => this.#controller.abort(this.#caller?.reason);
  expired = false;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    this.#caller = caller;
    this.#timer = setTimeout(() => {
      this.expired = true;
      this.#controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    if (caller?.aborted) this.#onCallerAbort();
    else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/** `x-amzn-RateLimit-Limit: 2.0` → 2; absent or malformed → undefined (the header is best effort). */
export function parseRateLimit(header: string | null): number | undefined {
  if (header === null) return undefined;
  const rate = Number.parseFloat(header);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** Empty body → {} (createFulfillmentOrder may answer 200 with nothing); not JSON → undefined. */
function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isStringArray(value: QueryValue): value is readonly string[] {
  return Array.isArray(value);
}
