// AmazonInventoryPort over FBA Inventory v1 getInventorySummaries. Asks for the given SKUs in chunks of
// 50 (the model's maxItems) with details, and follows `nextToken` straight away: the token expires 30 s
// after it is issued and this operation's bucket is only 2 deep, so continuation pages go to the
// governor one step above the caller's priority, ahead of other first pages.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries
import type { GetInventorySummariesResponse, InventorySummary } from '@sp-api-sdk/fba-inventory-api-v1';
import type { AmazonInventoryPort, CallOptions } from '../../ports/amazon-fulfillment.js';
import type { FbaStockLevel } from '../../domain/orders/fba-order.js';
import { fail, ok, type Failure, type Result } from '../../domain/shared/result.js';
import { SpApiHttpClient, type SpApiClientOptions } from './sp-api-http.js';

export const SELLER_SKUS_PER_CALL = 50;
const MAX_CHUNK_RESTARTS = 2;

export class SpApiInventoryClient implements AmazonInventoryPort {
  readonly #http: SpApiHttpClient;

  /** Pass an SpApiHttpClient to share one access token and connection setup with other clients. */
  constructor(options: SpApiClientOptions | SpApiHttpClient) {
    this.#http = options instanceof SpApiHttpClient ? options : new SpApiHttpClient(options);
  }

  async getStockLevels(marketplaceId: string, sellerSkus: readonly string[], options: CallOptions): Promise<Result<FbaStockLevel[]>> {
    // No SKUs must mean no stock, not "every SKU of the seller" (which is what omitting the filter asks).
    const unique = [...new Set(sellerSkus)];
    const bySku = new Map<string, FbaStockLevel>();
    for (let start = 0; start < unique.length; start += SELLER_SKUS_PER_CALL) {
      const chunk = unique.slice(start, start + SELLER_SKUS_PER_CALL);
      const read = await this.#readChunk(marketplaceId, chunk, options, bySku);
      if (!read.ok) return read;
    }
    return ok([...bySku.values()]);
  }

  /**
   * One chunk of SKUs, every page of it. A refused nextToken (it lives 30 s, and a backlog in the
   * governor can outlast that) restarts the chunk from its first page rather than failing the read.
   */
  async #readChunk(marketplaceId: string, sellerSkus: readonly string[], options: CallOptions, into: Map<string, FbaStockLevel>): Promise<Result<void>> {
    for (let restarts = 0; ; restarts += 1) {
      const read = await this.#readPages(marketplaceId, sellerSkus, options, into);
      if (read.ok) return ok(undefined);
      // Still expiring after restarts: a matter of timing (a long backlog), not of data.
      if (read.expiredToken && restarts >= MAX_CHUNK_RESTARTS) return fail({ ...read.failure, category: 'retryable' });
      if (!read.expiredToken) return fail(read.failure);
    }
  }

  async #readPages(
    marketplaceId: string, sellerSkus: readonly string[], options: CallOptions, into: Map<string, FbaStockLevel>,
  ): Promise<{ ok: true } | { ok: false; failure: Failure; expiredToken: boolean }> {
    let nextToken: string | undefined;
    do {
      const answer = await this.#http.request<GetInventorySummariesResponse>({
        operation: 'getInventorySummaries',
        method: 'GET',
        path: '/fba/inventory/v1/summaries',
        query: {
          details: true,
          granularityType: 'Marketplace',
          granularityId: marketplaceId,
          marketplaceIds: [marketplaceId],
          sellerSkus,
          nextToken,
        },
        priority: nextToken === undefined ? options.priority : options.priority + 1,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!answer.ok) {
        const expiredToken = nextToken !== undefined && answer.error.code === 'InvalidInput' && /next\s*token/i.test(answer.error.message);
        return { ok: false, failure: answer.error, expiredToken };
      }
      for (const summary of answer.value.body.payload?.inventorySummaries ?? []) {
        const level = toStockLevel(summary);
        if (level) into.set(level.sellerSku, level);
      }
      nextToken = answer.value.body.pagination?.nextToken || undefined;
    } while (nextToken !== undefined);
    return { ok: true };
  }
}

function toStockLevel(summary: InventorySummary): FbaStockLevel | undefined {
  if (!summary.sellerSku) return undefined;
  return {
    sellerSku: summary.sellerSku,
    fulfillableQuantity: count(summary.inventoryDetails?.fulfillableQuantity),
    totalQuantity: count(summary.totalQuantity),
  };
}

function count(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
