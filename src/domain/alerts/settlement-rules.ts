// settlements.overdue: no settlement report imported for the threshold (16 days: Amazon settles every
// 14), counted from the last import or, before the first, from when the bridge started watching; or
// storefront refunds without their Amazon counterpart (unreconciled).
import type { AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { ageSeconds, finding } from './finding.js';

export function settlementFindings(facts: ConnectionFacts, settings: AlertRuleSettings): Finding[] {
  const after = settings['settlements.overdue'].afterSeconds ?? 0;
  const s = facts.settlements;
  const from = s.lastImportedAt ?? s.watchingSince;
  const age = ageSeconds(facts.now, from);
  const overdue = age >= after;
  if (!overdue && s.unreconciledRefunds === 0) return [];
  const parts: string[] = [];
  if (overdue) parts.push(s.lastImportedAt === null ? `no settlement imported in the ${Math.floor(age / 86_400)} day(s) since the bridge started watching` : `no settlement imported for ${Math.floor(age / 86_400)} day(s) (${age} s)`);
  if (s.unreconciledRefunds > 0) parts.push(`${s.unreconciledRefunds} refund(s) not reconciled`);
  return [finding('settlements.overdue', facts, null, parts.join('; '), { sinceLastImportSeconds: age, unreconciledRefunds: s.unreconciledRefunds }, overdue ? from : null)];
}
