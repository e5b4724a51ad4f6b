// Seeds inventory entries — every SKU × every supply channel — for tests, `demo` and the inventory
// benchmark, through the SDK over HTTP like any client would. "Ensure" like the catalogue seed: entries
// that exist are left as they are, so seeding twice is harmless. Creates run a few at a time; the
// existing entries are found by one listing of the channels, not one look per entry (against the mock,
// every query scans all entries). Tooling, not flow code: failures throw.
import type { Result } from '../../domain/shared/result.js';
import type { CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { CommercetoolsInventoryGateway } from '../../adapters/commercetools/ct-inventory-gateway.js';

export interface InventorySeed {
  readonly skus: readonly string[];
  readonly supplyChannelIds: readonly string[];
  /** quantityOnStock of each new entry (nothing is reserved in a new entry); 0 when absent. */
  readonly quantity?: number | ((sku: string, supplyChannelId: string) => number);
  /** Creates in flight at once; 16 when absent. */
  readonly concurrency?: number;
}

export interface InventorySeedOutcome {
  readonly created: number;
  /** (sku, channel) pairs that had an entry already. */
  readonly existing: number;
}

export async function seedInventoryEntries(api: CommercetoolsApi, seed: InventorySeed): Promise<InventorySeedOutcome> {
  const have = await existingPairs(api, seed.supplyChannelIds);
  const quantityOf = typeof seed.quantity === 'function' ? seed.quantity : () => (seed.quantity as number | undefined) ?? 0;
  const missing: Array<{ sku: string; supplyChannelId: string }> = [];
  let existing = 0;
  for (const sku of new Set(seed.skus)) {
    for (const supplyChannelId of new Set(seed.supplyChannelIds)) {
      if (have.has(pairKey(sku, supplyChannelId))) existing += 1;
      else missing.push({ sku, supplyChannelId });
    }
  }
  await forEachConcurrently(missing, seed.concurrency ?? 16, async ({ sku, supplyChannelId }) => {
    const quantityOnStock = quantityOf(sku, supplyChannelId);
    await api
      .inventory()
      .post({ body: { sku, supplyChannel: { typeId: 'channel', id: supplyChannelId }, quantityOnStock } })
      .execute();
  });
  return { created: missing.length, existing };
}

async function existingPairs(api: CommercetoolsApi, supplyChannelIds: readonly string[]): Promise<Set<string>> {
  const gateway = new CommercetoolsInventoryGateway(api);
  const pairs = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = unwrap(await gateway.listEntries(supplyChannelIds, { pageSize: 499, ...(cursor ? { cursor } : {}) }));
    for (const entry of page.entries) pairs.add(pairKey(entry.sku, entry.supplyChannelId));
    cursor = page.cursor;
  } while (cursor);
  return pairs;
}

async function forEachConcurrently<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure the workers stop taking items; the first failure is what the caller sees.
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await run(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

function pairKey(sku: string, supplyChannelId: string): string {
  return `${supplyChannelId}\u0000${sku}`;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`commercetools: ${result.error.message}`);
  return result.value;
}
