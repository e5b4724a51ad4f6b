import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ROUTING, routeOrder, type RoutingConfig } from './routing.js';
import type { StorefrontLineItem, StorefrontOrder } from './storefront-order.js';

function line(id: string, supplyChannelKey?: string): StorefrontLineItem {
  return { id, sku: `SKU-${id}`, name: `Product ${id}`, quantity: 1, ...(supplyChannelKey === undefined ? {} : { supplyChannelKey }) };
}

function order(overrides: Partial<StorefrontOrder>): StorefrontOrder {
  return {
    id: 'o-1', version: 1, orderNumber: '1001', createdAt: '2024-05-01T10:00:00.000Z', lastModifiedAt: '2024-05-01T10:00:00.000Z',
    orderState: 'Open', totalPrice: { centAmount: 1000, currencyCode: 'EUR', fractionDigits: 2 },
    lineItems: [line('a')], deliveries: [], fields: {},
    ...overrides,
  };
}

const ids = (lines: readonly StorefrontLineItem[]): string[] => lines.map((l) => l.id);

describe('routeOrder', () => {
  describe('speed by shipping method', () => {
    const cases: Array<[string, 'Standard' | 'Expedited' | 'Priority']> = [
      ['fba-standard', 'Standard'], ['fba-expedited', 'Expedited'], ['fba-priority', 'Priority'],
    ];
    for (const [method, speed] of cases) {
      it(`${method} → ${speed}`, () => {
        const d = routeOrder(order({ shippingMethodKey: method }), DEFAULT_ROUTING);
        assert.equal(d.kind, 'fba');
        if (d.kind !== 'fba') return;
        assert.equal(d.speed, speed);
        assert.deepEqual(ids(d.fbaLines), ['a']);
        assert.deepEqual(d.localLines, []);
        assert.equal(d.reason, `For FBA: shipping method '${method}' ships with FBA (${speed}); its only line goes to FBA.`);
      });
    }
  });

  it('an unmapped shipping method without the custom field stays local', () => {
    const d = routeOrder(order({ shippingMethodKey: 'dhl-home' }), DEFAULT_ROUTING);
    assert.deepEqual(d, {
      kind: 'local',
      reason: "Not for FBA: shipping method 'dhl-home' is not mapped to an Amazon shipping speed and the order's fulfillmentChannel field is not 'FBA'.",
    });
  });

  it('an order without shipping method and custom field stays local', () => {
    const d = routeOrder(order({}), DEFAULT_ROUTING);
    assert.deepEqual(d, {
      kind: 'local',
      reason: "Not for FBA: the order has no shipping method and the order's fulfillmentChannel field is not 'FBA'.",
    });
  });

  it('shipping method keys are matched exactly (case-sensitive, like commercetools keys)', () => {
    assert.equal(routeOrder(order({ shippingMethodKey: 'FBA-STANDARD' }), DEFAULT_ROUTING).kind, 'local');
  });

  it('does not mistake Object.prototype members for mapped shipping methods', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.equal(routeOrder(order({ shippingMethodKey: key }), DEFAULT_ROUTING).kind, 'local', key);
    }
  });

  describe('custom field fulfillmentChannel', () => {
    const cases: Array<[string, 'fba' | 'local']> = [['FBA', 'fba'], ['fba', 'fba'], [' Fba ', 'fba'], ['Merchant', 'local'], ['', 'local'], ['FBA2', 'local']];
    for (const [value, kind] of cases) {
      it(`${JSON.stringify(value)} → ${kind}`, () => {
        assert.equal(routeOrder(order({ shippingMethodKey: 'dhl-home', fields: { fulfillmentChannel: value } }), DEFAULT_ROUTING).kind, kind);
      });
    }
    it('uses the default speed when the shipping method is not mapped', () => {
      const config: RoutingConfig = { ...DEFAULT_ROUTING, defaultSpeed: 'Expedited' };
      const d = routeOrder(order({ shippingMethodKey: 'dhl-home', fields: { fulfillmentChannel: 'fba' } }), config);
      assert.equal(d.kind, 'fba');
      if (d.kind !== 'fba') return;
      assert.equal(d.speed, 'Expedited');
      assert.equal(d.reason, "For FBA: the order's fulfillmentChannel field is 'FBA' (speed Expedited); its only line goes to FBA.");
    });
    it('a mapped shipping method decides the speed even when the field is set', () => {
      const d = routeOrder(order({ shippingMethodKey: 'fba-priority', fields: { fulfillmentChannel: 'FBA' } }), DEFAULT_ROUTING);
      assert.equal(d.kind === 'fba' ? d.speed : null, 'Priority');
    });
    it('the configured value is compared case-insensitively too', () => {
      const config: RoutingConfig = { ...DEFAULT_ROUTING, fulfillmentChannelValue: 'Amazon' };
      assert.equal(routeOrder(order({ fields: { fulfillmentChannel: 'AMAZON' } }), config).kind, 'fba');
      assert.equal(routeOrder(order({ fields: { fulfillmentChannel: 'FBA' } }), config).kind, 'local');
    });
  });

  describe('lines by supply channel', () => {
    it('a mixed order sends only its FBA lines; lines without a channel follow the order', () => {
      const d = routeOrder(order({
        shippingMethodKey: 'fba-expedited',
        lineItems: [line('a'), line('b', 'fba-eu'), line('c', 'warehouse-berlin'), line('d', ''), line('e', 'warehouse-berlin')],
      }), DEFAULT_ROUTING);
      assert.equal(d.kind, 'fba');
      if (d.kind !== 'fba') return;
      assert.deepEqual(ids(d.fbaLines), ['a', 'b', 'd']);
      assert.deepEqual(ids(d.localLines), ['c', 'e']);
      assert.equal(d.reason, "For FBA: shipping method 'fba-expedited' ships with FBA (Expedited); 3 of 5 lines go to FBA; 2 lines from merchant supply channels ('warehouse-berlin') stay with the merchant.");
    });

    it('one local line reads in the singular', () => {
      const d = routeOrder(order({ shippingMethodKey: 'fba-standard', lineItems: [line('a', 'fba'), line('b', 'shop')] }), DEFAULT_ROUTING);
      assert.equal(d.reason, "For FBA: shipping method 'fba-standard' ships with FBA (Standard); 1 of 2 lines goes to FBA; 1 line from merchant supply channels ('shop') stays with the merchant.");
    });

    it('an FBA-bound order with no FBA line at all stays local, with the reason', () => {
      const d = routeOrder(order({ shippingMethodKey: 'fba-standard', lineItems: [line('a', 'warehouse-berlin'), line('b', 'store-munich')] }), DEFAULT_ROUTING);
      assert.deepEqual(d, {
        kind: 'local',
        reason: "Not for FBA although shipping method 'fba-standard' ships with FBA (Standard): all 2 lines come from merchant supply channels ('warehouse-berlin', 'store-munich'), none from an FBA channel.",
      });
    });

    it('an FBA-bound order with no lines stays local', () => {
      const d = routeOrder(order({ shippingMethodKey: 'fba-standard', lineItems: [] }), DEFAULT_ROUTING);
      assert.deepEqual(d, { kind: 'local', reason: "Not for FBA although shipping method 'fba-standard' ships with FBA (Standard): the order has no lines." });
    });

    it('with no FBA supply channels configured, every line with a channel stays local', () => {
      const config: RoutingConfig = { ...DEFAULT_ROUTING, fbaSupplyChannelKeys: [] };
      const d = routeOrder(order({ shippingMethodKey: 'fba-standard', lineItems: [line('a', 'fba-eu'), line('b')] }), config);
      assert.equal(d.kind, 'fba');
      if (d.kind !== 'fba') return;
      assert.deepEqual(ids(d.fbaLines), ['b']);
      assert.deepEqual(ids(d.localLines), ['a']);
    });

    it('a local order stays local whatever its lines are', () => {
      assert.equal(routeOrder(order({ shippingMethodKey: 'dhl-home', lineItems: [line('a', 'fba-eu')] }), DEFAULT_ROUTING).kind, 'local');
    });
  });

  it('uses a custom shipping method map', () => {
    const config: RoutingConfig = { ...DEFAULT_ROUTING, shippingMethodSpeeds: { express: 'Priority' } };
    assert.equal(routeOrder(order({ shippingMethodKey: 'fba-standard' }), config).kind, 'local');
    const d = routeOrder(order({ shippingMethodKey: 'express' }), config);
    assert.equal(d.kind === 'fba' ? d.speed : null, 'Priority');
  });

  it('is deterministic and does not mutate the order', () => {
    const o = order({ shippingMethodKey: 'fba-standard', lineItems: [line('a'), line('b', 'shop')] });
    const before = JSON.stringify(o);
    assert.deepEqual(routeOrder(o, DEFAULT_ROUTING), routeOrder(o, DEFAULT_ROUTING));
    assert.equal(JSON.stringify(o), before);
  });
});
