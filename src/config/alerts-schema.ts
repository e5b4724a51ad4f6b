// The alerting configuration: per-rule overrides and per-team routing from the config file's `alerts`
// section, global channels and timings from the environment (the same keys may stand flat in the
// file). Every problem is one line naming the key and what to set.
import { z } from 'zod';
import { ALERT_RULE_IDS, alertRuleSettings, type AlertRuleId, type AlertRuleSetting, type AlertRuleSettings } from '../domain/alerts/alert-rule-catalogue.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';
import { Secret } from './secret.js';
import { fail, ok, type Result } from '../domain/shared/result.js';

export const OWNER_TEAMS = ['operations', 'ecommerce', 'finance'] as const satisfies readonly OwnerTeam[];

export interface TeamRoute {
  readonly email: readonly string[];
  readonly slackWebhookUrl?: Secret;
  readonly webhookUrl?: string;
}

export interface AlertSettings {
  readonly evaluationMs: number;
  readonly reminderMs: number;
  readonly rules: AlertRuleSettings;
  readonly teams: Partial<Record<OwnerTeam, TeamRoute>>;
  /** Global channels: they receive every team's alerts. */
  readonly webhookUrl?: string;
  readonly webhookSecret?: Secret;
  readonly slackWebhookUrl?: Secret;
  /** smtp(s)://user:password@host:port — a Secret, it may carry a password. */
  readonly smtpUrl?: Secret;
  readonly emailFrom?: string;
  /** Where the runbook lives; each alert links `<base>#<rule anchor>`. */
  readonly runbookBaseUrl: string;
  /** The hour (UTC) the daily digest goes to each team with an e-mail address. */
  readonly digestHourUtc: number;
}

const httpUrl = z.string({ error: 'must be an http(s) URL' }).trim().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');
const email = z.string({ error: 'must be an e-mail address' }).trim().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address like ops@example.com');

const ruleSchema = z.strictObject({
  afterSeconds: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds').min(0, 'must not be negative').optional(),
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
}, { error: 'must be an object like { "afterSeconds": 600, "enabled": true }' });

const teamSchema = z.strictObject({
  email: z.union([email, z.array(email)]).optional(),
  slackWebhookUrl: httpUrl.optional(),
  webhookUrl: httpUrl.optional(),
}, { error: 'must be an object like { "email": "ops@example.com", "slackWebhookUrl": "https://hooks.slack.com/…" }' });

const sectionSchema = z.strictObject({
  rules: z.partialRecord(z.enum(ALERT_RULE_IDS, { error: `is not an alert rule; the rules are ${ALERT_RULE_IDS.join(', ')}` }), ruleSchema).optional(),
  teams: z.partialRecord(z.enum(OWNER_TEAMS, { error: `is not a team; the teams are ${OWNER_TEAMS.join(', ')}` }), teamSchema).optional(),
}, { error: 'the alerts section must be an object with "rules" and/or "teams"' });

/** The deployment keys (environment, or flat in the config file). */
export interface AlertEnvironment {
  readonly ALERT_EVALUATION_SECONDS: number;
  readonly ALERT_REMINDER_SECONDS: number;
  readonly ALERT_WEBHOOK_URL?: string | undefined;
  readonly ALERT_WEBHOOK_SECRET?: string | undefined;
  readonly ALERT_SLACK_WEBHOOK_URL?: string | undefined;
  readonly SMTP_URL?: string | undefined;
  readonly ALERT_EMAIL_FROM?: string | undefined;
  readonly ALERT_RUNBOOK_BASE_URL: string;
  readonly ALERT_DIGEST_HOUR_UTC: number;
}

const KNOWN: Record<string, string> = {
  rules: `is not an alert rule; the rules are ${ALERT_RULE_IDS.join(', ')}`,
  teams: `is not a team; the teams are ${OWNER_TEAMS.join(', ')}`,
};

function issueLines(i: z.core.$ZodIssue): string[] {
  const at = `alerts${i.path.map((p) => `.${String(p)}`).join('')}`;
  const section = String(i.path[i.path.length - 1] ?? '');
  // An unknown rule or team: name each, with the ones there are.
  if (i.code === 'unrecognized_keys' && KNOWN[section]) return i.keys.map((k) => `${at}.${k}: ${KNOWN[section]}`);
  return [`${at}: ${i.message}`];
}

/** The timing keys' defaults (as settings-schema.ts has them), for checking the section when other settings failed. */
export const ALERT_TIMING_DEFAULTS = { ALERT_EVALUATION_SECONDS: 60, ALERT_REMINDER_SECONDS: 4 * 3600, ALERT_RUNBOOK_BASE_URL: 'docs/runbooks/alerts.md', ALERT_DIGEST_HOUR_UTC: 7 } as const;


/** The section's problems, one line each, all at once. */
export function parseAlertSettings(section: unknown, env: AlertEnvironment): Result<AlertSettings, string[]> {
  const parsed = sectionSchema.safeParse(section ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(issueLines);
  if (env.SMTP_URL && !env.ALERT_EMAIL_FROM) problems.push('ALERT_EMAIL_FROM is missing: SMTP_URL is set, so name the sender of alert e-mails, e.g. fba-bridge@example.com');
  const teamsWithEmail = parsed.success ? Object.entries(parsed.data.teams ?? {}).filter(([, t]) => t.email !== undefined).map(([name]) => name) : [];
  if (!env.SMTP_URL && teamsWithEmail.length > 0) problems.push(`SMTP_URL is missing: alerts.teams (${teamsWithEmail.join(', ')}) name e-mail addresses, so set SMTP_URL (e.g. smtp://user:password@mail.example.com:587)`);
  if (!parsed.success || problems.length > 0) return fail(problems);
  const rules = alertRuleSettings(parsed.data.rules as Partial<Record<AlertRuleId, Partial<AlertRuleSetting>>> | undefined);
  const teams: Partial<Record<OwnerTeam, TeamRoute>> = {};
  for (const [name, t] of Object.entries(parsed.data.teams ?? {}) as Array<[OwnerTeam, z.infer<typeof teamSchema>]>) {
    teams[name] = {
      email: t.email === undefined ? [] : Array.isArray(t.email) ? t.email : [t.email],
      ...(t.slackWebhookUrl ? { slackWebhookUrl: new Secret(t.slackWebhookUrl) } : {}),
      ...(t.webhookUrl ? { webhookUrl: t.webhookUrl } : {}),
    };
  }
  return ok({
    evaluationMs: env.ALERT_EVALUATION_SECONDS * 1000,
    reminderMs: env.ALERT_REMINDER_SECONDS * 1000,
    rules, teams,
    runbookBaseUrl: env.ALERT_RUNBOOK_BASE_URL,
    digestHourUtc: env.ALERT_DIGEST_HOUR_UTC,
    ...(env.ALERT_WEBHOOK_URL ? { webhookUrl: env.ALERT_WEBHOOK_URL } : {}),
    ...(env.ALERT_WEBHOOK_SECRET ? { webhookSecret: new Secret(env.ALERT_WEBHOOK_SECRET) } : {}),
    ...(env.ALERT_SLACK_WEBHOOK_URL ? { slackWebhookUrl: new Secret(env.ALERT_SLACK_WEBHOOK_URL) } : {}),
    ...(env.SMTP_URL ? { smtpUrl: new Secret(env.SMTP_URL) } : {}),
    ...(env.ALERT_EMAIL_FROM ? { emailFrom: env.ALERT_EMAIL_FROM } : {}),
  });
}
