// Token buckets per operation, refilled in real time (never simulated time: a client's governor
// lives in real time, and a rehearsal at timeScale 3600 must not hand out 7,200 requests a second).
import { USAGE_PLANS, formatRate, type OperationName } from './usage-plans.js';

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

  /** Takes one token if there is one. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
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

/** One bucket per operation (one simulated seller and application). */
export class OperationRateLimiter {
  readonly #buckets = new Map<OperationName, TokenBucket>();

  constructor(private readonly rateScale: number, private readonly now: () => number = Date.now) {}

  tryTake(operation: OperationName): boolean {
    return this.#bucket(operation).tryTake();
  }

  /** The `x-amzn-RateLimit-Limit` value: the effective real-time rate. */
  limitHeader(operation: OperationName): string {
    return formatRate(USAGE_PLANS[operation].rate * this.rateScale);
  }

  tokens(operation: OperationName): number {
    return this.#bucket(operation).tokens;
  }

  #bucket(operation: OperationName): TokenBucket {
    let bucket = this.#buckets.get(operation);
    if (!bucket) {
      const plan = USAGE_PLANS[operation];
      bucket = new TokenBucket(plan.rate * this.rateScale, plan.burst, this.now);
      this.#buckets.set(operation, bucket);
    }
    return bucket;
  }
}
