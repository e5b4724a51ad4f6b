// Loads and validates the configuration once, at start-up: environment variables, optionally on top
// of a JSON config file using the same keys. Every problem is reported at once, one line each, so a
// person fixes them in one go. The only module that reads process.env is src/config/environment.ts.
import { fail, ok, type Result } from '../domain/shared/result.js';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { connectionSettingsSchema, deploymentSettingsSchema, type ConnectionSettings, type DeploymentSettings } from './settings-schema.js';
import type { BridgeConfig, ConnectionConfig } from './bridge-config.js';
import { Secret } from './secret.js';
import { accessSettingsSchema, oidcSettingsProblem, toAccessSettings } from './access-schema.js';
import { DEFAULT_ROUTING, type RoutingConfig } from '../domain/orders/routing.js';
import { parseInventorySettings, type InventorySettings } from './inventory-schema.js';
import { ALERT_TIMING_DEFAULTS, parseAlertSettings, type AlertSettings } from './alerts-schema.js';
import { chartOfAccountsProblems, parseChartOfAccounts, type ChartOfAccounts } from '../domain/settlements/chart-of-accounts.js';

const SPAPI_HOSTS = { na: 'https://sellingpartnerapi-na.amazon.com', eu: 'https://sellingpartnerapi-eu.amazon.com', fe: 'https://sellingpartnerapi-fe.amazon.com' } as const;

const speed = z.enum(['Standard', 'Expedited', 'Priority']);
const routingSchema = z.object({
  shippingMethodSpeeds: z.record(z.string(), speed).optional(),
  fulfillmentChannelValue: z.string().min(1).optional(),
  fbaSupplyChannelKeys: z.array(z.string().min(1)).optional(),
  defaultSpeed: speed.optional(),
}).strict();

const fileSchema = z.object({
  routing: routingSchema.optional(),
  connections: z.array(z.record(z.string(), z.unknown())).optional(),
}).catchall(z.unknown());

