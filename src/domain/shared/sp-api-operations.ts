// The SP-API operations of the APIs the bridge speaks (Fulfillment Outbound 2020-07-01, FBA Inventory
// v1, Reports 2021-06-30, Notifications v1) and Amazon's usage plan for each: a token bucket of `burst`
// tokens refilled at `ratePerSecond`. One table for the bridge's rate governor and the simulator, so the
// two cannot disagree; test/amazon/usage-plans.test.ts checks it against the official models.
// Docs: https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits-in-the-sp-api

export const SP_API_OPERATIONS = [
  // Fulfillment Outbound 2020-07-01
  'getFulfillmentPreview', 'deliveryOffers', 'listAllFulfillmentOrders', 'createFulfillmentOrder',
  'getPackageTrackingDetails', 'listReturnReasonCodes', 'createFulfillmentReturn', 'getFulfillmentOrder',
  'updateFulfillmentOrder', 'cancelFulfillmentOrder', 'submitFulfillmentOrderStatusUpdate', 'getFeatures',
  'getFeatureInventory', 'getFeatureSKU',
  // FBA Inventory v1
  'getInventorySummaries', 'createInventoryItem', 'deleteInventoryItem', 'addInventory',
  // Reports 2021-06-30
  'getReports', 'createReport', 'cancelReport', 'getReport', 'getReportSchedules', 'createReportSchedule',
  'cancelReportSchedule', 'getReportSchedule', 'getReportDocument',
  // Notifications v1
  'getSubscriptions', 'getSubscription', 'createSubscription', 'getSubscriptionById', 'deleteSubscriptionById',
  'sendTestNotification', 'getDestinations', 'createDestination', 'getDestination', 'deleteDestination',
] as const;
export type SpApiOperation = (typeof SP_API_OPERATIONS)[number];

export interface UsagePlan {
  readonly ratePerSecond: number;
  readonly burst: number;
}

const plan = (ratePerSecond: number, burst: number): UsagePlan => ({ ratePerSecond, burst });
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
const OUTBOUND = plan(2, 30);
// Docs: https://developer-docs.amazon.com/sp-api/docs/reports-api-v2021-06-30-reference
const REPORT_SCHEDULES = plan(0.0222, 10);
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-reference
const NOTIFICATIONS = plan(1, 5);
// Amazon publishes no usage plan for its sandbox-only operations (test set-up). They are generous so a
// simulator scenario is never throttled while it is being set up; the bridge never calls them.
const SANDBOX = plan(50, 500);

export const USAGE_PLANS: Readonly<Record<SpApiOperation, UsagePlan>> = {
  getFulfillmentPreview: OUTBOUND,
  deliveryOffers: plan(5, 30),
  listAllFulfillmentOrders: OUTBOUND,
  createFulfillmentOrder: OUTBOUND,
  getPackageTrackingDetails: OUTBOUND,
  listReturnReasonCodes: OUTBOUND,
  createFulfillmentReturn: OUTBOUND,
  getFulfillmentOrder: OUTBOUND,
  updateFulfillmentOrder: OUTBOUND,
  cancelFulfillmentOrder: OUTBOUND,
  submitFulfillmentOrderStatusUpdate: SANDBOX,
  getFeatures: OUTBOUND,
  getFeatureInventory: OUTBOUND,
  getFeatureSKU: OUTBOUND,
  // Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries
  getInventorySummaries: plan(2, 2),
  createInventoryItem: SANDBOX,
  deleteInventoryItem: SANDBOX,
  addInventory: SANDBOX,
  getReports: plan(0.0222, 10),
  createReport: plan(0.0167, 15),
  cancelReport: plan(0.0222, 10),
  getReport: plan(2, 15),
  getReportSchedules: REPORT_SCHEDULES,
  createReportSchedule: REPORT_SCHEDULES,
  cancelReportSchedule: REPORT_SCHEDULES,
  getReportSchedule: REPORT_SCHEDULES,
  getReportDocument: plan(0.0167, 15),
  getSubscriptions: NOTIFICATIONS,
  getSubscription: NOTIFICATIONS,
  createSubscription: NOTIFICATIONS,
  getSubscriptionById: NOTIFICATIONS,
  deleteSubscriptionById: NOTIFICATIONS,
  sendTestNotification: NOTIFICATIONS,
  getDestinations: NOTIFICATIONS,
  createDestination: NOTIFICATIONS,
  getDestination: NOTIFICATIONS,
  deleteDestination: NOTIFICATIONS,
};

/** Operations that exist only in Amazon's sandbox: scenario set-up, with no published usage plan. */
export const SANDBOX_ONLY_OPERATIONS: ReadonlySet<SpApiOperation> = new Set([
  'submitFulfillmentOrderStatusUpdate', 'createInventoryItem', 'deleteInventoryItem', 'addInventory',
]);
