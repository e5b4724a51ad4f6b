import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildFbaOrderRequest, DEFAULT_ORDER_MAPPING, type OrderMappingOptions, type OrderMappingResult, type OrderProblem,
} from './fba-order-request.js';
import type { FbaOrderRequest } from './fba-order.js';
import { DEFAULT_ROUTING, routeOrder, type RoutingDecision } from './routing.js';
import { sellerFulfillmentOrderIdFor } from './seller-fulfillment-order-id.js';
import type { StorefrontLineItem, StorefrontOrder } from './storefront-order.js';

type FbaDecision = Extract<RoutingDecision, { kind: 'fba' }>;

const LINE_A = '11111111-1111-4111-8111-111111111111';
const LINE_B = '22222222-2222-4222-8222-222222222222';

function line(id: string, sku: string | undefined, quantity: number, extra: Partial<StorefrontLineItem> = {}): StorefrontLineItem {
  return {
    id, name: `Mug ${sku ?? 'none'}`, quantity, ...(sku === undefined ? {} : { sku }),
    unitPrice: { centAmount: 1999, currencyCode: 'EUR', fractionDigits: 2 }, ...extra,
  };
}

function order(overrides: Partial<StorefrontOrder> = {}): StorefrontOrder {
  return {
    id: '9b2f6c1e-0000-4000-8000-000000000001', version: 3, orderNumber: '10042',
    createdAt: '2024-05-01T10:00:00.000Z', lastModifiedAt: '2024-05-01T10:05:00.000Z', orderState: 'Open',
    shippingMethodKey: 'fba-expedited', customerEmail: 'erika@example.com',
    shippingAddress: {
      firstName: 'Erika', lastName: 'Mustermann', streetName: 'Hauptstraße', streetNumber: '5',
      postalCode: '10115', city: 'Berlin', country: 'DE', phone: '+49 30 1234567',
    },
    totalPrice: { centAmount: 5997, currencyCode: 'EUR', fractionDigits: 2 },
    lineItems: [line(LINE_A, 'MUG-RED', 2), line(LINE_B, 'MUG-BLUE', 1)],
    deliveries: [], fields: {},
    ...overrides,
  };
}

function fbaDecision(o: StorefrontOrder): FbaDecision {
  const d = routeOrder(o, DEFAULT_ROUTING);
  assert.equal(d.kind, 'fba', d.reason);
  if (d.kind !== 'fba') throw new Error('unreachable');
  return d;
}

const options = (extra: Partial<OrderMappingOptions> = {}): OrderMappingOptions => ({
  ...DEFAULT_ORDER_MAPPING, knownSkus: new Set(['MUG-RED', 'MUG-BLUE']), marketplaceId: 'A1PA6795UKMFR9', ...extra,
});

function build(o: StorefrontOrder, extra: Partial<OrderMappingOptions> = {}): OrderMappingResult {
  return buildFbaOrderRequest(o, fbaDecision(o), options(extra));
}

function requestOf(result: OrderMappingResult): { readonly request: FbaOrderRequest; readonly notes: string[] } {
  assert.ok(result.ok, result.ok ? '' : result.error.map((p) => p.reason).join(' | '));
  if (!result.ok) throw new Error('unreachable');
  return result.value;
}

function problemsOf(result: OrderMappingResult): OrderProblem[] {
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.error;
}

