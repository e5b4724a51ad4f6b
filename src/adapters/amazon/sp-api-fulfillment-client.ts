// AmazonFulfillmentPort over Fulfillment Outbound (Multi-Channel Fulfillment) 2020-07-01. Only the
// generated TYPES of @sp-api-sdk are used (import type): the HTTP, rate limiting, token and error
// handling are the bridge's own (sp-api-http.ts), which the SDK's axios client could not give us.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
import type {
  CancelFulfillmentOrderResponse,
  CreateFulfillmentOrderResponse,
  GetFulfillmentOrderResponse,
  GetPackageTrackingDetailsResponse,
  ListAllFulfillmentOrdersResponse,
} from '@sp-api-sdk/fulfillment-outbound-api-2020-07-01';
import type { AmazonFulfillmentPort, CallOptions, FulfillmentOrderPage } from '../../ports/amazon-fulfillment.js';
import type { FbaOrderChange, FbaOrderRequest, FbaOrderSnapshot, PackageTracking } from '../../domain/orders/fba-order.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { Logger } from '../../ports/logger.js';
import { SpApiHttpClient, type SpApiClientOptions } from './sp-api-http.js';
import { toCreateFulfillmentOrderRequest, toFbaOrderChange, toFbaOrderSnapshot, toPackageTracking } from './sp-api-fulfillment-mapping.js';

const BASE = '/fba/outbound/2020-07-01';

export class SpApiFulfillmentClient implements AmazonFulfillmentPort {
  readonly #http: SpApiHttpClient;
  readonly #logger: Logger | undefined;

  /** Pass an SpApiHttpClient to share one access token and connection setup with other clients. */
  constructor(options: SpApiClientOptions | SpApiHttpClient) {
    this.#http = options instanceof SpApiHttpClient ? options : new SpApiHttpClient(options);
    this.#logger = this.#http.logger;
  }

  async createFulfillmentOrder(request: FbaOrderRequest, options: CallOptions): Promise<Result<void>> {
    const answer = await this.#http.request<CreateFulfillmentOrderResponse>({
      operation: 'createFulfillmentOrder',
      method: 'POST',
      path: `${BASE}/fulfillmentOrders`,
      body: toCreateFulfillmentOrderRequest(request),
      ...call(options),
    });
    return answer.ok ? ok(undefined) : answer;
  }

  async getFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<FbaOrderSnapshot | null>> {
    const answer = await this.#http.request<GetFulfillmentOrderResponse>({
      operation: 'getFulfillmentOrder',
      method: 'GET',
      path: `${BASE}/fulfillmentOrders/${encodeURIComponent(sellerFulfillmentOrderId)}`,
      ...call(options),
    });
    if (!answer.ok) return answer.error.code === 'OrderNotFound' ? ok(null) : answer;
    const payload = answer.value.body.payload;
    if (!payload) return missingPayload('getFulfillmentOrder', answer.value.requestId);
    return toFbaOrderSnapshot(payload);
  }

  async listFulfillmentOrders(queryStartDate: string, nextToken: string | undefined, options: CallOptions): Promise<Result<FulfillmentOrderPage>> {
    const answer = await this.#http.request<ListAllFulfillmentOrdersResponse>({
      operation: 'listAllFulfillmentOrders',
      method: 'GET',
      path: `${BASE}/fulfillmentOrders`,
      query: { queryStartDate, nextToken },
      ...call(options),
    });
    if (!answer.ok) return answer;
    const payload = answer.value.body.payload ?? {};
    const orders: FbaOrderChange[] = [];
    for (const order of payload.fulfillmentOrders ?? []) {
      const change = toFbaOrderChange(order);
      // One order in a status this bridge does not know must not stall the sweep for every other.
      if (change) orders.push(change);
      else this.#logger?.warn('skipping a fulfillment order with an unknown status', {
        sellerFulfillmentOrderId: order.sellerFulfillmentOrderId, status: order.fulfillmentOrderStatus,
      });
    }
    return ok({ orders, ...(payload.nextToken ? { nextToken: payload.nextToken } : {}) });
  }

  async cancelFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<void>> {
    const answer = await this.#http.request<CancelFulfillmentOrderResponse>({
      operation: 'cancelFulfillmentOrder',
      method: 'PUT',
      path: `${BASE}/fulfillmentOrders/${encodeURIComponent(sellerFulfillmentOrderId)}/cancel`,
      ...call(options),
    });
    return answer.ok ? ok(undefined) : answer;
  }

  async getPackageTracking(packageNumber: number, options: CallOptions): Promise<Result<PackageTracking>> {
    const answer = await this.#http.request<GetPackageTrackingDetailsResponse>({
      operation: 'getPackageTrackingDetails',
      method: 'GET',
      path: `${BASE}/tracking`,
      query: { packageNumber },
      ...call(options),
    });
    if (!answer.ok) return answer;
    const payload = answer.value.body.payload;
    if (!payload) return missingPayload('getPackageTrackingDetails', answer.value.requestId);
    return ok(toPackageTracking(payload, packageNumber));
  }
}

function call(options: CallOptions): { priority: number; signal?: AbortSignal } {
  return { priority: options.priority, ...(options.signal ? { signal: options.signal } : {}) };
}

function missingPayload<T>(operation: string, requestId: string | undefined): Result<T> {
  return fail(failure('retryable', 'ServerError', `Amazon answered ${operation} without a payload`, {
    details: JSON.stringify({ operation, ...(requestId ? { requestId } : {}) }),
  }));
}
