// Fulfillment Outbound API 2020-07-01 over the simulated warehouse.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
import { AmazonErrors, type ErrorAnswer } from '../amazon-errors.js';
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import { HOUR, parseDateTime } from '../time-format.js';
import { orderIdOf } from '../warehouse/order-validation.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { fulfillmentOrderJson, getFulfillmentOrderPayload } from './fulfillment-order-json.js';
import { decodeToken, encodeToken } from './page-token.js';

const PREFIX = '/fba/outbound/2020-07-01';
/** Amazon does not publish a page size for listAllFulfillmentOrders; small pages exercise paging. */
export const LIST_PAGE_SIZE = 50;
/** Without queryStartDate, MWS documented a window of the last 36 hours; kept for SP-API. */
const DEFAULT_LIST_WINDOW_MS = 36 * HOUR;

const fail = (error: ErrorAnswer): SimResponse => ({ status: error.status, body: error.body });
const ok = (body: unknown): SimResponse => json(200, body);
const done = (error: ErrorAnswer | undefined): SimResponse => (error ? fail(error) : ok({}));

interface ListCursor { readonly since: number; readonly at: number; readonly id: string }

export function outboundRoutes(warehouse: Warehouse): Route[] {
  const bodyOrError = (request: SimRequest): ErrorAnswer | undefined => (request.malformedBody ? AmazonErrors.malformedBody() : undefined);

  return [
    {
      method: 'POST', pattern: `${PREFIX}/fulfillmentOrders/preview`, operation: 'getFulfillmentPreview',
      handle(request) {
        const malformed = bodyOrError(request);
        if (malformed) return fail(malformed);
        const result = warehouse.preview(request.body);
        return result.ok ? ok(result.value) : fail(result.error);
      },
    },
    {
      method: 'POST', pattern: `${PREFIX}/fulfillmentOrders`, operation: 'createFulfillmentOrder',
      // Faults on a create are drawn per order id and attempt: "the 2nd create of A-1 times out".
      faultKey: (request) => orderIdOf(request.body) ?? `body:${request.rawBody.slice(0, 200)}`,
      observe: (request) => warehouse.noteCreateRequest(request.body),
      handle(request) {
        return done(bodyOrError(request) ?? warehouse.createOrder(request.body, request.seller));
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/fulfillmentOrders`, operation: 'listAllFulfillmentOrders',
      handle(request) {
        const nextToken = request.query.get('nextToken');
        let cursor: ListCursor | undefined;
        let since: number;
        if (nextToken) {
          cursor = decodeToken<ListCursor>(nextToken, (v) => typeof v.since === 'number' && typeof v.at === 'number' && typeof v.id === 'string');
          if (!cursor) return fail(AmazonErrors.invalidNextToken(nextToken));
          since = cursor.since;
        } else {
          const raw = request.query.get('queryStartDate');
          const parsed = raw === null ? warehouse.now() - DEFAULT_LIST_WINDOW_MS : parseDateTime(raw);
          if (parsed === undefined) return fail(AmazonErrors.badTimestamp());
          since = parsed;
        }
        // A seller lists its own orders only (an agency's connections each see their shop's).
        const changed = warehouse.changedSince(since, request.seller);
        const start = cursor ? changed.findIndex((o) => o.lastChangedAt > cursor.at || (o.lastChangedAt === cursor.at && o.sellerFulfillmentOrderId > cursor.id)) : 0;
        const page = start < 0 ? [] : changed.slice(start, start + LIST_PAGE_SIZE);
        const last = page[page.length - 1];
        const more = start >= 0 && start + LIST_PAGE_SIZE < changed.length && last !== undefined;
        return ok({
          payload: {
            ...(more ? { nextToken: encodeToken({ since, at: last.lastChangedAt, id: last.sellerFulfillmentOrderId }) } : {}),
            fulfillmentOrders: page.map(fulfillmentOrderJson),
          },
        });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/fulfillmentOrders/{sellerFulfillmentOrderId}`, operation: 'getFulfillmentOrder',
      handle(request) {
        const found = warehouse.findOrder(request.params.sellerFulfillmentOrderId ?? '', request.seller);
        if (!found.ok) return fail(found.error);
        return ok({ payload: getFulfillmentOrderPayload(found.value, (sku) => warehouse.ledger.get(sku)) });
      },
    },
    {
      method: 'PUT', pattern: `${PREFIX}/fulfillmentOrders/{sellerFulfillmentOrderId}/cancel`, operation: 'cancelFulfillmentOrder',
      handle(request) {
        return done(warehouse.cancelOrder(request.params.sellerFulfillmentOrderId ?? '', request.seller));
      },
    },
    {
      // Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-dynamic-sandbox-guide
      method: 'PUT', pattern: `${PREFIX}/fulfillmentOrders/{sellerFulfillmentOrderId}/status`, operation: 'submitFulfillmentOrderStatusUpdate',
      handle(request) {
        const malformed = bodyOrError(request);
        if (malformed) return fail(malformed);
        const status = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>).fulfillmentOrderStatus : undefined;
        return done(warehouse.submitStatusUpdate(request.params.sellerFulfillmentOrderId ?? '', status, request.seller));
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/tracking`, operation: 'getPackageTrackingDetails',
      handle(request) {
        const raw = request.query.get('packageNumber');
        if (raw === null || raw === '') return fail(AmazonErrors.missingParameter('packageNumber'));
        const packageNumber = Number(raw);
        if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(packageNumber) || Math.abs(packageNumber) > 2_147_483_647) {
          return fail(AmazonErrors.invalidValue(raw, 'packageNumber'));
        }
        const details = warehouse.tracking(packageNumber, request.seller);
        return details ? ok({ payload: details }) : fail(AmazonErrors.unknownPackage());
      },
    },
  ];
}
