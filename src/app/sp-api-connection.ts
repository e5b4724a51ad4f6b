// The SP-API HTTP client of one connection: its endpoint, Login-with-Amazon credentials and the shared
// rate governor (buckets are per seller). Every Amazon adapter of the connection is built on it.
import type { ConnectionConfig } from '../config/bridge-config.js';
import type { Logger } from '../ports/logger.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import type { DependencyObserver } from '../ports/dependency-health.js';
import { SpApiHttpClient } from '../adapters/amazon/sp-api-http.js';

export function spApiHttpFor(
  connection: ConnectionConfig, governor: RateGovernor, logger: Logger, health?: { readonly spApi: DependencyObserver; readonly lwa: DependencyObserver },
): SpApiHttpClient {
  return new SpApiHttpClient({
    endpoint: connection.amazon.endpoint,
    lwa: {
      endpoint: connection.amazon.lwaEndpoint,
      clientId: connection.amazon.lwaClientId,
      clientSecret: connection.amazon.lwaClientSecret,
      refreshToken: connection.amazon.refreshToken,
    },
    governor,
    seller: connection.amazon.sellerKey,
    timeoutMs: connection.amazon.timeoutMs,
    logger,
    ...(health ? { health } : {}),
  });
}
