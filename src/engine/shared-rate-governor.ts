// The rate governor for several workers (docs/adr/0010): Amazon's buckets live where every worker sees
// them (the database, or Redis), so N workers of one seller together stay inside the seller's bucket
// and together use it fully. Within a worker, callers still queue by priority (bigger first, first come
// first served within a priority); one pump per bucket takes shared tokens for the head of the queue.
// Across workers the race for a token is won by whoever asks first; a lower priority asks a few
// milliseconds later, so a worker with Priority orders usually beats one that only has inventory reads.
import type { Logger } from '../ports/logger.js';
import type { BucketSpec, RateBucketStore } from '../ports/rate-buckets.js';
import type { BucketSnapshot, RateGovernor, RateKey } from '../ports/rate-governor.js';
import { USAGE_PLANS, type SpApiOperation } from '../domain/shared/sp-api-operations.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';
import type { RateLimitSpec } from './token-bucket.js';
import { WaitQueue } from './priority-queue.js';
import { governedBucket, marginsOf, SAME_RATE_TOLERANCE, type GovernorTuning, type Margins } from './governor-tuning.js';

export interface SharedRateGovernorOptions extends GovernorTuning {
  readonly buckets: RateBucketStore;
  readonly now?: () => number;
  readonly setTimer?: SetTimer;
  readonly limits?: (operation: SpApiOperation) => RateLimitSpec;
  readonly logger?: Logger;
  /** How long to wait before asking again after the shared store failed (default 1 s). */
  readonly storeRetryMs?: number;
}

interface LocalBucket {
  readonly key: RateKey;
  spec: BucketSpec;
  /** Amazon's burst; the shared bucket holds this less the reserve. */
  readonly amazonBurst: number;
  readonly queue: WaitQueue;
  pumping: boolean;
  cancelTimer: (() => void) | null;
  throttled: number;
  /** The shared bucket's tokens as the last take saw them. */
  tokens: number;
}

// The highest priority the flows use (CallPriority.orderPriority); lower ones wait a little longer.
const TOP_PRIORITY = 500;
const MS_PER_PRIORITY_STEP = 0.02;

export class SharedRateGovernor implements RateGovernor {
  readonly #buckets: RateBucketStore;
  readonly #now: () => number;
  readonly #setTimer: SetTimer;
  readonly #limits: (operation: SpApiOperation) => RateLimitSpec;
  readonly #logger: Logger | undefined;
  readonly #margins: Margins;
  readonly #storeRetryMs: number;
  readonly #local = new Map<string, LocalBucket>();
  #closed: unknown = null;

  constructor(options: SharedRateGovernorOptions) {
    this.#buckets = options.buckets;
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? systemSetTimer;
    this.#limits = options.limits ?? ((operation) => USAGE_PLANS[operation]);
    this.#logger = options.logger;
    this.#margins = marginsOf(options);
    this.#storeRetryMs = options.storeRetryMs ?? 1_000;
  }

  acquire(key: RateKey, priority: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(priority)) throw new TypeError(`priority must be a finite number, got ${priority}`);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed !== null) return Promise.reject(this.#closed);
    const bucket = this.#bucket(key);
    const granted = bucket.queue.wait(priority, signal);
    this.#pump(bucket);
    return granted;
  }

  observeRateLimit(key: RateKey, ratePerSecond: number): void {
    if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) return;
    const bucket = this.#bucket(key);
    if (Math.abs(bucket.spec.grantedPerSecond - ratePerSecond) <= SAME_RATE_TOLERANCE) return;
    this.#logger?.info('rate limit learned from Amazon', { seller: key.seller, operation: key.operation, previousRatePerSecond: bucket.spec.grantedPerSecond, ratePerSecond });
    bucket.spec = { ...bucket.spec, grantedPerSecond: ratePerSecond, ratePerSecond: ratePerSecond * (1 - this.#margins.headroom) };
    this.#buckets.setRate(key, bucket.spec, this.#now()).catch((error: unknown) => this.#logger?.warn('could not share a learned rate limit', { operation: key.operation, error }));
  }

  observeThrottled(key: RateKey): void {
    const bucket = this.#bucket(key);
    bucket.throttled += 1;
    this.#buckets.drain(key, bucket.spec, this.#now()).catch((error: unknown) => this.#logger?.warn('could not share a 429', { operation: key.operation, error }));
  }

  /** Shutdown: every waiter is rejected with `reason`; no timer stays armed. */
  close(reason: unknown = new Error('rate governor closed')): void {
    this.#closed = reason;
    for (const bucket of this.#local.values()) {
      bucket.cancelTimer?.();
      bucket.cancelTimer = null;
      bucket.queue.rejectAll(reason);
    }
  }

  /** This worker's view: its own waiters and 429s, the shared tokens as its last take saw them. */
  snapshot(): BucketSnapshot[] {
    return [...this.#local.values()].map((b) => ({
      seller: b.key.seller, operation: b.key.operation, ratePerSecond: b.spec.grantedPerSecond, burst: b.amazonBurst,
      tokens: Math.round(b.tokens * 1000) / 1000, waiting: b.queue.length, throttled: b.throttled,
    }));
  }

  #bucket(key: RateKey): LocalBucket {
    const id = `${key.seller}\u0000${key.operation}`;
    let bucket = this.#local.get(id);
    if (!bucket) {
      const published = this.#limits(key.operation);
      const governed = governedBucket(published, this.#margins);
      bucket = {
        key: { seller: key.seller, operation: key.operation },
        amazonBurst: published.burst,
        spec: { grantedPerSecond: published.ratePerSecond, ratePerSecond: governed.ratePerSecond, burst: governed.burst },
        queue: new WaitQueue(), pumping: false, cancelTimer: null, throttled: 0, tokens: 0,
      };
      this.#local.set(id, bucket);
    }
    return bucket;
  }

  /** One pump per bucket: take a shared token for the head of the queue, or wait until one is due. */
  #pump(bucket: LocalBucket): void {
    if (bucket.pumping || bucket.cancelTimer !== null || bucket.queue.length === 0 || this.#closed !== null) return;
    bucket.pumping = true;
    this.#buckets.take(bucket.key, bucket.spec, this.#now()).then(
      (outcome) => {
        bucket.pumping = false;
        bucket.tokens = outcome.tokens;
        if (outcome.granted) {
          bucket.queue.grantNext();
          this.#pump(bucket);
          return;
        }
        this.#wait(bucket, outcome.waitMs + this.#priorityDelay(bucket));
      },
      (error: unknown) => {
        bucket.pumping = false;
        this.#logger?.warn('the shared rate-limit store did not answer; asking again', { operation: bucket.key.operation, error });
        this.#wait(bucket, this.#storeRetryMs);
      },
    );
  }

  #wait(bucket: LocalBucket, delayMs: number): void {
    if (bucket.queue.length === 0 || this.#closed !== null) return;
    bucket.cancelTimer = this.#setTimer(() => {
      bucket.cancelTimer = null;
      this.#pump(bucket);
    }, delayMs);
  }

  /** Lower priorities ask a little later, so across workers the more urgent call tends to win the token. */
  #priorityDelay(bucket: LocalBucket): number {
    const head = bucket.queue.headPriority;
    return head === undefined ? 0 : Math.max(0, TOP_PRIORITY - head) * MS_PER_PRIORITY_STEP;
  }
}
