// The commercetools side of the inventory flow, over the official SDK: supply channels by key, inventory
// entries read in keyset pages and written as absolute values at the version they were read, and the
// variant SKUs the SKU audit needs. Query values travel as predicate input variables, never spliced
// into predicate text.
import type { InventoryEntry, InventoryEntryDraft } from '@commercetools/platform-sdk';
import { fail, failure, ok, type Failure, type Result } from '../../domain/shared/result.js';
import type {
  CommercetoolsInventoryPort,
  InventoryEntryAtVersion,
  InventoryEntryPage,
  InventoryEntrySnapshot,
  ListEntriesOptions,
  SupplyChannel,
  VariantSkuPage,
} from '../../ports/commercetools-inventory.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { send } from './ct-errors.js';
import { skuChunks, toEntrySnapshot, toEntrySnapshots, variantSkusOf } from './ct-inventory-mapper.js';
import { afterId, decodeKeysetCursor, encodeKeysetCursor, ID_ORDER, listingDigest, pageSizeOf, type KeysetCursor } from './ct-keyset-cursor.js';

// Channel keys per query: a project has tens of channels, and stores hold at most 100 supply channels.
const KEYS_PER_QUERY = 100;

// commercetools refuses a second entry for one (sku, supply channel). The error it answers with is
// DuplicateField; DuplicateFieldWithConflictingResource is accepted too, as commercetools answers some
// other duplicates with it.
const DUPLICATE_CODES: ReadonlySet<string> = new Set(['DuplicateField', 'DuplicateFieldWithConflictingResource']);

export class CommercetoolsInventoryGateway implements CommercetoolsInventoryPort {
  constructor(private readonly api: CommercetoolsApi) {}

  async channelsByKey(keys: readonly string[]): Promise<Result<ReadonlyMap<string, SupplyChannel>>> {
    const wanted = [...new Set(keys)];
    const found = new Map<string, SupplyChannel>();
    for (let start = 0; start < wanted.length; start += KEYS_PER_QUERY) {
      const chunk = wanted.slice(start, start + KEYS_PER_QUERY);
      const page = await send(() =>
        this.api
          .channels()
          .get({ queryArgs: { where: 'key in :keys', 'var.keys': chunk, limit: chunk.length, withTotal: false } })
          .execute(),
      );
      if (!page.ok) return page;
      for (const channel of page.value.results) {
        if (channel.key !== undefined) found.set(channel.key, { id: channel.id, key: channel.key });
      }
    }
    const missing = wanted.filter((key) => !found.has(key));
    if (missing.length > 0) {
      const names = missing.map((key) => `"${key}"`).join(', ');
      return fail(
        failure(
          'permanent',
          'ChannelNotFound',
          `The commercetools project has no channel with key ${names}: create it (role InventorySupply) or correct the key in the inventory configuration`,
        ),
      );
    }
    return ok(found);
  }

  async listEntries(supplyChannelIds: readonly string[], options: ListEntriesOptions): Promise<Result<InventoryEntryPage>> {
    const channels = [...new Set(supplyChannelIds)].sort();
    const chunks: ReadonlyArray<readonly string[] | undefined> = options.skus === undefined ? [undefined] : skuChunks(options.skus);
    if (channels.length === 0 || chunks.length === 0) return ok({ entries: [] });
    const listing = listingDigest(['inventory-entries', channels, options.skus === undefined ? null : chunks]);

    let position: KeysetCursor = { listing, chunk: 0 };
    if (options.cursor !== undefined) {
      const decoded = decodeKeysetCursor(options.cursor, listing);
      if (!decoded.ok) return decoded;
      if (decoded.value.chunk >= chunks.length) return fail(failure('permanent', 'InvalidCursor', 'The cursor points past the end of this listing'));
      position = decoded.value;
    }
    const size = pageSizeOf(options.pageSize);

    // One query per page. A page holds one SKU chunk's entries at most, so it may be short; a chunk
    // without entries is skipped here rather than answered as an empty page with a cursor.
    for (;;) {
      const rows = await this.queryEntries(channels, chunks[position.chunk], position.after, size + 1);
      if (!rows.ok) return rows;
      const entries = toEntrySnapshots(rows.value.slice(0, size));
      if (!entries.ok) return entries;
      const last = entries.value[entries.value.length - 1];
      if (rows.value.length > size && last) {
        return ok({ entries: entries.value, cursor: encodeKeysetCursor({ listing, chunk: position.chunk, after: last.id }) });
      }
      const nextChunk = position.chunk + 1;
      if (nextChunk >= chunks.length) return ok({ entries: entries.value });
      if (last) return ok({ entries: entries.value, cursor: encodeKeysetCursor({ listing, chunk: nextChunk }) });
      position = { listing, chunk: nextChunk };
    }
  }

  async setAvailableQuantity(entry: InventoryEntryAtVersion, target: number): Promise<Result<InventoryEntrySnapshot>> {
    if (!isQuantity(target)) return fail(invalidQuantity('target', target));
    // Docs: https://docs.commercetools.com/api/projects/inventory#change-quantity — changeQuantity sets
    // quantityOnStock and keeps active reservations, so available = quantityOnStock − reserved.
    const reserved = Math.max(0, entry.quantityOnStock - entry.availableQuantity);
    return this.setQuantityOnStock(entry, target + reserved);
  }

