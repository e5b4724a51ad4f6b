// The gauges of a scrape, as plain samples: queues, lag, orders, exceptions, inventory freshness and
// drift (from the status report), flow health and dependency state (from the shared evaluation), active
// alerts, and the rate governor's buckets.
import type { BucketSnapshot } from '../../ports/rate-governor.js';
import type { ConnectionStatus } from '../../reports/status-report.js';
import type { ConnectionEvaluation } from '../../reports/bridge-evaluation.js';
import type { AlertRecord } from '../../ports/alert-store.js';

export interface GaugeSamples {
  readonly help: string;
  readonly labels: string[];
  readonly samples: Array<{ labels: Record<string, string>; value: number }>;
}

const FLOW_STATUS_VALUE = { ok: 0, behind: 1, failing: 2 } as const;

export function gaugeSnapshot(
  statuses: readonly ConnectionStatus[], evaluations: readonly ConnectionEvaluation[], buckets: readonly BucketSnapshot[], active: readonly AlertRecord[],
): Map<string, GaugeSamples> {
  const out = new Map<string, GaugeSamples>();
  const gauge = (name: string, help: string, labels: string[]) => {
    const g: GaugeSamples = { help, labels, samples: [] };
    out.set(name, g);
    return (l: Record<string, string>, value: number) => g.samples.push({ labels: l, value });
  };
  const work = gauge('fba_bridge_work_items', 'Work items by flow and state', ['connection', 'flow', 'state']);
  const lag = gauge('fba_bridge_flow_lag_seconds', 'Age of the oldest due work item per flow', ['connection', 'flow']);
  const orders = gauge('fba_bridge_orders', 'Storefront orders by bridge state', ['connection', 'state']);
  const exceptions = gauge('fba_bridge_open_exceptions', 'Open exceptions by type and owner team', ['connection', 'type', 'owner']);
  const snapshotAge = gauge('fba_bridge_inventory_snapshot_age_seconds', 'Age of the FBA inventory snapshot of the last completed scan per pool', ['connection', 'pool']);
  const postAge = gauge('fba_bridge_inventory_last_post_age_seconds', 'Seconds since the last successful inventory post per supply channel', ['connection', 'channel']);
  const drifting = gauge('fba_bridge_inventory_drifting_entries', 'Entries whose commercetools value differs from the allocation, per pool', ['connection', 'pool']);
  const beyond = gauge('fba_bridge_inventory_drifting_entries_beyond_threshold', 'Drifting entries older than the drift threshold, per pool', ['connection', 'pool']);
  for (const s of statuses) {
    const connection = s.connectionId;
    for (const q of s.queues) for (const [state, n] of [['due', q.due], ['pending', q.pending], ['leased', q.leased], ['dead', q.dead]] as const) work({ connection, flow: q.kind, state }, n);
    for (const [flow, seconds] of Object.entries(s.lagSeconds)) lag({ connection, flow }, seconds);
    for (const [state, n] of Object.entries(s.orders)) orders({ connection, state }, n);
    for (const e of s.openExceptions) exceptions({ connection, type: e.type, owner: e.owner }, e.count);
    for (const p of s.inventory.pools) {
      if (p.snapshotAgeSeconds !== null) snapshotAge({ connection, pool: p.poolId }, p.snapshotAgeSeconds);
      for (const c of p.channels) if (c.lastPostAgeSeconds !== null) postAge({ connection, channel: c.channel }, c.lastPostAgeSeconds);
      drifting({ connection, pool: p.poolId }, p.drifting.entries);
      beyond({ connection, pool: p.poolId }, p.drifting.beyondThreshold);
    }
  }
  const health = gauge('fba_bridge_flow_health', 'Flow verdict as GET /health gives it: 0 ok, 1 behind, 2 failing', ['connection', 'flow']);
  const up = gauge('fba_bridge_dependency_up', '1 while the dependency answers, 0 while its calls fail', ['connection', 'dependency']);
  for (const e of evaluations) {
    for (const [flow, v] of Object.entries(e.flows)) health({ connection: e.connectionId, flow }, FLOW_STATUS_VALUE[v.status]);
    for (const d of e.facts.dependencies) up({ connection: e.connectionId, dependency: d.dependency }, d.state === 'closed' ? 1 : 0);
  }
  const alerts = gauge('fba_bridge_alerts_active', 'Active alerts by rule and team', ['rule', 'team']);
  const byRule = new Map<string, { rule: string; team: string; n: number }>();
  for (const a of active) {
    const k = `${a.rule}|${a.team}`;
    byRule.set(k, { rule: a.rule, team: a.team, n: (byRule.get(k)?.n ?? 0) + 1 });
  }
  for (const { rule, team, n } of byRule.values()) alerts({ rule, team }, n);
  const tokens = gauge('fba_bridge_rate_tokens', 'Tokens left in each SP-API rate bucket', ['seller', 'operation']);
  const rate = gauge('fba_bridge_rate_limit_per_second', 'Rate Amazon grants per SP-API operation', ['seller', 'operation']);
  for (const b of buckets) {
    tokens({ seller: b.seller, operation: b.operation }, b.tokens);
    rate({ seller: b.seller, operation: b.operation }, b.ratePerSecond);
  }
  return out;
}
