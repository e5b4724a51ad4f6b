// Per-source rate limiting of the intake: one token bucket per remote address, so one sender (a
// misconfigured subscription, someone probing the port) cannot flood the queue or the disk while the
// others are served. A sender over its rate gets 429 with Retry-After, which push senders (Pub/Sub,
// SQS bridges) honour by delivering later. The address is the socket's: X-Forwarded-For is not
// trusted (anyone can write it).
import { TokenBucket, type RateLimitSpec } from '../engine/token-bucket.js';

export const DEFAULT_SOURCE_RATE: RateLimitSpec = { ratePerSecond: 100, burst: 500 };
// Beyond this many sources the idlest are forgotten (their buckets were full anyway, or soon are).
const MAX_SOURCES = 10_000;

export class SourceRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(private readonly spec: RateLimitSpec = DEFAULT_SOURCE_RATE, private readonly now: () => number = Date.now) {}

  /** 0 when the request may go ahead (a token is taken); otherwise the seconds to wait. */
  retryAfterSeconds(source: string): number {
    const now = this.now();
    let bucket = this.#buckets.get(source);
    if (!bucket) {
      if (this.#buckets.size >= MAX_SOURCES) this.#buckets.delete(this.#buckets.keys().next().value!);
      bucket = new TokenBucket(this.spec, now);
    } else {
      this.#buckets.delete(source); // re-inserted below: the map's order is least recently seen first
    }
    this.#buckets.set(source, bucket);
    if (bucket.tryTake(now)) return 0;
    return Math.max(1, Math.ceil(bucket.msUntilToken(now) / 1000));
  }
}
