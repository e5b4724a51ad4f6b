// Login with Amazon: trades the seller's long-lived refresh token for a one-hour access token, sent to
// SP-API as `x-amz-access-token`. The token is cached until shortly before it expires, concurrent
// callers share one exchange (a burst of calls must not become a burst of LWA requests), and a refused
// refresh token is a permanent failure that names LWA's own reason, because only a person re-authorising
// the app can fix it.
// Docs: https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api#step-1-request-a-login-with-amazon-access-token
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { Logger } from '../../ports/logger.js';
import { scrubSecrets, type Secret } from '../../config/secret.js';
import { describeError } from './sp-api-errors.js';
import { bridgeFetch } from '../http-client/keep-alive-fetch.js';

export const DEFAULT_LWA_ENDPOINT = 'https://api.amazon.com/auth/o2/token';

export interface LwaCredentials {
  /** Token endpoint; defaults to Amazon's. The simulator serves its own. */
  readonly endpoint?: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly refreshToken: Secret;
  /**
   * For grantless operations (the Notifications API's destinations): ask for a client_credentials token
   * of this scope instead of trading the refresh token.
   * Docs: https://developer-docs.amazon.com/sp-api/docs/grantless-operations
   */
  readonly grantlessScope?: string;
}

export interface LwaTokenProviderOptions extends LwaCredentials {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Refresh this long before `expires_in` runs out, so a token never expires in flight. Default 60 s. */
  readonly refreshMarginMs?: number;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly logger?: Logger;
}

/** What the SP-API HTTP client needs from any token source. */
export interface AccessTokenProvider {
  getAccessToken(signal?: AbortSignal): Promise<Result<string>>;
  /** The token was refused (403): forget it, unless a newer one replaced it meanwhile. */
  invalidate(token: string): void;
}

interface CachedToken {
  readonly value: string;
  readonly refreshAt: number;
}

interface LwaAnswer {
  readonly access_token?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

const DEFAULT_EXPIRES_IN_S = 3600;

export class LwaTokenProvider implements AccessTokenProvider {
  readonly #options: LwaTokenProviderOptions;
  readonly #endpoint: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  #cached: CachedToken | null = null;
  #inFlight: Promise<Result<string>> | null = null;

  constructor(options: LwaTokenProviderOptions) {
    if (!options.clientId) throw new TypeError('LWA clientId is required');
    this.#options = options;
    this.#endpoint = options.endpoint ?? DEFAULT_LWA_ENDPOINT;
    this.#fetch = options.fetch ?? bridgeFetch;
    this.#now = options.now ?? Date.now;
  }

  async getAccessToken(signal?: AbortSignal): Promise<Result<string>> {
    signal?.throwIfAborted();
    if (this.#cached && this.#now() < this.#cached.refreshAt) return ok(this.#cached.value);
    // Single flight: the exchange is shared and not tied to any one caller's signal, so a caller that
    // gives up does not cancel the refresh for everybody else.
    this.#inFlight ??= this.#exchange().finally(() => {
      this.#inFlight = null;
    });
    return signal ? raceAbort(this.#inFlight, signal) : this.#inFlight;
  }

  invalidate(token: string): void {
    if (this.#cached?.value === token) this.#cached = null;
  }

  async #exchange(): Promise<Result<string>> {
    const grant: Record<string, string> = this.#options.grantlessScope
      ? { grant_type: 'client_credentials', scope: this.#options.grantlessScope }
      : { grant_type: 'refresh_token', refresh_token: this.#options.refreshToken.reveal() };
    const form = new URLSearchParams({ ...grant, client_id: this.#options.clientId, client_secret: this.#options.clientSecret.reveal() });
    const timeoutMs = this.#options.timeoutMs ?? 20_000;
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.#endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'application/json',
          ...(this.#options.userAgent ? { 'user-agent': this.#options.userAgent } : {}),
        },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return fail(timedOut
        ? failure('retryable', 'Timeout', `Login with Amazon did not answer within ${timeoutMs} ms`)
        : failure('retryable', 'NetworkError', `Login with Amazon could not be reached: ${describeError(error)}`));
    }

    const answer = parseJson(text);
    if (response.ok) {
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        return fail(failure('retryable', 'ServerError', 'Login with Amazon answered without an access_token', { status: response.status }));
      }
      const expiresInS = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : DEFAULT_EXPIRES_IN_S;
      const margin = Math.min(this.#options.refreshMarginMs ?? 60_000, (expiresInS * 1000) / 2);
      this.#cached = { value: answer.access_token, refreshAt: this.#now() + expiresInS * 1000 - margin };
      this.#options.logger?.debug('LWA access token refreshed', { expiresInS });
      return ok(answer.access_token);
    }
    return fail(lwaFailure(response.status, answer, text));
  }
}

/** 400/401 mean the credentials themselves are refused (invalid_grant, invalid_client…): a person must act. */
function lwaFailure(status: number, answer: LwaAnswer, text: string): ReturnType<typeof failure> {
  const code = typeof answer.error === 'string' ? answer.error : '';
  // A token endpoint that answers with something else than OAuth JSON may echo the request back: never
  // keep its text unscrubbed (it would carry the client secret and the refresh token).
  const description = typeof answer.error_description === 'string' ? answer.error_description : text.slice(0, 300);
  const said = scrubSecrets(code ? `${code}: ${description}` : description);
  if (status === 400 || status === 401 || status === 403) {
    return failure('permanent', 'Unauthorized',
      `Login with Amazon refused the app's credentials (${said}). Re-authorise the app for this seller or fix the LWA client id/secret.`,
      { status, details: said });
  }
  if (status === 429) return failure('throttled', 'QuotaExceeded', `Login with Amazon throttled the token request (${said})`, { status });
  return failure('retryable', 'ServerError', `Login with Amazon answered HTTP ${status} (${said})`, { status });
}

function parseJson(text: string): LwaAnswer {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as LwaAnswer) : {};
  } catch {
    return {};
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}
