// Amazon's token buckets kept where every worker sees them (the database, or Redis): a bucket per
// seller and operation, refilled continuously, one token per request. Each call is atomic, so workers
// on several machines together never take more than the bucket holds.
import type { RateKey } from './rate-governor.js';

export interface BucketSpec {
  /** What Amazon grants (its header, or the published usage plan). */
  readonly grantedPerSecond: number;
  /** The refill the workers use: granted less headroom. */
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface TakeOutcome {
  readonly granted: boolean;
  /** When not granted: milliseconds until a whole token will be there (≥ 1). */
  readonly waitMs: number;
  /** Tokens left in the shared bucket after this call. */
  readonly tokens: number;
}

export interface SharedBucketRow {
  readonly seller: string;
  readonly operation: string;
  readonly grantedPerSecond: number;
  readonly burst: number;
  readonly tokens: number;
  readonly throttled: number;
}

export interface RateBucketStore {
  /** Takes a token if there is one; a bucket seen for the first time starts full with `spec`. */
  take(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome>;
  /** Amazon's header named a new rate: what accrued so far was earned at the old one. */
  setRate(key: RateKey, spec: BucketSpec, now: number): Promise<void>;
  /** Amazon answered 429: its bucket is empty whatever ours believed. */
  drain(key: RateKey, spec: BucketSpec, now: number): Promise<void>;
  list(now: number): Promise<SharedBucketRow[]>;
}
