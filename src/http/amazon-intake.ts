// POST /events/amazon: Amazon notifications (from SQS or EventBridge). A FULFILLMENT_ORDER_STATUS
// notification marks the order for tracking at once; the Amazon poll stays the safety net, because
// these notifications are known to arrive late, twice or never. FBA_INVENTORY_AVAILABILITY_CHANGES
// syncs the SKU; REPORT_PROCESSING_FINISHED of a settlement report runs settlement discovery now
// (the scheduled discovery stays the safety net). Other types are acknowledged.
import type { Store, EnqueuedWork } from '../ports/store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { parseAmazonNotification, type AmazonNotificationRef } from './amazon-notification.js';
import { SHIPMENT_TRACK_PRIORITY, STATUS_NOTE_PRIORITY, STATUS_NOTE_SETTLE_MS, TRACK_PRIORITY } from '../flows/orders/order-flow-types.js';
import { isOnTheWayStatus, parseFbaOrderStatus, statusesBefore } from '../domain/orders/fba-status.js';
import type { FbaOrderStatus } from '../domain/orders/fba-order.js';
import { identifierProblem } from '../domain/shared/identifier-limits.js';
import type { IntakeAnswer } from './commercetools-intake.js';
import { SETTLEMENT_REPORT_TYPE } from '../flows/settlements/settlement-discovery.js';
import type { BoundedMap } from '../domain/shared/bounded-map.js';
import { IntakeBatch } from './intake-batch.js';

// More marketplaces than Amazon has: the rest of a longer list is ignored.
const MAX_MARKETPLACES = 30;

export interface AmazonIntakeDeps {
  readonly store: Store;
  readonly connections: ReadonlyArray<{ readonly id: string; readonly sellerId?: string }>;
  readonly workClock: Clock;
  readonly logger: Logger;
  /** New work was enqueued (what and when, where known): the work runners claim it. */
  readonly wake: (enqueued?: EnqueuedWork) => void;
  /**
   * FBA_INVENTORY_AVAILABILITY_CHANGES: sync the named SKU now (the scheduled incremental sync stays the
   * safety net). Absent when inventory sync is off: the notification is then acknowledged and ignored.
   */
  readonly inventoryChanged?: (connectionIds: readonly string[], sku: string, marketplaceIds: readonly string[]) => void;
  /** REPORT_PROCESSING_FINISHED of a settlement report: look for new settlement reports now. */
  readonly settlementReportReady?: (connectionIds: readonly string[]) => void;
  /** Records FULFILLMENT_ORDER_STATUS notifications arriving together in one transaction; without it, each alone. */
  readonly statusBatch?: IntakeBatch<StatusIntake>;
  /** Which commercetools order an Amazon order id names, once looked up (saves the look-up per notification). */
  readonly knownOrders?: BoundedMap<string, string>;
}

export type StatusIntake = 'accepted' | 'known' | 'duplicate' | 'unknown';

export async function acceptAmazonNotification(deps: AmazonIntakeDeps, body: unknown): Promise<IntakeAnswer> {
  const parsed = parseAmazonNotification(body);
  if (!parsed.ok) return { status: 400, body: { error: `not an Amazon notification: ${parsed.error}` } };
  const n = parsed.value;
  if (n.notificationType === 'FBA_INVENTORY_AVAILABILITY_CHANGES' && deps.inventoryChanged) return acceptInventoryChange(deps, n);
  if (n.notificationType === 'REPORT_PROCESSING_FINISHED' && deps.settlementReportReady && isFinishedSettlement(n)) return acceptSettlementReport(deps, n, deps.settlementReportReady);
  if (n.notificationType !== 'FULFILLMENT_ORDER_STATUS' || !n.sellerFulfillmentOrderId) {
    return { status: 202, body: { ignored: n.notificationType } };
  }
  // The seller id names the connection when configured; otherwise every connection is asked.
  const candidates = deps.connections.filter((c) => !n.sellerId || !c.sellerId || c.sellerId === n.sellerId);
  const now = deps.workClock.now().getTime();
  // A status on the way is taken at its word (the link moves on, the run writes it without asking
  // Amazon); a shipment or a final status is looked at.
  const noted = n.eventType === 'Order' ? statusOnTheWay(n) : undefined;
  const priority = n.eventType === 'Shipment' ? SHIPMENT_TRACK_PRIORITY : noted ? STATUS_NOTE_PRIORITY : TRACK_PRIORITY;
  const runAt = noted ? now + STATUS_NOTE_SETTLE_MS : now;
  const sellerFulfillmentOrderId = n.sellerFulfillmentOrderId;
  try {
    const result = await (deps.statusBatch ?? new IntakeBatch(deps.store)).add(async (tx) => {
      if (!(await tx.inbox.record('amazon', n.notificationId, now))) return 'duplicate' as const;
      for (const c of candidates) {
        const ctOrderId = await linkedOrder(deps, tx, c.id, sellerFulfillmentOrderId);
        if (ctOrderId) {
          // A status the link already shows (or is past, or a link not simply submitted): nothing to write.
          // The change poll and the sweep stay the safety net for what a notification cannot say.
          if (noted && !(await tx.orderLinks.advanceFbaStatus(c.id, ctOrderId, noted.status, statusesBefore(noted.status), noted.at ?? now, now))) return 'known' as const;
          await tx.work.enqueue({ connectionId: c.id, kind: 'order.track', subjectId: ctOrderId, priority, runAt }, now);
          return 'accepted' as const;
        }
      }
      return 'unknown' as const;
    });
    if (result === 'accepted') deps.wake({ kind: 'order.track', runAt });
    return { status: 202, body: answerBody(result, sellerFulfillmentOrderId, n.notificationId) };
  } catch (err) {
    deps.logger.error('could not record an Amazon notification; asking for redelivery', { notificationId: n.notificationId, error: err });
    return { status: 503, body: { error: 'could not record the notification; deliver it again' } };
  }
}

