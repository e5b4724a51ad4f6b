// exceptions.new: open exceptions, one alert per exception type, to the type's owner team. It is raised
// when exceptions of a type appear ("3 new order.unknown-sku since the last check"), dead letters
// (work.dead-letter) included, lasts while any of that type is open, and resolves when none is.
import type { AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { finding } from './finding.js';

// Exceptions that are another rule's incident, so the team hears about it once: the credentials
// exceptions the dependency circuits raise (the auth alerts), and a pool sync that could not read Amazon
// (inventory.stale, after its threshold: one failed run retried at the next schedule is no incident).
const COVERED_BY_OTHER_RULES: readonly string[] = ['amazon.credentials-refused', 'commercetools.credentials-refused', 'inventory.sync-failed'];

export function exceptionFindings(facts: ConnectionFacts, _settings: AlertRuleSettings): Finding[] {
  return facts.exceptions.filter((e) => e.open > 0 && !COVERED_BY_OTHER_RULES.includes(e.type)).map((e) => finding('exceptions.new', facts, e.type,
    `${e.fresh > 0 ? `${e.fresh} new ` : ''}${e.type} exception(s) since the last check; ${e.open} open (connection ${facts.connectionId})`,
    { type: e.type, fresh: e.fresh, open: e.open }, null, e.owner));
}
