// The one configuration schema. Keys are the environment variable names, so every message names
// exactly what the person must set. A config file (JSON) uses the same keys; the environment wins.
import { z } from 'zod';
import { databaseUrlProblem } from '../adapters/store/database-url.js';

const url = (name: string) =>
  z.string({ error: `${name} is missing` }).trim().refine((v) => /^https?:\/\/[^\s]+$/.test(v), {
    message: `${name} must be an http(s) URL`,
  });

const required = (name: string, hint: string) =>
  z.string({ error: `${name} is missing: ${hint}` }).trim().min(1, { message: `${name} is empty: ${hint}` });

export const MARKETPLACE_ID_PATTERN = /^[A-Z0-9]{8,16}$/;

/** Settings of one connection: one commercetools project ⇄ one Amazon seller account. */
export const connectionSettingsSchema = z.object({
  CONNECTION_ID: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'CONNECTION_ID must be lowercase letters, digits and dashes (≤ 40)').default('default'),
  CTP_PROJECT_KEY: required('CTP_PROJECT_KEY', 'your commercetools project key (Merchant Center → Settings → Developer settings → API clients)'),
  CTP_CLIENT_ID: required('CTP_CLIENT_ID', 'the API client id of a commercetools API client for this project'),
  CTP_CLIENT_SECRET: required('CTP_CLIENT_SECRET', 'the secret of that commercetools API client'),
  CTP_AUTH_URL: url('CTP_AUTH_URL').default('https://auth.europe-west1.gcp.commercetools.com'),
  CTP_API_URL: url('CTP_API_URL').default('https://api.europe-west1.gcp.commercetools.com'),
  CTP_SCOPES: z.string().trim().optional(),
  SPAPI_ENDPOINT: url('SPAPI_ENDPOINT').optional(),
  SPAPI_REGION: z.enum(['na', 'eu', 'fe'], { error: 'SPAPI_REGION must be one of na, eu, fe' }).optional(),
  LWA_ENDPOINT: url('LWA_ENDPOINT').default('https://api.amazon.com/auth/o2/token'),
  LWA_CLIENT_ID: required('LWA_CLIENT_ID', 'the LWA client id of your SP-API application (Seller Central → Develop apps)'),
  LWA_CLIENT_SECRET: required('LWA_CLIENT_SECRET', 'the LWA client secret of your SP-API application'),
  LWA_REFRESH_TOKEN: required('LWA_REFRESH_TOKEN', 'the refresh token from authorising the application for the seller account'),
  SPAPI_MARKETPLACE_ID: required('SPAPI_MARKETPLACE_ID', 'the Amazon marketplace id, e.g. A1PA6795UKMFR9 for Germany').refine(
    (v) => MARKETPLACE_ID_PATTERN.test(v),
    { message: 'SPAPI_MARKETPLACE_ID does not look like an Amazon marketplace id (e.g. ATVPDKIKX0DER, A1PA6795UKMFR9)' },
  ),
  SPAPI_SELLER_ID: z.string().trim().optional(),
  SPAPI_TIMEOUT_SECONDS: z.coerce.number({ error: 'SPAPI_TIMEOUT_SECONDS must be a number' }).positive('SPAPI_TIMEOUT_SECONDS must be greater than 0').default(20),
  /** Writes to this commercetools project in flight at once, per bridge process (docs/adr/0019). */
  CT_WRITE_CONCURRENCY: z.coerce.number({ error: 'CT_WRITE_CONCURRENCY must be a number' }).int('CT_WRITE_CONCURRENCY must be a whole number').min(1, 'CT_WRITE_CONCURRENCY must be at least 1').max(64, 'CT_WRITE_CONCURRENCY must be at most 64').default(8),
  /** Writes to this commercetools project started per second at most, per bridge process; lowered for a while after a 429/503. */
  CT_WRITE_RATE: z.coerce.number({ error: 'CT_WRITE_RATE must be a number (writes per second)' }).positive('CT_WRITE_RATE must be greater than 0 (writes per second)').max(10_000, 'CT_WRITE_RATE must be at most 10000 writes per second').default(100),
});
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

