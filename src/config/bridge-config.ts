// The validated configuration the rest of the program receives. Nothing else reads process.env.
import type { RoutingConfig } from '../domain/orders/routing.js';
import type { ChartOfAccounts } from '../domain/settlements/chart-of-accounts.js';
import type { Secret } from './secret.js';
import type { InventorySettings } from './inventory-schema.js';
import type { AlertSettings } from './alerts-schema.js';
import type { AccessSettings } from './access-schema.js';

/** One commercetools project's API client credentials, as the SDK client is built from them. */
export interface CommercetoolsSettings {
  readonly projectKey: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  /** e.g. https://auth.europe-west1.gcp.commercetools.com */
  readonly authUrl: string;
  /** e.g. https://api.europe-west1.gcp.commercetools.com */
  readonly apiUrl: string;
  readonly scopes: readonly string[];
  /** Per-request timeout in ms; a timed-out call surfaces as a retryable failure (default 30 s). */
  readonly timeoutMs?: number;
  /** The pace of writes (CT_WRITE_CONCURRENCY, CT_WRITE_RATE); the defaults when absent (docs/adr/0019). */
  readonly writes?: { readonly concurrency: number; readonly ratePerSecond: number };
}

export interface AmazonSettings {
  readonly endpoint: string;
  readonly lwaEndpoint: string;
  readonly lwaClientId: string;
  readonly lwaClientSecret: Secret;
  readonly refreshToken: Secret;
  readonly marketplaceId: string;
  /** Whose rate-limit buckets these are: the seller id when known, else a stable key of the credentials. */
  readonly sellerKey: string;
  /** The merchant token (SellerId in notifications), when configured. */
  readonly sellerId?: string;
  /** Per SP-API request; an answer that takes longer counts as a timeout (outcome unknown). */
  readonly timeoutMs: number;
}

export interface ConnectionConfig {
  readonly id: string;
  readonly commercetools: CommercetoolsSettings;
  readonly amazon: AmazonSettings;
  readonly routing: RoutingConfig;
}

export interface EngineSettings {
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
  /** How long a worker keeps its scheduled tasks without renewing (JOB_LEASE_SECONDS, default 30 s; docs/adr/0016). */
  readonly jobLeaseMs?: number;
  readonly fbaPollMs: number;
  readonly ctPollMs: number;
  readonly stuckInPlanningMs: number;
  /** How often settlement reports are looked for; default 6 h (SETTLEMENT_POLL_HOURS). */
  readonly settlementPollMs?: number;
  /** How long a storefront refund may wait for its Amazon counterpart; default 30 days (REFUND_MATCH_DAYS). */
  readonly refundMatchMs?: number;
}

export interface BridgeConfig {
  readonly connections: readonly ConnectionConfig[];
  /** May carry a password (postgres://user:password@…): a Secret, so it never prints. */
  readonly databaseUrl: Secret;
  readonly port: number;
  /** Address the HTTP server binds to (HOST): 127.0.0.1 by default, 0.0.0.0 inside a container. Absent: 127.0.0.1. */
  readonly host?: string;
  /** Work items, audit rows and closed order links older than this many days are purged daily (RETENTION_DAYS, default 400). */
  readonly retentionDays?: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly engine: EngineSettings;
  readonly setupOnStart: boolean;
  /** Where Amazon's rate buckets live (docs/adr/0010); absent: the database when it is PostgreSQL, else this process. */
  readonly rateLimits?: { readonly store: 'local' | 'database' | 'redis'; readonly redisUrl?: Secret };
  /** Event intake from SQS queues, besides the HTTP push endpoints (issue 12). */
  readonly sqs?: {
    readonly amazonQueueUrl?: string;
    readonly commercetoolsQueueUrl?: string;
    readonly endpoint?: string;
    readonly visibilityTimeoutSeconds: number;
  };
  /** Where `setup` makes Amazon deliver notifications (SQS_QUEUE_ARN); absent: setup leaves Amazon's notifications alone. */
  readonly notifications?: { readonly queueArn: string; readonly destinationName: string };
  /** The config file's `inventory` section; absent: inventory sync is off. */
  readonly inventory?: InventorySettings;
  /** The chart of accounts of SETTLEMENT_CHART_FILE for settlement reports `start` imports; absent: the built-in chart. */
  readonly settlementChart?: ChartOfAccounts;
  /** Alert rules, routing and channels; absent (tests that build a config by hand): every rule at its default, no channel. */
  readonly alerts?: AlertSettings;
  /** Intake credentials, metrics access, single sign-on, session length; absent: nothing configured (intake refuses everything). */
  readonly access?: AccessSettings;
}
