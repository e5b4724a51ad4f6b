// Token buckets per seller and operation, refilled in real time (never simulated time: a client's governor
// lives in real time, and a rehearsal at timeScale 3600 must not hand out 7,200 requests a second).
import { usagePlanOf, formatRate, type OperationName } from './usage-plans.js';

/**
 * A request that arrives up to this early for its token is still served (the bucket goes briefly
 * into debt, so the long-run rate is unchanged). Without it, a client that paces itself exactly by
 * the header loses races to its own network latency: it counts a token as spent when it sends, the
 * simulator when it receives, so near the end of a burst the two can disagree by a fraction of a
 * token. 20 ms keeps bursts exact at every rate up to 50/s.
 */
export const GRACE_MS = 20;

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(ratePerSecond: number, burst: number, now: () => number = Date.now) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.#now = now;
    this.#tokens = burst; // a fresh bucket is full, as Amazon's are
    this.#at = now();
  }

  /** Takes one token if there is one (or will be within GRACE_MS). */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens + (this.ratePerSecond * GRACE_MS) / 1000 < 1 - 1e-9) return false;
    this.#tokens -= 1;
    return true;
  }

  get tokens(): number {
    this.#refill();
    return this.#tokens;
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.ratePerSecond);
    this.#at = now;
  }
}

/**
 * One bucket per seller and operation: Amazon keeps a seller's buckets per selling partner and
 * application, so an agency's connections (one refresh token each) never spend each other's tokens.
 */
export class OperationRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  /** 429s answered because a bucket was empty, per operation over all sellers (injected throttles not included). */
  readonly throttled = new Map<OperationName, number>();
  /** The same per seller. */
  readonly throttledBySeller = new Map<string, number>();

  constructor(private readonly rateScale: number, private readonly now: () => number = Date.now) {}

  tryTake(operation: OperationName, seller = 'default'): boolean {
    const taken = this.#bucket(operation, seller).tryTake();
    if (!taken) {
      this.throttled.set(operation, (this.throttled.get(operation) ?? 0) + 1);
      this.throttledBySeller.set(seller, (this.throttledBySeller.get(seller) ?? 0) + 1);
    }
    return taken;
  }

  /** The `x-amzn-RateLimit-Limit` value: the effective real-time rate. */
  limitHeader(operation: OperationName): string {
    return formatRate(usagePlanOf(operation).ratePerSecond * this.rateScale);
  }

  tokens(operation: OperationName, seller = 'default'): number {
    return this.#bucket(operation, seller).tokens;
  }

  #bucket(operation: OperationName, seller: string): TokenBucket {
    const key = `${seller}\u0000${operation}`;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      const plan = usagePlanOf(operation);
      bucket = new TokenBucket(plan.ratePerSecond * this.rateScale, plan.burst, this.now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
