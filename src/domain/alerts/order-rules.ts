// orders.backlog: the oldest FBA-bound order not yet at Amazon waited longer than the threshold.
// orders.stalled: orders Amazon holds (Received/Planning) past the threshold (STUCK_IN_PLANNING_HOURS
// by default), or tracking work (Amazon shipped, not yet written back) waiting that long.
import type { AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { ageSeconds, finding } from './finding.js';

export function orderBacklogFindings(facts: ConnectionFacts, settings: AlertRuleSettings): Finding[] {
  const { oldestUnsentAt, unsentCount } = facts.orders;
  const after = settings['orders.backlog'].afterSeconds ?? 0;
  if (oldestUnsentAt === null) return [];
  const age = ageSeconds(facts.now, oldestUnsentAt);
  if (age < after) return [];
  return [finding('orders.backlog', facts, null,
    `${unsentCount} FBA-bound order(s) not yet at Amazon; the oldest has waited ${age} s (threshold ${after} s)`,
    { unsent: unsentCount, oldestWaitSeconds: age, thresholdSeconds: after }, oldestUnsentAt)];
}

/** `stuckInPlanningSeconds`: the default threshold when the config names none. */
export function orderStalledFindings(facts: ConnectionFacts, settings: AlertRuleSettings, stuckInPlanningSeconds: number): Finding[] {
  const after = settings['orders.stalled'].afterSeconds ?? stuckInPlanningSeconds;
  const held = facts.orders.heldAtAmazon.filter((o) => ageSeconds(facts.now, o.since) >= after);
  const trackingAge = facts.orders.oldestTrackingDueAt === null ? null : ageSeconds(facts.now, facts.orders.oldestTrackingDueAt);
  const trackingLate = trackingAge !== null && trackingAge >= after;
  if (held.length === 0 && !trackingLate) return [];
  const parts: string[] = [];
  if (held.length > 0) parts.push(`${held.length} order(s) held at Amazon for longer than ${after} s (${held.slice(0, 5).map((o) => o.orderNumber ?? '?').join(', ')}${held.length > 5 ? ', …' : ''})`);
  if (trackingLate) parts.push(`${facts.orders.trackingDueCount} order(s) with Amazon changes not written back; the oldest for ${trackingAge} s`);
  const since = Math.min(...held.map((o) => o.since), facts.orders.oldestTrackingDueAt ?? Number.POSITIVE_INFINITY);
  return [finding('orders.stalled', facts, null, parts.join('; '),
    { heldAtAmazon: held.length, trackingDue: trackingLate ? facts.orders.trackingDueCount : 0, thresholdSeconds: after }, since)];
}
