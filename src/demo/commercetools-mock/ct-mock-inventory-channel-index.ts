// The inventory index's second half (ct-mock-inventory-index.ts installs both): inventory entries by
// supply channel, each channel's ids kept in id order, for the keyset listing the inventory gateway
// pages a pool's channels with — `supplyChannel(id in :channels)` [and `id > :after`], sorted `id asc`.
// The mock would evaluate the predicate on every entry of the project and sort them all, per page: a
// 100,000-SKU pool (300,000 entries) took minutes per listing. Here the first offset + limit ids after
// the cursor are merged from the channels' sorted ids and `total` is counted by binary search, so the
// mock's own query runs over one page. Ids compare with `<`/`>`, as the mock's predicates and sort do.
// A channel's sorted ids are rebuilt only after an entry joins or leaves it (not on updates).

export interface ChannelIndexed { readonly id: string; readonly supplyChannel?: unknown }

/** A listing of whole channels in id order, resumed after an id; what it reads of the query. */
export interface ChannelKeyset {
  readonly channels: readonly string[];
  readonly after: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

const IN_CHANNELS = /^\s*supplyChannel\s*\(\s*id\s+in\s+:([-_A-Za-z0-9]+)\s*\)\s*$/;
const IS_CHANNEL = /^\s*supplyChannel\s*\(\s*id\s*=\s*:([-_A-Za-z0-9]+)\s*\)\s*$/;
const AFTER_ID = /^\s*id\s*>\s*:([-_A-Za-z0-9]+)\s*$/;
const ID_ASCENDING = /^\s*id(\s+asc)?\s*$/i;

/**
 * The keyset a query asks for when its predicate is exactly one channel clause and at most one
 * `id > :v`, sorted by id ascending only; else undefined (the mock answers on its own).
 */
export function channelKeysetOf(params: Readonly<Record<string, unknown>>): ChannelKeyset | undefined {
  const { where, sort, offset, limit } = params;
  if (where === undefined || !isIdAscending(sort)) return undefined;
  if ((offset !== undefined && (typeof offset !== 'number' || offset < 0)) || (limit !== undefined && typeof limit !== 'number')) return undefined;
  let channels: readonly string[] | undefined;
  let after: string | undefined;
  for (const clause of Array.isArray(where) ? where : [where]) {
    if (typeof clause !== 'string') return undefined;
    const inChannels = IN_CHANNELS.exec(clause);
    const isChannel = IS_CHANNEL.exec(clause);
    const afterId = AFTER_ID.exec(clause);
    if ((inChannels || isChannel) && channels === undefined) {
      const value = params[`var.${(inChannels ?? isChannel)![1]}`];
      // `in` takes a list or one value (the mock flattens both); `=` compares one value.
      const values = inChannels && Array.isArray(value) ? value : [value];
      if (!values.every((v): v is string => typeof v === 'string') || (isChannel && Array.isArray(value))) return undefined;
      channels = [...new Set(values)];
    } else if (afterId && after === undefined) {
      const value = params[`var.${afterId[1]}`];
      if (typeof value !== 'string') return undefined;
      after = value;
    } else {
      return undefined;
    }
  }
  // The mock's own defaults: `params.offset || 0`, `params.limit || 20`.
  return channels === undefined ? undefined : { channels, after, offset: offset || 0, limit: limit || 20 };
}

function isIdAscending(sort: unknown): boolean {
  const clauses = Array.isArray(sort) ? sort : [sort];
  return clauses.length === 1 && typeof clauses[0] === 'string' && ID_ASCENDING.test(clauses[0]);
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Per project: supply channel id → ids of its entries, sorted on demand. */
export class ChannelIndex {
  readonly #ids = new Map<string, Set<string>>();
  readonly #channelOf = new Map<string, string>();
  readonly #sorted = new Map<string, string[]>();

  put(entry: ChannelIndexed): void {
    const channel = channelIdOf(entry);
    const before = this.#channelOf.get(entry.id);
    if (before === channel) return;
    if (before !== undefined) this.#leave(before, entry.id);
    if (channel === undefined) return;
    this.#channelOf.set(entry.id, channel);
    const ids = this.#ids.get(channel) ?? new Set<string>();
    ids.add(entry.id);
    this.#ids.set(channel, ids);
    this.#sorted.delete(channel);
  }

  remove(id: string): void {
    const before = this.#channelOf.get(id);
    if (before !== undefined) this.#leave(before, id);
  }

  /** The first `take` ids after `after` (all, without) in these channels, in id order, and how many follow it in all. */
  page(channels: readonly string[], after: string | undefined, take: number): { ids: string[]; total: number } {
    const lists = channels.map((c) => this.#sortedIds(c));
    const heads = lists.map((ids) => (after === undefined ? 0 : firstAbove(ids, after)));
    const total = lists.reduce((sum, ids, i) => sum + ids.length - heads[i]!, 0);
    const out: string[] = [];
    while (out.length < take) {
      let pick = -1;
      for (let i = 0; i < lists.length; i++) {
        if (heads[i]! < lists[i]!.length && (pick < 0 || lists[i]![heads[i]!]! < lists[pick]![heads[pick]!]!)) pick = i;
      }
      if (pick < 0) break;
      out.push(lists[pick]![heads[pick]!++]!);
    }
    return { ids: out, total };
  }

  #leave(channel: string, id: string): void {
    this.#ids.get(channel)?.delete(id);
    this.#channelOf.delete(id);
    this.#sorted.delete(channel);
  }

  #sortedIds(channel: string): string[] {
    let sorted = this.#sorted.get(channel);
    if (sorted === undefined) {
      sorted = [...(this.#ids.get(channel) ?? [])].sort(compareIds);
      this.#sorted.set(channel, sorted);
    }
    return sorted;
  }
}

function channelIdOf(entry: ChannelIndexed): string | undefined {
  const channel = entry.supplyChannel;
  if (typeof channel !== 'object' || channel === null) return undefined;
  const id = (channel as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** Index of the first id greater than `after` in ascending `ids`. */
function firstAbove(ids: readonly string[], after: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ids[mid]! > after) high = mid;
    else low = mid + 1;
  }
  return low;
}
