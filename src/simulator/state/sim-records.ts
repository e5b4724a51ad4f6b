// What the simulated Amazon remembers. Plain data only (numbers, strings, arrays) so the whole state
// can be written to and read from a JSON snapshot. Times are simulated epoch milliseconds.
import type { FbaOrderStatus, FbaShipmentStatus, FulfillmentPolicy } from '../../domain/orders/fba-order.js';

// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#shippingspeedcategory
export const SHIPPING_SPEEDS = ['Standard', 'Expedited', 'Priority', 'ScheduledDelivery'] as const;
export type SimShippingSpeed = (typeof SHIPPING_SPEEDS)[number];
export const FULFILLMENT_POLICIES: readonly FulfillmentPolicy[] = ['FillOrKill', 'FillAll', 'FillAllAvailable'];
export const FULFILLMENT_ACTIONS = ['Ship', 'Hold'] as const;
export type SimFulfillmentAction = (typeof FULFILLMENT_ACTIONS)[number];

export interface SimMoney {
  readonly currencyCode: string;
  readonly value: string;
}

export interface SimAddress {
  readonly name: string;
  readonly addressLine1: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly city?: string;
  readonly districtOrCounty?: string;
  readonly stateOrRegion?: string;
  readonly postalCode: string;
  readonly countryCode: string;
  readonly phone?: string;
}

export interface SimFeatureConstraint {
  readonly featureName?: string;
  readonly featureFulfillmentPolicy?: string;
}

export interface SimOrderItem {
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  readonly giftMessage?: string;
  readonly displayableComment?: string;
  readonly perUnitDeclaredValue?: SimMoney;
  readonly perUnitPrice?: SimMoney;
  readonly perUnitTax?: SimMoney;
  /** Units held back from fulfillable stock for this line. */
  reservedQuantity: number;
  shippedQuantity: number;
  cancelledQuantity: number;
  /** Units that could not be reserved at creation (stock was short). */
  shortQuantity: number;
  /** What Amazon reports as unfulfillableQuantity. */
  unfulfillableQuantity: number;
}

export interface SimPackage {
  readonly packageNumber: number;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  /** Arrival, simulated ms, counted from the actual ship time once shipped. */
  estimatedArrivalAt: number;
}

export interface SimShipmentItem {
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  /** Index into the shipment's packages. */
  readonly packageIndex: number;
}

export interface SimShipment {
  readonly amazonShipmentId: string;
  readonly fulfillmentCenterId: string;
  status: FbaShipmentStatus;
  /** When it is planned to ship, or when it shipped. */
  shipAt: number;
  shippedAt?: number;
  /** Transit time the carrier will take once shipped. */
  readonly transitMs: number;
  readonly items: readonly SimShipmentItem[];
  readonly packages: readonly SimPackage[];
}

/** Per-order timings and decisions drawn from the seed when the order arrives. */
export interface SimOrderPlan {
  readonly validationMs: number;
  readonly toPlanningMs: number;
  readonly toProcessingMs: number;
  readonly toShipMs: number;
  /** Gap between the ship times of consecutive shipments of one order. */
  readonly shipmentGapMs: number;
  /** Stuck in Planning forever (a known field pain). */
  readonly stuck: boolean;
}

export interface SimStatusChange {
  readonly status: FbaOrderStatus;
  readonly at: number;
  readonly reason: string;
}

export interface SimOrder {
  readonly sellerFulfillmentOrderId: string;
  readonly marketplaceId: string;
  readonly displayableOrderId: string;
  readonly displayableOrderDate: number;
  readonly displayableOrderComment: string;
  readonly shippingSpeedCategory: SimShippingSpeed;
  readonly destinationAddress: SimAddress;
  readonly fulfillmentAction: SimFulfillmentAction;
  readonly fulfillmentPolicy: FulfillmentPolicy;
  readonly notificationEmails?: readonly string[];
  readonly featureConstraints?: readonly SimFeatureConstraint[];
  readonly items: SimOrderItem[];
  readonly plan: SimOrderPlan;
  status: FbaOrderStatus;
  readonly receivedAt: number;
  statusUpdatedAt: number;
  /** Last change of any kind (status or shipment): what listAllFulfillmentOrders filters on. */
  lastChangedAt: number;
  /** When the warehouse next moves this order, or null when it waits for nobody (terminal or stuck). */
  nextEventAt: number | null;
  shipments: SimShipment[];
  cancelRequests: number;
  history: SimStatusChange[];
}