function answerBody(result: StatusIntake, sellerFulfillmentOrderId: string, notificationId: string): Record<string, string> {
  switch (result) {
    case 'accepted': return { accepted: sellerFulfillmentOrderId };
    case 'known': return { known: sellerFulfillmentOrderId };
    case 'duplicate': return { duplicate: notificationId };
    case 'unknown': return { ignored: `no order ${sellerFulfillmentOrderId} sent by the bridge` };
  }
}

/** The status of an EventType Order notification when it is one on the way, with Amazon's time of it when readable. */
function statusOnTheWay(n: AmazonNotificationRef): { status: FbaOrderStatus; at?: number } | undefined {
  const body = n.payload.FulfillmentOrderStatusNotification as { FulfillmentOrderStatus?: unknown; StatusUpdatedDateTime?: unknown } | undefined;
  const status = typeof body?.FulfillmentOrderStatus === 'string' ? parseFbaOrderStatus(body.FulfillmentOrderStatus) : null;
  if (!status || !isOnTheWayStatus(status)) return undefined;
  const at = typeof body?.StatusUpdatedDateTime === 'string' ? Date.parse(body.StatusUpdatedDateTime) : Number.NaN;
  return Number.isFinite(at) ? { status, at } : { status };
}

/** The commercetools order an Amazon order id names: remembered once seen, as the pair never changes. */
async function linkedOrder(deps: AmazonIntakeDeps, tx: Store, connectionId: string, sellerFulfillmentOrderId: string): Promise<string | undefined> {
  const key = `${connectionId}\u0000${sellerFulfillmentOrderId}`;
  const known = deps.knownOrders?.get(key);
  if (known !== undefined) return known;
  const link = await tx.orderLinks.getBySellerFulfillmentOrderId(connectionId, sellerFulfillmentOrderId);
  if (link) deps.knownOrders?.set(key, link.ctOrderId);
  return link?.ctOrderId;
}

/** The SKU whose FBA availability changed: recorded once (duplicates are dropped), then synced at once. */
async function acceptInventoryChange(deps: AmazonIntakeDeps, n: AmazonNotificationRef): Promise<IntakeAnswer> {
  const sku = typeof n.payload.SKU === 'string' ? n.payload.SKU : undefined;
  if (!sku) return { status: 400, body: { error: 'FBA_INVENTORY_AVAILABILITY_CHANGES without Payload.SKU' } };
  const byMarketplace = Array.isArray(n.payload.FulfillmentInventoryByMarketplace) ? n.payload.FulfillmentInventoryByMarketplace : [];
  const marketplaceIds = byMarketplace.slice(0, MAX_MARKETPLACES).flatMap((m: unknown) =>
    typeof m === 'object' && m !== null && typeof (m as { MarketplaceId?: unknown }).MarketplaceId === 'string' ? [(m as { MarketplaceId: string }).MarketplaceId] : [])
    .filter((id) => identifierProblem('MarketplaceId', id) === null);
  const candidates = deps.connections.filter((c) => !n.sellerId || !c.sellerId || c.sellerId === n.sellerId).map((c) => c.id);
  const refused = await recordOnce(deps, n);
  if (refused) return refused;
  deps.inventoryChanged?.(candidates, sku, marketplaceIds);
  return { status: 202, body: { inventorySync: sku } };
}

function isFinishedSettlement(n: AmazonNotificationRef): boolean {
  const report = n.payload.reportProcessingFinishedNotification as { reportType?: unknown; processingStatus?: unknown } | undefined;
  return report?.reportType === SETTLEMENT_REPORT_TYPE && report.processingStatus === 'DONE';
}

/** A settlement report is ready: recorded once (duplicates are dropped), then discovery runs for the seller's connections. */
async function acceptSettlementReport(deps: AmazonIntakeDeps, n: AmazonNotificationRef, ready: (connectionIds: readonly string[]) => void): Promise<IntakeAnswer> {
  const candidates = deps.connections.filter((c) => !n.sellerId || !c.sellerId || c.sellerId === n.sellerId).map((c) => c.id);
  const refused = await recordOnce(deps, n);
  if (refused) return refused;
  ready(candidates);
  return { status: 202, body: { settlementDiscovery: candidates } };
}

/** Records the notification in the inbox: undefined when new, else the answer (a duplicate, or 503 to have it delivered again). */
async function recordOnce(deps: AmazonIntakeDeps, n: AmazonNotificationRef): Promise<IntakeAnswer | undefined> {
  try {
    if (!(await deps.store.inbox.record('amazon', n.notificationId, deps.workClock.now().getTime()))) return { status: 202, body: { duplicate: n.notificationId } };
    return undefined;
  } catch (err) {
    deps.logger.error('could not record an Amazon notification; asking for redelivery', { notificationId: n.notificationId, error: err });
    return { status: 503, body: { error: 'could not record the notification; deliver it again' } };
  }
}
