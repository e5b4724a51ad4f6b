// The one evaluation GET /health, `fba-bridge status` and the alert rules share: per connection, the
// facts, what the rules find, and the verdict per flow that follows from both.
import type { ConnectionFacts, Finding } from '../domain/alerts/alert-facts.js';
import { alertRuleSettings, type AlertRuleSettings } from '../domain/alerts/alert-rule-catalogue.js';
import { evaluateRules } from '../domain/alerts/evaluate-rules.js';
import { flowVerdicts, overallStatus, type FlowStatus, type FlowVerdicts } from '../domain/health/flow-health.js';
import { gatherConnectionFacts, type FactSources } from './bridge-facts.js';

export interface EvaluationSettings {
  readonly rules?: AlertRuleSettings | undefined;
  readonly stuckInPlanningMs: number;
}

/** Everything an evaluation reads: the facts' sources and the thresholds. */
export interface EvaluationSources extends FactSources {
  readonly settings: EvaluationSettings;
}

/** The thresholds `start` evaluates with: the config file's alert rules and STUCK_IN_PLANNING_HOURS. */
export function evaluationSettingsOf(config: { readonly alerts?: { readonly rules: AlertRuleSettings } | undefined; readonly engine: { readonly stuckInPlanningMs: number } }): EvaluationSettings {
  return { rules: config.alerts?.rules, stuckInPlanningMs: config.engine.stuckInPlanningMs };
}

export interface ConnectionEvaluation {
  readonly connectionId: string;
  readonly facts: ConnectionFacts;
  readonly findings: readonly Finding[];
  readonly status: FlowStatus;
  readonly flows: FlowVerdicts;
}

export async function evaluateConnection(
  src: FactSources, settings: EvaluationSettings, connectionId: string, now: number, freshSince: number,
): Promise<ConnectionEvaluation> {
  const facts = await gatherConnectionFacts(src, connectionId, now, freshSince);
  const findings = evaluateRules(facts, { settings: settings.rules ?? alertRuleSettings(), stuckInPlanningSeconds: Math.round(settings.stuckInPlanningMs / 1000) });
  const flows = flowVerdicts(facts, findings);
  return { connectionId, facts, findings, flows, status: overallStatus([flows]) };
}

/** The body of GET /health: one connection's flows at the top; several under `connections`. */
export function healthBody(evaluations: readonly ConnectionEvaluation[]): { status: FlowStatus } & Record<string, unknown> {
  const status = overallStatus(evaluations.map((e) => e.flows));
  if (evaluations.length === 1) return { status, flows: evaluations[0]!.flows };
  return { status, connections: Object.fromEntries(evaluations.map((e) => [e.connectionId, { status: e.status, flows: e.flows }])) };
}

/** Lines for `fba-bridge status`: the same verdicts as GET /health. */
export function formatVerdicts(e: ConnectionEvaluation): string[] {
  const lines = [`  health: ${e.status}`];
  for (const [flow, v] of Object.entries(e.flows)) {
    lines.push(`    ${flow.padEnd(13)} ${v.status.padEnd(8)} lag ${v.lagSeconds === null ? '-' : `${v.lagSeconds}s`}${v.status === 'ok' ? '' : `  ${v.reason}`}`);
  }
  return lines;
}