/** The configuration, or every problem found (one line each, naming the setting). */
export type ConfigResult = Result<BridgeConfig, string[]>;
export type RawSettings = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: RawSettings, configFile?: string): ConfigResult {
  const problems: string[] = [];
  let file: z.infer<typeof fileSchema> = {};
  const path = configFile ?? env.FBA_BRIDGE_CONFIG;
  if (path) {
    try {
      const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
      const parsed = fileSchema.safeParse(raw);
      if (parsed.success) file = parsed.data;
      else {
        problems.push(...parsed.error.issues.map((i) => `config file ${path}: ${i.path.join('.') || '(top)'}: ${i.message}`));
        // Its plain settings still count: one bad routing entry must not make every setting look missing.
        if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
          const { routing: _routing, connections: _connections, ...settings } = raw as Record<string, unknown>;
          file = settings;
        }
      }
    } catch (err) {
      problems.push(`config file ${path} cannot be read as JSON: ${(err as Error).message}`);
    }
  }
  // The inventory section (docs/adr/0008): absent means inventory sync is off.
  let inventory: InventorySettings | undefined;
  if (path && file.inventory !== undefined) {
    const parsed = parseInventorySettings(file.inventory);
    if (parsed.ok) inventory = parsed.value;
    else problems.push(...parsed.error.map((p) => `config file ${path}: ${p}`));
  }
  const flatFile = stringValues(file);
  const merged: RawSettings = { ...flatFile, ...definedOnly(env) };
  problems.push(...controlCharacterProblems(merged));
  (file.connections ?? []).forEach((c, i) => problems.push(...controlCharacterProblems(stringValues(c)).map((p) => `connections[${i}]: ${p}`)));

  const deployment = deploymentSettingsSchema.safeParse(merged);
  if (!deployment.success) problems.push(...issueLines(deployment.error));
  const access = accessSettingsSchema.safeParse(merged);
  if (!access.success) problems.push(...issueLines(access.error));
  const oidcProblem = oidcSettingsProblem(merged);
  if (oidcProblem) problems.push(oidcProblem);
  // Checked whatever else is wrong, so every problem is reported in the same run.
  // Checked whatever else is wrong (with the raw channel keys when the deployment settings failed).
  let alerts: AlertSettings | undefined;
  const alertEnv = deployment.success ? deployment.data : { ...ALERT_TIMING_DEFAULTS, SMTP_URL: merged.SMTP_URL, ALERT_EMAIL_FROM: merged.ALERT_EMAIL_FROM };
  const parsedAlerts = parseAlertSettings(file.alerts, alertEnv);
  if (parsedAlerts.ok) alerts = parsedAlerts.value;
  else problems.push(...parsedAlerts.error.map((p) => (p.startsWith('alerts') && path ? `config file ${path}: ${p}` : p)));
  const chartPath = merged.SETTLEMENT_CHART_FILE?.trim();
  const settlementChart = chartPath ? readSettlementChart(chartPath, problems) : undefined;

  const routing = mergeRouting(file.routing);
  const connectionInputs: RawSettings[] = [merged, ...(file.connections ?? []).map((c) => stringValues(c))];
  const connections: ConnectionConfig[] = [];
  connectionInputs.forEach((input, index) => {
    const parsed = connectionSettingsSchema.safeParse(input);
    const where = index === 0 ? '' : `connections[${index - 1}]: `;
    if (!parsed.success) problems.push(...issueLines(parsed.error).map((l) => where + l));
    // Checked whatever else is wrong, so every problem is reported in the same run.
    if (input.SPAPI_ENDPOINT === undefined && input.SPAPI_REGION === undefined) {
      problems.push(`${where}SPAPI_ENDPOINT or SPAPI_REGION is missing: set SPAPI_REGION to na, eu or fe (or SPAPI_ENDPOINT to a full URL)`);
      return;
    }
    if (parsed.success) connections.push(toConnection(parsed.data, routing));
  });
  const ids = connections.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`two connections share CONNECTION_ID "${dup}": give each its own`);

  if (problems.length > 0 || !deployment.success || !access.success) return fail(problems);
  const d = deployment.data;
  return ok({
      connections,
      databaseUrl: new Secret(d.DATABASE_URL),
      port: d.PORT,
      host: d.HOST ?? defaultHost(env),
      retentionDays: d.RETENTION_DAYS,
      logLevel: d.LOG_LEVEL,
      setupOnStart: d.SETUP_ON_START === 'true',
      rateLimits: rateLimitsOf(d),
      ...sqsOf(d),
      ...(d.SQS_QUEUE_ARN ? { notifications: { queueArn: d.SQS_QUEUE_ARN, destinationName: d.SPAPI_DESTINATION_NAME } } : {}),
      access: toAccessSettings(access.data),
      ...(inventory ? { inventory } : {}),
      ...(settlementChart ? { settlementChart } : {}),
      ...(alerts ? { alerts } : {}),
      engine: {
        concurrency: d.WORKER_CONCURRENCY ?? defaultConcurrency(connections.length),
        maxAttempts: d.MAX_ATTEMPTS,
        leaseMs: d.LEASE_SECONDS * 1000,
        jobLeaseMs: Math.round(d.JOB_LEASE_SECONDS * 1000),
        fbaPollMs: d.FBA_POLL_SECONDS * 1000,
        ctPollMs: d.CT_POLL_SECONDS * 1000,
        stuckInPlanningMs: d.STUCK_IN_PLANNING_HOURS * 3600_000,
        settlementPollMs: d.SETTLEMENT_POLL_HOURS * 3600_000,
        refundMatchMs: d.REFUND_MATCH_DAYS * 86_400_000,
      },
  });
}

// Agency mode (docs/adr/0017): every connection with work gets a share of the slots, and a share holds
// items waiting for that seller's Amazon token; four per connection keep each seller's buckets busy.
const MIN_CONCURRENCY = 8;
const SLOTS_PER_CONNECTION = 4;

function defaultConcurrency(connectionCount: number): number {
  return Math.max(MIN_CONCURRENCY, SLOTS_PER_CONNECTION * connectionCount);
}

