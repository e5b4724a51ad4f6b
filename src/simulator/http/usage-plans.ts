// The usage plans (token bucket rate per second and burst) of the operations the simulator answers.
// Buckets refill in REAL time at rate × rateScale (the convention agreed with the client team), and
// x-amzn-RateLimit-Limit reports that effective rate, so a client that obeys the header never sees a
// 429 — only one that ignores it does.
// Docs: https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits-in-the-sp-api

import { SANDBOX_ONLY_OPERATIONS, USAGE_PLANS, type SpApiOperation, type UsagePlan } from '../../domain/shared/sp-api-operations.js';

/** The operations the simulator answers; their usage plans are the bridge's own table (one source). */
export const OPERATIONS = [
  'getFulfillmentPreview', 'createFulfillmentOrder', 'getFulfillmentOrder', 'listAllFulfillmentOrders',
  'cancelFulfillmentOrder', 'getPackageTrackingDetails', 'submitFulfillmentOrderStatusUpdate',
  'getInventorySummaries', 'createInventoryItem', 'addInventory', 'deleteInventoryItem',
  'getReports', 'getReport', 'getReportDocument',
  'getDestinations', 'createDestination', 'getDestination', 'deleteDestination',
  'getSubscription', 'createSubscription', 'getSubscriptionById', 'deleteSubscriptionById',
] as const satisfies readonly SpApiOperation[];
export type OperationName = (typeof OPERATIONS)[number];

export function usagePlanOf(operation: OperationName): UsagePlan {
  return USAGE_PLANS[operation];
}

/** Operations that exist only in Amazon's sandbox: test set-up, never subject to injected faults. */
export const SANDBOX_ONLY: ReadonlySet<OperationName> = new Set(OPERATIONS.filter((op) => SANDBOX_ONLY_OPERATIONS.has(op)));

/** Header text of a rate: "2.0", "40.0", "0.0167". */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(Number(rate.toPrecision(6)));
}
