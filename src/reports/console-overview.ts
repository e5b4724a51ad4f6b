// The console's Overview, gathered in one place: each flow's verdict (flow-verdicts.ts, the evaluation
// /health and the alerts share), backlog and lag over the last 24 h (sampled), throughput per hour,
// open exceptions per team, the last inventory sync and the last settlement import — per connection.
import type { Store } from '../ports/store.js';
import type { FlowSample, HourActivity } from '../ports/console-store.js';
import type { SettlementRecord } from '../ports/settlement-store.js';
import type { OwnerTeam } from '../domain/exceptions/exception-types.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import { connectionStatus, type ConnectionStatus } from './status-report.js';
import { flowVerdicts, type FlowVerdict } from './flow-verdicts.js';

const DAY_MS = 86_400_000;

export interface ConnectionOverview {
  readonly connectionId: string;
  readonly verdicts: readonly FlowVerdict[];
  readonly samples: readonly FlowSample[];
  readonly activity: readonly HourActivity[];
  readonly openExceptionsByTeam: Record<OwnerTeam, number>;
  readonly lastInventorySyncAt: number | null;
  readonly lastSettlement: Pick<SettlementRecord, 'settlementId' | 'importedAt' | 'currency' | 'fractionDigits' | 'totalAmount' | 'depositDate'> | null;
  readonly orders: ConnectionStatus['orders'];
}

export async function consoleOverview(store: Store, now: number, inventory?: InventorySettings): Promise<ConnectionOverview[]> {
  const connections = await store.connections.list();
  return Promise.all(connections.map(async (c) => {
    const status = await connectionStatus(store, c.id, now, inventory);
    const byTeam: Record<OwnerTeam, number> = { operations: 0, ecommerce: 0, finance: 0 };
    for (const e of status.openExceptions) byTeam[e.owner] += e.count;
    const scans = status.inventory.pools.flatMap((p) => [p.lastFullScanAt, p.lastIncrementalScanAt]).filter((t): t is number => t !== null);
    const [last] = await store.settlements.list(c.id, 1);
    return {
      connectionId: c.id,
      verdicts: flowVerdicts(status),
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
export async function sampleFlows(store: Store, now: number, inventory?: InventorySettings): Promise<FlowSample[]> {
  const connections = await store.connections.list();
  const samples: FlowSample[] = [];
  for (const c of connections) {
    const status = await connectionStatus(store, c.id, now, inventory);
    for (const v of flowVerdicts(status)) samples.push({ connectionId: c.id, flow: v.flow, at: now, backlog: v.backlog, lagSeconds: v.lagSeconds });
  }
  return samples;
}
