// Every alert rule: its id (stable, used in the config file and the runbook), the team that owns it,
// how severe it is, after how long a condition becomes an alert, and what to do. One table, so no
// alert is sent without an owner, an action and a runbook section (docs/runbooks/alerts.md).
import type { OwnerTeam } from '../exceptions/exception-types.js';

export const ALERT_RULE_IDS = [
  'amazon.auth-failed',
  'amazon.unreachable',
  'commercetools.auth-failed',
  'commercetools.unreachable',
  'orders.backlog',
  'orders.stalled',
  'exceptions.new',
  'inventory.stale',
  'settlements.overdue',
  'intake.silent',
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

export type AlertSeverity = 'critical' | 'warning';

export interface AlertRuleInfo {
  /** Who hears about it; exceptions.new goes to each exception type's own owner instead. */
  readonly team: OwnerTeam;
  readonly severity: AlertSeverity;
  /**
   * How long the condition must hold before it is an alert. null: the rule's own measure decides
   * (orders.stalled uses STUCK_IN_PLANNING_HOURS, inventory.stale twice the schedule and the drift threshold).
   */
  readonly defaultAfterSeconds: number | null;
  readonly title: string;
  /** What to do first, in plain words; the runbook section says more. */
  readonly action: string;
}

export const ALERT_RULES: Record<AlertRuleId, AlertRuleInfo> = {
  'amazon.auth-failed': {
    team: 'operations', severity: 'critical', defaultAfterSeconds: 0,
    title: 'Amazon refuses the credentials: every flow is stopped',
    action: 'Re-authorise the SP-API app for this seller in Seller Central and update LWA_REFRESH_TOKEN (or fix LWA_CLIENT_ID / LWA_CLIENT_SECRET), then restart.',
  },
  'amazon.unreachable': {
    team: 'operations', severity: 'critical', defaultAfterSeconds: 120,
    title: 'Amazon SP-API or Login with Amazon unreachable or failing',
    action: 'Check Amazon\'s SP-API status page and the network path from the bridge; work resumes by itself once Amazon answers.',
  },
  'commercetools.auth-failed': {
    team: 'ecommerce', severity: 'critical', defaultAfterSeconds: 0,
    title: 'commercetools refuses the API client',
    action: 'Check the API client (CTP_CLIENT_ID / CTP_CLIENT_SECRET, its scopes) in the Merchant Center; create a new one if it was deleted, then restart.',
  },
  'commercetools.unreachable': {
    team: 'ecommerce', severity: 'critical', defaultAfterSeconds: 120,
    title: 'commercetools unreachable or failing',
    action: 'Check the commercetools status page and the network path; work resumes by itself once commercetools answers.',
  },
  'orders.backlog': {
    team: 'operations', severity: 'warning', defaultAfterSeconds: 900,
    title: 'FBA-bound orders are waiting to be sent to Amazon',
    action: 'Run `fba-bridge status`: look at the ordersOut lag, open exceptions and whether Amazon throttles; see the runbook.',
  },
  'orders.stalled': {
    team: 'operations', severity: 'warning', defaultAfterSeconds: null,
    title: 'Orders held at Amazon, or shipped without tracking written back',
    action: 'Look the orders up in Seller Central (held in Planning?) and run `fba-bridge order <number>`; see the runbook.',
  },
  'exceptions.new': {
    team: 'operations', severity: 'warning', defaultAfterSeconds: 0,
    title: 'New exceptions to work through',
    action: 'Run `fba-bridge exceptions list --type <type>` and follow each exception\'s action.',
  },
  'inventory.stale': {
    team: 'ecommerce', severity: 'warning', defaultAfterSeconds: null,
    title: 'Storefront stock is not being kept up to date',
    action: 'Run `fba-bridge inventory status`; check the inventory sync errors and the drifting entries; see the runbook.',
  },
  'settlements.overdue': {
    team: 'finance', severity: 'warning', defaultAfterSeconds: 16 * 86_400,
    title: 'No settlement imported lately, or refunds not reconciled',
    action: 'Check Seller Central → Payments for new settlement reports and `fba-bridge settlement list`; work the refund exceptions.',
  },
  'intake.silent': {
    team: 'ecommerce', severity: 'warning', defaultAfterSeconds: 1_800,
    title: 'No commercetools events arrive while new orders appear (the subscription is broken)',
    action: 'Check the commercetools subscription (Merchant Center → Developer settings → Subscriptions) and its queue or push endpoint.',
  },
};

export interface AlertRuleSetting {
  readonly enabled: boolean;
  /** null: the rule's own measure (see defaultAfterSeconds). */
  readonly afterSeconds: number | null;
}

export type AlertRuleSettings = Readonly<Record<AlertRuleId, AlertRuleSetting>>;

/** Every rule enabled at its default threshold, with overrides applied. */
export function alertRuleSettings(overrides: Partial<Record<AlertRuleId, Partial<AlertRuleSetting>>> = {}): AlertRuleSettings {
  const out = {} as Record<AlertRuleId, AlertRuleSetting>;
  for (const id of ALERT_RULE_IDS) {
    const o = overrides[id] ?? {};
    out[id] = { enabled: o.enabled ?? true, afterSeconds: o.afterSeconds !== undefined ? o.afterSeconds : ALERT_RULES[id].defaultAfterSeconds };
  }
  return out;
}

/** The runbook section of a rule: GitHub's anchor of the heading "## <rule id>". */
export function runbookAnchor(rule: AlertRuleId): string {
  return rule.replace(/\./g, '');
}
