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

/** Arms a one-shot timer; returns a function that cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

export interface PriorityRateGovernorOptions {
  /** Milliseconds since the epoch; injectable so tests step time exactly. */
  readonly now?: () => number;
  readonly setTimer?: SetTimer;
  /** Rate and burst a bucket starts with; defaults to Amazon's published usage plans. */
  readonly limits?: (operation: SpApiOperation) => RateLimitSpec;
  readonly logger?: Logger;
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

interface Waiter {
  readonly priority: number;
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

interface BucketState {
  readonly key: RateKey;
  readonly bucket: TokenBucket;
  /** What Amazon grants; the bucket runs slightly below it (headroom). */
  granted: number;
  /** Amazon's burst; the bucket's own capacity is this less the reserve. */
  readonly burst: number;
  /** Sorted: highest priority first, then arrival order. */
  readonly queue: Waiter[];
  cancelTimer: (() => void) | null;
  timerDueAt: number;
  throttled: number;
}

const systemSetTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

// Amazon's header moves in small decimal steps (0.0167, 0.5, 2.0): ignore float noise, not real changes.
const SAME_RATE_TOLERANCE = 1e-6;

export class PriorityRateGovernor implements RateGovernor {
  readonly #now: () => number;
  readonly #setTimer: SetTimer;
  readonly #limits: (operation: SpApiOperation) => RateLimitSpec;
  readonly #logger: Logger | undefined;
  readonly #headroom: number;
  readonly #reserveTokens: number;
  readonly #buckets = new Map<string, BucketState>();
  #seq = 0;

  constructor(options: PriorityRateGovernorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? systemSetTimer;
    this.#limits = options.limits ?? ((operation) => USAGE_PLANS[operation]);
    this.#logger = options.logger;
    this.#headroom = options.headroom ?? 0.02;
    if (!(this.#headroom >= 0 && this.#headroom < 1)) throw new RangeError(`headroom must be in [0, 1), got ${this.#headroom}`);
    this.#reserveTokens = options.reserveTokens ?? 1;
    if (!(this.#reserveTokens >= 0)) throw new RangeError(`reserveTokens must be ≥ 0, got ${this.#reserveTokens}`);
  }

  acquire(key: RateKey, priority: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(priority)) throw new TypeError(`priority must be a finite number, got ${priority}`);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = this.#state(key);
    // Nobody waiting means nobody outranks this caller: take a token on the spot if there is one.
    if (state.queue.length === 0 && state.bucket.tryTake(this.#now())) return Promise.resolve();

    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        if (state.queue.length === 0) this.#disarm(state);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        priority,
        seq: this.#seq++,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      insertByPriority(state.queue, waiter);
      this.#dispatch(state);
    });
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
    state.bucket.setRate(ratePerSecond * (1 - this.#headroom), this.#now());
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
      for (const waiter of state.queue.splice(0)) {
        waiter.detach();
        waiter.reject(reason);
      }
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
      state = {
        key: { seller: key.seller, operation: key.operation },
        granted: published.ratePerSecond,
        burst: published.burst,
        bucket: new TokenBucket({
          ratePerSecond: published.ratePerSecond * (1 - this.#headroom),
          burst: Math.max(1, published.burst - this.#reserveTokens),
        }, this.#now()),
        queue: [],
        cancelTimer: null,
        timerDueAt: Number.POSITIVE_INFINITY,
        throttled: 0,
      };
      this.#buckets.set(id, state);
    }
    return state;
  }

  /** Grants tokens to the head of the queue while there are any, then arms the timer for the rest. */
  #dispatch(state: BucketState): void {
    const now = this.#now();
    while (state.queue.length > 0 && state.bucket.tryTake(now)) {
      const waiter = state.queue.shift()!;
      waiter.detach();
      waiter.resolve();
    }
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

/** Binary insertion keeping (priority desc, seq asc): O(log n) to find, FIFO within a priority. */
function insertByPriority(queue: Waiter[], waiter: Waiter): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = queue[mid]!;
    if (other.priority > waiter.priority || (other.priority === waiter.priority && other.seq < waiter.seq)) low = mid + 1;
    else high = mid;
  }
  queue.splice(low, 0, waiter);
}
