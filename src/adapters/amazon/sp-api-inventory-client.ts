// AmazonInventoryPort and AmazonInventoryScanPort over FBA Inventory v1 getInventorySummaries.
// - getStockLevels asks for the given SKUs in chunks of 50 (the model's maxItems) with details.
// - scanInventory reads every SKU of a marketplace (or those changed since startDateTime) with details.
// Both follow `nextToken` straight away: the token expires 30 s after it is issued and this
// operation's bucket is only 2 deep, so continuation pages go to the governor one step above the
// caller's priority, ahead of other first pages. A scan reads ahead of its consumer (a slow consumer
// must not let the token die) — up to READ_AHEAD_PAGES; beyond that it waits for the consumer, but
// never longer than the token can bear — and, when a token is refused anyway, restarts from the first
// page.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries
import type { GetInventorySummariesResponse, InventorySummary } from '@sp-api-sdk/fba-inventory-api-v1';
import type {
  AmazonInventoryPort, AmazonInventoryScanPort, CallOptions, FbaInventoryPage, InventoryScanOptions,
} from '../../ports/amazon-fulfillment.js';
import type { FbaStockLevel } from '../../domain/orders/fba-order.js';
import type { FbaInventoryLevel } from '../../domain/inventory/fba-inventory-level.js';
import { fail, failure, ok, type Failure, type Result } from '../../domain/shared/result.js';
import { SpApiHttpClient, type SpApiAnswer, type SpApiClientOptions } from './sp-api-http.js';

export const SELLER_SKUS_PER_CALL = 50;
const MAX_CHUNK_RESTARTS = 2;
/** Restarts of a whole scan after a refused nextToken before it fails (retryable). */
export const MAX_SCAN_RESTARTS = 3;
/** In-place retries of one page after a timeout or 5xx (a GET: safe to resend, the token may still live). */
const PAGE_RETRIES = 2;
const PAGE_RETRY_DELAY_MS = 250;
/**
 * Pages held for a consumer busier than Amazon (a write-bound inventory sync) before the reader waits:
 * memory stays flat however big the pool (docs/adr/0019). 20 pages are 1,000 SKUs.
 */
export const READ_AHEAD_PAGES = 20;
// A nextToken lives 30 s from its answer: past this wait the reader reads on, however full the buffer.
const TOKEN_SAFE_WAIT_MS = 20_000;

export interface InventoryScanTuning {
  readonly readAheadPages?: number;
  readonly tokenSafeWaitMs?: number;
}
const PATH = '/fba/inventory/v1/summaries';

type PageAnswer = Result<SpApiAnswer<GetInventorySummariesResponse>>;

/** A page read failed; `expiredToken` when Amazon refused the nextToken of a scan that took too long. */
interface PageFailure {
  readonly failure: Failure;
  readonly expiredToken: boolean;
}

export class SpApiInventoryClient implements AmazonInventoryPort, AmazonInventoryScanPort {
  readonly #http: SpApiHttpClient;

  /** Pass an SpApiHttpClient to share one access token and connection setup with other clients. */
  readonly #readAheadPages: number;
  readonly #tokenSafeWaitMs: number;

  constructor(options: SpApiClientOptions | SpApiHttpClient, tuning: InventoryScanTuning = {}) {
    this.#http = options instanceof SpApiHttpClient ? options : new SpApiHttpClient(options);
    this.#readAheadPages = tuning.readAheadPages ?? READ_AHEAD_PAGES;
    this.#tokenSafeWaitMs = tuning.tokenSafeWaitMs ?? TOKEN_SAFE_WAIT_MS;
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

  scanInventory(marketplaceId: string, options: InventoryScanOptions): AsyncIterable<Result<FbaInventoryPage>> {
    return { [Symbol.asyncIterator]: () => this.#scan(marketplaceId, options) };
  }

  /**
   * One chunk of SKUs, every page of it. A refused nextToken (it lives 30 s, and a backlog in the
   * governor can outlast that) restarts the chunk from its first page rather than failing the read.
   */
  async #readChunk(marketplaceId: string, sellerSkus: readonly string[], options: CallOptions, into: Map<string, FbaStockLevel>): Promise<Result<void>> {
    for (let restarts = 0; ; restarts += 1) {
      const read = await this.#readPages(marketplaceId, sellerSkus, options, into);
      if (read.ok) return read;
      // Still expiring after restarts: a matter of timing (a long backlog), not of data.
      if (read.error.expiredToken && restarts >= MAX_CHUNK_RESTARTS) return fail({ ...read.error.failure, category: 'retryable' });
      if (!read.error.expiredToken) return fail(read.error.failure);
    }
  }

  async #readPages(
    marketplaceId: string, sellerSkus: readonly string[], options: CallOptions, into: Map<string, FbaStockLevel>,
  ): Promise<Result<void, PageFailure>> {
    let nextToken: string | undefined;
    do {
      const answer = await this.#page(marketplaceId, { sellerSkus }, nextToken, options.priority, options.signal);
      if (!answer.ok) return fail({ failure: answer.error, expiredToken: nextToken !== undefined && isRefusedToken(answer.error) });
      for (const summary of answer.value.body.payload?.inventorySummaries ?? []) {
        const level = toStockLevel(summary);
        if (level) into.set(level.sellerSku, level);
      }
      nextToken = answer.value.body.pagination?.nextToken || undefined;
    } while (nextToken !== undefined);
    return ok(undefined);
  }