const KNOWN_KEYS = new Set([...Object.keys(connectionSettingsSchema.shape), ...Object.keys(deploymentSettingsSchema.shape), 'FBA_BRIDGE_CONFIG']);
// A newline in a value is never meant (a pasted secret, a broken .env file) and would end up in
// requests and resource names; other control characters, NUL included, neither.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** One line per setting whose value holds a control character; the value itself is never quoted. */
export function controlCharacterProblems(settings: RawSettings): string[] {
  return Object.entries(settings)
    .filter(([key, value]) => KNOWN_KEYS.has(key) && value !== undefined && CONTROL_CHARACTER.test(value))
    .map(([key]) => `${key} contains a control character (a line break, tab or similar): remove it, e.g. a trailing newline from a pasted value`);
}

/** Loopback unless the bridge runs in a container, where the platform routes to it from outside. */
function defaultHost(env: RawSettings): string {
  // Kubernetes, Cloud Run/Knative (commercetools Connect), ECS, Docker, Podman.
  const inContainer = [env.KUBERNETES_SERVICE_HOST, env.K_SERVICE, env.ECS_CONTAINER_METADATA_URI_V4, env.ECS_CONTAINER_METADATA_URI].some((v) => v !== undefined)
    || existsSync('/.dockerenv') || existsSync('/run/.containerenv');
  return inContainer ? '0.0.0.0' : '127.0.0.1';
}

/** The chart of SETTLEMENT_CHART_FILE, checked now so `start` never books a report with a broken chart; its problems, one line each. */
function readSettlementChart(path: string, problems: string[]): ChartOfAccounts | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`SETTLEMENT_CHART_FILE ${path} cannot be read as JSON: ${(err as Error).message}`);
    return undefined;
  }
  const parsed = parseChartOfAccounts(raw);
  if (parsed.ok) return parsed.value;
  problems.push(...chartOfAccountsProblems(raw).map((p) => `SETTLEMENT_CHART_FILE ${path}: ${p}`));
  return undefined;
}

function toConnection(s: ConnectionSettings, routing: RoutingConfig): ConnectionConfig {
  const endpoint = s.SPAPI_ENDPOINT ?? SPAPI_HOSTS[s.SPAPI_REGION ?? 'na'];
  // Amazon's buckets are per seller and application: without a seller id, a hash of the refresh
  // token identifies the authorisation (never the token itself).
  const sellerKey = s.SPAPI_SELLER_ID ?? 'rt-' + createHash('sha256').update(s.LWA_REFRESH_TOKEN).digest('hex').slice(0, 12);
  return {
    id: s.CONNECTION_ID,
    commercetools: {
      projectKey: s.CTP_PROJECT_KEY,
      clientId: s.CTP_CLIENT_ID,
      clientSecret: new Secret(s.CTP_CLIENT_SECRET),
      authUrl: s.CTP_AUTH_URL.replace(/\/+$/, ''),
      apiUrl: s.CTP_API_URL.replace(/\/+$/, ''),
      scopes: s.CTP_SCOPES ? s.CTP_SCOPES.split(/[\s,]+/).filter(Boolean) : [`manage_project:${s.CTP_PROJECT_KEY}`],
      writes: { concurrency: s.CT_WRITE_CONCURRENCY, ratePerSecond: s.CT_WRITE_RATE },
    },
    amazon: {
      endpoint: endpoint.replace(/\/+$/, ''),
      lwaEndpoint: s.LWA_ENDPOINT,
      lwaClientId: s.LWA_CLIENT_ID,
      lwaClientSecret: new Secret(s.LWA_CLIENT_SECRET),
      refreshToken: new Secret(s.LWA_REFRESH_TOKEN),
      marketplaceId: s.SPAPI_MARKETPLACE_ID,
      sellerKey,
      ...(s.SPAPI_SELLER_ID ? { sellerId: s.SPAPI_SELLER_ID } : {}),
      timeoutMs: Math.round(s.SPAPI_TIMEOUT_SECONDS * 1000),
    },
    routing,
  };
}

function mergeRouting(r: z.infer<typeof routingSchema> | undefined): RoutingConfig {
  return {
    shippingMethodSpeeds: r?.shippingMethodSpeeds ?? DEFAULT_ROUTING.shippingMethodSpeeds,
    fulfillmentChannelValue: r?.fulfillmentChannelValue ?? DEFAULT_ROUTING.fulfillmentChannelValue,
    fbaSupplyChannelKeys: r?.fbaSupplyChannelKeys ?? DEFAULT_ROUTING.fbaSupplyChannelKeys,
    defaultSpeed: r?.defaultSpeed ?? DEFAULT_ROUTING.defaultSpeed,
  };
}

