// The in-process rate governor (architecture.md §4): one token bucket per (seller, operation), tokens
// handed out strictly by priority (bigger first, first come first served within a priority), one timer
// per bucket armed for the moment the next token exists, so nothing polls. It learns the granted rate
// from `x-amzn-RateLimit-Limit` and empties a bucket when Amazon answers 429.
// With several worker processes the buckets must live in the shared database instead; this class is
// the single-process (embedded) governor.
import type { BucketSnapshot, RateGovernor, RateKey } from '../ports/rate-governor.js';
import type { Logger } from '../ports/logger.js';
import { USAGE_PLANS, type SpApiOperation } from '../domain/shared/sp-api-operations.js';
import { TokenBucket, type RateLimitSpec } from './token-bucket.js';
import { WaitQueue } from './priority-queue.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';
import { governedBucket, marginsOf, SAME_RATE_TOLERANCE, type GovernorTuning, type Margins } from './governor-tuning.js';

export type { SetTimer };

export interface PriorityRateGovernorOptions extends GovernorTuning {
  /** Milliseconds since the epoch; injectable so tests step time exactly. */
  readonly now?: () => number;
  readonly setTimer?: SetTimer;
  /** Rate and burst a bucket starts with; defaults to Amazon's published usage plans. */
  readonly limits?: (operation: SpApiOperation) => RateLimitSpec;
  readonly logger?: Logger;
}

interface BucketState {
  readonly key: RateKey;
  readonly bucket: TokenBucket;
  /** What Amazon grants; the bucket runs slightly below it (headroom). */
  granted: number;
  /** Amazon's burst; the bucket's own capacity is this less the reserve. */
  readonly burst: number;
  readonly queue: WaitQueue;
  cancelTimer: (() => void) | null;
  timerDueAt: number;
  throttled: number;
}

export class PriorityRateGovernor implements RateGovernor {
  readonly #now: () => number;
  readonly #setTimer: SetTimer;
  readonly #limits: (operation: SpApiOperation) => RateLimitSpec;
  readonly #logger: Logger | undefined;
  readonly #margins: Margins;
  readonly #buckets = new Map<string, BucketState>();

  constructor(options: PriorityRateGovernorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? systemSetTimer;
    this.#limits = options.limits ?? ((operation) => USAGE_PLANS[operation]);
    this.#logger = options.logger;
    this.#margins = marginsOf(options);
  }

  acquire(key: RateKey, priority: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(priority)) throw new TypeError(`priority must be a finite number, got ${priority}`);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = this.#state(key);
    // Nobody waiting means nobody outranks this caller: take a token on the spot if there is one.
    if (state.queue.length === 0 && state.bucket.tryTake(this.#now())) return Promise.resolve();
    const granted = state.queue.wait(priority, signal);
    this.#dispatch(state);
    return granted;
  }

  observeRateLimit(key: RateKey, ratePerSecond: number): void {
    if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) return;
    const state = this.#state(key);
    if (Math.abs(state.granted - ratePerSecond) <= SAME_RATE_TOLERANCE) return;
    this.#logger?.info('rate limit learned from Amazon', {
      seller: key.seller,
      operation: key.operation,
      previousRatePerSecond: state.granted,
      ratePerSecond,
    });
    state.granted = ratePerSecond;
    state.bucket.setRate(ratePerSecond * (1 - this.#margins.headroom), this.#now());
    this.#rearm(state);
  }

  observeThrottled(key: RateKey): void {
    const state = this.#state(key);
    state.throttled += 1;
    state.bucket.drain(this.#now());
    this.#rearm(state);
  }

  /** Shutdown: every waiter is rejected with `reason` and no timer stays armed. */
  close(reason: unknown = new Error('rate governor closed')): void {
    for (const state of this.#buckets.values()) {
      this.#disarm(state);
      state.queue.rejectAll(reason);
    }
  }

  snapshot(): BucketSnapshot[] {
    const now = this.#now();
    return [...this.#buckets.values()].map((state) => ({
      seller: state.key.seller,
      operation: state.key.operation,
      ratePerSecond: state.granted,
      burst: state.burst,
      tokens: Math.round(state.bucket.tokens(now) * 1000) / 1000,
      waiting: state.queue.length,
      throttled: state.throttled,
    }));
  }

  #state(key: RateKey): BucketState {
    const id = `${key.seller}\u0000${key.operation}`;
    let state = this.#buckets.get(id);
    if (!state) {
      const published = this.#limits(key.operation);
      const fresh: BucketState = {
        key: { seller: key.seller, operation: key.operation },
        granted: published.ratePerSecond,
        burst: published.burst,
        bucket: new TokenBucket(governedBucket(published, this.#margins), this.#now()),
        queue: new WaitQueue((waiting) => { if (waiting === 0) this.#disarm(fresh); }),
        cancelTimer: null,
        timerDueAt: Number.POSITIVE_INFINITY,
        throttled: 0,
      };
      state = fresh;
      this.#buckets.set(id, state);
    }
    return state;
  }

  /** Grants tokens to the head of the queue while there are any, then arms the timer for the rest. */
  #dispatch(state: BucketState): void {
    const now = this.#now();
    while (state.queue.length > 0 && state.bucket.tryTake(now)) state.queue.grantNext();
    if (state.queue.length === 0) {
      this.#disarm(state);
      return;
    }
    const dueAt = now + state.bucket.msUntilToken(now);
    // One timer per bucket: an armed timer that fires no later than needed is kept (new waiters do
    // not change when the next token appears).
    if (state.cancelTimer && state.timerDueAt <= dueAt) return;
    this.#disarm(state);
    state.timerDueAt = dueAt;
    state.cancelTimer = this.#setTimer(() => {
      state.cancelTimer = null;
      state.timerDueAt = Number.POSITIVE_INFINITY;
      this.#dispatch(state);
    }, dueAt - now);
  }

  /** The next token's time moved (new rate, or drained): throw the old timer away and recompute. */
  #rearm(state: BucketState): void {
    this.#disarm(state);
    if (state.queue.length > 0) this.#dispatch(state);
  }

  #disarm(state: BucketState): void {
    state.cancelTimer?.();
    state.cancelTimer = null;
    state.timerDueAt = Number.POSITIVE_INFINITY;
  }
}