  /** The consumer side of a scan: hands over what the reader fetched, in order. */
  async *#scan(marketplaceId: string, options: InventoryScanOptions): AsyncGenerator<Result<FbaInventoryPage>, void, undefined> {
    const signal = options.signal;
    if (signal?.aborted) throw signal.reason;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const handoff = new Handoff<ScanItem>();
    const reading = this.#readAhead(marketplaceId, options, stop.signal, handoff);
    try {
      for (;;) {
        const item = await handoff.take();
        if (signal?.aborted) throw signal.reason;
        if (item.kind === 'end') return;
        if (item.kind === 'thrown') throw item.reason;
        yield item.result;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // The consumer left (done, failed, aborted or broke out of its loop): stop reading.
      stop.abort(new DOMException('inventory scan closed', 'AbortError'));
      await reading;
    }
  }

  /** The reader side: every pass over the pages, restarting on a refused token; never rejects. */
  async #readAhead(marketplaceId: string, options: InventoryScanOptions, signal: AbortSignal, out: Handoff<ScanItem>): Promise<void> {
    try {
      for (let pass = 0; ; pass += 1) {
        const outcome = await this.#readPass(marketplaceId, options, signal, pass, out);
        if (outcome.kind === 'done') break;
        if (outcome.kind === 'failed') {
          out.push({ kind: 'page', result: fail(outcome.failure) });
          break;
        }
        if (pass >= MAX_SCAN_RESTARTS) {
          out.push({ kind: 'page', result: fail(tokenKeptExpiring(outcome.failure, pass)) });
          break;
        }
        this.#http.logger?.warn('Amazon refused the inventory scan\'s nextToken; restarting the scan from its first page', {
          marketplaceId, pass, restartsLeft: MAX_SCAN_RESTARTS - pass, message: outcome.failure.message,
        });
      }
      out.push({ kind: 'end' });
    } catch (reason) {
      out.push({ kind: 'thrown', reason });
    }
  }

  async #readPass(
    marketplaceId: string, options: InventoryScanOptions, signal: AbortSignal, pass: number, out: Handoff<ScanItem>,
  ): Promise<{ kind: 'done' } | { kind: 'failed' | 'expired'; failure: Failure }> {
    let nextToken: string | undefined;
    for (let page = 0; ; page += 1) {
      if (nextToken !== undefined) await out.room(this.#readAheadPages, this.#tokenSafeWaitMs, signal);
      const answer = await this.#pageWithRetries(marketplaceId, options, nextToken, signal);
      if (!answer.ok) return { kind: nextToken !== undefined && isRefusedToken(answer.error) ? 'expired' : 'failed', failure: answer.error };
      const body = answer.value.body;
      const token = body.pagination?.nextToken || undefined;
      const levels = (body.payload?.inventorySummaries ?? []).flatMap((s) => toInventoryLevel(s) ?? []);
      out.push({ kind: 'page', result: ok({ levels, pass, restarted: pass > 0 && page === 0, page, last: token === undefined }) });
      if (token === undefined) return { kind: 'done' };
      if (token === nextToken) {
        return { kind: 'failed', failure: failure('retryable', 'ServerError', 'Amazon answered getInventorySummaries with the nextToken it was given: the scan would never end', { details: JSON.stringify({ operation: 'getInventorySummaries', page }) }) };
      }
      nextToken = token;
    }
  }

  async #pageWithRetries(marketplaceId: string, options: InventoryScanOptions, nextToken: string | undefined, signal: AbortSignal): Promise<PageAnswer> {
    const filter = {
      ...(options.startDateTime !== undefined ? { startDateTime: options.startDateTime } : {}),
      ...(options.sellerSkus !== undefined ? { sellerSkus: options.sellerSkus } : {}),
    };
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.#page(marketplaceId, filter, nextToken, options.priority, signal);
      if (answer.ok || answer.error.category !== 'retryable' || attempt >= PAGE_RETRIES) return answer;
      await abortableDelay(PAGE_RETRY_DELAY_MS * (attempt + 1), signal);
    }
  }

  /** One call. With nextToken the first request's parameters are resent, as the model asks. */
  #page(
    marketplaceId: string, filter: { sellerSkus?: readonly string[]; startDateTime?: string }, nextToken: string | undefined,
    priority: number, signal: AbortSignal | undefined,
  ): Promise<PageAnswer> {
    return this.#http.request<GetInventorySummariesResponse>({
      operation: 'getInventorySummaries',
      method: 'GET',
      path: PATH,
      query: {
        details: true,
        granularityType: 'Marketplace',
        granularityId: marketplaceId,
        marketplaceIds: [marketplaceId],
        ...filter,
        nextToken,
      },
      priority: nextToken === undefined ? priority : priority + 1,
      ...(signal ? { signal } : {}),
    });
  }
}

