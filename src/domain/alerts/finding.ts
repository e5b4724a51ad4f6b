// Builds a Finding with the rule's team and severity from the catalogue.
import { ALERT_RULES, type AlertRuleId } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import type { OwnerTeam } from '../exceptions/exception-types.js';

export function finding(
  rule: AlertRuleId, facts: ConnectionFacts, subject: string | null, summary: string,
  details: Finding['details'], since: number | null, team: OwnerTeam = ALERT_RULES[rule].team,
): Finding {
  return {
    rule, connectionId: facts.connectionId, team, severity: ALERT_RULES[rule].severity, summary, details, since,
    key: [rule, facts.connectionId, ...(subject === null ? [] : [subject])].join(':'),
  };
}

/** Whole seconds from `since` to `now`. */
export function ageSeconds(now: number, since: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}
