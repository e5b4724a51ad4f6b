// Runs every enabled rule over one connection's facts. Pure: same facts, same findings.
import type { AlertRuleId, AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { dependencyFindings } from './dependency-rules.js';
import { orderBacklogFindings, orderStalledFindings } from './order-rules.js';
import { exceptionFindings } from './exception-rules.js';
import { inventoryFindings } from './inventory-rules.js';
import { settlementFindings } from './settlement-rules.js';
import { intakeFindings } from './intake-rules.js';

export interface RuleContext {
  readonly settings: AlertRuleSettings;
  /** STUCK_IN_PLANNING_HOURS in seconds: orders.stalled's threshold unless the config names one. */
  readonly stuckInPlanningSeconds: number;
}

export function evaluateRules(facts: ConnectionFacts, ctx: RuleContext): Finding[] {
  const s = ctx.settings;
  const all = [
    ...dependencyFindings(facts, s),
    ...orderBacklogFindings(facts, s),
    ...orderStalledFindings(facts, s, ctx.stuckInPlanningSeconds),
    ...exceptionFindings(facts, s),
    ...inventoryFindings(facts, s),
    ...settlementFindings(facts, s),
    ...intakeFindings(facts, s),
  ];
  return all.filter((f) => isEnabled(s, f.rule));
}

function isEnabled(settings: AlertRuleSettings, rule: AlertRuleId): boolean {
  return settings[rule].enabled;
}
