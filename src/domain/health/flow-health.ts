// The verdict per flow that GET /health, `fba-bridge status` and the alert rules share: ok, behind or
// failing, with the reason and how far behind. Computed from the same facts and the same findings the
// alert rules produce, so health never says ok while an alert about the flow is active, and a flow
// whose oldest work waits longer than a grace period is behind even before its alert threshold.
import type { ConnectionFacts, Finding } from '../alerts/alert-facts.js';
import type { AlertRuleId } from '../alerts/alert-rule-catalogue.js';
import { ageSeconds } from '../alerts/finding.js';

export const FLOW_NAMES = ['ordersOut', 'trackingBack', 'inventory', 'settlements', 'intake'] as const;
export type FlowName = (typeof FLOW_NAMES)[number];
export type FlowStatus = 'ok' | 'behind' | 'failing';

export interface FlowVerdict {
  readonly status: FlowStatus;
  readonly reason: string;
  /** Seconds the flow's oldest pending work has waited (or since its last success); null: nothing measured yet. */
  readonly lagSeconds: number | null;
}

export type FlowVerdicts = Partial<Record<FlowName, FlowVerdict>>;

/** Work waiting longer than this makes a flow behind, whatever the alert thresholds (which may be longer). */
export const BEHIND_GRACE_SECONDS = 120;

// A dependency failure makes these flows fail; the other rules make their flow behind.
const DEPENDENCY_RULES: readonly AlertRuleId[] = ['amazon.auth-failed', 'amazon.unreachable', 'commercetools.auth-failed', 'commercetools.unreachable'];
const FLOW_RULES: Record<FlowName, { readonly failing: readonly AlertRuleId[]; readonly behind: readonly AlertRuleId[] }> = {
  ordersOut: { failing: DEPENDENCY_RULES, behind: ['orders.backlog'] },
  trackingBack: { failing: DEPENDENCY_RULES, behind: ['orders.stalled'] },
  inventory: { failing: DEPENDENCY_RULES, behind: ['inventory.stale'] },
  settlements: { failing: ['amazon.auth-failed', 'amazon.unreachable'], behind: ['settlements.overdue'] },
  intake: { failing: [], behind: ['intake.silent'] },
};

export function flowVerdicts(facts: ConnectionFacts, findings: readonly Finding[]): FlowVerdicts {
  const mine = findings.filter((f) => f.connectionId === facts.connectionId);
  const lags = flowLags(facts);
  const out: FlowVerdicts = {};
  for (const flow of FLOW_NAMES) {
    if (flow === 'inventory' && facts.inventory === null) continue; // not configured: left out
    const failing = mine.filter((f) => FLOW_RULES[flow].failing.includes(f.rule));
    const behind = mine.filter((f) => FLOW_RULES[flow].behind.includes(f.rule));
    const lag = lags[flow];
    if (failing.length > 0) out[flow] = { status: 'failing', reason: failing.map((f) => f.summary).join('; '), lagSeconds: lag };
    else if (behind.length > 0) out[flow] = { status: 'behind', reason: behind.map((f) => f.summary).join('; '), lagSeconds: lag };
    else if (waitingOn(facts, flow)) out[flow] = { status: 'behind', reason: waitingOn(facts, flow)!, lagSeconds: lag };
    else if (lag !== null && lag > BEHIND_GRACE_SECONDS && (flow === 'ordersOut' || flow === 'trackingBack')) {
      out[flow] = { status: 'behind', reason: `the oldest pending work has waited ${lag} s`, lagSeconds: lag };
    } else out[flow] = { status: 'ok', reason: 'ok', lagSeconds: lag };
  }
  return out;
}

// Work of these flows pauses while one of their dependencies fails (the circuits, ADR 13): behind until
// the dependency alert's threshold makes it failing.
const FLOW_DEPENDENCIES: Record<FlowName, readonly string[]> = {
  ordersOut: ['amazon-sp-api', 'amazon-lwa', 'commercetools'], trackingBack: ['amazon-sp-api', 'amazon-lwa', 'commercetools'],
  inventory: ['amazon-sp-api', 'amazon-lwa', 'commercetools'], settlements: ['amazon-sp-api', 'amazon-lwa'], intake: [],
};
const DEPENDENCY_LABEL: Record<string, string> = { 'amazon-sp-api': 'SP-API', 'amazon-lwa': 'Login with Amazon', commercetools: 'commercetools', database: 'the database' };

function waitingOn(facts: ConnectionFacts, flow: FlowName): string | null {
  const down = facts.dependencies.filter((d) => d.state !== 'closed' && FLOW_DEPENDENCIES[flow].includes(d.dependency));
  if (down.length === 0) return null;
  return down.map((d) => `${DEPENDENCY_LABEL[d.dependency]} ${d.category === 'auth-refused' ? 'refuses the credentials' : d.category === 'unreachable' ? 'unreachable' : 'failing'} for ${ageSeconds(facts.now, d.since)} s; work waits`).join('; ');
}

/** The worst of the verdicts: failing over behind over ok. */
export function overallStatus(verdicts: readonly FlowVerdicts[]): FlowStatus {
  const all = verdicts.flatMap((v) => Object.values(v).map((x) => x.status));
  return all.includes('failing') ? 'failing' : all.includes('behind') ? 'behind' : 'ok';
}

function flowLags(facts: ConnectionFacts): Record<FlowName, number | null> {
  const age = (at: number | null) => (at === null ? 0 : ageSeconds(facts.now, at));
  const snapshotAges = (facts.inventory?.pools ?? []).map((p) => p.snapshotAgeSeconds).filter((a): a is number => a !== null);
  return {
    ordersOut: age(facts.orders.oldestUnsentAt),
    trackingBack: age(facts.orders.oldestTrackingDueAt),
    inventory: snapshotAges.length > 0 ? Math.max(...snapshotAges) : null,
    settlements: facts.settlements.lastImportedAt === null ? null : ageSeconds(facts.now, facts.settlements.lastImportedAt),
    intake: facts.intake.lastEventAt === null ? null : ageSeconds(facts.now, facts.intake.lastEventAt),
  };
}