  async setQuantityOnStock(entry: Pick<InventoryEntryAtVersion, 'id' | 'version'>, quantity: number): Promise<Result<InventoryEntrySnapshot>> {
    if (!isQuantity(quantity)) return fail(invalidQuantity('quantityOnStock', quantity));
    const updated = await send(() =>
      this.api
        .inventory()
        .withId({ ID: entry.id })
        .post({ body: { version: entry.version, actions: [{ action: 'changeQuantity', quantity }] } })
        .execute(),
    );
    if (!updated.ok) return fail(updated.error.status === 404 ? entryGone(entry.id, updated.error) : updated.error);
    return toEntrySnapshot(updated.value);
  }

  async createEntry(sku: string, supplyChannelId: string, availableQuantity: number): Promise<Result<InventoryEntrySnapshot>> {
    if (!isQuantity(availableQuantity)) return fail(invalidQuantity('availableQuantity', availableQuantity));
    // commercetools itself refuses a duplicate (sku, channel) with 400 DuplicateField (mapped below);
    // @labdigital/commercetools-mock 4.4.0 accepts it. Looking first keeps the port's promise there too,
    // at the cost of one query per create — creates are rare once a project's entries exist.
    const existing = await this.findEntry(sku, supplyChannelId);
    if (!existing.ok) return existing;
    if (existing.value) return fail(entryExists(sku, supplyChannelId, existing.value.id));

    const draft: InventoryEntryDraft = { sku, supplyChannel: { typeId: 'channel', id: supplyChannelId }, quantityOnStock: availableQuantity };
    const created = await send(() => this.api.inventory().post({ body: draft }).execute());
    if (!created.ok) {
      // Another writer created it between our look and our create.
      return fail(DUPLICATE_CODES.has(created.error.partnerCode ?? '') ? entryExists(sku, supplyChannelId, undefined, created.error) : created.error);
    }
    return toEntrySnapshot(created.value);
  }

  async listVariantSkus(cursorText: string | undefined, pageSize: number): Promise<Result<VariantSkuPage>> {
    const listing = listingDigest(['product-variant-skus']);
    let after: string | undefined;
    if (cursorText !== undefined) {
      const decoded = decodeKeysetCursor(cursorText, listing);
      if (!decoded.ok) return decoded;
      after = decoded.value.after;
    }
    const size = pageSizeOf(pageSize);
    const resume = afterId(after);
    const page = await send(() =>
      this.api
        .products()
        .get({
          queryArgs: {
            ...(resume.where.length > 0 ? { where: resume.where } : {}),
            ...resume.vars,
            sort: ID_ORDER,
            limit: size + 1,
            withTotal: false,
          },
        })
        .execute(),
    );
    if (!page.ok) return page;
    const products = page.value.results.slice(0, size);
    const variants = products.flatMap(variantSkusOf);
    const last = products[products.length - 1];
    const more = page.value.results.length > size && last !== undefined;
    return ok(more ? { variants, cursor: encodeKeysetCursor({ listing, chunk: 0, after: last.id }) } : { variants });
  }

  private async queryEntries(
    channels: readonly string[],
    skus: readonly string[] | undefined,
    after: string | undefined,
    limit: number,
  ): Promise<Result<InventoryEntry[]>> {
    const resume = afterId(after);
    const page = await send(() =>
      this.api
        .inventory()
        .get({
          queryArgs: {
            where: ['supplyChannel(id in :channels)', ...(skus ? ['sku in :skus'] : []), ...resume.where],
            'var.channels': [...channels],
            ...(skus ? { 'var.skus': [...skus] } : {}),
            ...resume.vars,
            sort: ID_ORDER,
            limit,
            withTotal: false,
          },
        })
        .execute(),
    );
    return page.ok ? ok(page.value.results) : page;
  }

  private async findEntry(sku: string, supplyChannelId: string): Promise<Result<InventoryEntry | undefined>> {
    const page = await send(() =>
      this.api
        .inventory()
        .get({
          queryArgs: {
            where: 'sku = :sku and supplyChannel(id = :channel)',
            'var.sku': sku,
            'var.channel': supplyChannelId,
            limit: 1,
            withTotal: false,
          },
        })
        .execute(),
    );
    return page.ok ? ok(page.value.results[0]) : page;
  }
}

function isQuantity(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalidQuantity(name: string, value: number): Failure {
  return failure('permanent', 'InvalidInput', `${name} must be a whole number of units, 0 or more, not ${value}`);
}

function entryExists(sku: string, supplyChannelId: string, existingId: string | undefined, cause?: Failure): Failure {
  const which = existingId ? ` (${existingId})` : '';
  return failure(
    'retryable',
    'EntryExists',
    `An inventory entry for sku "${sku}" in supply channel ${supplyChannelId} exists already${which}: re-read it and set its quantity instead`,
    { ...(cause?.status !== undefined ? { status: cause.status } : {}), ...(cause?.details !== undefined ? { details: cause.details } : {}) },
  );
}

function entryGone(entryId: string, cause: Failure): Failure {
  return failure('retryable', 'EntryNotFound', `Inventory entry ${entryId} no longer exists: re-read and re-decide`, {
    status: 404,
    ...(cause.details !== undefined ? { details: cause.details } : {}),
  });
}
