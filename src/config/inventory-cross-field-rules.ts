// The inventory section's rules that span values (shares adding up, one policy per pool, a marketplace
// or channel in one pool only, holdback and buffer together), checked on the raw input so that they are
// reported in the same run as the per-value problems of inventory-schema.ts. One line per problem,
// naming the pool and channel and what to change.
import { ALLOCATION_POLICIES, percentToBasisPoints, type AllocationPolicy } from '../domain/inventory/inventory-pool.js';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (o: Record<string, unknown>, key: string): unknown[] => {
  const v = o[key];
  return Array.isArray(v) ? v : [];
};
export const textAt = (o: Record<string, unknown>, key: string): string | undefined => (typeof o[key] === 'string' ? o[key].trim() : undefined);
const numberAt = (o: Record<string, unknown>, key: string): number | undefined => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const isPolicy = (v: unknown): v is AllocationPolicy => typeof v === 'string' && (ALLOCATION_POLICIES as readonly string[]).includes(v);

function poolLabel(raw: unknown, index: number): string {
  const id = isRecord(raw) ? textAt(raw, 'id') : undefined;
  return `inventory.pools[${index}]${id ? ` ("${id}")` : ''}`;
}

function channelLabel(raw: unknown, index: number): string {
  const key = isRecord(raw) ? textAt(raw, 'key') : undefined;
  return `channels[${index}]${key ? ` ("${key}")` : ''}`;
}

export function crossFieldProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const problems: string[] = [];
  const pools = listAt(raw, 'pools');
  const poolOfId = new Map<string, number>();
  // Where each marketplace and channel was first seen: pool index and how to name that pool.
  const poolOfMarketplace = new Map<string, { index: number; name: string }>();
  const poolOfChannel = new Map<string, { index: number; name: string }>();

  pools.forEach((pool, p) => {
    if (!isRecord(pool)) return;
    const where = poolLabel(pool, p);
    const id = textAt(pool, 'id');
    if (id) {
      const earlier = poolOfId.get(id);
      if (earlier !== undefined) problems.push(`${where}: pool id "${id}" is also used by inventory.pools[${earlier}]: give each pool its own id`);
      else poolOfId.set(id, p);
    }
    for (const m of listAt(pool, 'marketplaceIds')) {
      if (typeof m !== 'string') continue;
      const other = poolOfMarketplace.get(m);
      if (other === undefined) poolOfMarketplace.set(m, { index: p, name: where });
      else if (other.index !== p) {
        problems.push(`${where}: marketplace ${m} is also in ${other.name}: a marketplace's FBA stock belongs to one pool (Pan-EU marketplaces go together in one pool)`);
      }
    }
    problems.push(...heldTogetherProblems(pool, where));

    const channels = listAt(pool, 'channels');
    const policies = new Map<AllocationPolicy, string[]>();
    const keysHere = new Set<string>();
    const ranks = new Map<number, string>();
    let shareTotal = 0;
    channels.forEach((channel, c) => {
      if (!isRecord(channel)) return;
      const at = `${where}.${channelLabel(channel, c)}`;
      const key = textAt(channel, 'key');
      const label = key ? `"${key}"` : `#${c + 1}`;
      if (key) {
        if (keysHere.has(key)) problems.push(`${at}: channel "${key}" is listed twice in this pool: keep one entry`);
        else {
          const other = poolOfChannel.get(key);
          if (other === undefined) poolOfChannel.set(key, { index: p, name: where });
          else if (other.index !== p) {
            problems.push(`${at}: channel "${key}" is also in ${other.name}: a supply channel sells from one FBA pool; remove it from one of them`);
          }
          keysHere.add(key);
        }
      }
      if (channel.buffer !== undefined) {
        problems.push(`${at}.buffer: the buffer is set per pool, not per channel: move it to ${where}.buffer (it guards the whole pool; docs/adr/0008)`);
      }
      if (channel.order !== undefined) problems.push(`${at}.order: priority order is set with "rank" (1 is filled first)`);
      const policy = channel.policy;
      if (!isPolicy(policy)) return;
      policies.set(policy, [...(policies.get(policy) ?? []), label]);
      const share = numberAt(channel, 'share');
      if (policy === 'split') {
        if (channel.share === undefined) problems.push(`${at}: a split channel needs a share: set "share" to its percentage of the pool, e.g. "share": 40`);
        if (share !== undefined && share >= 0) shareTotal += percentToBasisPoints(share);
      } else if (channel.share !== undefined) {
        problems.push(`${at}.share: a share only applies to split channels; this channel's policy is ${policy}: remove "share" or make the pool split`);
      }
      if (policy === 'priority') {
        const rank = numberAt(channel, 'rank');
        if (channel.rank === undefined) problems.push(`${at}: a priority channel needs a rank: set "rank" (1 is filled first)`);
        else if (rank !== undefined) {
          const other = ranks.get(rank);
          if (other !== undefined) problems.push(`${at}.rank: rank ${rank} is also channel ${other}'s: give each priority channel its own rank`);
          else ranks.set(rank, label);
        }
      } else {
        for (const field of ['rank', 'cap'] as const) {
          if (channel[field] !== undefined) {
            problems.push(`${at}.${field}: "${field}" only applies to priority channels; this channel's policy is ${policy}: remove it or make the pool priority`);
          }
        }
      }
    });
    if (policies.size > 1) {
      const mix = [...policies].map(([policy, names]) => `${policy} (${names.join(', ')})`).join(', ');
      problems.push(`${where}: the pool mixes policies ${mix}: all channels of one pool use the same policy (docs/adr/0008)`);
    }
    if (shareTotal > 10_000) {
      problems.push(`${where}: the split shares add up to ${shareTotal / 100}%: they must add up to 100 or less`);
    }
  });
  return problems;
}

function heldTogetherProblems(pool: Record<string, unknown>, where: string): string[] {
  const percentOf = (field: string): number => {
    const held = pool[field];
    const v = isRecord(held) ? numberAt(held, 'percent') : undefined;
    return v !== undefined && v >= 0 && v <= 100 ? percentToBasisPoints(v) : 0;
  };
  const together = percentOf('holdback') + percentOf('buffer');
  return together > 10_000
    ? [`${where}: holdback.percent and buffer.percent together keep back ${together / 100}% of the pool, so the storefront could never sell: lower them to 100 or less in total`]
    : [];
}
