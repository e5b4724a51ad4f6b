// Only what `fba-bridge status` needs besides the database: the config file's inventory section and
// alert thresholds (so its verdicts are the ones `start` evaluates), STUCK_IN_PLANNING_HOURS, and where
// the running bridge listens (for its dependencies' state). No commercetools or Amazon credentials: an
// operations person can run it from any shell on the server. What cannot be read is said, not fatal.
import { readFileSync } from 'node:fs';
import type { RawSettings } from './load-config.js';
import { parseInventorySettings, type InventorySettings } from './inventory-schema.js';
import { ALERT_TIMING_DEFAULTS, parseAlertSettings } from './alerts-schema.js';
import type { AlertRuleSettings } from '../domain/alerts/alert-rule-catalogue.js';

export interface StatusConfig {
  readonly inventory?: InventorySettings;
  /** The config file's `alerts.rules` over the defaults; undefined: the defaults. */
  readonly rules?: AlertRuleSettings;
  readonly stuckInPlanningMs: number;
  /** The running bridge's base URL on this machine (PORT; HOST when it is not a wildcard). */
  readonly bridgeUrl: string;
  /** Sections that could not be used, one line each (status then uses the defaults). */
  readonly problems: readonly string[];
}

export function loadStatusConfig(env: RawSettings, configFile?: string): StatusConfig {
  const problems: string[] = [];
  const path = configFile ?? env.FBA_BRIDGE_CONFIG;
  let file: { inventory?: unknown; alerts?: unknown; PORT?: unknown; HOST?: unknown } = {};
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as typeof file;
    } catch (err) {
      problems.push(`config file ${path} cannot be read as JSON (${(err as Error).message}): default thresholds are used`);
    }
  }
  let inventory: InventorySettings | undefined;
  if (file.inventory !== undefined) {
    const parsed = parseInventorySettings(file.inventory);
    if (parsed.ok) inventory = parsed.value;
    else problems.push(...parsed.error.map((p) => `config file ${path}: ${p}`));
  }
  let rules: AlertRuleSettings | undefined;
  if (file.alerts !== undefined) {
    // Channels are not this command's business: only the rules' thresholds are used.
    const parsed = parseAlertSettings(file.alerts, { ...ALERT_TIMING_DEFAULTS, SMTP_URL: 'smtp://unused', ALERT_EMAIL_FROM: 'unused@example.com' });
    if (parsed.ok) rules = parsed.value.rules;
    else problems.push(...parsed.error.map((p) => `config file ${path}: ${p}`));
  }
  const hours = Number(env.STUCK_IN_PLANNING_HOURS ?? 24);
  const port = Number(env.PORT ?? (typeof file.PORT === 'string' || typeof file.PORT === 'number' ? file.PORT : 8080));
  const host = String(env.HOST ?? file.HOST ?? '127.0.0.1');
  const reachableHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    ...(inventory ? { inventory } : {}),
    ...(rules ? { rules } : {}),
    stuckInPlanningMs: (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3600_000,
    bridgeUrl: `http://${reachableHost}:${Number.isInteger(port) && port > 0 ? port : 8080}`,
    problems,
  };
}
