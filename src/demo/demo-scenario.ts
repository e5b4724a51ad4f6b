// The demo's storefront: a realistic mix of orders, each with the outcome the bridge should reach, so
// the demo can say at the end whether everything came out as it must. Deterministic from the seed.
import type { DemoOrderSpec } from './seeders/demo-orders.js';
import type { ExceptionType } from '../domain/exceptions/exception-types.js';

export type ExpectedOutcome =
  | { readonly kind: 'shipped' }
  | { readonly kind: 'local' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'exception'; readonly type: ExceptionType };

export type OrderCase =
  | 'fba-standard' | 'fba-expedited' | 'fba-priority' | 'fba-by-custom-field' | 'merchant' | 'mixed'
  | 'unknown-sku' | 'incomplete-address' | 'out-of-stock' | 'non-latin-name' | 'cancelled-after-send';

export interface DemoOrder {
  readonly spec: DemoOrderSpec & { readonly orderNumber: string };
  readonly case: OrderCase;
  readonly expected: ExpectedOutcome;
}

/** SKUs the storefront sells; the last is not listed in FBA (the "unknown SKU" case). */
export const FBA_STOCKED_SKUS = [
  'KTL-1700-BLK', 'FRP-350-STL', 'GRN-BURR-01', 'MUG-CER-2PK', 'BTL-750-INS', 'LNC-BOX-BMB',
  'YGA-MAT-6MM', 'HDP-BT-ANC', 'CHG-USB-C65', 'LMP-DSK-LED', 'TWL-BTH-4PK',
] as const;
export const NOT_IN_FBA_SKU = 'CND-SOY-LAV';
/** Listed in FBA with no stock: Amazon cannot fulfil it. */
export const OUT_OF_STOCK_SKU = 'TWL-BTH-4PK';

const PEOPLE = [
  ['Anna', 'Schmidt', 'Hauptstraße', '12', '10115', 'Berlin', 'DE'],
  ['Lukas', 'Müller', 'Leopoldstraße', '45', '80802', 'München', 'DE'],
  ['Sophie', 'Wagner', 'Mariahilfer Straße', '88', '1070', 'Wien', 'AT'],
  ['Daan', 'de Vries', 'Prinsengracht', '263', '1016 GV', 'Amsterdam', 'NL'],
  ['Camille', 'Dubois', 'Rue de Rivoli', '54', '75001', 'Paris', 'FR'],
  ['Giulia', 'Rossi', 'Via del Corso', '101', '00186', 'Roma', 'IT'],
  ['Lucía', 'García', 'Calle de Alcalá', '23', '28014', 'Madrid', 'ES'],
  ['Emma', 'Peeters', 'Meir', '78', '2000', 'Antwerpen', 'BE'],
] as const;

const RARE_CASES: readonly OrderCase[] = [
  'unknown-sku', 'incomplete-address', 'out-of-stock', 'non-latin-name', 'cancelled-after-send', 'mixed', 'fba-by-custom-field', 'merchant',
];

/** Where each case sits in a run of n orders: each rare case once, spread out; the rest in proportion. */
export function caseFor(i: number, n: number): OrderCase {
  if (n >= RARE_CASES.length + 4) {
    const step = Math.floor(n / RARE_CASES.length);
    const slot = Math.floor(i / step);
    if (i % step === step - 1 && slot < RARE_CASES.length) return RARE_CASES[slot]!;
  }
  const r = i % 10;
  return r < 5 ? 'fba-standard' : r < 7 ? 'fba-expedited' : r < 8 ? 'fba-priority' : r < 9 ? 'merchant' : 'mixed';
}

export function demoOrders(n: number, seed: number): DemoOrder[] {
  let state = seed >>> 0 || 1;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const goodSkus = FBA_STOCKED_SKUS.filter((s) => s !== OUT_OF_STOCK_SKU);
  const orders: DemoOrder[] = [];
  for (let i = 0; i < n; i++) {
    const c = caseFor(i, n);
    const [first, last, street, no, zip, city, country] = pick(PEOPLE);
    const orderNumber = `DEMO-${String(1001 + i)}`;
    const address = { firstName: first, lastName: last, streetName: street, streetNumber: no, postalCode: zip, city, country, email: `${first.toLowerCase()}@example.com` };
    const lines = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ sku: pick(goodSkus), quantity: 1 + Math.floor(rand() * 2), supplyChannelKey: 'fba-eu' }));
    const base = { orderNumber, customerEmail: address.email, shippingAddress: address, lines, shippingMethodKey: 'fba-standard' };
    orders.push(build(c, base));
  }
  return orders;
}

function build(c: OrderCase, base: DemoOrder['spec']): DemoOrder {
  const shipped = { kind: 'shipped' } as const;
  switch (c) {
    case 'fba-standard': return { case: c, spec: base, expected: shipped };
    case 'fba-expedited': return { case: c, spec: { ...base, shippingMethodKey: 'fba-expedited' }, expected: shipped };
    case 'fba-priority': return { case: c, spec: { ...base, shippingMethodKey: 'fba-priority' }, expected: shipped };
    case 'fba-by-custom-field': return { case: c, spec: { ...base, shippingMethodKey: 'dhl-home', fulfillmentChannel: 'FBA' }, expected: shipped };
    case 'merchant':
      return { case: c, spec: { ...base, shippingMethodKey: 'dhl-home', lines: base.lines.map((l) => ({ ...l, supplyChannelKey: 'warehouse-berlin' })) }, expected: { kind: 'local' } };
    case 'mixed':
      return { case: c, spec: { ...base, lines: [...base.lines.slice(0, 1), { sku: NOT_IN_FBA_SKU, quantity: 1, supplyChannelKey: 'warehouse-berlin' }] }, expected: shipped };
    case 'unknown-sku':
      return { case: c, spec: { ...base, lines: [{ sku: NOT_IN_FBA_SKU, quantity: 1, supplyChannelKey: 'fba-eu' }] }, expected: { kind: 'exception', type: 'order.unknown-sku' } };
    case 'incomplete-address': {
      const { postalCode: _zip, streetNumber: _no, ...rest } = base.shippingAddress;
      return { case: c, spec: { ...base, shippingAddress: rest }, expected: { kind: 'exception', type: 'order.invalid-address' } };
    }
    case 'out-of-stock':
      return { case: c, spec: { ...base, lines: [{ sku: OUT_OF_STOCK_SKU, quantity: 2, supplyChannelKey: 'fba-eu' }] }, expected: { kind: 'exception', type: 'order.unfulfillable' } };
    case 'non-latin-name':
      return { case: c, spec: { ...base, shippingAddress: { ...base.shippingAddress, firstName: 'Łukasz', lastName: 'Wiśniewski-Żółć', streetName: 'ulica Świętokrzyska', city: 'Berlin', country: 'DE' } }, expected: shipped };
    case 'cancelled-after-send': return { case: c, spec: base, expected: { kind: 'cancelled' } };
  }
}
