// Answers inventory-entry queries on @labdigital/commercetools-mock 4.4.0 without copying every entry.
// The mock's in-memory storage answers every query by deep-copying all of a type's resources (a JSON
// round trip each) and then evaluating the predicate on each: with 300,000 entries one 100-SKU lookup
// takes seconds, and a 100,000-SKU bench hours. Here the storage's own `query` still answers — its
// predicate evaluation, sort, offset/limit, total and expand — but over fewer, uncopied resources:
// - when the predicate is an AND with `sku in :v` or starts `sku = :v and …` (what the inventory
//   gateway sends), only the entries with those SKUs, from an index by sku kept on add/delete, in the
//   storage's own order (its Map's insertion order);
// - else, when it lists whole supply channels by id (the gateway's keyset pages), only the page's
//   entries, from an index by channel (ct-mock-inventory-channel-index.ts), with the total it counts;
// - otherwise every entry, in the storage's order;
// - read in place (the predicate and the sort only read), and the page it answers copied afterwards;
//   with `expand`, which writes into the resources, they are copied first, as the mock does.
// The answer is the mock's own (the test compares both on the same data). Entries stored before
// installation are not indexed: install on a fresh mock.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { ChannelIndex, channelKeysetOf } from './ct-mock-inventory-channel-index.js';

const TYPE_ID = 'inventory-entry';

interface Entry { readonly id: string; readonly sku?: unknown; readonly supplyChannel?: unknown }
interface QueryParams { where?: string | string[]; expand?: unknown; [parameter: string]: unknown }
interface QueryAnswer { count: number; total: number; offset: number; limit: number; results: unknown[] }
// The parts of the mock's InMemoryStorage used here (not exported in its types).
interface Storage {
  query(projectKey: string, typeId: string, params: QueryParams): Promise<QueryAnswer>;
  add(projectKey: string, typeId: string, obj: Entry, params?: unknown): Promise<unknown>;
  delete(projectKey: string, typeId: string, id: string, params?: unknown): Promise<unknown>;
  clear(): Promise<void>;
  all(projectKey: string, typeId: string): Promise<unknown[]>;
  forProjectKey(projectKey: string): Promise<Record<string, { _map: Map<string, Entry> }>>;
}
/** Per project: sku → ids of its entries, and each id's position in the storage's insertion order. */
class SkuIndex {
  private readonly bySku = new Map<string, Set<string>>();
  private readonly skuOfId = new Map<string, string>();
  private readonly position = new Map<string, number>();
  private next = 0;

  put(entry: Entry): void {
    const sku = typeof entry.sku === 'string' ? entry.sku : undefined;
    const before = this.skuOfId.get(entry.id);
    if (!this.position.has(entry.id)) this.position.set(entry.id, this.next++);
    if (before === sku) return;
    if (before !== undefined) this.bySku.get(before)?.delete(entry.id);
    if (sku === undefined) {
      this.skuOfId.delete(entry.id);
      return;
    }
    this.skuOfId.set(entry.id, sku);
    const ids = this.bySku.get(sku) ?? new Set<string>();
    ids.add(entry.id);
    this.bySku.set(sku, ids);
  }

  remove(id: string): void {
    const sku = this.skuOfId.get(id);
    if (sku !== undefined) this.bySku.get(sku)?.delete(id);
    this.skuOfId.delete(id);
    this.position.delete(id);
  }

  /** Ids of the entries with any of these SKUs, in the storage's order. */
  idsOf(skus: readonly string[]): string[] {
    const ids = new Set<string>();
    for (const sku of skus) for (const id of this.bySku.get(sku) ?? []) ids.add(id);
    return [...ids].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

interface ProjectIndexes { readonly bySku: SkuIndex; readonly byChannel: ChannelIndex }

/** The SKUs a predicate limits its matches to, when it is one of the shapes recognised; else undefined. */
export function skusNamedBy(where: string | string[] | undefined, params: QueryParams): string[] | undefined {
  if (where === undefined) return undefined;
  const clauses = Array.isArray(where) ? where : [where];
  for (const clause of clauses) {
    // Top-level AND only: `sku = :v and <rest>` (the rest must not contain `or`, which would bind looser).
    const match = /^\s*sku\s+in\s+:([-_A-Za-z0-9]+)\s*$/.exec(clause) ?? /^\s*sku\s*=\s*:([-_A-Za-z0-9]+)\s+and\s+(?!.*\bor\b)/i.exec(clause);
    if (!match) continue;
    const value = params[`var.${match[1]}`];
    const values = Array.isArray(value) ? value : [value];
    if (values.every((v): v is string => typeof v === 'string')) return values;
  }
  return undefined;
}

export function installInventoryIndex(mock: CommercetoolsMock): void {
  const storage = (mock as unknown as { _storage: Storage })._storage;
  const indexes = new Map<string, ProjectIndexes>();
  const indexOf = (projectKey: string): ProjectIndexes => {
    const found = indexes.get(projectKey) ?? { bySku: new SkuIndex(), byChannel: new ChannelIndex() };
    indexes.set(projectKey, found);
    return found;
  };

  const add = storage.add.bind(storage);
  storage.add = (projectKey, typeId, obj, params) => {
    if (typeId === TYPE_ID) {
      const { bySku, byChannel } = indexOf(projectKey);
      bySku.put(obj);
      byChannel.put(obj);
    }
    return add(projectKey, typeId, obj, params);
  };
  const remove = storage.delete.bind(storage);
  storage.delete = async (projectKey, typeId, id, params) => {
    const removed = await remove(projectKey, typeId, id, params);
    if (typeId === TYPE_ID && removed) {
      const { bySku, byChannel } = indexOf(projectKey);
      bySku.remove(id);
      byChannel.remove(id);
    }
    return removed;
  };
  const clear = storage.clear.bind(storage);
  storage.clear = async () => {
    indexes.clear();
    await clear();
  };

  // The resources one query runs over, carried through its awaits to the storage's `all`.
  const candidates = new AsyncLocalStorage<Entry[]>();
  const all = storage.all.bind(storage);
  storage.all = async (projectKey, typeId) => candidates.getStore() ?? all(projectKey, typeId);

  const query = storage.query.bind(storage);
  storage.query = async (projectKey, typeId, params) => {
    if (typeId !== TYPE_ID) return query(projectKey, typeId, params);
    const map = (await storage.forProjectKey(projectKey))[TYPE_ID]!._map;
    const skus = skusNamedBy(params.where, params);
    const keyset = skus === undefined ? channelKeysetOf(params) : undefined;
    // A keyset page: the mock filters and sorts only the page's entries; the total is the index's.
    const page = keyset && indexOf(projectKey).byChannel.page(keyset.channels, keyset.after, keyset.offset + keyset.limit);
    const ids = skus !== undefined ? indexOf(projectKey).bySku.idsOf(skus) : page?.ids;
    const inPlace = ids === undefined ? [...map.values()] : ids.map((id) => map.get(id)!);
    const copied = params.expand !== undefined;
    const answer = await candidates.run(copied ? inPlace.map(copy) : inPlace, () => query(projectKey, typeId, params));
    return { ...answer, ...(page ? { total: page.total } : {}), ...(copied ? {} : { results: answer.results.map(copy) }) };
  };
}

function copy<T>(resource: T): T {
  return JSON.parse(JSON.stringify(resource)) as T;
}
