// amazon.auth-failed, amazon.unreachable, commercetools.auth-failed, commercetools.unreachable: a
// dependency that refuses the credentials is an alert at once (nothing fixes itself); one that is
// unreachable or answers 5xx only after it has been so for the rule's threshold (blips are retried).
import type { AlertRuleId, AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, DependencyFact, Finding } from './alert-facts.js';
import { ageSeconds, finding } from './finding.js';

const SYSTEMS = [
  { name: 'Amazon', dependencies: ['amazon-lwa', 'amazon-sp-api'], auth: 'amazon.auth-failed', down: 'amazon.unreachable' },
  { name: 'commercetools', dependencies: ['commercetools'], auth: 'commercetools.auth-failed', down: 'commercetools.unreachable' },
] as const;

const LABEL: Record<DependencyFact['dependency'], string> = {
  'amazon-sp-api': 'SP-API', 'amazon-lwa': 'Login with Amazon', commercetools: 'commercetools', database: 'the database',
};

export function dependencyFindings(facts: ConnectionFacts, settings: AlertRuleSettings): Finding[] {
  const out: Finding[] = [];
  for (const system of SYSTEMS) {
    const failing = facts.dependencies.filter((d) => (system.dependencies as readonly string[]).includes(d.dependency) && d.state !== 'closed');
    const refused = failing.filter((d) => d.category === 'auth-refused');
    const down = failing.filter((d) => d.category !== 'auth-refused');
    const auth = check(system.auth, refused, facts, settings, (d) => `${LABEL[d.dependency]} refuses the credentials of connection ${facts.connectionId}`);
    if (auth) out.push(auth);
    // An outage behind refused credentials is the same incident: the auth alert says what to do.
    const outage = auth ? null : check(system.down, down, facts, settings, (d, s) => `${LABEL[d.dependency]} has been ${d.category === 'unreachable' ? 'unreachable' : 'failing (5xx or no answer)'} for ${s} s (connection ${facts.connectionId})`);
    if (outage) out.push(outage);
  }
  return out;
}

function check(
  rule: AlertRuleId, candidates: readonly DependencyFact[], facts: ConnectionFacts, settings: AlertRuleSettings,
  describe: (d: DependencyFact, seconds: number) => string,
): Finding | null {
  const after = settings[rule].afterSeconds ?? 0;
  const oldest = [...candidates].sort((a, b) => a.since - b.since)[0];
  if (!oldest) return null;
  const seconds = ageSeconds(facts.now, oldest.since);
  if (seconds < after) return null;
  return finding(rule, facts, null, describe(oldest, seconds), {
    dependency: oldest.dependency, category: oldest.category ?? 'unknown', detail: oldest.detail ?? '', failingForSeconds: seconds,
  }, oldest.since);
}
