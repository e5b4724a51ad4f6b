// Builds alerting for `start` from the configuration: the channels (global and per team), the
// dispatcher that delivers to them, and the two periodic jobs — evaluation every
// ALERT_EVALUATION_SECONDS and the daily digest — each run by one worker per period (job leases).
import type { BridgeConfig } from '../config/bridge-config.js';
import type { AlertSettings } from '../config/alerts-schema.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { AlertChannel } from '../ports/alert-channel.js';
import type { DependencyStatusSource } from '../ports/dependency-status.js';
import type { ScheduledTask } from '../engine/scheduler.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';
import { alertRuleSettings } from '../domain/alerts/alert-rule-catalogue.js';
import { webhookChannel } from '../adapters/alerting/webhook-channel.js';
import { slackChannel } from '../adapters/alerting/slack-channel.js';
import { emailChannel } from '../adapters/alerting/email-channel.js';
import type { BridgeMetrics } from '../adapters/metrics/bridge-metrics.js';
import { AlertDispatcher, DEFAULT_DISPATCH, type ChannelRouting } from '../flows/alerts/alert-dispatcher.js';
import { evaluateAlerts } from '../flows/alerts/alert-evaluator.js';
import { sendDailyDigest } from '../flows/alerts/alert-digest.js';

const DIGEST_CHECK_MS = 15 * 60_000;

/** Every rule at its default and no channel: what a config built without an alerts section means. */
export function defaultAlertSettings(): AlertSettings {
  return { evaluationMs: 60_000, reminderMs: 4 * 3600_000, rules: alertRuleSettings(), teams: {}, runbookBaseUrl: 'docs/runbooks/alerts.md', digestHourUtc: 7 };
}

export function alertChannels(settings: AlertSettings): ChannelRouting {
  const global: AlertChannel[] = [];
  if (settings.webhookUrl) global.push(webhookChannel('webhook', settings.webhookUrl, settings.webhookSecret));
  if (settings.slackWebhookUrl) global.push(slackChannel('slack', settings.slackWebhookUrl));
  const teams: Partial<Record<OwnerTeam, AlertChannel[]>> = {};
  for (const [team, route] of Object.entries(settings.teams) as Array<[OwnerTeam, NonNullable<AlertSettings['teams'][OwnerTeam]>]>) {
    const channels: AlertChannel[] = [];
    if (route.webhookUrl) channels.push(webhookChannel(`webhook:${team}`, route.webhookUrl, settings.webhookSecret));
    if (route.slackWebhookUrl) channels.push(slackChannel(`slack:${team}`, route.slackWebhookUrl));
    if (route.email.length > 0 && settings.smtpUrl && settings.emailFrom) channels.push(emailChannel(`email:${team}`, settings.smtpUrl, settings.emailFrom, route.email));
    teams[team] = channels;
  }
  return { global, teams };
}

export interface AlertingContext {
  readonly config: BridgeConfig;
  readonly store: Store;
  readonly dependencies: DependencyStatusSource;
  readonly workerId: string;
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly metrics: BridgeMetrics;
}

export interface Alerting {
  readonly tasks: ScheduledTask[];
  readonly dispatcher: AlertDispatcher;
}

export function alerting(ctx: AlertingContext): Alerting {
  const settings = ctx.config.alerts ?? defaultAlertSettings();
  const logger = ctx.logger.child({ component: 'alerts' });
  const dispatcher = new AlertDispatcher(alertChannels(settings), logger, { ...DEFAULT_DISPATCH, onDelivered: (channel, outcome) => ctx.metrics.alertDelivery(channel, outcome) });
  const base = {
    store: ctx.store, settings, connectionIds: ctx.config.connections.map((c) => c.id), stuckInPlanningMs: ctx.config.engine.stuckInPlanningMs,
    inventory: ctx.config.inventory, dependencies: ctx.dependencies, workerId: ctx.workerId, clock: ctx.workClock, logger, dispatcher,
  };
  return {
    dispatcher,
    tasks: [
      // The first run waits one period, so a restart does not judge what it has not watched yet.
      { name: 'alerts-evaluate', intervalMs: settings.evaluationMs, initialDelayMs: settings.evaluationMs, run: async () => { await evaluateAlerts({ ...base, onNotice: (e, a) => ctx.metrics.alertNotice(e, a) }); } },
      { name: 'alerts-daily-digest', intervalMs: DIGEST_CHECK_MS, initialDelayMs: DIGEST_CHECK_MS, run: async () => { await sendDailyDigest(base); } },
    ],
  };
}