describe('buildFbaOrderRequest', () => {
  it('maps a valid order to the complete request', () => {
    const o = order();
    const { request, notes } = requestOf(build(o));
    assert.deepEqual(request, {
      sellerFulfillmentOrderId: sellerFulfillmentOrderIdFor(o),
      displayableOrderId: '10042',
      displayableOrderDate: '2024-05-01T10:00:00.000Z',
      displayableOrderComment: 'Thank you for your order',
      shippingSpeedCategory: 'Expedited',
      destinationAddress: {
        name: 'Erika Mustermann', addressLine1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', countryCode: 'DE', phone: '+49 30 1234567',
      },
      items: [
        { sellerSku: 'MUG-RED', sellerFulfillmentOrderItemId: LINE_A, quantity: 2, perUnitDeclaredValue: { currencyCode: 'EUR', value: '19.99' } },
        { sellerSku: 'MUG-BLUE', sellerFulfillmentOrderItemId: LINE_B, quantity: 1, perUnitDeclaredValue: { currencyCode: 'EUR', value: '19.99' } },
      ],
      fulfillmentPolicy: 'FillOrKill',
      marketplaceId: 'A1PA6795UKMFR9',
    });
    assert.deepEqual(notes, []);
    assert.match(request.sellerFulfillmentOrderId, /^10042-[a-z2-7]{10}$/);
  });

  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_ORDER_MAPPING, {
      displayableOrderComment: 'Thank you for your order', fulfillmentPolicy: 'FillOrKill', maxLines: 100, maxUnits: 250,
      includeDeclaredValue: true, notificationEmails: false,
    });
  });

  it('sends only the FBA lines of a mixed order', () => {
    const o = order({ lineItems: [line(LINE_A, 'MUG-RED', 2), line(LINE_B, 'LOCAL-ONLY', 1, { supplyChannelKey: 'warehouse-berlin' })] });
    const { request } = requestOf(build(o));
    assert.deepEqual(request.items.map((i) => i.sellerSku), ['MUG-RED']);
  });

  describe('options', () => {
    it('declared value off, other policy, no marketplace', () => {
      const o = order();
      const { request } = requestOf(buildFbaOrderRequest(o, fbaDecision(o), {
        ...DEFAULT_ORDER_MAPPING, knownSkus: null, includeDeclaredValue: false, fulfillmentPolicy: 'FillAllAvailable',
      }));
      assert.equal(request.fulfillmentPolicy, 'FillAllAvailable');
      assert.ok(!('marketplaceId' in request));
      for (const item of request.items) assert.ok(!('perUnitDeclaredValue' in item));
    });

    it('declared value in the currency\'s own minor units', () => {
      const o = order({ lineItems: [line(LINE_A, 'MUG-RED', 1, { unitPrice: { centAmount: 1500, currencyCode: 'JPY', fractionDigits: 0 } })] });
      assert.deepEqual(requestOf(build(o)).request.items[0]?.perUnitDeclaredValue, { currencyCode: 'JPY', value: '1500' });
    });

    it('notes a line without a unit price', () => {
      const o = order({ lineItems: [line(LINE_A, 'MUG-RED', 1, { unitPrice: undefined })] });
      const { request, notes } = requestOf(build(o));
      assert.ok(!('perUnitDeclaredValue' in (request.items[0] ?? {})));
      assert.deepEqual(notes, [`No declared value for the line "Mug MUG-RED" (line item ${LINE_A}): it has no unit price.`]);
    });

    it('passes the customer e-mail only when asked', () => {
      assert.ok(!('notificationEmails' in requestOf(build(order())).request));
      assert.deepEqual(requestOf(build(order(), { notificationEmails: true })).request.notificationEmails, ['erika@example.com']);
      const fromAddress = order({ customerEmail: undefined, shippingAddress: { ...order().shippingAddress, email: 'ship@example.com' } });
      assert.deepEqual(requestOf(build(fromAddress, { notificationEmails: true })).request.notificationEmails, ['ship@example.com']);
    });

    it('leaves out an e-mail Amazon would refuse, with a note', () => {
      const { request, notes } = requestOf(build(order({ customerEmail: 'not an email' }), { notificationEmails: true }));
      assert.ok(!('notificationEmails' in request));
      assert.deepEqual(notes, ['Customer e-mail is not an address Amazon accepts; Amazon will not e-mail the customer.']);
    });

    it('prints product names on the packing slip when asked, cut to 250', () => {
      const o = order({ lineItems: [line(LINE_A, 'MUG-RED', 1, { name: 'Tasse „Groß“' }), line(LINE_B, 'MUG-BLUE', 1, { name: 'n'.repeat(300) })] });
      const { request, notes } = requestOf(build(o, { itemComments: true }));
      assert.equal(request.items[0]?.displayableComment, 'Tasse "Groß"');
      assert.equal(request.items[1]?.displayableComment, 'n'.repeat(250));
      assert.deepEqual(notes, [
        `Packing-slip comment of the line "Tasse „Groß“" (line item ${LINE_A}) transliterated to ISO-8859-1 for Amazon.`,
        `Packing-slip comment of the line "${'n'.repeat(300)}" (line item ${LINE_B}) shortened from 300 to 250 characters (Amazon's limit).`,
      ]);
    });
  });

  describe('sellerFulfillmentOrderId', () => {
    it('uses the id the caller recorded', () => {
      assert.equal(requestOf(build(order(), { sellerFulfillmentOrderId: 'link-id-1' })).request.sellerFulfillmentOrderId, 'link-id-1');
      assert.throws(() => build(order(), { sellerFulfillmentOrderId: 'bad id' }), RangeError);
    });
    it('reuses the id recorded on the order even after the order number changed', () => {
      const o = order({ orderNumber: 'NEW-NUMBER', fields: { sellerFulfillmentOrderId: '10042-abcdefghij' } });
      assert.equal(requestOf(build(o)).request.sellerFulfillmentOrderId, '10042-abcdefghij');
    });
    it('ignores an empty or invalid recorded id and applies the prefix', () => {
      const o = order({ fields: { sellerFulfillmentOrderId: '' } });
      assert.match(requestOf(build(o, { sellerFulfillmentOrderIdPrefix: 'ct-' })).request.sellerFulfillmentOrderId, /^ct-10042-[a-z2-7]{10}$/);
    });
  });

  describe('displayable texts', () => {
    it('order number made Latin-1 with a note', () => {
      const { request, notes } = requestOf(build(order({ orderNumber: 'Заказ  17' })));
      assert.equal(request.displayableOrderId, 'Zakaz 17');
      assert.deepEqual(notes, ['Order number transliterated to ISO-8859-1 for the packing slip.']);
    });
    it('order number cut to 40 with a note', () => {
      const { request, notes } = requestOf(build(order({ orderNumber: 'N'.repeat(45) })));
      assert.equal(request.displayableOrderId, 'N'.repeat(40));
      assert.deepEqual(notes, ['Order number shortened to its first 40 characters on the packing slip.']);
    });
    it('order id when there is no order number', () => {
      const o = order({ orderNumber: undefined });
      assert.equal(requestOf(build(o)).request.displayableOrderId, o.id);
    });
    it('order id when the order number has no Latin form', () => {
      const o = order({ orderNumber: '注文' });
      const { request, notes } = requestOf(build(o));
      assert.equal(request.displayableOrderId, o.id);
      assert.deepEqual(notes, ['Order number cannot be written in ISO-8859-1; the packing slip shows the commercetools order id instead.']);
    });
    it('comment cut to 750 with a note', () => {
      const { request, notes } = requestOf(build(order(), { displayableOrderComment: 'x'.repeat(800) }));
      assert.equal(request.displayableOrderComment, 'x'.repeat(750));
      assert.deepEqual(notes, ["Order comment shortened from 800 to 750 characters (Amazon's limit)."]);
    });
    it('comment made Latin-1', () => {
      const { request, notes } = requestOf(build(order(), { displayableOrderComment: 'Dziękujemy — “Danke”' }));
      assert.equal(request.displayableOrderComment, 'Dziekujemy - "Danke"');
      assert.deepEqual(notes, ['Order comment transliterated to ISO-8859-1 for Amazon.']);
    });
    it('an empty comment falls back to the default (Amazon requires one)', () => {
      assert.equal(requestOf(build(order(), { displayableOrderComment: '  ' })).request.displayableOrderComment, 'Thank you for your order');
    });
    it('address notes come through', () => {
      const o = order({ shippingAddress: { ...order().shippingAddress, city: 'Łódź', country: 'PL' } });
      const { request, notes } = requestOf(build(o));
      assert.equal(request.destinationAddress.city, 'Lódz');
      assert.deepEqual(notes, ['Shipping address city (city) transliterated to ISO-8859-1 for Amazon.']);
    });
  });

  describe('validation: each problem with its exact reason', () => {
    const cases: Array<[string, StorefrontOrder, Partial<OrderMappingOptions>, OrderProblem[]]> = [
      ['line without SKU', order({ lineItems: [line(LINE_A, undefined, 1)] }), {}, [
        { type: 'order.invalid-sku', reason: `The line "Mug none" (line item ${LINE_A}) has no SKU; FBA needs the seller SKU to ship it.` },
      ]],
      ['blank SKU', order({ lineItems: [line(LINE_A, '  ', 1, { name: 'Mug' })] }), {}, [
        { type: 'order.invalid-sku', reason: `The line "Mug" (line item ${LINE_A}) has no SKU; FBA needs the seller SKU to ship it.` },
      ]],
      ['SKU longer than 50', order({ lineItems: [line(LINE_A, 'S'.repeat(51), 1, { name: 'Mug' })] }), { knownSkus: null }, [
        { type: 'order.invalid-sku', reason: `SKU "${'S'.repeat(51)}" on the line "Mug" (line item ${LINE_A}) has 51 characters; Amazon accepts at most 50.` },
      ]],
      ['SKU unknown to FBA', order({ lineItems: [line(LINE_A, 'MUG-GREEN', 1, { name: 'Green mug' })] }), {}, [
        { type: 'order.unknown-sku', reason: `SKU "MUG-GREEN" on the line "Green mug" (line item ${LINE_A}) is not stocked by FBA: no FBA listing has exactly this SKU.` },
      ]],
      ['SKU with a trailing space is not silently trimmed', order({ lineItems: [line(LINE_A, 'MUG-RED ', 1, { name: 'Mug' })] }), {}, [
        { type: 'order.unknown-sku', reason: `SKU "MUG-RED " on the line "Mug" (line item ${LINE_A}) is not stocked by FBA: no FBA listing has exactly this SKU.` },
      ]],
      ['quantity 0', order({ lineItems: [line(LINE_A, 'MUG-RED', 0, { name: 'Mug' })] }), {}, [
        { type: 'order.invalid-line', reason: `The line "Mug" (line item ${LINE_A}) has quantity 0; Amazon needs a whole number of at least 1 unit per line.` },
      ]],
      ['fractional quantity', order({ lineItems: [line(LINE_A, 'MUG-RED', 1.5, { name: 'Mug' })] }), {}, [
        { type: 'order.invalid-line', reason: `The line "Mug" (line item ${LINE_A}) has quantity 1.5; Amazon needs a whole number of at least 1 unit per line.` },
      ]],
      ['no shipping address', order({ shippingAddress: undefined }), {}, [
        { type: 'order.invalid-address', reason: 'The order has no shipping address.' },
      ]],
      ['incomplete address', order({ shippingAddress: { firstName: 'Erika', streetName: 'Hauptstraße', country: 'DE' } }), {}, [
        { type: 'order.invalid-address', reason: 'Shipping address incomplete for Amazon: missing postal code (postalCode), city (city).' },
      ]],
      ['overlong address field', order({ shippingAddress: { ...order().shippingAddress, city: 'c'.repeat(51) } }), {}, [
        { type: 'order.invalid-address', reason: 'Shipping address city (city) has 51 characters; Amazon accepts at most 50. Shorten it on the order.' },
      ]],
    ];
    for (const [name, o, extra, expected] of cases) {
      it(name, () => assert.deepEqual(problemsOf(build(o, extra)), expected));
    }

    it('unknown SKUs are not checked when knownSkus is null', () => {
      assert.ok(build(order({ lineItems: [line(LINE_A, 'ANYTHING', 1)] }), { knownSkus: null }).ok);
    });

    it('collects every problem at once, nothing half-right', () => {
      const o = order({
        shippingAddress: { lastName: 'Mustermann', country: 'Germany' },
        lineItems: [line(LINE_A, undefined, 1, { name: 'A' }), line(LINE_B, 'UNKNOWN', 300, { name: 'B' })],
      });
      assert.deepEqual(problemsOf(build(o)), [
        { type: 'order.invalid-sku', reason: `The line "A" (line item ${LINE_A}) has no SKU; FBA needs the seller SKU to ship it.` },
        { type: 'order.unknown-sku', reason: `SKU "UNKNOWN" on the line "B" (line item ${LINE_B}) is not stocked by FBA: no FBA listing has exactly this SKU.` },
        { type: 'order.limits-exceeded', reason: 'The order sends 301 units to FBA; Amazon accepts at most 250 units per order.' },
        { type: 'order.invalid-address', reason: 'Shipping address incomplete for Amazon: missing street (streetName), postal code (postalCode), city (city).' },
        { type: 'order.invalid-address', reason: "Shipping address country (country) 'Germany' is not a two-letter ISO 3166 code such as DE or US." },
      ]);
    });
  });

  describe("Amazon's line and unit limits", () => {
    const lines = (n: number, quantity: number): StorefrontLineItem[] =>
      Array.from({ length: n }, (_, i) => line(`line-${i}`, `SKU-${i}`, quantity));
    const cases: Array<[string, StorefrontLineItem[], string[]]> = [
      ['100 lines, 100 units: accepted', lines(100, 1), []],
      ['101 lines: refused', lines(101, 1), ['The order sends 101 lines to FBA; Amazon accepts at most 100 lines per order.']],
      ['250 units: accepted', [line(LINE_A, 'SKU-0', 250)], []],
      ['251 units: refused', [line(LINE_A, 'SKU-0', 200), line(LINE_B, 'SKU-1', 51)], ['The order sends 251 units to FBA; Amazon accepts at most 250 units per order.']],
      ['both', lines(101, 3), [
        'The order sends 101 lines to FBA; Amazon accepts at most 100 lines per order.',
        'The order sends 303 units to FBA; Amazon accepts at most 250 units per order.',
      ]],
    ];
    for (const [name, lineItems, reasons] of cases) {
      it(name, () => {
        const result = build(order({ lineItems }), { knownSkus: null });
        if (reasons.length === 0) return assert.ok(result.ok);
        const problems = problemsOf(result);
        assert.deepEqual(problems.map((p) => p.reason), reasons);
        for (const p of problems) assert.equal(p.type, 'order.limits-exceeded');
      });
    }
    it('custom limits (e.g. US multi-SKU 150 units)', () => {
      assert.deepEqual(problemsOf(build(order({ lineItems: [line(LINE_A, 'SKU-0', 151)] }), { knownSkus: null, maxUnits: 150 })).map((p) => p.reason),
        ['The order sends 151 units to FBA; Amazon accepts at most 150 units per order.']);
    });
    it('only FBA lines count towards the limits', () => {
      const lineItems = [...lines(100, 1), line('local-1', 'LOCAL', 200, { supplyChannelKey: 'warehouse-berlin' })];
      assert.ok(build(order({ lineItems }), { knownSkus: null }).ok);
    });
    it('an FBA decision with no lines is refused', () => {
      const o = order();
      const problems = problemsOf(buildFbaOrderRequest(o, { ...fbaDecision(o), fbaLines: [] }, options()));
      assert.deepEqual(problems, [{ type: 'order.limits-exceeded', reason: 'The order has no line to send to FBA.' }]);
    });
  });

  it('every text in a request built from hostile input is Latin-1 and within limits', () => {
    const o = order({
      orderNumber: '№ 17 “Ж” + # ' + 'ß'.repeat(50),
      shippingAddress: { firstName: 'Щука', lastName: 'Őrs', streetName: 'ulica Ślężna', streetNumber: '4', postalCode: '50-001', city: 'Wrocław', country: 'pl', phone: '+48 71 000 00 00' },
    });
    const { request } = requestOf(build(o, { displayableOrderComment: '感谢 Merci “beaucoup” ' + 'é'.repeat(800) }));
    const texts = [request.displayableOrderId, request.displayableOrderComment, ...Object.values(request.destinationAddress)];
    for (const t of texts) assert.ok(/^[\u0020-\u007E\u00A0-\u00FF]*$/.test(t) && !t.includes('  '), JSON.stringify(t));
    assert.ok(request.displayableOrderId.length <= 40);
    assert.ok(request.displayableOrderComment.length <= 750);
    assert.equal(request.destinationAddress.countryCode, 'PL');
  });
});