type ScanItem =
  | { readonly kind: 'page'; readonly result: Result<FbaInventoryPage> }
  | { readonly kind: 'end' }
  | { readonly kind: 'thrown'; readonly reason: unknown };

/** An unbounded queue between the reader and the consumer of a scan (a page of 50 levels is small). */
class Handoff<T> {
  readonly #items: T[] = [];
  #waiter: ((item: T) => void) | undefined;

  push(item: T): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter(item);
    } else {
      this.#items.push(item);
    }
  }

  take(): Promise<T> {
    if (this.#items.length > 0) {
      const item = this.#items.shift()!;
      this.#roomMade?.();
      return Promise.resolve(item);
    }
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  #roomMade: (() => void) | undefined;

  /** Resolves once fewer than `limit` items wait, after `maxWaitMs` at the latest, or when aborted. */
  room(limit: number, maxWaitMs: number, signal: AbortSignal): Promise<void> {
    if (this.#items.length < limit || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#roomMade = undefined;
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      signal.addEventListener('abort', done, { once: true });
      this.#roomMade = () => { if (this.#items.length < limit) done(); };
    });
  }
}

/** Amazon: 400 InvalidInput "Next token is invalid or expired" (and wordings naming the parameter). */
function isRefusedToken(error: Failure): boolean {
  return error.code === 'InvalidInput' && /next\s*token/i.test(error.message);
}

function tokenKeptExpiring(last: Failure, restarts: number): Failure {
  return failure('retryable', 'NextTokenExpired',
    `Amazon refused the inventory scan's nextToken again after ${restarts} restarts (it lives 30 s; pages must follow each other quickly): ${last.message}`,
    { ...(last.status !== undefined ? { status: last.status } : {}), ...(last.details !== undefined ? { details: last.details } : {}) });
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function toStockLevel(summary: InventorySummary): FbaStockLevel | undefined {
  if (!summary.sellerSku) return undefined;
  return {
    sellerSku: summary.sellerSku,
    fulfillableQuantity: count(summary.inventoryDetails?.fulfillableQuantity),
    totalQuantity: count(summary.totalQuantity),
  };
}

/** A summary with details → the domain's level; summaries without a SKU are skipped. */
export function toInventoryLevel(summary: InventorySummary): FbaInventoryLevel | undefined {
  if (!summary.sellerSku) return undefined;
  const details = summary.inventoryDetails;
  const reserved = details?.reservedQuantity;
  // Amazon sends lastUpdatedTime "" for some SKUs (amzn/selling-partner-api-models#2275): absent, not "".
  const text = <K extends string>(key: K, v: unknown): { [P in K]?: string } => (typeof v === 'string' && v !== '' ? { [key]: v } as { [P in K]: string } : {});
  return {
    sellerSku: summary.sellerSku,
    ...text('fnSku', summary.fnSku),
    ...text('asin', summary.asin),
    ...text('productName', summary.productName),
    ...text('condition', summary.condition),
    ...text('lastUpdatedTime', summary.lastUpdatedTime),
    fulfillable: count(details?.fulfillableQuantity),
    inbound: {
      working: count(details?.inboundWorkingQuantity),
      shipped: count(details?.inboundShippedQuantity),
      receiving: count(details?.inboundReceivingQuantity),
    },
    reserved: {
      total: count(reserved?.totalReservedQuantity),
      pendingCustomerOrder: count(reserved?.pendingCustomerOrderQuantity),
      pendingTransshipment: count(reserved?.pendingTransshipmentQuantity),
      fcProcessing: count(reserved?.fcProcessingQuantity),
    },
    unfulfillable: count(details?.unfulfillableQuantity?.totalUnfulfillableQuantity),
    researching: count(details?.researchingQuantity?.totalResearchingQuantity),
    totalQuantity: count(summary.totalQuantity),
  };
}

function count(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
