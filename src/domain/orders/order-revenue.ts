// What the storefront charged for an order the bridge sent to Amazon, kept when it is sent (or adopted)
// so settlement reports — which carry Amazon's fees but not the storefront's revenue — can show each
// multi-channel order's contribution. Money is integer minor units of the order's own currency.
import type { StorefrontLineItem, StorefrontOrder } from './storefront-order.js';

export interface OrderRevenue {
  readonly connectionId: string;
  readonly ctOrderId: string;
  readonly orderNumber: string | null;
  readonly sellerFulfillmentOrderId: string | null;
  readonly currency: string;
  readonly fractionDigits: number;
  /** The order's totalPrice: what the customer paid, gross (tax and shipping included). */
  readonly totalGross: number;
  /** Unit price × quantity summed over the FBA lines; null when a line has no price or another currency. */
  readonly fbaLinesValue: number | null;
  readonly recordedAt: number;
}

/** The revenue record of an order whose `fbaLines` go to Amazon under `sellerFulfillmentOrderId`. */
export function orderRevenueOf(
  connectionId: string, order: StorefrontOrder, fbaLines: readonly StorefrontLineItem[], sellerFulfillmentOrderId: string | null, now: number,
): OrderRevenue {
  const total = order.totalPrice;
  return {
    connectionId, ctOrderId: order.id, orderNumber: order.orderNumber ?? null, sellerFulfillmentOrderId,
    currency: total.currencyCode, fractionDigits: total.fractionDigits, totalGross: total.centAmount,
    fbaLinesValue: linesValue(fbaLines, total.currencyCode, total.fractionDigits), recordedAt: now,
  };
}

function linesValue(lines: readonly StorefrontLineItem[], currency: string, fractionDigits: number): number | null {
  let sum = 0;
  for (const line of lines) {
    const price = line.unitPrice;
    if (price === undefined || price.currencyCode !== currency || price.fractionDigits !== fractionDigits) return null;
    sum += price.centAmount * line.quantity;
  }
  return Number.isSafeInteger(sum) ? sum : null;
}
