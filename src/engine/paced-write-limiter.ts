// Paces the bridge's writes to one commercetools project (docs/adr/0019), as the rate governor paces
// Amazon's calls: at most `concurrency` writes in flight, started at most `ratePerSecond` a second
// (a token bucket whose burst is the concurrency), first come first served. commercetools publishes
// no request-rate limit but answers 429 or 503 when a project is pushed too hard and asks clients to
// back off: such an answer pauses every write (Retry-After when given, else exponential backoff with
// jitter), halves the pace, and the write is sent again; the pace climbs back to the configured rate
// with each write that lands. Resending is safe: updates carry the version they were decided on and
// a resend of one that landed answers 409. No clock or timer of its own: both are injected.
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';
import { TokenBucket } from './token-bucket.js';

export interface WriteLimits {
  /** Writes in flight at once (CT_WRITE_CONCURRENCY). */
  readonly concurrency: number;
  /** Writes started per second at most (CT_WRITE_RATE). */
  readonly ratePerSecond: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = { concurrency: 8, ratePerSecond: 100 };

/** What the limiter tells its owner when commercetools pushes back (for the log). */
export interface WriteBackoff {
  readonly status: number;
  /** This write's attempt that was refused (1 for the first). */
  readonly attempt: number;
  /** How long every write now waits; 0 when the write is given up (its answer goes to the caller). */
  readonly pauseMs: number;
  /** The pace after halving. */
  readonly ratePerSecond: number;
  readonly givenUp: boolean;
}

export interface PacedWriteLimiterOptions extends WriteLimits {
  /** Resends after 429/503 before the answer is handed to the caller (default 4). */
  readonly maxRetries?: number;
  readonly backoff?: BackoffPolicy;
  readonly now?: () => number;
  readonly setTimer?: SetTimer;
  readonly random?: () => number;
}

/** 429 Too Many Requests and 503 Service Unavailable: commercetools asks us to slow down. */
export const PUSHBACK_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, minMs: 100 };
// The pace never falls below this share of the configured rate, so a long episode cannot stall writes.
const SLOWEST_SHARE = 1 / 32;
// Each landed write gives back this share of the configured rate.
const RECOVERY_SHARE = 1 / 20;
// A Retry-After beyond this is not honoured as such (a misconfigured proxy must not park writes for hours).
const MAX_RETRY_AFTER_MS = 60_000;

export class PacedWriteLimiter {
  readonly limits: WriteLimits;
  readonly #bucket: TokenBucket;
  readonly #now: () => number;
  readonly #setTimer: SetTimer;
  readonly #random: () => number;
  readonly #maxRetries: number;
  readonly #backoff: BackoffPolicy;
  readonly #waiting: Array<() => void> = [];
  #inFlight = 0;
  #rate: number;
  #pausedUntil = 0;
  /** Pushbacks in a row without a landed write, for the backoff's exponent. */
  #pushbacks = 0;
  #timerAt = Number.POSITIVE_INFINITY;
  #cancelTimer: (() => void) | null = null;

  constructor(options: PacedWriteLimiterOptions) {
    assertLimits(options);
    this.limits = { concurrency: options.concurrency, ratePerSecond: options.ratePerSecond };
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? systemSetTimer;
    this.#random = options.random ?? Math.random;
    this.#maxRetries = options.maxRetries ?? 4;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#rate = options.ratePerSecond;
    this.#bucket = new TokenBucket({ ratePerSecond: options.ratePerSecond, burst: Math.max(1, options.concurrency) }, this.#now());
  }

  /** The pace now (writes per second): the configured rate, or less while recovering from pushback. */
  get ratePerSecond(): number {
    return this.#rate;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /**
   * Sends one write when its turn comes; after a 429/503 waits out the pause and sends it again, up to
   * maxRetries times, then answers the last response. `attempt` must be safe to call again.
   */
  async send(attempt: () => Promise<Response>, onBackoff?: (b: WriteBackoff) => void): Promise<Response> {
    for (let tries = 1; ; tries += 1) {
      await this.#turn();
      let response: Response;
      try {
        response = await attempt();
      } finally {
        this.#inFlight -= 1;
        this.#pump();
      }
      if (!PUSHBACK_STATUSES.has(response.status)) {
        this.#landed();
        return response;
      }
      const givenUp = tries > this.#maxRetries;
      const pauseMs = this.#pushedBack(response);
      onBackoff?.({ status: response.status, attempt: tries, pauseMs: givenUp ? 0 : pauseMs, ratePerSecond: this.#rate, givenUp });
      if (givenUp) return response;
      // The refused answer's body is not needed; reading it frees the connection for reuse.
      await response.arrayBuffer().catch(() => undefined);
    }
  }

  #turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      this.#pump();
    });
  }

  /** Lets waiting writes start while a slot, a token and no pause allow; else arms one timer. */
  #pump(): void {
    while (this.#waiting.length > 0 && this.#inFlight < this.limits.concurrency) {
      const now = this.#now();
      if (now < this.#pausedUntil) return this.#arm(this.#pausedUntil - now);
      if (!this.#bucket.tryTake(now)) return this.#arm(this.#bucket.msUntilToken(now));
      this.#inFlight += 1;
      this.#waiting.shift()!();
    }
  }

  #arm(delayMs: number): void {
    const at = this.#now() + delayMs;
    if (this.#cancelTimer && this.#timerAt <= at) return;
    this.#cancelTimer?.();
    this.#timerAt = at;
    this.#cancelTimer = this.#setTimer(() => {
      this.#cancelTimer = null;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#pump();
    }, delayMs);
  }

  #landed(): void {
    this.#pushbacks = 0;
    if (this.#rate >= this.limits.ratePerSecond) return;
    this.#setRate(Math.min(this.limits.ratePerSecond, this.#rate + this.limits.ratePerSecond * RECOVERY_SHARE));
  }

  /** Pauses every write and halves the pace; answers the pause. */
  #pushedBack(response: Response): number {
    const now = this.#now();
    this.#pushbacks += 1;
    const pauseMs = retryAfterMs(response.headers.get('retry-after'), now) ?? backoffDelay(this.#pushbacks, this.#backoff, this.#random);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + pauseMs);
    this.#bucket.drain(now);
    this.#setRate(Math.max(this.limits.ratePerSecond * SLOWEST_SHARE, this.#rate / 2));
    this.#pump();
    return pauseMs;
  }

  #setRate(rate: number): void {
    this.#rate = rate;
    this.#bucket.setRate(rate, this.#now());
  }
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

function assertLimits(limits: WriteLimits): void {
  if (!(Number.isInteger(limits.concurrency) && limits.concurrency >= 1)) {
    throw new RangeError(`write concurrency must be a whole number of at least 1, got ${limits.concurrency}`);
  }
  if (!(Number.isFinite(limits.ratePerSecond) && limits.ratePerSecond > 0)) {
    throw new RangeError(`write rate must be a positive number of writes per second, got ${limits.ratePerSecond}`);
  }
}
