// The arithmetic of one token bucket, mirroring the model Amazon uses for every SP-API operation: a
// bucket holds at most `burst` tokens, refills continuously at `ratePerSecond`, and each request takes
// one. No timers and no clock of its own: the caller passes `now` (ms), so the bucket is a pure value
// that the governor drives and tests can step through exactly.
// Docs: https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits

export interface RateLimitSpec {
  /** Tokens added per second (Amazon's "rate"). */
  readonly ratePerSecond: number;
  /** Bucket capacity (Amazon's "burst"). */
  readonly burst: number;
}

// Floating-point refill can land a hair below 1 at the very moment the timer was computed for.
const EPSILON = 1e-9;

export class TokenBucket {
  #rate: number;
  #burst: number;
  #tokens: number;
  #updatedAt: number;

  /** Starts full: a fresh process has not spent anything of Amazon's bucket that it knows of. */
  constructor(spec: RateLimitSpec, now: number) {
    assertSpec(spec);
    this.#rate = spec.ratePerSecond;
    this.#burst = spec.burst;
    this.#tokens = spec.burst;
    this.#updatedAt = now;
  }

  get ratePerSecond(): number {
    return this.#rate;
  }

  get burst(): number {
    return this.#burst;
  }

  /** Tokens available at `now` (fractional while refilling). */
  tokens(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** Takes one token if one is there. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens + EPSILON < 1) return false;
    this.#tokens = Math.max(0, this.#tokens - 1);
    return true;
  }

  /** Milliseconds until a whole token is available (0 when one is there now); always ≥ 1 otherwise. */
  msUntilToken(now: number): number {
    this.#refill(now);
    if (this.#tokens + EPSILON >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.#rate));
  }

  /** A new rate from Amazon: what accrued so far was earned at the old rate. */
  setRate(ratePerSecond: number, now: number): void {
    assertSpec({ ratePerSecond, burst: this.#burst });
    this.#refill(now);
    this.#rate = ratePerSecond;
  }

  /** Amazon said 429: its bucket is empty whatever ours believed, so start refilling from zero. */
  drain(now: number): void {
    this.#refill(now);
    this.#tokens = 0;
  }

  #refill(now: number): void {
    // A clock that steps backwards (NTP, a test) must not mint or burn tokens.
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#rate) / 1000);
    this.#updatedAt = Math.max(this.#updatedAt, now);
  }
}

function assertSpec(spec: RateLimitSpec): void {
  if (!(Number.isFinite(spec.ratePerSecond) && spec.ratePerSecond > 0)) {
    throw new RangeError(`token bucket rate must be a positive number, got ${spec.ratePerSecond}`);
  }
  if (!(Number.isFinite(spec.burst) && spec.burst >= 1)) {
    throw new RangeError(`token bucket burst must be at least 1, got ${spec.burst}`);
  }
}
