// Shared rate buckets held in memory, for unit tests of the shared governor: the same arithmetic as the
// database and Redis stores (token-bucket.ts), and it passes the same contract (rate-bucket-store.test.ts).
import type { BucketSpec, RateBucketStore, SharedBucketRow, TakeOutcome } from '../../../src/ports/rate-buckets.js';
import type { RateKey } from '../../../src/ports/rate-governor.js';

interface Row { granted: number; rate: number; burst: number; tokens: number; updated: number; throttled: number }

export class InMemoryRateBuckets implements RateBucketStore {
  readonly #rows = new Map<string, Row>();
  /** Set to make every call fail, as a store that is down. */
  failing: Error | null = null;
  takes = 0;

  async take(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome> {
    this.takes += 1;
    const row = this.#refill(key, spec, now);
    if (row.tokens >= 0.999999999) {
      row.tokens -= 1;
      return { granted: true, waitMs: 0, tokens: row.tokens };
    }
    return { granted: false, waitMs: Math.max(1, Math.ceil(((1 - row.tokens) * 1000) / row.rate)), tokens: row.tokens };
  }

  async setRate(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    const row = this.#refill(key, spec, now);
    row.rate = spec.ratePerSecond;
    row.granted = spec.grantedPerSecond;
  }

  async drain(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    const row = this.#refill(key, spec, now);
    row.tokens = 0;
    row.throttled += 1;
  }

  async list(now: number): Promise<SharedBucketRow[]> {
    return [...this.#rows.entries()].map(([id, row]) => {
      const [seller, operation] = id.split('\u0000');
      const tokens = Math.min(row.burst, row.tokens + (Math.max(0, now - row.updated) * row.rate) / 1000);
      return { seller: seller!, operation: operation!, grantedPerSecond: row.granted, burst: row.burst, tokens, throttled: row.throttled };
    });
  }

  #refill(key: RateKey, spec: BucketSpec, now: number): Row {
    if (this.failing) throw this.failing;
    const id = `${key.seller}\u0000${key.operation}`;
    let row = this.#rows.get(id);
    if (!row) {
      row = { granted: spec.grantedPerSecond, rate: spec.ratePerSecond, burst: spec.burst, tokens: spec.burst, updated: now, throttled: 0 };
      this.#rows.set(id, row);
    }
    row.tokens = Math.min(row.burst, row.tokens + (Math.max(0, now - row.updated) * row.rate) / 1000);
    row.updated = Math.max(row.updated, now);
    return row;
  }
}
