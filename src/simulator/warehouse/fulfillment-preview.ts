// getFulfillmentPreview: whether the items could ship now, per shipping speed, with estimated fees,
// weights and dates. Fees and weights are plausible, deterministic figures, not Amazon's tariff.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#getfulfillmentpreview
import { fail, ok } from '../../domain/shared/result.js';
import { AmazonErrors } from '../amazon-errors.js';
import { unitFor } from '../seeded-random.js';
import { SHIPPING_SPEEDS, type SimShippingSpeed } from '../state/sim-records.js';
import { DAY, HOUR, isoSeconds } from '../time-format.js';
import type { InventoryLedger } from './inventory-ledger.js';
import { currencyOf, marketplaceForCountry } from './marketplaces.js';
import { validateAddress, validateItems, type Checked, type ItemInput } from './order-validation.js';

const PER_UNIT_FEE_CENTS: Readonly<Record<SimShippingSpeed, number>> = { Standard: 599, Expedited: 899, Priority: 1399, ScheduledDelivery: 1599 };
const ARRIVAL_DAYS: Readonly<Record<SimShippingSpeed, readonly [number, number]>> = {
  Standard: [2, 5], Expedited: [2, 3], Priority: [1, 2], ScheduledDelivery: [1, 2],
};

export function previewFulfillment(ledger: InventoryLedger, seed: number, body: unknown, now: number): Checked<unknown> {
  if (typeof body !== 'object' || body === null) return fail(AmazonErrors.malformedBody());
  const request = body as Record<string, unknown>;
  const address = validateAddress(request.address, 'Address');
  if (!address.ok) return address;
  const items = validateItems(request.items);
  if (!items.ok) return items;
  const speeds = request.shippingSpeedCategories === undefined ? ['Standard', 'Expedited', 'Priority'] : request.shippingSpeedCategories;
  if (!Array.isArray(speeds) || speeds.some((s) => !(SHIPPING_SPEEDS as readonly unknown[]).includes(s))) {
    return fail(AmazonErrors.invalidValue(JSON.stringify(speeds), 'ShippingSpeedCategories'));
  }
  const country = address.value.countryCode;
  const marketplaceId = typeof request.marketplaceId === 'string' ? request.marketplaceId : marketplaceForCountry(country);
  const currencyCode = currencyOf(marketplaceId);
  const weightUnit = country === 'US' ? 'POUNDS' : 'KILOGRAMS';
  const unfulfillable = unfulfillableItems(ledger, items.value);
  const units = items.value.reduce((n, i) => n + i.quantity, 0);
  const weightOf = (item: ItemInput) => (0.3 + unitFor(seed, 'weight', item.sellerSku) * 3.7) * item.quantity;
  const totalWeight = items.value.reduce((w, i) => w + weightOf(i), 0);

  const previews = (speeds as SimShippingSpeed[]).map((speed) => {
    // Docs: ScheduledDelivery "is only available in the JP marketplace".
    const slaUnavailable = speed === 'ScheduledDelivery' && country !== 'JP';
    const isFulfillable = unfulfillable.length === 0 && !slaUnavailable;
    const [early, late] = ARRIVAL_DAYS[speed];
    return {
      shippingSpeedCategory: speed,
      isFulfillable,
      isCODCapable: false,
      marketplaceId,
      estimatedShippingWeight: { unit: weightUnit, value: totalWeight.toFixed(2) },
      estimatedFees: [{ name: 'FBAPerUnitFulfillmentFee', amount: { currencyCode, value: ((PER_UNIT_FEE_CENTS[speed] * units) / 100).toFixed(2) } }],
      fulfillmentPreviewShipments: isFulfillable ? [{
        earliestShipDate: isoSeconds(now + 2 * HOUR),
        latestShipDate: isoSeconds(now + 6 * HOUR),
        earliestArrivalDate: isoSeconds(now + early * DAY),
        latestArrivalDate: isoSeconds(now + late * DAY),
        fulfillmentPreviewItems: items.value.map((item) => ({
          sellerSku: item.sellerSku,
          quantity: item.quantity,
          sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId,
          estimatedShippingWeight: { unit: weightUnit, value: weightOf(item).toFixed(2) },
          shippingWeightCalculationMethod: 'Package',
        })),
      }] : [],
      unfulfillablePreviewItems: unfulfillable,
      ...(slaUnavailable ? { orderUnfulfillableReasons: ['DeliverySLAUnavailable'] } : {}),
    };
  });
  return ok({ payload: { fulfillmentPreviews: previews } });
}

/** Lines Amazon could not ship now; reason codes as MWS documented them (InvalidSKU, InventoryUnavailable). */
function unfulfillableItems(ledger: InventoryLedger, items: readonly ItemInput[]) {
  const demand = new Map<string, number>();
  for (const item of items) demand.set(item.sellerSku, (demand.get(item.sellerSku) ?? 0) + item.quantity);
  return items.flatMap((item) => {
    const stock = ledger.get(item.sellerSku);
    const reason = !stock ? 'InvalidSKU' : stock.fulfillable < (demand.get(item.sellerSku) ?? 0) ? 'InventoryUnavailable' : undefined;
    return reason ? [{ sellerSku: item.sellerSku, quantity: item.quantity, sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId, itemUnfulfillableReasons: [reason] }] : [];
  });
}
