// FBA Inventory API v1: getInventorySummaries over the simulated pool (details, startDateTime,
// sellerSkus, pages of 50 behind expiring nextTokens), plus the sandbox-only operations that fill it
// (createInventoryItem, addInventory, deleteInventoryItem).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference
import { AmazonErrors, errorAnswer, type ErrorAnswer } from '../amazon-errors.js';
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import { parseDateTime } from '../time-format.js';
import { compare, type Warehouse } from '../warehouse/warehouse.js';
import { summaryJson } from './inventory-summary-json.js';
import type { SummariesTokens } from './summaries-tokens.js';

const PREFIX = '/fba/inventory/v1';
/** Observed page size of getInventorySummaries (amazon-facts.md). */
export const SUMMARIES_PAGE_SIZE = 50;
const MAX_SELLER_SKUS = 50;

const fail = (error: ErrorAnswer): SimResponse => ({ status: error.status, body: error.body });
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface SummaryQuery {
  readonly marketplaceId: string;
  readonly granularityId: string;
  readonly details: boolean;
  readonly since?: number;
  readonly skus?: readonly string[];
}

/** Repeated parameters and comma lists both count (`sellerSkus=a,b` and `sellerSkus=a&sellerSkus=b`). */
function list(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function parseSummaryQuery(query: URLSearchParams): SummaryQuery | ErrorAnswer {
  const granularityType = query.get('granularityType');
  if (!granularityType) return AmazonErrors.missingParameter('granularityType');
  if (granularityType !== 'Marketplace') return AmazonErrors.invalidValue(granularityType, 'granularityType');
  const granularityId = query.get('granularityId');
  if (!granularityId) return AmazonErrors.missingParameter('granularityId');
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
  return { marketplaceId: marketplaceIds[0]!, granularityId, details, ...(since !== undefined ? { since } : {}), ...(skus ? { skus } : {}) };
}

/** What a nextToken is bound to: everything that decides which SKUs the pages list (not `details`). */
function bindingOf(q: SummaryQuery): string {
  return JSON.stringify([q.marketplaceId, q.granularityId, q.since ?? null, q.skus ? [...q.skus].sort() : null]);
}

function summaries(warehouse: Warehouse, tokens: SummariesTokens, request: SimRequest): SimResponse {
  const parsed = parseSummaryQuery(request.query);
  if ('status' in parsed) return fail(parsed);
  const q = parsed;
  const binding = bindingOf(q);
  const token = request.query.get('nextToken');
  let after: string | undefined;
  if (token) {
    const redeemed = tokens.redeem(token, binding);
    if (!redeemed.ok) return fail(AmazonErrors.summariesNextTokenRefused(redeemed.error));
    after = redeemed.value;
  }
  const wanted = q.skus ? new Set(q.skus) : undefined;
  const matching = [...warehouse.state.inventory.values()]
    .filter((item) => item.marketplaceIds.includes(q.marketplaceId))
    .filter((item) => !wanted || wanted.has(item.sellerSku))
    .filter((item) => q.since === undefined || item.lastUpdatedAt >= q.since)
    .filter((item) => after === undefined || item.sellerSku > after)
    .sort((a, b) => compare(a.sellerSku, b.sellerSku));
  const page = matching.slice(0, SUMMARIES_PAGE_SIZE);
  const last = page[page.length - 1];
  return json(200, {
    ...(matching.length > SUMMARIES_PAGE_SIZE && last ? { pagination: { nextToken: tokens.issue(binding, last.sellerSku) } } : {}),
    payload: {
      granularity: { granularityType: 'Marketplace', granularityId: q.granularityId },
      inventorySummaries: page.map((item) => summaryJson(item, q.details)),
    },
  });
}

export function inventoryRoutes(warehouse: Warehouse, tokens: SummariesTokens): Route[] {
  const ledger = warehouse.ledger;
  return [
    { method: 'GET', pattern: `${PREFIX}/summaries`, operation: 'getInventorySummaries', handle: (request) => summaries(warehouse, tokens, request) },
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
