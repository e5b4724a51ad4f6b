// Builds the official commercetools SDK client for one project. Everything the bridge sends to
// commercetools goes through the ApiRoot returned here, whether the far end is the real platform or
// the mock on loopback.
import { ClientBuilder } from '@commercetools/ts-client';
import { createApiBuilderFromCtpClient, type ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import type { CommercetoolsSettings } from '../../config/bridge-config.js';
import type { DependencyObserver } from '../../ports/dependency-health.js';
import type { Logger } from '../../ports/logger.js';
import type { PacedWriteLimiter } from '../../engine/paced-write-limiter.js';
import { readableErrorBodies } from './ct-error-bodies.js';
import { bridgeFetch } from '../http-client/keep-alive-fetch.js';

export type CommercetoolsApi = ByProjectKeyRequestBuilder;

/** Counts one commercetools call: operation like `POST orders/{id}`, outcome `ok`, `http-409`, `server-error`, … */
export type CommercetoolsCallCounter = (operation: string, outcome: string) => void;

/** The pace of writes to this project (docs/adr/0019), and where its pushbacks are logged. */
export interface CommercetoolsWrites {
  readonly limiter: PacedWriteLimiter;
  readonly logger?: Logger;
}

export function createCommercetoolsApi(
  connection: CommercetoolsSettings, health?: DependencyObserver, count?: CommercetoolsCallCounter, writes?: CommercetoolsWrites,
): CommercetoolsApi {
  const readable = readableErrorBodies(health || count ? observedFetch(health, count) : bridgeFetch);
  // Each attempt the limiter makes is observed and counted: a 429 shows in the metrics as one.
  const fetch = writes ? pacedWrites(readable, writes) : readable;
  const client = new ClientBuilder()
    .withProjectKey(connection.projectKey)
    .withClientCredentialsFlow({
      host: connection.authUrl,
      projectKey: connection.projectKey,
      credentials: { clientId: connection.clientId, clientSecret: connection.clientSecret.reveal() },
      scopes: [...connection.scopes],
      httpClient: fetch,
    })
    .withHttpMiddleware({
      host: connection.apiUrl,
      httpClient: fetch,
      timeout: connection.timeoutMs ?? 30_000,
      // Gateway errors and timeouts are retried a little here: every update carries the version it was
      // decided on and every create a key, so a resend of a request that did land answers 409/400
      // instead of applying twice. 409 itself is never retried and no concurrent-modification
      // middleware is added: resending an order action at a newer version would skip the decision the
      // flows must re-make on fresh data (e.g. add a delivery that meanwhile exists).
      enableRetry: true,
      retryConfig: { maxRetries: 2, retryDelay: 200, backoff: true, retryCodes: [502, 504] },
      // Errors carry the request; keep the bearer token out of them (they may end up in logs).
      maskSensitiveHeaderData: true,
    })
    // Names the bridge in commercetools' request logs, which helps their support trace our traffic.
    .withUserAgentMiddleware({ libraryName: 'fba-bridge' })
    .build();
  // The base URI only labels errors' originalRequest; requests go to the http middleware's host.
  return createApiBuilderFromCtpClient(client, connection.apiUrl).withProjectKey({ projectKey: connection.projectKey });
}

/**
 * fetch that tells the dependency circuit how commercetools answered, for the token and the API calls
 * alike: no connection → unreachable, 5xx or no answer in time → server-error, 401/403 → the API
 * client's credentials or scopes are refused; any other answer means commercetools works. Each call is
 * also counted by operation and outcome when a counter is given (the metrics of `start`).
 */
function observedFetch(health: DependencyObserver | undefined, count: CommercetoolsCallCounter | undefined): typeof fetch {
  return async (input, init) => {
    const operation = commercetoolsOperation(input, init?.method);
    let response: Response;
    try {
      response = await bridgeFetch(input, init);
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      health?.failed(timedOut ? 'server-error' : 'unreachable', `commercetools ${timedOut ? 'did not answer in time' : 'could not be reached'}`);
      count?.(operation, timedOut ? 'timeout' : 'unreachable');
      throw error;
    }
    if (response.status >= 500) health?.failed('server-error', `commercetools answered HTTP ${response.status}`);
    else if (response.status === 401 || response.status === 403) health?.failed('auth-refused', `commercetools refused the API client's credentials (HTTP ${response.status})`);
    else health?.succeeded();
    count?.(operation, response.status < 400 ? 'ok' : `http-${response.status}`);
    return response;
  };
}

/**
 * fetch whose writes (POST and DELETE to the project, not the token endpoint, GraphQL or searches,
 * which read) wait their turn at the limiter and are resent after 429/503. Reads go straight through.
 */
function pacedWrites(inner: typeof fetch, { limiter, logger }: CommercetoolsWrites): typeof fetch {
  return async (input, init) => {
    const operation = commercetoolsOperation(input, init?.method);
    if (!isWrite(operation)) return inner(input, init);
    return limiter.send(() => inner(input, init), (b) => {
      const fields = { operation, status: b.status, attempt: b.attempt, pauseMs: b.pauseMs, writesPerSecond: Number(b.ratePerSecond.toFixed(2)) };
      if (b.givenUp) logger?.warn('commercetools kept refusing a write (HTTP 429/503): giving up on it for now', fields);
      else if (b.attempt === 1) logger?.info('commercetools asked the bridge to slow down: writes pause and resume at a lower pace', fields);
      else logger?.debug('commercetools refused a resent write; backing off further', fields);
    });
  };
}

function isWrite(operation: string): boolean {
  const [verb, path = ''] = operation.split(' ');
  if (verb !== 'POST' && verb !== 'DELETE') return false;
  return !path.startsWith('oauth/') && path !== 'graphql' && !path.endsWith('/search');
}

/**
 * A low-cardinality name for a request: the method and the resource, ids and keys replaced, e.g.
 * `POST orders/{id}`, `GET orders/order-number={key}`, `GET inventory`, `POST oauth/token`. The project key is left out.
 */
export function commercetoolsOperation(input: string | URL | Request, method: string | undefined): string {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const verb = (method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const parts = url.pathname.split('/').filter((p) => p.length > 0);
  if (parts[0] === 'oauth') return `${verb} oauth/${parts[1] ?? ''}`;
  const [resource, ...rest] = parts.slice(1); // parts[0] is the project key
  if (!resource) return `${verb} /`;
  const tail = rest.map((p) => (p.includes('=') ? `${p.slice(0, p.indexOf('='))}={key}` : /^(?:[0-9a-f-]{8,}|[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*)$/i.test(p) ? '{id}' : p));
  return [`${verb} ${resource}`, ...tail].join('/');
}
