// Amazon's usage plans (token bucket rate per second and burst) for the operations the simulator
// answers. Buckets refill in REAL time at rate × rateScale (the convention agreed with the client
// team), and x-amzn-RateLimit-Limit reports that effective rate, so a client that obeys the header
// never sees a 429 — only one that ignores it does.
// Docs: https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits-in-the-sp-api

export const OPERATIONS = [
  'getFulfillmentPreview', 'createFulfillmentOrder', 'getFulfillmentOrder', 'listAllFulfillmentOrders',
  'cancelFulfillmentOrder', 'getPackageTrackingDetails', 'submitFulfillmentOrderStatusUpdate',
  'getInventorySummaries', 'createInventoryItem', 'addInventory', 'deleteInventoryItem',
  'getReports', 'getReport', 'getReportDocument',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface UsagePlan {
  readonly rate: number;
  readonly burst: number;
}

// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
// ("Usage Plan" of each operation: 2 requests per second, burst 30).
const OUTBOUND: UsagePlan = { rate: 2, burst: 30 };
// Sandbox-only operations publish no usage plan; they set up scenarios, so they are generous.
const SANDBOX: UsagePlan = { rate: 50, burst: 500 };

export const USAGE_PLANS: Readonly<Record<OperationName, UsagePlan>> = {
  getFulfillmentPreview: OUTBOUND,
  createFulfillmentOrder: OUTBOUND,
  getFulfillmentOrder: OUTBOUND,
  listAllFulfillmentOrders: OUTBOUND,
  cancelFulfillmentOrder: OUTBOUND,
  getPackageTrackingDetails: OUTBOUND,
  submitFulfillmentOrderStatusUpdate: SANDBOX,
  // Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries (2/s, burst 2)
  getInventorySummaries: { rate: 2, burst: 2 },
  createInventoryItem: SANDBOX,
  addInventory: SANDBOX,
  deleteInventoryItem: SANDBOX,
  // Docs: https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-reference
  // (getReports 0.0222/s burst 10, getReport 2/s burst 15, getReportDocument 0.0167/s burst 15).
  getReports: { rate: 0.0222, burst: 10 },
  getReport: { rate: 2, burst: 15 },
  getReportDocument: { rate: 0.0167, burst: 15 },
};

/** Operations that exist only in Amazon's sandbox: test set-up, never subject to injected faults. */
export const SANDBOX_ONLY: ReadonlySet<OperationName> = new Set([
  'submitFulfillmentOrderStatusUpdate', 'createInventoryItem', 'addInventory', 'deleteInventoryItem',
]);

/** Header text of a rate: "2.0", "40.0", "0.0167". */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(Number(rate.toPrecision(6)));
}
