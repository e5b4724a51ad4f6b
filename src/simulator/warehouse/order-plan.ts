// Per-order timings, drawn from the seed and the order id alone: the same order under the same seed
// always moves at the same simulated moments, whatever else happens in the simulator.
// Typical MCF timings (from the issue): Received→Planning ~2 min, Planning→Processing ~30 min,
// Processing→shipped 2–6 h, carrier delivery ~2 days.
import { streamFor, unitFor } from '../seeded-random.js';
import type { SimOrderPlan, SimShippingSpeed } from '../state/sim-records.js';
import { DAY, HOUR, MINUTE, SECOND } from '../time-format.js';

/** Picking is prioritised for faster speeds. */
const SHIP_WINDOW: Readonly<Record<SimShippingSpeed, readonly [number, number]>> = {
  Standard: [2 * HOUR, 6 * HOUR],
  Expedited: [1.5 * HOUR, 4 * HOUR],
  Priority: [1 * HOUR, 3 * HOUR],
  ScheduledDelivery: [2 * HOUR, 6 * HOUR],
};

const TRANSIT: Readonly<Record<SimShippingSpeed, readonly [number, number]>> = {
  Standard: [1.75 * DAY, 2.25 * DAY],
  Expedited: [1.25 * DAY, 1.75 * DAY],
  Priority: [0.75 * DAY, 1.25 * DAY],
  ScheduledDelivery: [1.75 * DAY, 2.25 * DAY],
};

/** How long a `Hold` order waits before Amazon cancels it. */
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#fulfillmentaction
export const HOLD_EXPIRY_MS = 14 * DAY;

/** How long FillAll waits for the missing units before it settles for CompletePartialled. */
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#fulfillmentpolicy
export const FILL_ALL_WAIT_MS = 24 * HOUR;

export function planOrder(seed: number, sellerFulfillmentOrderId: string, speed: SimShippingSpeed, stuckRate: number): SimOrderPlan {
  const draw = streamFor(seed, 'plan', sellerFulfillmentOrderId);
  const [shipMin, shipMax] = SHIP_WINDOW[speed];
  return {
    validationMs: Math.round(draw.between(60 * SECOND, 120 * SECOND)),
    toPlanningMs: Math.round(draw.between(90 * SECOND, 150 * SECOND)),
    toProcessingMs: Math.round(draw.between(20 * MINUTE, 40 * MINUTE)),
    toShipMs: Math.round(draw.between(shipMin, shipMax)),
    shipmentGapMs: Math.round(draw.between(30 * MINUTE, 90 * MINUTE)),
    // A draw of its own, so changing the stuck rate never changes an order's other timings.
    stuck: unitFor(seed, 'stuck', sellerFulfillmentOrderId) < stuckRate,
  };
}

export function transitMs(seed: number, sellerFulfillmentOrderId: string, shipmentIndex: number, speed: SimShippingSpeed): number {
  const [min, max] = TRANSIT[speed];
  return Math.round(streamFor(seed, 'transit', sellerFulfillmentOrderId, shipmentIndex).between(min, max));
}
