// Prometheus text exposition of the status report and the rate governor's buckets.
// Docs: https://prometheus.io/docs/instrumenting/exposition_formats/
import type { ConnectionStatus } from '../app/status-report.js';
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
  metric('fba_bridge_rate_tokens', 'Tokens left in each SP-API rate bucket', 'gauge');
  for (const b of buckets) out.push(`fba_bridge_rate_tokens{seller="${b.seller}",operation="${b.operation}"} ${b.tokens}`);
  metric('fba_bridge_rate_limit_per_second', 'Rate Amazon grants per SP-API operation', 'gauge');
  for (const b of buckets) out.push(`fba_bridge_rate_limit_per_second{seller="${b.seller}",operation="${b.operation}"} ${b.ratePerSecond}`);
  metric('fba_bridge_throttled_total', '429 answers per SP-API operation', 'counter');
  for (const b of buckets) out.push(`fba_bridge_throttled_total{seller="${b.seller}",operation="${b.operation}"} ${b.throttled}`);
  return out.join('\n') + '\n';
}
