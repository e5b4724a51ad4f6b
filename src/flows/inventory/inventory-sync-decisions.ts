// Step 2 of a batch of a pool sync: decide. Subtract the storefront units Amazon has not reserved, allocate each
// SKU across the pool's channels and plan the writes that differ. The decisions remember, per entry,
// the last expected quantity and the last entry seen, for the record the run keeps afterwards.
import { allocateSku, type SkuAllocation } from '../../domain/inventory/allocation.js';
import { planInventoryWrites, type DuplicateEntries, type InventoryWritePlan, type ObservedEntry } from '../../domain/inventory/inventory-write-plan.js';
import { unreservedUnitsAt } from './inventory-unreserved.js';
import type { SyncInputs } from './inventory-sync-inputs.js';
import { entryKey, type SyncRun } from './inventory-sync-run.js';

export interface Decision {
  readonly allocations: SkuAllocation[];
  readonly plan: InventoryWritePlan;
}

export class SyncDecisions {
  readonly expectedOf = new Map<string, number>();
  readonly observedOf = new Map<string, ObservedEntry>();
  readonly duplicates = new Map<string, DuplicateEntries>();

  constructor(private readonly run: SyncRun, private readonly inputs: SyncInputs) {}

  /** Decides `skus` on the entries observed. */
  async decide(skus: readonly string[], observed: readonly ObservedEntry[]): Promise<Decision> {
    const { deps, pool, snapshotAt } = this.run;
    const settleMs = deps.settings.reservationSettleMinutes * 60_000;
    const units = await unreservedUnitsAt(deps.store.inventory, deps.connectionId, snapshotAt, settleMs, skus);
    const allocations = skus.map((sku) => allocateSku(pool, { sku, fulfillable: this.inputs.fulfillable(sku), unreservedOrderUnits: units.get(sku) ?? 0 }));
    const expected = allocations.flatMap((a) => a.channels.map((c) => ({ sku: a.sku, channel: c.channel, allocated: c.allocated })));
    const decision = { allocations, plan: planInventoryWrites(expected, observed) };
    for (const a of allocations) for (const c of a.channels) this.expectedOf.set(entryKey(a.sku, c.channel), c.allocated);
    for (const e of observed) this.observedOf.set(entryKey(e.sku, e.channel), e);
    for (const d of decision.plan.duplicates) this.duplicates.set(d.sku, d);
    return decision;
  }
}
