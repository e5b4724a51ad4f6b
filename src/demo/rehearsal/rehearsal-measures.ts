// The measurement math of a rehearsal: percentiles, and the lower bound Amazon's createFulfillmentOrder
// rate limit puts on when each order of a backlog can be accepted (docs/adr/0020). Pure.
import { SHIPPING_SPEEDS, type Speed } from './rehearsal-profile.js';

/** Nearest-rank percentile (p in 0…100) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface Spread {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
}

export interface PlacedOrder {
  readonly id: string;
  /** When commercetools created the order (epoch ms). */
  readonly createdMs: number;
  readonly speed: Speed;
}

export interface TokenBucketPlan {
  /** Requests per second granted. */
  readonly rate: number;
  readonly burst: number;
}

/** In which order an ideal sender would spend the tokens. */
export type BoundPolicy = 'fifo' | 'priority-first';

const RANK: Readonly<Record<Speed, number>> = { Priority: 0, Expedited: 1, Standard: 2 };

/**
 * The earliest moment each order could have been accepted by an ideal sender that knows every order the
 * instant it is created, answers in no time, and spends the bucket (full at the first order) perfectly,
 * serving waiting orders in `policy` order. Returns epoch ms by order id.
 */
export function earliestAcceptance(orders: readonly PlacedOrder[], plan: TokenBucketPlan, policy: BoundPolicy): Map<string, number> {
  const pending = [...orders].sort((a, b) => a.createdMs - b.createdMs);
  const served = new Map<string, number>();
  if (pending.length === 0) return served;
  const waiting: PlacedOrder[] = [];
  let next = 0;
  let t = pending[0]!.createdMs;
  let tokens = plan.burst;
  let refilledAt = t;
  const refill = (to: number) => {
    tokens = Math.min(plan.burst, tokens + ((to - refilledAt) / 1000) * plan.rate);
    refilledAt = to;
  };
  while (served.size < pending.length) {
    while (next < pending.length && pending[next]!.createdMs <= t) waiting.push(pending[next++]!);
    if (waiting.length === 0) {
      t = pending[next]!.createdMs;
      refill(t);
      continue;
    }
    if (tokens < 1) {
      // Wait for the next token; orders created meanwhile join the waiting ones before it is spent.
      // In whole milliseconds, rounded up (as the order times are): a fractional wait added to an epoch
      // time of some 1.8e12 ms can round back to the same time, and the refill to just under one token,
      // forever.
      t = Math.max(t + 1, Math.ceil(t + ((1 - tokens) / plan.rate) * 1000));
      refill(t);
      continue;
    }
    let pick = 0;
    if (policy === 'priority-first') {
      for (let i = 1; i < waiting.length; i++) {
        if (RANK[waiting[i]!.speed] < RANK[waiting[pick]!.speed]) pick = i;
      }
    }
    const order = waiting.splice(pick, 1)[0]!;
    served.set(order.id, t);
    tokens -= 1;
  }
  return served;
}

export interface SpeedLatency {
  readonly speed: Speed | 'all';
  /** created → accepted, seconds. */
  readonly actual: Spread;
  /** created → earliest possible acceptance, seconds (priority-first ideal sender). */
  readonly bound: Spread;
  readonly boundFifo: Spread;
  /** actual p95 ÷ bound p95 (a bound under BOUND_FLOOR_SECONDS counts as that much); null without orders. */
  readonly ratioToBound: number | null;
  readonly ratioToFifoBound: number | null;
}

/**
 * A bound below one second means Amazon's limit imposed no wait; the bridge still needs a request
 * round trip and must learn of the order, so the ratio is taken against one second, never against ~0.
 */
export const BOUND_FLOOR_SECONDS = 1;

const ratio = (actual: number | null, bound: number | null) =>
  actual === null || bound === null ? null : actual / Math.max(bound, BOUND_FLOOR_SECONDS);

/** Latency per shipping speed and overall, with the ratio to the rate-limit bound. */
export function orderLatencies(orders: readonly PlacedOrder[], acceptedMs: ReadonlyMap<string, number>, plan: TokenBucketPlan): SpeedLatency[] {
  const ideal = earliestAcceptance(orders, plan, 'priority-first');
  const idealFifo = earliestAcceptance(orders, plan, 'fifo');
  const accepted = orders.filter((o) => acceptedMs.has(o.id));
  const row = (speed: Speed | 'all'): SpeedLatency => {
    const mine = accepted.filter((o) => speed === 'all' || o.speed === speed);
    const actual = spread(mine.map((o) => (acceptedMs.get(o.id)! - o.createdMs) / 1000));
    const bound = spread(mine.map((o) => (ideal.get(o.id)! - o.createdMs) / 1000));
    const boundFifo = spread(mine.map((o) => (idealFifo.get(o.id)! - o.createdMs) / 1000));
    return { speed, actual, bound, boundFifo, ratioToBound: ratio(actual.p95, bound.p95), ratioToFifoBound: ratio(actual.p95, boundFifo.p95) };
  };
  return [...SHIPPING_SPEEDS.map(row), row('all')];
}

/** Simulated epoch ms → real epoch ms, from one reading of both clocks and the simulator's time scale. */
export function toRealMs(simulatedMs: number, reading: { readonly realMs: number; readonly simulatedMs: number; readonly timeScale: number }): number {
  return reading.realMs + (simulatedMs - reading.simulatedMs) / reading.timeScale;
}

/** CPU milliseconds from two readings of /proc/<pid>/stat (utime + stime, in clock ticks). */
export function cpuMsBetween(startTicks: number, endTicks: number, ticksPerSecond: number): number {
  return ((endTicks - startTicks) * 1000) / ticksPerSecond;
}

/** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line; the command name may hold spaces. */
export function cpuTicksOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14 → index 11, stime index 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read CPU ticks from /proc stat line: ${stat.slice(0, 80)}`);
  return utime + stime;
}
