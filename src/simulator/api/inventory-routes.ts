// FBA Inventory API v1: getInventorySummaries over the simulated pool, plus the sandbox-only
// operations that fill it (createInventoryItem, addInventory, deleteInventoryItem).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference
import { AmazonErrors, errorAnswer, type ErrorAnswer } from '../amazon-errors.js';
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import type { SimInventoryItem } from '../state/sim-records.js';
import { isoSeconds, parseDateTime } from '../time-format.js';
import { compare, type Warehouse } from '../warehouse/warehouse.js';
import { decodeToken, encodeToken } from './page-token.js';

const PREFIX = '/fba/inventory/v1';
/** Observed page size of getInventorySummaries (amazon-facts.md). */
export const SUMMARIES_PAGE_SIZE = 50;
const MAX_SELLER_SKUS = 50;

const fail = (error: ErrorAnswer): SimResponse => ({ status: error.status, body: error.body });
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface SummaryQuery {
  readonly marketplaceId: string;
  readonly details: boolean;
  readonly since?: number;
  readonly skus?: readonly string[];
  /** Last SKU of the previous page. */
  readonly after?: string;
}

/** Repeated parameters and comma lists both count (`sellerSkus=a,b` and `sellerSkus=a&sellerSkus=b`). */
function list(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function parseSummaryQuery(query: URLSearchParams): SummaryQuery | ErrorAnswer {
  const granularityType = query.get('granularityType');
  if (!granularityType) return AmazonErrors.missingParameter('granularityType');
  if (granularityType !== 'Marketplace') return AmazonErrors.invalidValue(granularityType, 'granularityType');
  if (!query.get('granularityId')) return AmazonErrors.missingParameter('granularityId');
  const marketplaceIds = list(query, 'marketplaceIds');
  if (marketplaceIds.length === 0) return AmazonErrors.missingParameter('marketplaceIds');
  if (marketplaceIds.length > 1) return AmazonErrors.invalidValue(marketplaceIds.join(','), 'marketplaceIds', 'only one marketplace can be queried');
  const details = query.get('details') === 'true';
  const rawSince = query.get('startDateTime');
  const since = rawSince === null ? undefined : parseDateTime(rawSince);
  if (rawSince !== null && since === undefined) return AmazonErrors.invalidValue(rawSince, 'startDateTime');
  const many = list(query, 'sellerSkus');
  if (many.length > MAX_SELLER_SKUS) return AmazonErrors.invalidValue(many.length, 'sellerSkus', `at most ${MAX_SELLER_SKUS} SKUs per request`);
  const single = query.get('sellerSku');
  // Docs: startDateTime wins over sellerSkus, which wins over sellerSku.
  const skus = since !== undefined ? undefined : many.length > 0 ? many : single ? [single] : undefined;
  return { marketplaceId: marketplaceIds[0]!, details, ...(since !== undefined ? { since } : {}), ...(skus ? { skus } : {}) };
}

function summaryJson(item: SimInventoryItem, details: boolean): Json {
  return {
    asin: item.asin,
    fnSku: item.fnSku,
    sellerSku: item.sellerSku,
    condition: 'NewItem',
    ...(details ? {
      inventoryDetails: {
        fulfillableQuantity: item.fulfillable,
        inboundWorkingQuantity: 0,
        inboundShippedQuantity: 0,
        inboundReceivingQuantity: 0,
        reservedQuantity: { totalReservedQuantity: item.reserved, pendingCustomerOrderQuantity: item.reserved, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
        researchingQuantity: { totalResearchingQuantity: 0, researchingQuantityBreakdown: [] },
        unfulfillableQuantity: {
          totalUnfulfillableQuantity: 0, customerDamagedQuantity: 0, warehouseDamagedQuantity: 0, distributorDamagedQuantity: 0,
          carrierDamagedQuantity: 0, defectiveQuantity: 0, expiredQuantity: 0,
        },
      },
    } : {}),
    lastUpdatedTime: isoSeconds(item.lastUpdatedAt),
    productName: item.productName,
    totalQuantity: item.fulfillable + item.reserved,
  };
}

function summaries(warehouse: Warehouse, request: SimRequest): SimResponse {
  const token = request.query.get('nextToken');
  // The token carries the whole query, so a client that resends fewer parameters still pages right.
  const parsed = token ? decodeToken<SummaryQuery>(token, (v) => typeof v.marketplaceId === 'string') ?? AmazonErrors.invalidNextToken(token) : parseSummaryQuery(request.query);
  if ('status' in parsed) return fail(parsed);
  const q = parsed;
  const wanted = q.skus ? new Set(q.skus) : undefined;
  const matching = [...warehouse.state.inventory.values()]
    .filter((item) => item.marketplaceIds.includes(q.marketplaceId))
    .filter((item) => !wanted || wanted.has(item.sellerSku))
    .filter((item) => q.since === undefined || item.lastUpdatedAt >= q.since)
    .filter((item) => q.after === undefined || item.sellerSku > q.after)
    .sort((a, b) => compare(a.sellerSku, b.sellerSku));
  const page = matching.slice(0, SUMMARIES_PAGE_SIZE);
  const last = page[page.length - 1];
  return json(200, {
    ...(matching.length > SUMMARIES_PAGE_SIZE && last ? { pagination: { nextToken: encodeToken({ ...q, after: last.sellerSku }) } } : {}),
    payload: {
      granularity: { granularityType: 'Marketplace', granularityId: request.query.get('granularityId') ?? q.marketplaceId },
      inventorySummaries: page.map((item) => summaryJson(item, q.details)),
    },
  });
}

export function inventoryRoutes(warehouse: Warehouse): Route[] {
  const ledger = warehouse.ledger;
  return [
    { method: 'GET', pattern: `${PREFIX}/summaries`, operation: 'getInventorySummaries', handle: (request) => summaries(warehouse, request) },
    {
      method: 'POST', pattern: `${PREFIX}/items`, operation: 'createInventoryItem',
      handle(request) {
        if (!isObject(request.body)) return fail(AmazonErrors.malformedBody());
        for (const name of ['sellerSku', 'marketplaceId', 'productName'] as const) {
          const v = request.body[name];
          if (typeof v !== 'string' || v === '') return fail(AmazonErrors.missingParameter(name));
        }
        const { sellerSku, marketplaceId, productName } = request.body as Record<string, string>;
        ledger.createItem(sellerSku!, marketplaceId!, productName!, warehouse.now());
        return json(200, {});
      },
    },
    {
      method: 'POST', pattern: `${PREFIX}/items/inventory`, operation: 'addInventory',
      handle(request) {
        const token = request.headers['x-amzn-idempotency-token'];
        if (typeof token !== 'string' || token === '') return fail(AmazonErrors.missingParameter('x-amzn-idempotency-token'));
        if (!isObject(request.body) || !Array.isArray(request.body.inventoryItems)) return fail(AmazonErrors.missingParameter('inventoryItems'));
        // A replayed token is answered as before and applies nothing twice.
        if (warehouse.state.addInventoryTokens.has(token)) return json(200, {});
        const items: Array<{ sellerSku: string; quantity: number }> = [];
        for (const raw of request.body.inventoryItems) {
          if (!isObject(raw) || typeof raw.sellerSku !== 'string') return fail(AmazonErrors.missingParameter('sellerSku'));
          if (typeof raw.marketplaceId !== 'string') return fail(AmazonErrors.missingParameter('marketplaceId'));
          if (typeof raw.quantity !== 'number' || !Number.isInteger(raw.quantity) || raw.quantity < 1) return fail(AmazonErrors.invalidValue(raw.quantity, 'quantity'));
          if (!ledger.get(raw.sellerSku)) return fail(AmazonErrors.invalidValue(raw.sellerSku, 'sellerSku', 'the item does not exist; create it with createInventoryItem first'));
          items.push({ sellerSku: raw.sellerSku, quantity: raw.quantity });
        }
        const now = warehouse.now();
        for (const item of items) ledger.addStock(item.sellerSku, item.quantity, now);
        warehouse.state.addInventoryTokens.add(token);
        return json(200, {});
      },
    },
    {
      method: 'DELETE', pattern: `${PREFIX}/items/{sellerSku}`, operation: 'deleteInventoryItem',
      handle(request) {
        if (!request.query.get('marketplaceId')) return fail(AmazonErrors.missingParameter('marketplaceId'));
        const sku = request.params.sellerSku ?? '';
        if (!ledger.deleteItem(sku)) return fail(errorAnswer(404, 'NotFound', `No inventory item with sellerSku ${sku}.`));
        return json(200, {});
      },
    },
  ];
}
