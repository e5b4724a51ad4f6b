// How far below Amazon's limits the rate governors run, and the bucket a published or learned limit
// gives them. Shared by the single-process and the shared governor so both keep the same margins.
import type { RateLimitSpec } from './token-bucket.js';

export interface GovernorTuning {
  /**
   * Share of Amazon's rate left unused (default 0.02). Amazon counts tokens when a request arrives,
   * the governor when it leaves; network and event-loop jitter can bunch requests up on the way, and a
   * bucket run at exactly the granted rate then sees the odd 429.
   */
  readonly headroom?: number;
  /**
   * Tokens of each burst held back (default 1; a bucket keeps a capacity of at least 1). Headroom on
   * the rate only pays off over many tokens; right after a burst, requests that went out on fresh TLS
   * connections reach Amazon later than the ones that follow on warm ones, Amazon's bucket wasted its
   * refill while it waited full, and the first token after the burst meets a 429. One token in reserve
   * absorbs such a delay of up to 1/rate (500 ms at Fulfillment Outbound's 2/s).
   */
  readonly reserveTokens?: number;
}

export interface Margins {
  readonly headroom: number;
  readonly reserveTokens: number;
}

export function marginsOf(tuning: GovernorTuning): Margins {
  const headroom = tuning.headroom ?? 0.02;
  if (!(headroom >= 0 && headroom < 1)) throw new RangeError(`headroom must be in [0, 1), got ${headroom}`);
  const reserveTokens = tuning.reserveTokens ?? 1;
  if (!(reserveTokens >= 0)) throw new RangeError(`reserveTokens must be ≥ 0, got ${reserveTokens}`);
  return { headroom, reserveTokens };
}

/** The bucket the governor runs for Amazon's `limit`: the rate less headroom, the burst less the reserve. */
export function governedBucket(limit: RateLimitSpec, margins: Margins): RateLimitSpec {
  return { ratePerSecond: limit.ratePerSecond * (1 - margins.headroom), burst: Math.max(1, limit.burst - margins.reserveTokens) };
}

// Amazon's header moves in small decimal steps (0.0167, 0.5, 2.0): ignore float noise, not real changes.
export const SAME_RATE_TOLERANCE = 1e-6;
