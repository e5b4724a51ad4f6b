// Splits an order that starts Processing into shipments and packages, as an FC does: most orders go
// as one shipment in one box, some lines go from another FC, some shipments need two boxes. All drawn
// from the seed and the order id, so the same order always ships the same way.
import { DIGITS, streamFor, UPPER_ALNUM, MIXED_ALNUM, type SeededRandom } from '../seeded-random.js';
import type { SimOrder, SimOrderItem, SimPackage, SimShipment, SimShipmentItem } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { carriersFor, fulfillmentCentersFor } from './marketplaces.js';
import { transitMs } from './order-plan.js';

const SPLIT_SHIPMENT_SHARE = 0.25;
const TWO_BOX_SHARE = 0.2;

export function buildShipments(seed: number, state: SimulatorState, order: SimOrder, processingAt: number): SimShipment[] {
  const lines = order.items.filter((item) => item.reservedQuantity > 0);
  if (lines.length === 0) return [];
  const draw = streamFor(seed, 'shipments', order.sellerFulfillmentOrderId);
  const shipmentCount = lines.length >= 2 && draw.next() < SPLIT_SHIPMENT_SHARE ? 2 : 1;
  const country = order.destinationAddress.countryCode;
  const carriers = carriersFor(country, blocksAmzl(order));
  const centers = fulfillmentCentersFor(country);

  const shipments: SimShipment[] = [];
  for (let k = 0; k < shipmentCount; k++) {
    const group = lines.filter((_, i) => i % shipmentCount === k);
    const units = group.reduce((n, line) => n + line.reservedQuantity, 0);
    const packageCount = units >= 2 && draw.next() < TWO_BOX_SHARE ? 2 : 1;
    const carrierCode = draw.pick(carriers);
    const shipAt = processingAt + order.plan.toShipMs + k * order.plan.shipmentGapMs;
    const transit = transitMs(seed, order.sellerFulfillmentOrderId, k, order.shippingSpeedCategory);
    const packages: SimPackage[] = [];
    for (let p = 0; p < packageCount; p++) {
      const packageNumber = allocatePackageNumber(seed, state, order.sellerFulfillmentOrderId, k, p);
      state.packages.set(packageNumber, { sellerFulfillmentOrderId: order.sellerFulfillmentOrderId, shipmentIndex: shipments.length, packageIndex: p });
      packages.push({ packageNumber, carrierCode, trackingNumber: trackingNumber(carrierCode, draw), estimatedArrivalAt: shipAt + transit });
    }
    shipments.push({
      amazonShipmentId: `D${draw.chars(8, MIXED_ALNUM)}`,
      fulfillmentCenterId: draw.pick(centers).id,
      status: 'PENDING',
      shipAt,
      transitMs: transit,
      items: packItems(group, units, packageCount),
      packages,
    });
  }
  return shipments;
}

/** Fills boxes in line order; a line that straddles two boxes appears once per box. */
function packItems(lines: readonly SimOrderItem[], units: number, packageCount: number): SimShipmentItem[] {
  const perBox = Math.ceil(units / packageCount);
  const out: SimShipmentItem[] = [];
  let box = 0;
  let roomInBox = perBox;
  for (const line of lines) {
    let left = line.reservedQuantity;
    while (left > 0) {
      const take = Math.min(left, roomInBox);
      out.push({ sellerSku: line.sellerSku, sellerFulfillmentOrderItemId: line.sellerFulfillmentOrderItemId, quantity: take, packageIndex: box });
      left -= take;
      roomInBox -= take;
      if (roomInBox === 0 && box < packageCount - 1) {
        box += 1;
        roomInBox = perBox;
      }
    }
  }
  return out;
}

function blocksAmzl(order: SimOrder): boolean {
  return (order.featureConstraints ?? []).some((f) => f.featureName === 'BLOCK_AMZL' && f.featureFulfillmentPolicy === 'Required');
}

/** A positive int32 (the model's `format: int32`), unique in this simulator. */
function allocatePackageNumber(seed: number, state: SimulatorState, orderId: string, shipment: number, box: number): number {
  let n = 100_000_000 + Math.floor(streamFor(seed, 'package', orderId, shipment, box).next() * 1_900_000_000);
  while (state.packages.has(n)) n = n >= 1_999_999_999 ? 100_000_000 : n + 1;
  return n;
}

/** Numbers shaped like each carrier's, so carrier-specific parsing gets exercised. */
function trackingNumber(carrierCode: string, draw: SeededRandom): string {
  switch (carrierCode) {
    case 'UPS': return `1Z${draw.chars(6, UPPER_ALNUM)}03${draw.chars(8, DIGITS)}`;
    case 'USPS': return `9400${draw.chars(18, DIGITS)}`;
    case 'AMZL': return `TBA${draw.chars(12, DIGITS)}`;
    case 'DPD': return draw.chars(14, DIGITS);
    case 'ROYAL_MAIL': return `${draw.chars(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${draw.chars(9, DIGITS)}GB`;
    default: return draw.chars(10, DIGITS); // DHL and others
  }
}
