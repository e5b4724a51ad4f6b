// Each flow's verdict — ok, behind or failing — from the connection's status. The Overview reads it
// here; /health and the alerts are to use the same evaluation (issue 10 brings theirs: at merge, this
// function becomes a call to it, so all three agree).
import type { ConnectionStatus } from './status-report.js';

export type Verdict = 'ok' | 'behind' | 'failing';
export type FlowName = 'orders' | 'shipments' | 'inventory' | 'settlements';

export interface FlowVerdict {
  readonly flow: FlowName;
  readonly verdict: Verdict;
  /** Why, in plain words. */
  readonly why: string;
  readonly backlog: number;
  readonly lagSeconds: number;
}

/** Due work older than this makes a flow `behind`. */
export const BEHIND_AFTER_SECONDS = 300;

const QUEUE: Partial<Record<FlowName, string>> = { orders: 'order.export', shipments: 'order.track' };

export function flowVerdicts(s: ConnectionStatus): FlowVerdict[] {
  const out: FlowVerdict[] = [];
  for (const flow of ['orders', 'shipments'] as const) {
    const q = s.queues.find((x) => x.kind === QUEUE[flow]);
    const lag = s.lagSeconds[QUEUE[flow]!] ?? 0;
    const backlog = q ? q.pending + q.leased : 0;
    if (q && q.dead > 0) out.push({ flow, verdict: 'failing', why: `${q.dead} item(s) gave up after every retry (dead-lettered)`, backlog, lagSeconds: lag });
    else if (lag > BEHIND_AFTER_SECONDS) out.push({ flow, verdict: 'behind', why: `the oldest due work waits ${lag} s`, backlog, lagSeconds: lag });
    else out.push({ flow, verdict: 'ok', why: backlog === 0 ? 'nothing waiting' : `${backlog} item(s) in progress, none late`, backlog, lagSeconds: lag });
  }
  out.push(inventoryVerdict(s));
  out.push(settlementVerdict(s));
  return out;
}

function inventoryVerdict(s: ConnectionStatus): FlowVerdict {
  const inv = s.inventory;
  const base = { flow: 'inventory' as const, backlog: 0 };
  if (!inv.enabled) return { ...base, verdict: 'ok', why: 'inventory sync is off', lagSeconds: 0 };
  const age = Math.max(0, ...inv.pools.map((p) => p.snapshotAgeSeconds ?? 0));
  const failing = inv.openExceptions.find((e) => e.type === 'inventory.sync-failed' || e.type === 'inventory.write-failed');
  if (failing) return { ...base, verdict: 'failing', why: `${failing.count} open ${failing.type} exception(s)`, lagSeconds: age };
  const drift = inv.pools.reduce((n, p) => n + p.drifting.beyondThreshold, 0);
  if (drift > 0) return { ...base, verdict: 'behind', why: `${drift} entr${drift === 1 ? 'y' : 'ies'} drifting beyond ${inv.driftThresholdMinutes} min`, lagSeconds: age };
  return { ...base, verdict: 'ok', why: 'every pool in step', lagSeconds: age };
}

function settlementVerdict(s: ConnectionStatus): FlowVerdict {
  const base = { flow: 'settlements' as const, backlog: 0, lagSeconds: 0 };
  const failing = s.openExceptions.find((e) => e.type === 'settlement.download-failed' || e.type === 'settlement.report-rejected');
  if (failing) return { ...base, verdict: 'failing', why: `${failing.count} open ${failing.type} exception(s)` };
  return { ...base, verdict: 'ok', why: 'no download or import failing' };
}
