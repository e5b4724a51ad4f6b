// Sends a write plan to commercetools: absolute quantityOnStock at the version read, creations for
// missing entries. Per SKU in plan order (decreases first); once any write of a SKU fails — a 409 or
// anything else — none of its remaining increases is sent (docs/adr/0008, rule 4): the caller re-reads
// and re-decides that SKU. SKUs go in parallel, a few at a time; one SKU's writes never overlap.
import type { FailureCode } from '../../domain/shared/failure-code.js';
import type { CommercetoolsInventoryPort, InventoryEntrySnapshot } from '../../ports/commercetools-inventory.js';
import type { InventoryWrite } from '../../domain/inventory/inventory-write-plan.js';
import type { Failure } from '../../domain/shared/result.js';
import type { ChannelIds } from './inventory-commercetools-read.js';

const SKUS_IN_PARALLEL = 8;

export type WriteOutcome =
  | { readonly kind: 'landed'; readonly write: InventoryWrite; readonly entry: InventoryEntrySnapshot }
  /** 409, or the entry appeared/vanished meanwhile: re-read and re-decide. */
  | { readonly kind: 'stale'; readonly write: InventoryWrite; readonly error: Failure }
  | { readonly kind: 'failed'; readonly write: InventoryWrite; readonly error: Failure }
  | { readonly kind: 'held-back'; readonly write: InventoryWrite };

const STALE_CODES: ReadonlySet<FailureCode> = new Set<FailureCode>(['ConcurrentModification', 'EntryExists', 'EntryNotFound']);

export async function applyWrites(
  ct: CommercetoolsInventoryPort, channels: ChannelIds, writes: readonly InventoryWrite[], onOutcome?: (o: WriteOutcome) => void,
): Promise<WriteOutcome[]> {
  const bySku = new Map<string, InventoryWrite[]>();
  for (const w of writes) bySku.set(w.sku, [...(bySku.get(w.sku) ?? []), w]);
  const groups = [...bySku.values()];
  const outcomes: WriteOutcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const group = groups[next++];
      if (group === undefined) return;
      let broken = false;
      for (const write of group) {
        const outcome: WriteOutcome = broken && write.direction === 'increase' ? { kind: 'held-back', write } : await send(ct, channels, write);
        if (outcome.kind === 'stale' || outcome.kind === 'failed') broken = true;
        outcomes.push(outcome);
        onOutcome?.(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SKUS_IN_PARALLEL, groups.length) }, worker));
  return outcomes;
}

async function send(ct: CommercetoolsInventoryPort, channels: ChannelIds, write: InventoryWrite): Promise<WriteOutcome> {
  const result = write.kind === 'create'
    ? await createEntry(ct, channels, write.sku, write.channel, write.quantityOnStock)
    : await ct.setQuantityOnStock({ id: write.entryId, version: write.version }, write.quantityOnStock);
  if (result.ok) return { kind: 'landed', write, entry: result.value };
  return STALE_CODES.has(result.error.code) ? { kind: 'stale', write, error: result.error } : { kind: 'failed', write, error: result.error };
}

function createEntry(ct: CommercetoolsInventoryPort, channels: ChannelIds, sku: string, channel: string, quantity: number) {
  const id = channels.byKey.get(channel)?.id;
  if (id === undefined) throw new Error(`channel ${channel} was not resolved before planning (a bug)`);
  return ct.createEntry(sku, id, quantity);
}
