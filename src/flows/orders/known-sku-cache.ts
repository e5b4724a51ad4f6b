// Which SKUs FBA stocks, asked of Amazon in batches and remembered for a while, so validating an
// order does not cost an Amazon call per order. A SKU found unknown is asked again after the TTL
// (someone may have created the listing meanwhile).
import type { AmazonInventoryPort } from '../../ports/amazon-fulfillment.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { Result } from '../../domain/shared/result.js';
import { ok } from '../../domain/shared/result.js';

export class KnownSkuCache {
  private readonly entries = new Map<string, { known: boolean; at: number }>();

  constructor(
    private readonly inventory: AmazonInventoryPort,
    private readonly marketplaceId: string,
    private readonly now: () => number,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  /** The subset of `skus` that FBA stocks. */
  async known(skus: readonly string[]): Promise<Result<ReadonlySet<string>>> {
    const t = this.now();
    const stale = [...new Set(skus)].filter((s) => {
      const e = this.entries.get(s);
      return !e || t - e.at > this.ttlMs;
    });
    if (stale.length > 0) {
      const levels = await this.inventory.getStockLevels(this.marketplaceId, stale, { priority: CallPriority.inventory });
      if (!levels.ok) return levels;
      const found = new Set(levels.value.map((l) => l.sellerSku));
      for (const s of stale) this.entries.set(s, { known: found.has(s), at: t });
    }
    return ok(new Set(skus.filter((s) => this.entries.get(s)?.known === true)));
  }
}
