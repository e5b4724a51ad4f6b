// The commercetools ids of the pools' supply channels, remembered for the life of the process: a
// channel keeps its id, so a notified sync need not read the channels again (docs/adr/0023). A full
// sync reads them afresh, and a sync that failed (could not read, or a write failed) forgets them,
// so a channel deleted and created again under its key is found by the next sync.
import type { CommercetoolsInventoryPort, SupplyChannel } from '../../ports/commercetools-inventory.js';
import { ok, type Result } from '../../domain/shared/result.js';
import { channelIdsOf, type ChannelIds } from './inventory-commercetools-read.js';

export class ChannelIdMemory {
  readonly #known = new Map<string, SupplyChannel>();

  /** The channels of these keys: remembered ones unless `fresh`, else read (and remembered). */
  async resolve(ct: CommercetoolsInventoryPort, keys: readonly string[], fresh: boolean): Promise<Result<ChannelIds>> {
    const known = keys.map((k) => this.#known.get(k)).filter((c) => c !== undefined);
    if (!fresh && known.length === keys.length) return ok(channelIdsOf(new Map(known.map((c) => [c.key, c]))));
    const found = await ct.channelsByKey(keys);
    if (!found.ok) {
      this.forget(keys);
      return found;
    }
    for (const c of found.value.values()) this.#known.set(c.key, c);
    return ok(channelIdsOf(found.value));
  }

  forget(keys: readonly string[]): void {
    for (const k of keys) this.#known.delete(k);
  }
}
