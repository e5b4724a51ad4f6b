// Amazon's published default usage plans (rate per second, burst) for the operations the bridge calls.
// They seed the governor's buckets; the `x-amzn-RateLimit-Limit` header then tells the rate Amazon
// actually applies to this seller (it can be higher), and a 429 empties the bucket.
import type { RateLimitSpec } from '../../engine/token-bucket.js';

// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
// ("Usage Plan" of every operation: 2/s burst 30; deliveryOffers 5/s burst 30).
const fulfillmentOutbound = (ratePerSecond = 2, burst = 30): RateLimitSpec => ({ ratePerSecond, burst });

export const PUBLISHED_RATE_LIMITS: Readonly<Record<string, RateLimitSpec>> = {
  getFulfillmentPreview: fulfillmentOutbound(),
  deliveryOffers: fulfillmentOutbound(5, 30),
  listAllFulfillmentOrders: fulfillmentOutbound(),
  createFulfillmentOrder: fulfillmentOutbound(),
  getPackageTrackingDetails: fulfillmentOutbound(),
  listReturnReasonCodes: fulfillmentOutbound(),
  createFulfillmentReturn: fulfillmentOutbound(),
  getFulfillmentOrder: fulfillmentOutbound(),
  updateFulfillmentOrder: fulfillmentOutbound(),
  cancelFulfillmentOrder: fulfillmentOutbound(),
  submitFulfillmentOrderStatusUpdate: fulfillmentOutbound(),
  getFeatures: fulfillmentOutbound(),
  getFeatureInventory: fulfillmentOutbound(),
  getFeatureSKU: fulfillmentOutbound(),

  // Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries
  getInventorySummaries: { ratePerSecond: 2, burst: 2 },

  // Docs: https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-reference
  createReport: { ratePerSecond: 0.0167, burst: 15 },
  getReports: { ratePerSecond: 0.0222, burst: 10 },
  getReport: { ratePerSecond: 2, burst: 15 },
  getReportDocument: { ratePerSecond: 0.0167, burst: 15 },

  // Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-reference (1/s burst 5)
  getSubscription: { ratePerSecond: 1, burst: 5 },
  createSubscription: { ratePerSecond: 1, burst: 5 },
  getDestinations: { ratePerSecond: 1, burst: 5 },
  createDestination: { ratePerSecond: 1, burst: 5 },
};

/**
 * For an operation missing from the table: slower than any per-order operation Amazon publishes and
 * no burst, so a new call cannot cause a storm of 429s before the first answer's header teaches the
 * real rate.
 */
export const DEFAULT_RATE_LIMIT: RateLimitSpec = { ratePerSecond: 0.5, burst: 1 };

export function publishedRateLimit(operation: string): RateLimitSpec {
  return Object.hasOwn(PUBLISHED_RATE_LIMITS, operation) ? PUBLISHED_RATE_LIMITS[operation]! : DEFAULT_RATE_LIMIT;
}
