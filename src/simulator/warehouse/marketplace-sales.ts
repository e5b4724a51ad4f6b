// Sales on Amazon's own marketplace, drawing on the same FBA pool as Multi-Channel orders. Each SKU
// sells as a Poisson process at `perHour` sales per simulated hour; a sale finds the SKU out of stock
// when nothing is fulfillable (and then sells nothing), else takes 1–3 units (never more than there
// are): reserved at once (pendingCustomerOrderQuantity), gone when the order ships 1–4 h later.
// Every draw is a function of (seed, SKU, sale number), so a seed replays the same sales.
import { DIGITS, streamFor } from '../seeded-random.js';
import type { SimMarketplaceSale } from '../state/sim-records.js';
import { HOUR } from '../time-format.js';

/** Simulated ms from sale `k - 1` of the SKU (or from when the SKU joined) to sale `k`. */
export function gapToSale(seed: number, sellerSku: string, k: number, perHour: number): number {
  const u = streamFor(seed, 'marketplace-sale-gap', sellerSku, k).next();
  return Math.max(1, Math.round((-Math.log(1 - u) / perHour) * HOUR));
}

/** How many units customer `k` of the SKU wants: mostly 1, sometimes 2 or 3. */
export function unitsWanted(seed: number, sellerSku: string, k: number): number {
  const u = streamFor(seed, 'marketplace-sale-units', sellerSku, k).next();
  return u < 0.85 ? 1 : u < 0.97 ? 2 : 3;
}

/** A sale of `quantity` units at `soldAt`, its Amazon order id and ship time drawn from `subject`. */
export function marketplaceSale(seed: number, subject: string, sellerSku: string, quantity: number, soldAt: number): SimMarketplaceSale {
  const draw = streamFor(seed, 'marketplace-sale', subject);
  return {
    // Shaped like an Amazon order id: 3-7-7 digits.
    amazonOrderId: `${draw.chars(3, DIGITS)}-${draw.chars(7, DIGITS)}-${draw.chars(7, DIGITS)}`,
    sellerSku,
    quantity,
    soldAt,
    shipsAt: soldAt + Math.round(draw.between(1 * HOUR, 4 * HOUR)),
  };
}
