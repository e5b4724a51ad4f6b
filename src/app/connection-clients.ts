// The clients of one connection, each built once, here and nowhere else: one SP-API HTTP client (one
// Login-with-Amazon access token, the shared rate governor's buckets for this seller) under every
// Amazon adapter, and one commercetools SDK client under every commercetools adapter.
import type { ConnectionConfig } from '../config/bridge-config.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import { CountingSpApiHttpClient, type CallCounter } from './metered-clients.js';
import { SpApiFulfillmentClient } from '../adapters/amazon/sp-api-fulfillment-client.js';
import { SpApiInventoryClient } from '../adapters/amazon/sp-api-inventory-client.js';
import { SpApiReportsClient } from '../adapters/amazon/sp-api-reports-client.js';
import { NOTIFICATIONS_SCOPE, SpApiNotificationsClient } from '../adapters/amazon/sp-api-notifications-client.js';
import { SpApiHttpClient } from '../adapters/amazon/sp-api-http.js';
import { createCommercetoolsApi, type CommercetoolsApi } from '../adapters/commercetools/ct-api-client.js';
import { CommercetoolsOrderGateway } from '../adapters/commercetools/ct-order-gateway.js';
import { CommercetoolsInventoryGateway } from '../adapters/commercetools/ct-inventory-gateway.js';
import { CommercetoolsRefundReader } from '../adapters/commercetools/ct-refund-reader.js';
import { CommercetoolsProjectSetup } from '../adapters/commercetools/ct-project-setup.js';
import type { DependencyCircuits } from '../engine/dependency-circuit.js';
import { DEFAULT_WRITE_LIMITS, PacedWriteLimiter } from '../engine/paced-write-limiter.js';

/** What `start` counts of this connection's calls (metrics). */
export interface CallCounters {
  readonly spApiCall: CallCounter;
  readonly commercetoolsCall: CallCounter;
}

export class ConnectionClients {
  #spApi: SpApiHttpClient | undefined;
  #commercetools: CommercetoolsApi | undefined;

  constructor(
    readonly connection: ConnectionConfig,
    private readonly governor: RateGovernor,
    private readonly logger: Logger,
    /** Told how Amazon, Login with Amazon and commercetools answer (docs/adr/0013); absent in commands that run once. */
    private readonly circuits?: DependencyCircuits,
    /** Counts calls for the metrics (`start` only). */
    private readonly counters?: CallCounters,
  ) {}

  get spApi(): SpApiHttpClient {
    const { amazon } = this.connection;
    this.#spApi ??= new CountingSpApiHttpClient({
      endpoint: amazon.endpoint,
      lwa: { endpoint: amazon.lwaEndpoint, clientId: amazon.lwaClientId, clientSecret: amazon.lwaClientSecret, refreshToken: amazon.refreshToken },
      governor: this.governor,
      seller: amazon.sellerKey,
      timeoutMs: amazon.timeoutMs,
      logger: this.logger.child({ connection: this.connection.id, component: 'sp-api' }),
      ...(this.circuits ? { health: { spApi: this.circuits.circuit('amazon-sp-api', this.connection.id), lwa: this.circuits.circuit('amazon-lwa', this.connection.id) } } : {}),
    }).countWith(this.counters?.spApiCall ?? (() => {}));
    return this.#spApi;
  }

  get commercetoolsApi(): CommercetoolsApi {
    const circuit = this.circuits?.circuit('commercetools', this.connection.id);
    // One limiter per connection: every flow's writes to this project share its pace (docs/adr/0019).
    this.#commercetools ??= createCommercetoolsApi(this.connection.commercetools, circuit, this.counters?.commercetoolsCall, {
      limiter: new PacedWriteLimiter(this.connection.commercetools.writes ?? DEFAULT_WRITE_LIMITS),
      logger: this.logger.child({ connection: this.connection.id, component: 'commercetools-writes' }),
    });
    return this.#commercetools;
  }

  fulfillment(): SpApiFulfillmentClient {
    return new SpApiFulfillmentClient(this.spApi);
  }

  inventory(): SpApiInventoryClient {
    return new SpApiInventoryClient(this.spApi);
  }

  reports(): SpApiReportsClient {
    return new SpApiReportsClient(this.spApi);
  }

  /** The Notifications API: the seller's client, and a grantless one (same application, scope notifications). */
  notifications(): SpApiNotificationsClient {
    const { amazon } = this.connection;
    const grantless = new SpApiHttpClient({
      endpoint: amazon.endpoint,
      lwa: { endpoint: amazon.lwaEndpoint, clientId: amazon.lwaClientId, clientSecret: amazon.lwaClientSecret, refreshToken: amazon.refreshToken, grantlessScope: NOTIFICATIONS_SCOPE },
      governor: this.governor,
      seller: amazon.sellerKey,
      timeoutMs: amazon.timeoutMs,
      logger: this.logger.child({ connection: this.connection.id, component: 'sp-api-grantless' }),
    });
    return new SpApiNotificationsClient(this.spApi, grantless);
  }

  orders(workClock: Clock): CommercetoolsOrderGateway {
    return new CommercetoolsOrderGateway(this.commercetoolsApi, workClock);
  }

  inventoryEntries(): CommercetoolsInventoryGateway {
    return new CommercetoolsInventoryGateway(this.commercetoolsApi);
  }

  refunds(): CommercetoolsRefundReader {
    return new CommercetoolsRefundReader(this.commercetoolsApi);
  }

  projectSetup(): CommercetoolsProjectSetup {
    return new CommercetoolsProjectSetup(this.commercetoolsApi);
  }
}
