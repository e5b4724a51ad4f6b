// The console's Overview, gathered in one place: each flow's verdict (the evaluation GET /health,
// `fba-bridge status` and the alert rules share: bridge-evaluation.ts), its backlog and lag, the last
// 24 h of both (sampled), throughput per hour, open exceptions per team, the last inventory sync and
// the last settlement import — per connection.
import type { FlowSample, HourActivity } from '../ports/console-store.js';
import type { SettlementRecord } from '../ports/settlement-store.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';
import type { ConnectionFacts } from '../domain/alerts/alert-facts.js';
import type { FlowName, FlowStatus } from '../domain/health/flow-health.js';
import { connectionStatus, type ConnectionStatus } from './status-report.js';
import { evaluateConnection, type ConnectionEvaluation, type EvaluationSources } from './bridge-evaluation.js';

const DAY_MS = 86_400_000;
/** Exceptions first seen in this window count as new in the verdicts' reasons. */
const FRESH_MS = 3600_000;

export interface OverviewFlow {
  readonly flow: FlowName;
  readonly status: FlowStatus;
  /** Why, in plain words ('ok' when nothing is wrong). */
  readonly reason: string;
  readonly lagSeconds: number | null;
  /** What waits: orders not yet at Amazon, tracking not yet written back, drifting entries, unreconciled refunds; null for intake. */
  readonly backlog: number | null;
}

export interface ConnectionOverview {
  readonly connectionId: string;
  readonly status: FlowStatus;
  readonly flows: readonly OverviewFlow[];
  readonly samples: readonly FlowSample[];
  readonly activity: readonly HourActivity[];
  readonly openExceptionsByTeam: Record<OwnerTeam, number>;
  readonly lastInventorySyncAt: number | null;
  readonly lastSettlement: Pick<SettlementRecord, 'settlementId' | 'importedAt' | 'currency' | 'fractionDigits' | 'totalAmount' | 'depositDate'> | null;
  readonly orders: ConnectionStatus['orders'];
}

export async function consoleOverview(sources: EvaluationSources, now: number): Promise<ConnectionOverview[]> {
  const { store } = sources;
  const connections = await store.connections.list();
  return Promise.all(connections.map(async (c) => {
    const status = await connectionStatus(store, c.id, now, sources.inventory);
    const evaluation = await evaluateConnection(sources, sources.settings, c.id, now, now - FRESH_MS);
    const byTeam: Record<OwnerTeam, number> = { operations: 0, ecommerce: 0, finance: 0 };
    for (const e of status.openExceptions) byTeam[e.owner] += e.count;
    const scans = status.inventory.pools.flatMap((p) => [p.lastFullScanAt, p.lastIncrementalScanAt]).filter((t): t is number => t !== null);
    const [last] = await store.settlements.list(c.id, 1);
    return {
      connectionId: c.id,
      status: evaluation.status,
      flows: overviewFlows(evaluation),
      samples: await store.console.flowSamples(c.id, now - DAY_MS),
      activity: await store.console.activityByHour(c.id, now - DAY_MS),
      openExceptionsByTeam: byTeam,
      lastInventorySyncAt: scans.length > 0 ? Math.max(...scans) : null,
      lastSettlement: last ? { settlementId: last.settlementId, importedAt: last.importedAt, currency: last.currency, fractionDigits: last.fractionDigits, totalAmount: last.totalAmount, depositDate: last.depositDate } : null,
      orders: status.orders,
    };
  }));
}

/** Samples of every flow's backlog and lag now, for the 24 h charts (the serving process records them). */
export async function sampleFlows(sources: EvaluationSources, now: number): Promise<FlowSample[]> {
  const samples: FlowSample[] = [];
  for (const c of await sources.store.connections.list()) {
    const evaluation = await evaluateConnection(sources, sources.settings, c.id, now, now - FRESH_MS);
    for (const f of overviewFlows(evaluation)) samples.push({ connectionId: c.id, flow: f.flow, at: now, backlog: f.backlog ?? 0, lagSeconds: f.lagSeconds ?? 0 });
  }
  return samples;
}

function overviewFlows(e: ConnectionEvaluation): OverviewFlow[] {
  return Object.entries(e.flows).map(([flow, v]) => ({ flow: flow as FlowName, status: v.status, reason: v.reason, lagSeconds: v.lagSeconds, backlog: backlogOf(e.facts, flow as FlowName) }));
}

function backlogOf(facts: ConnectionFacts, flow: FlowName): number | null {
  switch (flow) {
    case 'ordersOut': return facts.orders.unsentCount;
    case 'trackingBack': return facts.orders.trackingDueCount;
    case 'inventory': return (facts.inventory?.pools ?? []).reduce((n, p) => n + p.driftBeyondThreshold, 0);
    case 'settlements': return facts.settlements.unreconciledRefunds;
    case 'intake': return null;
  }
}
