// Prometheus text exposition of the status report and the rate governor's buckets.
// Docs: https://prometheus.io/docs/instrumenting/exposition_formats/
import type { ConnectionStatus } from '../reports/status-report.js';
import type { BucketSnapshot } from '../ports/rate-governor.js';

export function renderMetrics(statuses: readonly ConnectionStatus[], buckets: readonly BucketSnapshot[]): string {
  const out: string[] = [];
  const metric = (name: string, help: string, type: 'gauge' | 'counter') => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  metric('fba_bridge_work_items', 'Work items by flow and state', 'gauge');
  for (const s of statuses) {
    for (const q of s.queues) {
      for (const [state, n] of [['due', q.due], ['pending', q.pending], ['leased', q.leased], ['dead', q.dead]] as const) {
        out.push(`fba_bridge_work_items{connection="${s.connectionId}",flow="${q.kind}",state="${state}"} ${n}`);
      }
    }
  }
  metric('fba_bridge_flow_lag_seconds', 'Age of the oldest due work item per flow', 'gauge');
  for (const s of statuses) for (const [flow, lag] of Object.entries(s.lagSeconds)) out.push(`fba_bridge_flow_lag_seconds{connection="${s.connectionId}",flow="${flow}"} ${lag}`);
  metric('fba_bridge_orders', 'Storefront orders by bridge state', 'gauge');
  for (const s of statuses) for (const [state, n] of Object.entries(s.orders)) out.push(`fba_bridge_orders{connection="${s.connectionId}",state="${state}"} ${n}`);
  metric('fba_bridge_open_exceptions', 'Open exceptions by type and owner team', 'gauge');
  for (const s of statuses) for (const e of s.openExceptions) out.push(`fba_bridge_open_exceptions{connection="${s.connectionId}",type="${e.type}",owner="${e.owner}"} ${e.count}`);
  metric('fba_bridge_inventory_snapshot_age_seconds', 'Age of the FBA inventory snapshot of the last completed scan per pool (absent until one completed)', 'gauge');
  for (const s of statuses) {
    for (const p of s.inventory.pools) if (p.snapshotAgeSeconds !== null) out.push(`fba_bridge_inventory_snapshot_age_seconds{connection="${s.connectionId}",pool="${p.poolId}"} ${p.snapshotAgeSeconds}`);
  }
  metric('fba_bridge_inventory_last_post_age_seconds', 'Seconds since the last successful inventory post to each commercetools supply channel (absent until one succeeded)', 'gauge');
  for (const s of statuses) {
    for (const p of s.inventory.pools) {
      for (const c of p.channels) if (c.lastPostAgeSeconds !== null) out.push(`fba_bridge_inventory_last_post_age_seconds{connection="${s.connectionId}",channel="${c.channel}"} ${c.lastPostAgeSeconds}`);
    }
  }
  metric('fba_bridge_inventory_drifting_entries', 'commercetools inventory entries whose value differs from the allocation, per pool', 'gauge');
  for (const s of statuses) for (const p of s.inventory.pools) out.push(`fba_bridge_inventory_drifting_entries{connection="${s.connectionId}",pool="${p.poolId}"} ${p.drifting.entries}`);
  metric('fba_bridge_inventory_drifting_entries_beyond_threshold', 'Drifting entries that have differed for longer than the drift threshold (inventory.drift exceptions), per pool', 'gauge');
  for (const s of statuses) for (const p of s.inventory.pools) out.push(`fba_bridge_inventory_drifting_entries_beyond_threshold{connection="${s.connectionId}",pool="${p.poolId}"} ${p.drifting.beyondThreshold}`);
  metric('fba_bridge_rate_tokens', 'Tokens left in each SP-API rate bucket', 'gauge');
  for (const b of buckets) out.push(`fba_bridge_rate_tokens{seller="${b.seller}",operation="${b.operation}"} ${b.tokens}`);
  metric('fba_bridge_rate_limit_per_second', 'Rate Amazon grants per SP-API operation', 'gauge');
  for (const b of buckets) out.push(`fba_bridge_rate_limit_per_second{seller="${b.seller}",operation="${b.operation}"} ${b.ratePerSecond}`);
  metric('fba_bridge_throttled_total', '429 answers per SP-API operation', 'counter');
  for (const b of buckets) out.push(`fba_bridge_throttled_total{seller="${b.seller}",operation="${b.operation}"} ${b.throttled}`);
  return out.join('\n') + '\n';
}
