// Shared token buckets in the bridge's database (SQLite or PostgreSQL). A take is one UPDATE that
// refills and takes in the same statement, guarded by "a whole token is there", so concurrent workers
// cannot both take the last token. Time is the caller's clock in epoch ms; a clock behind another
// worker's never mints tokens (updated_at only moves forward).
import type { BucketSpec, RateBucketStore, SharedBucketRow, TakeOutcome } from '../../ports/rate-buckets.js';
import type { RateKey } from '../../ports/rate-governor.js';
import type { SqlDialect, SqlDriver } from './sql-driver.js';

// Floating-point refill can land a hair below 1 at the very moment a wait was computed for.
const WHOLE_TOKEN = 0.999999999;

/** The refill arithmetic in each dialect (SQLite's scalar MIN/MAX, PostgreSQL's LEAST/GREATEST). */
const REFILLED: Record<SqlDialect, string> = {
  sqlite: 'MIN(burst, tokens + MAX(0, $3 - updated_at) * rate_per_second / 1000.0)',
  postgres: 'LEAST(burst, tokens + GREATEST(0, $3 - updated_at) * rate_per_second / 1000.0)',
};
const LATEST: Record<SqlDialect, string> = { sqlite: 'MAX(updated_at, $3)', postgres: 'GREATEST(updated_at, $3)' };

interface BucketRow {
  seller: string;
  operation: string;
  granted_per_second: number;
  rate_per_second: number;
  burst: number;
  tokens: number;
  updated_at: number | string;
  throttled: number;
}

export class SqlRateBucketRepository implements RateBucketStore {
  readonly #refilled: string;
  readonly #latest: string;

  constructor(private readonly db: SqlDriver) {
    this.#refilled = REFILLED[db.dialect];
    this.#latest = LATEST[db.dialect];
  }

  async take(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome> {
    if (this.db.dialect === 'postgres') return this.#takeInOneTrip(key, spec, now);
    const taken = await this.#takeOne(key, now);
    if (taken !== null) return { granted: true, waitMs: 0, tokens: taken };
    return this.#notTaken(key, spec, now);
  }

  /**
   * PostgreSQL: the take and, when no whole token was there, the row to compute the wait from, in one
   * round trip (the SELECT reads the statement's snapshot: the row as it was when the take found no token).
   */
  async #takeInOneTrip(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome> {
    const rows = await this.db.query<BucketRow & { taken: number | null }>(
      `WITH taken AS (${this.#takeStatement()})
       SELECT (SELECT tokens FROM taken) AS taken, b.* FROM rate_buckets b WHERE b.seller = $1 AND b.operation = $2`,
      [key.seller, key.operation, now],
    );
    const row = rows[0];
    if (row && row.taken !== null) return { granted: true, waitMs: 0, tokens: Math.max(0, Number(row.taken)) };
    if (row) return { granted: false, waitMs: waitFor(row, now), tokens: refilled(row, now) };
    return this.#notTaken(key, spec, now);
  }

  /** No token taken: create the bucket if it is new (and take from it), else say how long to wait. */
  async #notTaken(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome> {
    let row = await this.#row(key);
    if (!row) {
      await this.#create(key, spec, now);
      const first = await this.#takeOne(key, now);
      if (first !== null) return { granted: true, waitMs: 0, tokens: first };
      row = await this.#row(key);
    }
    return { granted: false, waitMs: waitFor(row, now), tokens: row ? refilled(row, now) : 0 };
  }

  async setRate(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    await this.#create(key, spec, now);
    await this.db.run(
      `UPDATE rate_buckets SET tokens = ${this.#refilled}, updated_at = ${this.#latest}, rate_per_second = $4, granted_per_second = $5
       WHERE seller = $1 AND operation = $2`,
      [key.seller, key.operation, now, spec.ratePerSecond, spec.grantedPerSecond],
    );
  }

  async drain(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    await this.#create(key, spec, now);
    await this.db.run(
      `UPDATE rate_buckets SET tokens = 0, updated_at = ${this.#latest}, throttled = throttled + 1 WHERE seller = $1 AND operation = $2`,
      [key.seller, key.operation, now],
    );
  }

  async list(now: number): Promise<SharedBucketRow[]> {
    const rows = await this.db.query<BucketRow>('SELECT * FROM rate_buckets ORDER BY seller, operation');
    return rows.map((row) => ({
      seller: row.seller, operation: row.operation, grantedPerSecond: Number(row.granted_per_second), burst: Number(row.burst),
      tokens: Math.round(refilled(row, now) * 1000) / 1000, throttled: Number(row.throttled),
    }));
  }

  /** The tokens left after taking one, or null when there was no whole token. */
  async #takeOne(key: RateKey, now: number): Promise<number | null> {
    const rows = await this.db.query<{ tokens: number }>(this.#takeStatement(), [key.seller, key.operation, now]);
    return rows[0] ? Math.max(0, Number(rows[0].tokens)) : null;
  }

  /** $1 seller, $2 operation, $3 now: takes one token when a whole one is there, returning what is left. */
  #takeStatement(): string {
    return `UPDATE rate_buckets SET tokens = ${this.#refilled} - 1, updated_at = ${this.#latest}
       WHERE seller = $1 AND operation = $2 AND ${this.#refilled} >= ${WHOLE_TOKEN} RETURNING tokens`;
  }

  async #row(key: RateKey): Promise<BucketRow | undefined> {
    const rows = await this.db.query<BucketRow>('SELECT * FROM rate_buckets WHERE seller = $1 AND operation = $2', [key.seller, key.operation]);
    return rows[0];
  }

  /** A bucket seen for the first time starts full: nobody has spent anything of it that we know of. */
  async #create(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO rate_buckets (seller, operation, granted_per_second, rate_per_second, burst, tokens, updated_at, throttled)
       VALUES ($1, $2, $3, $4, $5, $5, $6, 0) ON CONFLICT (seller, operation) DO NOTHING`,
      [key.seller, key.operation, spec.grantedPerSecond, spec.ratePerSecond, spec.burst, now],
    );
  }
}

function refilled(row: BucketRow, now: number): number {
  const elapsed = Math.max(0, now - Number(row.updated_at));
  return Math.min(Number(row.burst), Number(row.tokens) + (elapsed * Number(row.rate_per_second)) / 1000);
}

function waitFor(row: BucketRow | undefined, now: number): number {
  if (!row) return 1;
  const tokens = refilled(row, now);
  if (tokens >= WHOLE_TOKEN) return 1;
  return Math.max(1, Math.ceil(((1 - tokens) * 1000) / Number(row.rate_per_second)));
}
