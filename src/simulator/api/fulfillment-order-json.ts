// Internal order records → the JSON shapes of fulfillmentOutbound_2020-07-01 (FulfillmentOrder,
// FulfillmentOrderItem, FulfillmentShipment, FulfillmentShipmentPackage). Statuses in the PascalCase
// real answers use; timestamps to the second.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#getfulfillmentorderresult
import type { SimInventoryItem, SimOrder, SimShipment } from '../state/sim-records.js';
import { isoSeconds } from '../time-format.js';

export function fulfillmentOrderJson(order: SimOrder): Record<string, unknown> {
  return {
    sellerFulfillmentOrderId: order.sellerFulfillmentOrderId,
    marketplaceId: order.marketplaceId,
    displayableOrderId: order.displayableOrderId,
    displayableOrderDate: isoSeconds(order.displayableOrderDate),
    displayableOrderComment: order.displayableOrderComment,
    shippingSpeedCategory: order.shippingSpeedCategory,
    destinationAddress: order.destinationAddress,
    fulfillmentAction: order.fulfillmentAction,
    fulfillmentPolicy: order.fulfillmentPolicy,
    receivedDate: isoSeconds(order.receivedAt),
    fulfillmentOrderStatus: order.status,
    statusUpdatedDate: isoSeconds(order.statusUpdatedAt),
    ...(order.notificationEmails ? { notificationEmails: order.notificationEmails } : {}),
    ...(order.featureConstraints ? { featureConstraints: order.featureConstraints } : {}),
  };
}

/** The payload of getFulfillmentOrder. `sku` looks up the FNSKU Amazon reports per line. */
export function getFulfillmentOrderPayload(order: SimOrder, sku: (sellerSku: string) => SimInventoryItem | undefined): Record<string, unknown> {
  return {
    fulfillmentOrder: fulfillmentOrderJson(order),
    fulfillmentOrderItems: order.items.map((item) => {
      const shipment = order.shipments.find((s) => s.items.some((i) => i.sellerFulfillmentOrderItemId === item.sellerFulfillmentOrderItemId));
      const fnSku = sku(item.sellerSku)?.fnSku;
      return {
        sellerSku: item.sellerSku,
        sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
        quantity: item.quantity,
        ...(item.giftMessage !== undefined ? { giftMessage: item.giftMessage } : {}),
        ...(item.displayableComment !== undefined ? { displayableComment: item.displayableComment } : {}),
        ...(fnSku ? { fulfillmentNetworkSku: fnSku } : {}),
        orderItemDisposition: 'Sellable',
        cancelledQuantity: item.cancelledQuantity,
        unfulfillableQuantity: item.unfulfillableQuantity,
        ...(shipment && shipment.status !== 'CANCELLED_BY_SELLER' ? {
          estimatedShipDate: isoSeconds(shipment.shipAt),
          estimatedArrivalDate: isoSeconds(shipment.shipAt + shipment.transitMs),
        } : {}),
        ...(item.perUnitDeclaredValue ? { perUnitDeclaredValue: item.perUnitDeclaredValue } : {}),
        ...(item.perUnitPrice ? { perUnitPrice: item.perUnitPrice } : {}),
        ...(item.perUnitTax ? { perUnitTax: item.perUnitTax } : {}),
      };
    }),
    fulfillmentShipments: order.shipments.map(shipmentJson),
    returnItems: [],
    returnAuthorizations: [],
  };
}

function shipmentJson(shipment: SimShipment): Record<string, unknown> {
  const shipped = shipment.status === 'SHIPPED';
  return {
    amazonShipmentId: shipment.amazonShipmentId,
    fulfillmentCenterId: shipment.fulfillmentCenterId,
    fulfillmentShipmentStatus: shipment.status,
    // Pending: the estimated ship date; shipped: when it left.
    shippingDate: isoSeconds(shipment.shipAt),
    estimatedArrivalDate: isoSeconds(shipment.shipAt + shipment.transitMs),
    fulfillmentShipmentItem: shipment.items.map((item) => ({
      sellerSku: item.sellerSku,
      sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
      quantity: item.quantity,
      // Package numbers and tracking exist once the boxes left the FC.
      ...(shipped ? { packageNumber: shipment.packages[item.packageIndex]!.packageNumber } : {}),
    })),
    ...(shipped ? {
      fulfillmentShipmentPackage: shipment.packages.map((pkg) => ({
        packageNumber: pkg.packageNumber,
        carrierCode: pkg.carrierCode,
        trackingNumber: pkg.trackingNumber,
        estimatedArrivalDate: isoSeconds(pkg.estimatedArrivalAt),
      })),
    } : {}),
  };
}
