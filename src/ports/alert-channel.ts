// Where alerts go: a webhook, Slack, e-mail. A channel sends one notice or throws; retries and logging
// are the dispatcher's (flows/alerts/alert-dispatcher.ts), so a channel stays a thin adapter.
import type { AlertRuleId, AlertSeverity } from '../domain/alerts/alert-rule-catalogue.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';

export type AlertEvent = 'alert.raised' | 'alert.reminder' | 'alert.resolved';

/** The webhook body (docs/runbooks/alerts.md#webhook): the other channels render the same facts. */
export interface AlertNotice {
  readonly event: AlertEvent;
  readonly alert: {
    readonly id: string;
    readonly rule: AlertRuleId;
    readonly team: OwnerTeam;
    readonly severity: AlertSeverity;
    readonly connectionId: string;
    readonly summary: string;
    readonly details: Readonly<Record<string, string | number>>;
    /** What to do first, in plain words. */
    readonly action: string;
    readonly runbook: string;
    /** ISO 8601 (UTC). */
    readonly startedAt: string;
    readonly resolvedAt: string | null;
  };
}

export interface DigestMessage {
  readonly team: OwnerTeam;
  readonly subject: string;
  readonly text: string;
}

export interface AlertChannel {
  /** For logs: "webhook", "slack", "email", with the team when it is a team's own. */
  readonly name: string;
  send(notice: AlertNotice, signal: AbortSignal): Promise<void>;
  /** Only channels that can carry a digest (e-mail) have it. */
  sendDigest?(digest: DigestMessage, signal: AbortSignal): Promise<void>;
}
