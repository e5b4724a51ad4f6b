// How long to wait before the next attempt: exponential, capped, with full jitter. Jitter spreads the
// retries of many items that failed together (an outage, a throttling burst) so they do not return as
// a stampede. Docs: https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

export interface BackoffPolicy {
  /** The ceiling of the first retry's delay; it doubles with each attempt. */
  readonly baseMs: number;
  /** No delay is longer than this. */
  readonly maxMs: number;
  /** No delay is shorter than this (full jitter alone may draw 0 and retry at once). Default 0. */
  readonly minMs?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, minMs: 500 };

/**
 * The delay after attempt number `attempt` (1 for the first) failed: uniform in
 * [minMs, min(maxMs, baseMs · 2^(attempt−1))). `random` returns [0, 1), injectable for tests.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const minMs = Math.min(policy.minMs ?? 0, policy.maxMs);
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** exponent grows to Infinity for absurd attempt counts; min() then keeps the cap.
  const ceiling = Math.max(minMs, Math.min(policy.maxMs, policy.baseMs * 2 ** exponent));
  return Math.floor(minMs + random() * (ceiling - minMs));
}