function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const key = i.path.join('.');
    // zod's own texts for a missing key name no variable; ours do.
    return i.message.includes(key) || key === '' ? i.message : `${key}: ${i.message}`;
  });
}

function stringValues(obj: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function definedOnly(env: RawSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export type DeploymentResult = Result<{ readonly databaseUrl: string; readonly port: number; readonly logLevel: BridgeConfig['logLevel'] }, string[]>;

/** Only what commands that read the bridge's own records need (status, exceptions, order). */
export function loadDeploymentConfig(env: RawSettings, configFile?: string): DeploymentResult {
  let fileValues: Record<string, string> = {};
  const path = configFile ?? env.FBA_BRIDGE_CONFIG;
  if (path) {
    try {
      fileValues = stringValues(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
    } catch (err) {
      return fail([`config file ${path} cannot be read as JSON: ${(err as Error).message}`]);
    }
  }
  const values = { ...fileValues, ...definedOnly(env) };
  const controls = controlCharacterProblems(values);
  const parsed = deploymentSettingsSchema.safeParse(values);
  if (!parsed.success || controls.length > 0) return fail([...controls, ...(parsed.success ? [] : issueLines(parsed.error))]);
  return ok({ databaseUrl: parsed.data.DATABASE_URL, port: parsed.data.PORT, logLevel: parsed.data.LOG_LEVEL });
}

export type CommercetoolsResult = Result<ConnectionConfig['commercetools'], string[]>;

/** Only the commercetools settings (for `setup`, which needs no Amazon credentials yet). */
export function loadCommercetoolsConfig(env: RawSettings): CommercetoolsResult {
  const schema = connectionSettingsSchema.pick({ CTP_PROJECT_KEY: true, CTP_CLIENT_ID: true, CTP_CLIENT_SECRET: true, CTP_AUTH_URL: true, CTP_API_URL: true, CTP_SCOPES: true });
  const controls = controlCharacterProblems(definedOnly(env));
  const parsed = schema.safeParse(definedOnly(env));
  if (!parsed.success || controls.length > 0) return fail([...controls, ...(parsed.success ? [] : issueLines(parsed.error))]);
  const s = parsed.data;
  return ok({
      projectKey: s.CTP_PROJECT_KEY, clientId: s.CTP_CLIENT_ID, clientSecret: new Secret(s.CTP_CLIENT_SECRET),
      authUrl: s.CTP_AUTH_URL.replace(/\/+$/, ''), apiUrl: s.CTP_API_URL.replace(/\/+$/, ''),
      scopes: s.CTP_SCOPES ? s.CTP_SCOPES.split(/[\s,]+/).filter(Boolean) : [`manage_project:${s.CTP_PROJECT_KEY}`],
  });
}

/**
 * Several workers share one seller's buckets: in Redis when REDIS_URL is set, else in the database when
 * it is PostgreSQL (SQLite admits one bridge process). RATE_LIMIT_STORE overrides the choice.
 */
function rateLimitsOf(d: DeploymentSettings): NonNullable<BridgeConfig['rateLimits']> {
  const store = d.RATE_LIMIT_STORE ?? (d.REDIS_URL ? 'redis' : /^postgres(ql)?:\/\//.test(d.DATABASE_URL) ? 'database' : 'local');
  return { store, ...(d.REDIS_URL ? { redisUrl: new Secret(d.REDIS_URL) } : {}) };
}

function sqsOf(d: DeploymentSettings): Pick<BridgeConfig, 'sqs'> {
  if (!d.SQS_QUEUE_URL && !d.CT_SQS_QUEUE_URL) return {};
  return {
    sqs: {
      ...(d.SQS_QUEUE_URL ? { amazonQueueUrl: d.SQS_QUEUE_URL } : {}),
      ...(d.CT_SQS_QUEUE_URL ? { commercetoolsQueueUrl: d.CT_SQS_QUEUE_URL } : {}),
      ...(d.SQS_ENDPOINT ? { endpoint: d.SQS_ENDPOINT } : {}),
      visibilityTimeoutSeconds: d.SQS_VISIBILITY_TIMEOUT_SECONDS,
    },
  };
}
