// Admin API for stock that moves without an SP-API call (not part of SP-API; no token, no rate
// limits, no faults): inbound shipments, sales on Amazon's own marketplace, stock adjustments, and the
// log of notifications sent. Documented in src/simulator/README.md.
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import type { Notifier } from '../notifications/notifier.js';
import type { SubscriptionOutlet, UrlOutlet } from '../notifications/notification-outlets.js';
import type { SimInboundShipment, SimMarketplaceSale } from '../state/sim-records.js';
import { isoSeconds, SECOND } from '../time-format.js';
import { ADJUSTABLE_BUCKETS, type AdjustableBucket } from '../warehouse/inventory-ledger.js';
import type { Warehouse } from '../warehouse/warehouse.js';

const PREFIX = '/_simulator';
const badRequest = (message: string): SimResponse => json(400, { error: message });
type Body = Record<string, unknown>;

function bodyOf(request: SimRequest): Body | undefined {
  return typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Body) : undefined;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

export function inboundJson(shipment: SimInboundShipment) {
  return {
    shipmentId: shipment.shipmentId,
    sellerSku: shipment.sellerSku,
    quantity: shipment.quantity,
    stage: shipment.stage,
    createdDate: isoSeconds(shipment.createdAt),
    shippedDate: isoSeconds(shipment.shippedAt),
    receivingDate: isoSeconds(shipment.receivingAt),
    arrivalDate: isoSeconds(shipment.arrivesAt),
  };
}

export function saleJson(sale: SimMarketplaceSale) {
  return { amazonOrderId: sale.amazonOrderId, sellerSku: sale.sellerSku, quantity: sale.quantity, soldDate: isoSeconds(sale.soldAt), shipDate: isoSeconds(sale.shipsAt) };
}

/** The simulator's notifications: who makes them and the outlets they go through (each optional). */
export interface SimNotifications {
  readonly notifier: Notifier;
  readonly url?: UrlOutlet;
  readonly subscriptions?: SubscriptionOutlet;
}

export function stockAdminRoutes(warehouse: Warehouse, notifications: SimNotifications | undefined): Route[] {
  const item = (sku: string) => warehouse.ledger.get(sku);
  return [
    {
      method: 'POST', pattern: `${PREFIX}/inbound`,
      handle(request) {
        const body = bodyOf(request);
        const { sellerSku, quantity, arriveAfterSeconds } = body ?? {};
        if (typeof sellerSku !== 'string' || !isCount(quantity) || typeof arriveAfterSeconds !== 'number' || !(arriveAfterSeconds >= 0) || !Number.isFinite(arriveAfterSeconds)) {
          return badRequest('body must be {"sellerSku": "…", "quantity": <integer ≥ 1>, "arriveAfterSeconds": <number ≥ 0>}');
        }
        const created = warehouse.addInbound(sellerSku, quantity, arriveAfterSeconds * SECOND);
        if (!created.ok) return badRequest(created.error.body.errors[0]?.message ?? 'refused');
        return json(200, { shipment: inboundJson(created.value), item: item(sellerSku) });
      },
    },
    {
      method: 'POST', pattern: `${PREFIX}/marketplace-sale`,
      handle(request) {
        const { sellerSku, quantity } = bodyOf(request) ?? {};
        if (typeof sellerSku !== 'string' || !isCount(quantity)) return badRequest('body must be {"sellerSku": "…", "quantity": <integer ≥ 1>}');
        const sold = warehouse.sellOnMarketplace(sellerSku, quantity);
        if (!sold.ok) return badRequest(sold.error.body.errors[0]?.message ?? 'refused');
        // Customers cannot buy what is not there: the sale takes what is fulfillable, maybe nothing.
        return json(200, { requested: quantity, sold: sold.value?.quantity ?? 0, ...(sold.value ? { sale: saleJson(sold.value) } : {}), item: item(sellerSku) });
      },
    },
    {
      method: 'POST', pattern: `${PREFIX}/inventory/adjust`,
      handle(request) {
        const { sellerSku, bucket, quantity } = bodyOf(request) ?? {};
        if (typeof sellerSku !== 'string' || !(ADJUSTABLE_BUCKETS as readonly unknown[]).includes(bucket) || typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) {
          return badRequest(`body must be {"sellerSku": "…", "bucket": ${ADJUSTABLE_BUCKETS.map((b) => `"${b}"`).join(' | ')}, "quantity": <integer, negative moves units back to fulfillable>}`);
        }
        const moved = warehouse.adjustStock(sellerSku, bucket as AdjustableBucket, quantity);
        if (!moved.ok) return badRequest(moved.error.body.errors[0]?.message ?? 'refused');
        return json(200, { moved: moved.value, item: item(sellerSku) });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/notifications`,
      handle() {
        if (!notifications) return json(200, { enabled: false });
        const { notifier, url, subscriptions } = notifications;
        return json(200, {
          enabled: true,
          sellerId: notifier.source.sellerId,
          ...(url ? {
            url: url.sender.url,
            format: url.format,
            counts: { ...url.sender.counts, pending: url.sender.pending },
            recent: url.sender.recent.slice(-100),
          } : {}),
          ...(subscriptions ? {
            subscriptions: {
              destinations: [...warehouse.state.destinations.values()],
              subscriptions: [...warehouse.state.subscriptions.values()],
              queues: subscriptions.report(),
              undeliverable: subscriptions.undeliverable,
            },
          } : {}),
        });
      },
    },
  ];
}
