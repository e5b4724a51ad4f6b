// Parses an Amazon SP-API notification as the bridge may receive it: the notification JSON itself
// (an SQS message body), an EventBridge event carrying it in `detail`, or an SNS envelope carrying it
// as a string in `Message`. Pure: returns a value or a reason. Most types write the envelope in
// PascalCase (NotificationType, Payload, NotificationMetadata); REPORT_PROCESSING_FINISHED writes it in
// camelCase (notificationType, payload, notificationMetadata): both are read. Ids and SKUs beyond Amazon's documented
// limits are refused (domain/shared/identifier-limits.ts), so a forged one never reaches a request to Amazon.
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-use-case-guide
import { fail, ok, type Result } from '../domain/shared/result.js';
import { firstIdentifierProblem, MAX_SELLER_FULFILLMENT_ORDER_ID_LENGTH, MAX_SELLER_SKU_LENGTH } from '../domain/shared/identifier-limits.js';

export interface AmazonNotificationRef {
  readonly notificationId: string;
  readonly notificationType: string;
  readonly sellerId?: string;
  /** For FULFILLMENT_ORDER_STATUS: the order it is about. */
  readonly sellerFulfillmentOrderId?: string;
  /** FULFILLMENT_ORDER_STATUS: 'Order' (a status change), 'Shipment' (a shipment moved) or 'Return'. */
  readonly eventType?: string;
  /** The raw Payload, for flows that need more (e.g. inventory changes). */
  readonly payload: Record<string, unknown>;
}

/** The notification, or why the body is not one. */
export type ParsedNotification = Result<AmazonNotificationRef, string>;

export function parseAmazonNotification(body: unknown): ParsedNotification {
  let n: unknown = body;
  if (isObject(n) && isObject(n.detail)) n = n.detail;
  else if (isObject(n) && typeof n.Message === 'string') {
    try {
      n = JSON.parse(n.Message);
    } catch {
      return fail('Message is not JSON');
    }
  }
  if (!isObject(n)) return fail('the body is not a JSON object');
  const type = n.NotificationType ?? n.notificationType;
  const payload = n.Payload ?? n.payload;
  if (typeof type !== 'string') return fail('no NotificationType');
  if (!isObject(payload)) return fail('no Payload');
  const metaValue = n.NotificationMetadata ?? n.notificationMetadata;
  const meta = isObject(metaValue) ? metaValue : {};
  const idValue = meta.NotificationId ?? meta.notificationId;
  const notificationId = typeof idValue === 'string' ? idValue : undefined;
  if (!notificationId) return fail('no NotificationMetadata.NotificationId');
  const status = isObject(payload.FulfillmentOrderStatusNotification) ? payload.FulfillmentOrderStatusNotification : undefined;
  const report = isObject(payload.reportProcessingFinishedNotification) ? payload.reportProcessingFinishedNotification : undefined;
  const sellerId = [status?.SellerId, payload.SellerId, report?.sellerId].find((v): v is string => typeof v === 'string');
  const sellerFulfillmentOrderId = typeof status?.SellerFulfillmentOrderId === 'string' ? status.SellerFulfillmentOrderId : undefined;
  const eventType = typeof status?.EventType === 'string' ? status.EventType : undefined;
  const problem = firstIdentifierProblem([
    ['NotificationMetadata.NotificationId', notificationId], ['NotificationType', type], ['SellerId', sellerId],
    ['SellerFulfillmentOrderId', sellerFulfillmentOrderId, MAX_SELLER_FULFILLMENT_ORDER_ID_LENGTH],
    ['Payload.SKU', typeof payload.SKU === 'string' ? payload.SKU : undefined, MAX_SELLER_SKU_LENGTH],
  ]);
  if (problem) return fail(problem);
  return ok({
      notificationId,
      notificationType: type,
      payload,
      ...(sellerId ? { sellerId } : {}),
      ...(sellerFulfillmentOrderId ? { sellerFulfillmentOrderId } : {}),
      ...(eventType ? { eventType } : {}),
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
