// Amazon grants a token bucket per operation, per selling partner and application. The governor owns
// those buckets: a caller waits for a token (higher priority first), the governor learns the granted
// rate from `x-amzn-RateLimit-Limit`, and empties the bucket on a 429 so the next callers wait.
import type { SpApiOperation } from '../domain/shared/sp-api-operations.js';

export interface RateKey {
  /** The selling partner account (buckets are per seller): the connection's sellerKey. */
  readonly seller: string;
  readonly operation: SpApiOperation;
}

export interface BucketSnapshot {
  readonly seller: string;
  readonly operation: SpApiOperation;
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly tokens: number;
  readonly waiting: number;
  readonly throttled: number;
}

export interface RateGovernor {
  /** Resolves when a token is granted. Rejects with the signal's reason when aborted. */
  acquire(key: RateKey, priority: number, signal?: AbortSignal): Promise<void>;
  /** The rate Amazon says it grants (header value, requests per second). */
  observeRateLimit(key: RateKey, ratePerSecond: number): void;
  /** Amazon answered 429: the bucket is empty now. */
  observeThrottled(key: RateKey): void;
  snapshot(): BucketSnapshot[];
}
