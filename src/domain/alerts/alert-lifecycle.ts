// Hear about each problem once: what to send, given what the rules found now and which alerts are
// active. A finding without an active alert is raised; an active alert still found is reminded once
// the reminder interval has passed since it was last sent; an active alert no longer found is resolved
// — but only for connections that were evaluated now (facts that could not be gathered resolve nothing).
import type { Finding } from './alert-facts.js';

export interface ActiveAlert {
  readonly id: number;
  readonly key: string;
  readonly connectionId: string;
  readonly lastNotifiedAt: number;
}

export interface AlertPlan<A extends ActiveAlert> {
  readonly raise: readonly Finding[];
  readonly remind: ReadonlyArray<{ readonly alert: A; readonly finding: Finding }>;
  readonly resolve: readonly A[];
}

export function planAlerts<A extends ActiveAlert>(
  findings: readonly Finding[], active: readonly A[], evaluated: ReadonlySet<string>, now: number, reminderMs: number,
): AlertPlan<A> {
  const activeByKey = new Map(active.map((a) => [a.key, a]));
  const found = new Map<string, Finding>();
  for (const f of findings) if (!found.has(f.key)) found.set(f.key, f);
  const raise: Finding[] = [];
  const remind: Array<{ alert: A; finding: Finding }> = [];
  for (const f of found.values()) {
    const alert = activeByKey.get(f.key);
    if (!alert) raise.push(f);
    else if (now - alert.lastNotifiedAt >= reminderMs) remind.push({ alert, finding: f });
  }
  const resolve = active.filter((a) => !found.has(a.key) && evaluated.has(a.connectionId));
  return { raise, remind, resolve };
}
