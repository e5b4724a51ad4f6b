// Accepting a validated createFulfillmentOrder: reserve stock (fulfillable → reserved) and decide the
// order's first status by its fulfillmentPolicy.
// - Enough stock: Received, everything reserved.
// - Short, FillOrKill (default): nothing reserved; New, then Unfulfillable once validation runs.
// - Short, FillAll / FillAllAvailable: what there is is reserved and will ship; the rest ends as
//   unfulfillableQuantity and the order as CompletePartialled (FillAll only after waiting 24 h).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#fulfillmentpolicy
import type { SimOrder, SimOrderItem } from '../state/sim-records.js';
import { marketplaceForCountry } from './marketplaces.js';
import { planOrder } from './order-plan.js';
import { scheduleReceived, type WarehouseContext } from './order-lifecycle.js';
import type { CreateOrderInput } from './order-validation.js';

export function acceptOrder(ctx: WarehouseContext, input: CreateOrderInput, now: number, stuckRate: number): SimOrder {
  const demand = new Map<string, number>();
  for (const item of input.items) demand.set(item.sellerSku, (demand.get(item.sellerSku) ?? 0) + item.quantity);
  const enough = [...demand].every(([sku, quantity]) => ctx.ledger.available(sku) >= quantity);
  const reserves = enough || input.fulfillmentPolicy !== 'FillOrKill';

  const items: SimOrderItem[] = input.items.map((item) => {
    const reserved = reserves ? ctx.ledger.reserve(item.sellerSku, item.quantity, now) : 0;
    const short = reserves ? item.quantity - reserved : 0;
    return {
      ...item,
      reservedQuantity: reserved,
      shippedQuantity: 0,
      cancelledQuantity: 0,
      shortQuantity: short,
      // FillAllAvailable gives up on missing units at once; FillAll only when it stops waiting.
      unfulfillableQuantity: input.fulfillmentPolicy === 'FillAllAvailable' ? short : 0,
    };
  });
  const anythingReserved = items.some((i) => i.reservedQuantity > 0);
  const status = anythingReserved ? 'Received' : 'New';

  const order: SimOrder = {
    sellerFulfillmentOrderId: input.sellerFulfillmentOrderId,
    marketplaceId: input.marketplaceId ?? marketplaceForCountry(input.destinationAddress.countryCode),
    displayableOrderId: input.displayableOrderId,
    displayableOrderDate: input.displayableOrderDate,
    displayableOrderComment: input.displayableOrderComment,
    shippingSpeedCategory: input.shippingSpeedCategory,
    destinationAddress: input.destinationAddress,
    fulfillmentAction: input.fulfillmentAction,
    fulfillmentPolicy: input.fulfillmentPolicy,
    ...(input.notificationEmails ? { notificationEmails: input.notificationEmails } : {}),
    ...(input.featureConstraints ? { featureConstraints: input.featureConstraints } : {}),
    items,
    plan: planOrder(ctx.seed, input.sellerFulfillmentOrderId, input.shippingSpeedCategory, stuckRate),
    status,
    receivedAt: now,
    statusUpdatedAt: now,
    lastChangedAt: now,
    nextEventAt: null,
    shipments: [],
    cancelRequests: 0,
    history: [{ status, at: now, reason: anythingReserved ? 'accepted, stock reserved' : 'accepted, not enough fulfillable stock' }],
  };
  scheduleReceived(order, now);
  ctx.state.putOrder(order);
  return order;
}
