// Reads the commercetools inventory entries of a pool's supply channels (all, or of named SKUs) and
// names each by its channel key, as the write plan wants them.
import type { CommercetoolsInventoryPort, SupplyChannel } from '../../ports/commercetools-inventory.js';
import type { ObservedEntry } from '../../domain/inventory/inventory-write-plan.js';
import { ok, type Result } from '../../domain/shared/result.js';

const PAGE_SIZE = 499;

export interface ChannelIds {
  readonly byKey: ReadonlyMap<string, SupplyChannel>;
  readonly keyOfId: ReadonlyMap<string, string>;
}

export async function resolveChannels(ct: CommercetoolsInventoryPort, keys: readonly string[]): Promise<Result<ChannelIds>> {
  const found = await ct.channelsByKey(keys);
  if (!found.ok) return found;
  return ok(channelIdsOf(found.value));
}

export function channelIdsOf(byKey: ReadonlyMap<string, SupplyChannel>): ChannelIds {
  return { byKey, keyOfId: new Map([...byKey.values()].map((c) => [c.id, c.key])) };
}

export async function readEntries(
  ct: CommercetoolsInventoryPort, channels: ChannelIds, skus: readonly string[] | undefined, onPage?: (read: number) => void,
): Promise<Result<ObservedEntry[]>> {
  const ids = [...channels.byKey.values()].map((c) => c.id);
  const entries: ObservedEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await ct.listEntries(ids, { pageSize: PAGE_SIZE, ...(skus ? { skus } : {}), ...(cursor ? { cursor } : {}) });
    if (!page.ok) return page;
    for (const e of page.value.entries) {
      const channel = channels.keyOfId.get(e.supplyChannelId);
      if (channel === undefined) continue;
      entries.push({ id: e.id, version: e.version, sku: e.sku, channel, availableQuantity: e.availableQuantity, quantityOnStock: e.quantityOnStock });
    }
    onPage?.(entries.length);
    cursor = page.value.cursor;
  } while (cursor !== undefined);
  return ok(entries);
}