const positiveInt = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`).positive(`${name} must be greater than 0`).default(dflt);

const positiveNumber = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a number` }).positive(`${name} must be greater than 0`).default(dflt);

/** Settings of the deployment (shared by all connections). */
export const deploymentSettingsSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).default('sqlite:./data/fba-bridge.db').refine(
    (v) => /^(sqlite:|postgres(ql)?:\/\/|file:|\.|\/|:memory:)/.test(v),
    { message: 'DATABASE_URL must be sqlite:<file>, a file path, or postgres://user@host:port/db' },
  ).superRefine((v, ctx) => {
    const problem = /^postgres(ql)?:\/\//i.test(v) ? databaseUrlProblem(v) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: `DATABASE_URL: ${problem}` });
  }),
  // Each check names its own rule: zod applies the schema's `error` to checks that have no message.
  PORT: z.coerce.number({ error: 'PORT must be a number' }).int('PORT must be a whole number').min(0, 'PORT must be 0 or more').max(65535, 'PORT must be ≤ 65535').default(8080),
  /** Bind address of the HTTP server; default 127.0.0.1, or 0.0.0.0 inside a container (load-config.ts). */
  HOST: z.string().trim().regex(/^[0-9a-fA-F.:]+$|^[a-zA-Z0-9.-]+$/, 'HOST must be an address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::').optional(),
  /** Days work items, audit rows and closed order links are kept (a finance year and more). */
  RETENTION_DAYS: z.coerce.number({ error: 'RETENTION_DAYS must be a number' }).int('RETENTION_DAYS must be a whole number').min(30, 'RETENTION_DAYS must be at least 30').default(400),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { error: 'LOG_LEVEL must be debug, info, warn or error' }).default('info'),
  /** Orders worked on at once per process; by default 8, or 4 per connection when that is more (load-config.ts). */
  WORKER_CONCURRENCY: z.coerce.number({ error: 'WORKER_CONCURRENCY must be a number' }).int('WORKER_CONCURRENCY must be a whole number').positive('WORKER_CONCURRENCY must be greater than 0').optional(),
  MAX_ATTEMPTS: positiveInt('MAX_ATTEMPTS', 8),
  LEASE_SECONDS: positiveInt('LEASE_SECONDS', 60),
  /**
   * How long a worker keeps its scheduled tasks (polls, sweeps, purges…) without renewing them: when it
   * dies, another worker takes them over within this time (docs/adr/0016). Fractions allowed.
   */
  JOB_LEASE_SECONDS: positiveNumber('JOB_LEASE_SECONDS', 30).refine((s) => s >= 0.5 && s <= 3600, { message: 'JOB_LEASE_SECONDS must be between 0.5 and 3600 seconds' }),
  FBA_POLL_SECONDS: positiveInt('FBA_POLL_SECONDS', 60),
  CT_POLL_SECONDS: positiveInt('CT_POLL_SECONDS', 60),
  STUCK_IN_PLANNING_HOURS: positiveInt('STUCK_IN_PLANNING_HOURS', 24),
  /** How often `start` looks for new settlement reports (getReports), in hours; also once at start. */
  // Fractions allowed: 0.25 looks every 15 minutes.
  // At most 596 h (about 24 days): Amazon closes a settlement every ~14 days, so a longer wait always
  // misses one (set-timer.ts copes with any delay; this is a guard against a typo such as 6000).
  SETTLEMENT_POLL_HOURS: positiveNumber('SETTLEMENT_POLL_HOURS', 6).refine((h) => h <= 596, { message: 'SETTLEMENT_POLL_HOURS must be at most 596 (about 24 days)' }),
  /** The chart of accounts (JSON file) the settlement reports `start` imports are booked with; the built-in chart otherwise. */
  SETTLEMENT_CHART_FILE: z.string().trim().min(1, 'SETTLEMENT_CHART_FILE is empty: the path of a chart of accounts (JSON), or leave it unset for the built-in chart').optional(),
  /** Days a storefront refund of an FBA order may wait for its Amazon refund in a settlement before it is an exception. */
  REFUND_MATCH_DAYS: positiveInt('REFUND_MATCH_DAYS', 30),
  SETUP_ON_START: z.enum(['true', 'false']).default('true'),
  // Alerting (docs/runbooks/alerts.md); per-rule and per-team settings are in the config file's `alerts` section.
  ALERT_EVALUATION_SECONDS: positiveInt('ALERT_EVALUATION_SECONDS', 60),
  ALERT_REMINDER_SECONDS: positiveInt('ALERT_REMINDER_SECONDS', 4 * 3600),
  ALERT_WEBHOOK_URL: z.string().trim().regex(/^https?:\/\/\S+$/, 'ALERT_WEBHOOK_URL must be an http(s) URL').optional(),
  ALERT_WEBHOOK_SECRET: z.string().trim().min(16, 'ALERT_WEBHOOK_SECRET must be at least 16 characters (the receiver checks the HMAC with it)').optional(),
  ALERT_SLACK_WEBHOOK_URL: z.string().trim().regex(/^https:\/\/\S+$|^http:\/\/127\.0\.0\.1[:/]\S*$/, 'ALERT_SLACK_WEBHOOK_URL must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…)').optional(),
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\/\S+$/, 'SMTP_URL must look like smtp://user:password@host:587 or smtps://…').optional(),
  ALERT_EMAIL_FROM: z.string().trim().regex(/^[^\s@]+@[^\s@]+$/, 'ALERT_EMAIL_FROM must be an e-mail address').optional(),
  ALERT_RUNBOOK_BASE_URL: z.string().trim().min(1).default('docs/runbooks/alerts.md'),
  ALERT_DIGEST_HOUR_UTC: z.coerce.number({ error: 'ALERT_DIGEST_HOUR_UTC must be an hour 0–23' }).int('ALERT_DIGEST_HOUR_UTC must be a whole hour').min(0, 'ALERT_DIGEST_HOUR_UTC must be 0–23').max(23, 'ALERT_DIGEST_HOUR_UTC must be 0–23').default(7),
  /** Where Amazon's rate buckets live: this process (local), the database (several workers), or Redis. */
  RATE_LIMIT_STORE: z.enum(['local', 'database', 'redis'], { error: 'RATE_LIMIT_STORE must be local, database or redis' }).optional(),
  /** The SQS queue Amazon's SP-API notifications are delivered to (the destination `setup` creates). */
  SQS_QUEUE_URL: z.string().trim().refine((v) => /^https?:\/\/\S+$/.test(v), { message: 'SQS_QUEUE_URL must be the queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/fba-bridge' }).optional(),
  /** An SQS queue a commercetools subscription delivers order messages to (instead of Pub/Sub push). */
  CT_SQS_QUEUE_URL: z.string().trim().refine((v) => /^https?:\/\/\S+$/.test(v), { message: 'CT_SQS_QUEUE_URL must be the queue URL' }).optional(),
  /** A local SQS-compatible endpoint (tests, rehearsals); AWS itself is found from the queue URL. */
  SQS_ENDPOINT: z.string().trim().refine((v) => /^https?:\/\/\S+$/.test(v), { message: 'SQS_ENDPOINT must be an http(s) URL' }).optional(),
  SQS_VISIBILITY_TIMEOUT_SECONDS: positiveInt('SQS_VISIBILITY_TIMEOUT_SECONDS', 60),
  /** The ARN of SQS_QUEUE_URL's queue: `setup` makes Amazon deliver there (an SP-API Notifications destination). */
  SQS_QUEUE_ARN: z.string().trim().regex(/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/, 'SQS_QUEUE_ARN must be the queue ARN, e.g. arn:aws:sqs:eu-west-1:123456789012:fba-bridge-notifications (SQS console → the queue → Details)').optional(),
  /** The name `setup` gives the SP-API Notifications destination it creates for SQS_QUEUE_ARN. */
  SPAPI_DESTINATION_NAME: z.string().trim().min(1, 'SPAPI_DESTINATION_NAME is empty: a name for the notifications destination, or leave it unset').max(256, 'SPAPI_DESTINATION_NAME must be at most 256 characters').default('fba-bridge'),
  REDIS_URL: z.string().trim().refine((v) => /^rediss?:\/\/\S+$/.test(v), { message: 'REDIS_URL must be redis://host:port (or rediss:// for TLS)' }).optional(),
});
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;
