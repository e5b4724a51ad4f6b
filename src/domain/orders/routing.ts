// Which orders, and which of their lines, FBA fulfils. An order is FBA-bound by its shipping method
// (mapped to an Amazon speed) or by its `fulfillmentChannel` custom field; within it, a line whose
// supply channel is a merchant stock pool stays with the merchant, so a mixed order is split and only
// its FBA lines go to Amazon.
import type { ShippingSpeed } from './fba-order.js';
import type { StorefrontLineItem, StorefrontOrder } from './storefront-order.js';

export interface RoutingConfig {
  /** Shipping method key → Amazon speed; a key listed here makes the order FBA-bound. */
  readonly shippingMethodSpeeds: Readonly<Record<string, ShippingSpeed>>;
  /** Value of the order custom field `fulfillmentChannel` that makes it FBA-bound (case-insensitive). */
  readonly fulfillmentChannelValue: string;
  /**
   * Supply channel keys whose stock is FBA's. A line with a supply channel not in this list stays
   * local; a line without a supply channel follows the order.
   */
  readonly fbaSupplyChannelKeys: readonly string[];
  /** Speed for an order FBA-bound by its custom field whose shipping method is not mapped. */
  readonly defaultSpeed: ShippingSpeed;
}

export const DEFAULT_ROUTING: RoutingConfig = {
  shippingMethodSpeeds: { 'fba-standard': 'Standard', 'fba-expedited': 'Expedited', 'fba-priority': 'Priority' },
  fulfillmentChannelValue: 'FBA',
  // FBA pools are usually named for Amazon's regions (the demo seeds 'fba-eu'); configure your own keys.
  fbaSupplyChannelKeys: ['fba', 'fba-eu', 'fba-na', 'fba-fe'],
  defaultSpeed: 'Standard',
};

export type RoutingDecision =
  | { kind: 'local'; reason: string }
  | { kind: 'fba'; speed: ShippingSpeed; fbaLines: StorefrontLineItem[]; localLines: StorefrontLineItem[]; reason: string };

/** Own keys only: a shipping method keyed "constructor" must not find Object.prototype. */
function speedForMethod(key: string | undefined, config: RoutingConfig): ShippingSpeed | undefined {
  if (key === undefined || !Object.hasOwn(config.shippingMethodSpeeds, key)) return undefined;
  return config.shippingMethodSpeeds[key];
}

function isMarkedFba(order: StorefrontOrder, config: RoutingConfig): boolean {
  const value = order.fields.fulfillmentChannel;
  return value !== undefined && value.trim().toLowerCase() === config.fulfillmentChannelValue.trim().toLowerCase();
}

function isFbaLine(line: StorefrontLineItem, fbaChannels: ReadonlySet<string>): boolean {
  return line.supplyChannelKey === undefined || line.supplyChannelKey === '' || fbaChannels.has(line.supplyChannelKey);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quotedList(values: readonly string[]): string {
  return [...new Set(values)].map((v) => `'${v}'`).join(', ');
}

export function routeOrder(order: StorefrontOrder, config: RoutingConfig): RoutingDecision {
  const methodSpeed = speedForMethod(order.shippingMethodKey, config);
  const marked = isMarkedFba(order, config);
  if (methodSpeed === undefined && !marked) {
    const method = order.shippingMethodKey === undefined
      ? 'the order has no shipping method'
      : `shipping method '${order.shippingMethodKey}' is not mapped to an Amazon shipping speed`;
    return {
      kind: 'local',
      reason: `Not for FBA: ${method} and the order's fulfillmentChannel field is not '${config.fulfillmentChannelValue}'.`,
    };
  }

  const why = methodSpeed !== undefined
    ? `shipping method '${order.shippingMethodKey ?? ''}' ships with FBA (${methodSpeed})`
    : `the order's fulfillmentChannel field is '${config.fulfillmentChannelValue}' (speed ${config.defaultSpeed})`;

  const fbaChannels = new Set(config.fbaSupplyChannelKeys);
  const fbaLines: StorefrontLineItem[] = [];
  const localLines: StorefrontLineItem[] = [];
  for (const line of order.lineItems) (isFbaLine(line, fbaChannels) ? fbaLines : localLines).push(line);

  if (fbaLines.length === 0) {
    const channels = quotedList(localLines.map((l) => l.supplyChannelKey ?? ''));
    return {
      kind: 'local',
      reason: order.lineItems.length === 0
        ? `Not for FBA although ${why}: the order has no lines.`
        : `Not for FBA although ${why}: all ${plural(localLines.length, 'line')} come from merchant supply channels (${channels}), none from an FBA channel.`,
    };
  }

  const split = localLines.length === 0
    ? (fbaLines.length === 1 ? 'its only line goes to FBA' : `all ${fbaLines.length} lines go to FBA`)
    : `${fbaLines.length} of ${plural(order.lineItems.length, 'line')} go${fbaLines.length === 1 ? 'es' : ''} to FBA; ${plural(localLines.length, 'line')} from merchant supply channels (${quotedList(localLines.map((l) => l.supplyChannelKey ?? ''))}) stay${localLines.length === 1 ? 's' : ''} with the merchant`;
  return {
    kind: 'fba',
    speed: methodSpeed ?? config.defaultSpeed,
    fbaLines,
    localLines,
    reason: `For FBA: ${why}; ${split}.`,
  };
}
