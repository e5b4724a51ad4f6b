// A rate governor that grants every token at once and reports fixed buckets, for tests of what reads
// the governor (metrics) rather than of the governor itself. Where a caller could tell the difference
// it answers as PriorityRateGovernor does (test/contracts/rate-governor-contract.ts).
import type { BucketSnapshot, RateGovernor, RateKey } from '../../../src/ports/rate-governor.js';

export class FakeRateGovernor implements RateGovernor {
  readonly acquired: Array<{ key: RateKey; priority: number }> = [];

  constructor(private readonly buckets: BucketSnapshot[] = []) {}

  acquire(key: RateKey, priority: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(priority)) throw new TypeError(`priority must be a finite number, got ${priority}`);
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.acquired.push({ key, priority });
    return Promise.resolve();
  }

  observeRateLimit(): void {}

  observeThrottled(): void {}

  snapshot(): BucketSnapshot[] {
    return this.buckets.map((b) => ({ ...b }));
  }
}
