// The notifications Amazon sends, as JSON: the SP-API envelope {NotificationVersion, NotificationType,
// PayloadVersion, EventTime, Payload, NotificationMetadata}, with the payloads of
// FBA_INVENTORY_AVAILABILITY_CHANGES and FULFILLMENT_ORDER_STATUS (../shared/spapi-models/*Notification.json);
// REPORT_PROCESSING_FINISHED is written in camelCase throughout (notificationType, payload,
// notificationMetadata …, version 2020-09-04), as its model and Amazon's examples are.
// Delivered as an SQS message body (the notification itself: how Amazon delivers these two types) or
// wrapped in an EventBridge event (`detail`), whichever the simulator was told.
// Docs: https://developer-docs.amazon.com/sp-api/docs/notification-type-values
import { hash32, streamFor } from '../seeded-random.js';
import type { SimInventoryItem, SimOrder, SimReport, SimShipment } from '../state/sim-records.js';
import { totalReserved } from '../api/inventory-summary-json.js';
import { isoSeconds } from '../time-format.js';

export const NOTIFICATION_TYPES = ['FBA_INVENTORY_AVAILABILITY_CHANGES', 'FULFILLMENT_ORDER_STATUS', 'REPORT_PROCESSING_FINISHED'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFY_FORMATS = ['sqs', 'eventbridge'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

export type Json = Record<string, unknown>;

/** Who the notifications come from: one seller, one application, one subscription per type. */
export interface NotificationSource {
  readonly sellerId: string;
  readonly applicationId: string;
  readonly awsAccountId: string;
  readonly subscriptionIds: Readonly<Record<NotificationType, string>>;
  /** First 20 hex digits of every NotificationId; the last 12 count notifications, so ids never repeat. */
  readonly idPrefix: string;
}

/** Drawn from the seed; `runKey` (the simulated start) keeps ids of separate runs apart. */
export function notificationSource(seed: number, sellerId: string, runKey: number): NotificationSource {
  const uuid = (...parts: Array<string | number>) => uuidFrom(streamFor(seed, 'notification-source', ...parts).chars(32, HEX));
  return {
    sellerId,
    applicationId: `amzn1.sellerapps.app.${uuid('application')}`,
    awsAccountId: streamFor(seed, 'notification-source', 'aws-account').chars(12, '0123456789'),
    subscriptionIds: {
      FBA_INVENTORY_AVAILABILITY_CHANGES: uuid('subscription', 'FBA_INVENTORY_AVAILABILITY_CHANGES'),
      FULFILLMENT_ORDER_STATUS: uuid('subscription', 'FULFILLMENT_ORDER_STATUS'),
      REPORT_PROCESSING_FINISHED: uuid('subscription', 'REPORT_PROCESSING_FINISHED'),
    },
    idPrefix: streamFor(seed, 'notification-id', hash32(String(runKey))).chars(20, HEX),
  };
}

export function notificationId(source: NotificationSource, sequence: number): string {
  return uuidFrom(`${source.idPrefix}${sequence.toString(16).padStart(12, '0')}`);
}

export function envelope(source: NotificationSource, type: NotificationType, id: string, eventTime: number, publishTime: number, payload: Json, subscriptionId = source.subscriptionIds[type]): Json {
  if (type === 'REPORT_PROCESSING_FINISHED') {
    return {
      notificationVersion: '2020-09-04',
      notificationType: type,
      payloadVersion: '2020-09-04',
      eventTime: new Date(eventTime).toISOString(),
      payload,
      notificationMetadata: { applicationId: source.applicationId, subscriptionId, publishTime: new Date(publishTime).toISOString(), notificationId: id },
    };
  }
  return {
    NotificationVersion: '1.0',
    NotificationType: type,
    PayloadVersion: '1.0',
    EventTime: new Date(eventTime).toISOString(),
    Payload: payload,
    NotificationMetadata: {
      ApplicationId: source.applicationId,
      SubscriptionId: subscriptionId,
      PublishTime: new Date(publishTime).toISOString(),
      NotificationId: id,
    },
  };
}

/** REPORT_PROCESSING_FINISHED of a report the simulator made (settlement reports: always DONE). */
export function reportFinishedPayload(source: NotificationSource, report: SimReport): Json {
  return {
    reportProcessingFinishedNotification: {
      sellerId: source.sellerId,
      accountId: `amzn1.merchant.o.${source.sellerId}`,
      reportId: report.reportId,
      reportType: report.reportType,
      processingStatus: 'DONE',
      reportDocumentId: report.reportDocumentId,
    },
  };
}

/** What is POSTed: the notification (an SQS message body) or an EventBridge event carrying it. */
export function deliveryBody(source: NotificationSource, format: NotifyFormat, notification: Json): Json {
  if (format === 'sqs') return notification;
  const metadata = notification.NotificationMetadata as { NotificationId: string; PublishTime: string };
  return {
    version: '0',
    id: metadata.NotificationId,
    'detail-type': notification.NotificationType,
    source: `aws.partner/sellingpartnerapi.amazon.com/${source.awsAccountId}/${source.applicationId}`,
    account: source.awsAccountId,
    time: metadata.PublishTime.replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: notification,
  };
}

/** FulfillmentInventoryByMarketplace: the pooled figures, once per marketplace the SKU is sold in. */
export function fulfillmentInventoryByMarketplace(item: SimInventoryItem): Json[] {
  const inventory = {
    InboundQuantityBreakdown: { Working: item.inboundWorking, Shipped: item.inboundShipped, Receiving: item.inboundReceiving },
    Fulfillable: item.fulfillable,
    Unfulfillable: item.unfulfillable,
    Researching: item.researching,
    ReservedQuantityBreakdown: {
      WarehouseProcessing: item.fcProcessing,
      WarehouseTransfer: item.pendingTransshipment,
      PendingCustomerOrder: item.reserved,
    },
    FutureSupplyBuyable: 0,
    PendingCustomerOrderInTransit: 0,
  };
  return item.marketplaceIds.map((marketplaceId) => ({ MarketplaceId: marketplaceId, ItemName: item.productName, FulfillmentInventory: inventory, Stores: [] }));
}

/** True when the SKU holds nothing anywhere: a new, empty SKU is no availability change. */
export function holdsNothing(item: SimInventoryItem): boolean {
  return item.fulfillable + totalReserved(item) + item.unfulfillable + item.researching + item.inboundWorking + item.inboundShipped + item.inboundReceiving === 0;
}

export function availabilityPayload(source: NotificationSource, item: SimInventoryItem, byMarketplace: Json[]): Json {
  return { SellerId: source.sellerId, FNSKU: item.fnSku, ASIN: item.asin, SKU: item.sellerSku, FulfillmentInventoryByMarketplace: byMarketplace };
}

/**
 * FULFILLMENT_ORDER_STATUS, its dates to the second as getFulfillmentOrder writes them. EventType Order carries the order's status; EventType Shipment also the
 * shipment (status in the PascalCase this notification uses). Returns are not simulated, so
 * FulfillmentReturnItem never appears (the MWS-era docs: present for EventType Return only).
 */
export function orderStatusPayload(source: NotificationSource, order: SimOrder, status: string, at: number, shipment?: SimShipment): Json {
  return {
    FulfillmentOrderStatusNotification: {
      SellerId: source.sellerId,
      EventType: shipment ? 'Shipment' : 'Order',
      StatusUpdatedDateTime: isoSeconds(at),
      SellerFulfillmentOrderId: order.sellerFulfillmentOrderId,
      FulfillmentOrderStatus: status,
      ...(shipment ? {
        FulfillmentShipment: {
          FulfillmentShipmentStatus: SHIPMENT_STATUS[shipment.status],
          AmazonShipmentId: shipment.amazonShipmentId,
          EstimatedArrivalDateTime: isoSeconds(shipment.shipAt + shipment.transitMs),
          FulfillmentShipmentPackages: shipment.packages.map((p) => ({ PackageNumber: p.packageNumber, CarrierCode: p.carrierCode, TrackingNumber: p.trackingNumber })),
        },
      } : {}),
    },
  };
}

const SHIPMENT_STATUS: Readonly<Record<SimShipment['status'], string>> = {
  PENDING: 'Pending', SHIPPED: 'Shipped', CANCELLED_BY_FULFILLER: 'CancelledByFulfiller', CANCELLED_BY_SELLER: 'CancelledBySeller',
};

const HEX = '0123456789abcdef';

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
