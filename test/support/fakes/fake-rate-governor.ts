// A rate governor that grants every token at once and reports fixed buckets, for tests of what reads
// the governor (metrics) rather than of the governor itself.
import type { BucketSnapshot, RateGovernor, RateKey } from '../../../src/ports/rate-governor.js';

export class FakeRateGovernor implements RateGovernor {
  readonly acquired: Array<{ key: RateKey; priority: number }> = [];

  constructor(private readonly buckets: BucketSnapshot[] = []) {}

  async acquire(key: RateKey, priority: number): Promise<void> {
    this.acquired.push({ key, priority });
  }

  observeRateLimit(): void {}

  observeThrottled(): void {}

  snapshot(): BucketSnapshot[] {
    return this.buckets.map((b) => ({ ...b }));
  }
}
