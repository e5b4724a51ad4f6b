// Inbound shipments a seller sends to FBA (admin API: POST /_simulator/inbound). Units pass through
// Amazon's inbound stages over `arriveAfterSeconds` of simulated time — WORKING for the first quarter,
// SHIPPED until three quarters, RECEIVING for the last quarter — and then become fulfillable.
import { streamFor, UPPER_ALNUM } from '../seeded-random.js';
import type { SimInboundShipment, SimInboundStage } from '../state/sim-records.js';
import type { InboundBucket, InventoryLedger } from './inventory-ledger.js';

const STAGE_BUCKET: Readonly<Record<Exclude<SimInboundStage, 'CLOSED'>, InboundBucket>> = {
  WORKING: 'inboundWorking',
  SHIPPED: 'inboundShipped',
  RECEIVING: 'inboundReceiving',
};

/** A new shipment, its units counted as inbound-working from `now`. */
export function createInboundShipment(
  seed: number, sequence: number, sellerSku: string, quantity: number, arriveAfterMs: number, now: number,
): SimInboundShipment {
  return {
    // Shaped like Amazon's FBA inbound shipment ids ("FBA15XXXXXXX").
    shipmentId: `FBA15${streamFor(seed, 'inbound', sequence).chars(7, UPPER_ALNUM)}`,
    sellerSku,
    quantity,
    createdAt: now,
    shippedAt: now + Math.round(arriveAfterMs * 0.25),
    receivingAt: now + Math.round(arriveAfterMs * 0.75),
    arrivesAt: now + Math.round(arriveAfterMs),
    stage: 'WORKING',
  };
}

/** When the shipment next changes stage, or undefined once its units are fulfillable. */
export function nextInboundStep(shipment: SimInboundShipment): number | undefined {
  switch (shipment.stage) {
    case 'WORKING': return shipment.shippedAt;
    case 'SHIPPED': return shipment.receivingAt;
    case 'RECEIVING': return shipment.arrivesAt;
    default: return undefined;
  }
}

/** Moves the shipment one stage on, and its units with it. */
export function stepInbound(ledger: InventoryLedger, shipment: SimInboundShipment, at: number): void {
  const next: Record<SimInboundStage, SimInboundStage> = { WORKING: 'SHIPPED', SHIPPED: 'RECEIVING', RECEIVING: 'CLOSED', CLOSED: 'CLOSED' };
  const from = shipment.stage;
  if (from === 'CLOSED') return;
  const to = next[from];
  shipment.stage = to;
  ledger.moveInbound(shipment.sellerSku, shipment.quantity, STAGE_BUCKET[from], to === 'CLOSED' ? 'fulfillable' : STAGE_BUCKET[to], at);
}