export interface SimInventoryItem {
  readonly sellerSku: string;
  productName: string;
  readonly asin: string;
  readonly fnSku: string;
  marketplaceIds: string[];
  fulfillable: number;
  /** Units held for customer orders, MCF and Amazon's own (pendingCustomerOrderQuantity). */
  reserved: number;
  /** Units on their way between FCs (pendingTransshipmentQuantity). */
  pendingTransshipment: number;
  /** Units sidelined at the FC for processing (fcProcessingQuantity). */
  fcProcessing: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  /** Damaged and other unsellable units (totalUnfulfillableQuantity). */
  unfulfillable: number;
  /** Units under investigation (totalResearchingQuantity). */
  researching: number;
  /**
   * Last change Amazon's startDateTime filter detects: every stock change except inbound shipments
   * moving between working, shipped and receiving (the model: "Changes in inboundWorkingQuantity,
   * inboundShippedQuantity and inboundReceivingQuantity are not detected").
   */
  lastUpdatedAt: number;
}

export const INBOUND_STAGES = ['WORKING', 'SHIPPED', 'RECEIVING', 'CLOSED'] as const;
export type SimInboundStage = (typeof INBOUND_STAGES)[number];

/** A seller's inbound shipment to FBA (admin API): working → shipped → receiving → fulfillable. */
export interface SimInboundShipment {
  readonly shipmentId: string;
  readonly sellerSku: string;
  readonly quantity: number;
  readonly createdAt: number;
  readonly shippedAt: number;
  readonly receivingAt: number;
  readonly arrivesAt: number;
  stage: SimInboundStage;
}

/** A sale on Amazon's own marketplace: reserved from the pool when sold, gone when it ships. */
export interface SimMarketplaceSale {
  readonly amazonOrderId: string;
  readonly sellerSku: string;
  readonly quantity: number;
  readonly soldAt: number;
  readonly shipsAt: number;
}

/** A marketplace sale that shipped and waits for the settlement period it belongs to. */
export interface SimShippedSale extends SimMarketplaceSale {
  readonly shippedAt: number;
  readonly marketplaceId: string;
}

/** A settled marketplace sale the customer will return: refunded in the settlement period holding `refundAt`. */
export interface SimPendingRefund extends SimShippedSale {
  readonly refundAt: number;
}

/** A report Amazon produced (today: settlement reports, which Amazon schedules itself). */
export interface SimReport {
  readonly reportId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly createdAt: number;
  readonly dataStartAt: number;
  readonly dataEndAt: number;
  readonly reportDocumentId: string;
  readonly settlementId: string;
  /** The document as it is served (before gzip): the settlement flat file V2. */
  readonly document: string;
}

/** Where a package number points, for getPackageTrackingDetails. */
export interface SimPackageRef {
  readonly sellerFulfillmentOrderId: string;
  readonly shipmentIndex: number;
  readonly packageIndex: number;
}

/** A Notifications API destination (SQS only: the simulator does not deliver to EventBridge). */
export interface SimDestination {
  readonly destinationId: string;
  readonly name: string;
  readonly sqsArn: string;
}

/** A Notifications API subscription: one per notification type (payload version as given). */
export interface SimSubscription {
  readonly subscriptionId: string;
  readonly notificationType: string;
  readonly payloadVersion: string;
  readonly destinationId: string;
  readonly processingDirective?: Record<string, unknown>;
}
