// intake.silent: the commercetools subscription is broken — no event for the threshold while polling
// keeps finding new orders no event announced. A deployment that never received an event has no
// subscription to watch (polling is its intake), so it is not alerted.
import type { AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { ageSeconds, finding } from './finding.js';

export function intakeFindings(facts: ConnectionFacts, settings: AlertRuleSettings): Finding[] {
  const after = settings['intake.silent'].afterSeconds ?? 0;
  const { lastEventAt, lastPolledNewOrderAt } = facts.intake;
  if (lastEventAt === null || lastPolledNewOrderAt === null || lastPolledNewOrderAt <= lastEventAt) return [];
  const silent = ageSeconds(facts.now, lastEventAt);
  if (silent < after) return [];
  return [finding('intake.silent', facts, null,
    `No commercetools event for ${silent} s while polling found new orders (the last ${ageSeconds(facts.now, lastPolledNewOrderAt)} s ago)`,
    { silentSeconds: silent, thresholdSeconds: after }, lastEventAt)];
}
