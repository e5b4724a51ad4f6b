// inventory.stale, per pool: its FBA snapshot is older than twice the incremental schedule, a channel's
// posts fail and its last successful one is older than the drift threshold (a channel whose stock did
// not change has nothing to post: quiet is not late), or entries have drifted beyond the threshold.
// An explicit afterSeconds in the config replaces both age thresholds.
import type { AlertRuleSettings } from './alert-rule-catalogue.js';
import type { ConnectionFacts, Finding } from './alert-facts.js';
import { finding } from './finding.js';

export function inventoryFindings(facts: ConnectionFacts, settings: AlertRuleSettings): Finding[] {
  const inventory = facts.inventory;
  if (!inventory) return [];
  const override = settings['inventory.stale'].afterSeconds;
  const snapshotLimit = override ?? 2 * inventory.scheduleSeconds;
  const postLimit = override ?? inventory.driftThresholdSeconds;
  const out: Finding[] = [];
  for (const pool of inventory.pools) {
    const problems: string[] = [];
    if (pool.snapshotAgeSeconds !== null && pool.snapshotAgeSeconds > snapshotLimit) problems.push(`FBA snapshot ${pool.snapshotAgeSeconds} s old (limit ${snapshotLimit} s)`);
    const late = pool.channels.filter((c) => c.failing && (c.lastPostAgeSeconds === null || c.lastPostAgeSeconds > postLimit));
    if (late.length > 0) problems.push(`posts failing, no successful post for ${late.map((c) => `${c.channel} (${c.lastPostAgeSeconds === null ? 'ever' : `${c.lastPostAgeSeconds} s`})`).join(', ')} (limit ${postLimit} s)`);
    if (pool.driftBeyondThreshold > 0) problems.push(`${pool.driftBeyondThreshold} entr${pool.driftBeyondThreshold === 1 ? 'y' : 'ies'} drifting beyond the threshold`);
    if (problems.length === 0) continue;
    out.push(finding('inventory.stale', facts, pool.poolId, `Pool ${pool.poolId}: ${problems.join('; ')}`, {
      pool: pool.poolId, snapshotAgeSeconds: pool.snapshotAgeSeconds ?? -1, lateChannels: late.length, driftBeyondThreshold: pool.driftBeyondThreshold,
    }, null));
  }
  return out;
}
