import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessFbaOrder, DEFAULT_STUCK_IN_PLANNING_AFTER_MS, formatDuration, type FbaOrderAssessment,
} from './fba-order-assessment.js';
import type { FbaOrderItemState, FbaOrderSnapshot, FbaOrderStatus, FbaShipment } from './fba-order.js';

const HOUR = 60 * 60 * 1000;
const RECEIVED = '2024-05-01T08:00:00.000Z';
const UPDATED = '2024-05-01T10:00:00.000Z';
const T0 = Date.parse(UPDATED);
const opts = { stuckInPlanningAfterMs: DEFAULT_STUCK_IN_PLANNING_AFTER_MS };

function item(id: string, sku: string, quantity: number, cancelled = 0, unfulfillable = 0): FbaOrderItemState {
  return { sellerSku: sku, sellerFulfillmentOrderItemId: id, quantity, cancelledQuantity: cancelled, unfulfillableQuantity: unfulfillable };
}

function shipment(id: string, status: FbaShipment['status'], items: Array<[string, number]>): FbaShipment {
  return { amazonShipmentId: id, status, items: items.map(([i, q]) => ({ sellerFulfillmentOrderItemId: i, quantity: q, packageNumber: 1 })), packages: [] };
}

function snapshot(status: FbaOrderStatus, extra: Partial<FbaOrderSnapshot> = {}): FbaOrderSnapshot {
  return {
    sellerFulfillmentOrderId: '10042-k3v9q2m7xa', displayableOrderId: '10042', status,
    statusUpdatedDate: UPDATED, receivedDate: RECEIVED, shippingSpeedCategory: 'Standard',
    items: [item('line-a', 'MUG-RED', 3), item('line-b', 'MUG-BLUE', 1)], shipments: [],
    ...extra,
  };
}

const WHO = 'Fulfillment order 10042-k3v9q2m7xa (order 10042)';

describe('assessFbaOrder', () => {
  describe('open or closed, no problem', () => {
    const cases: Array<[FbaOrderStatus, FbaOrderAssessment['state']]> = [
      ['New', 'open'], ['Received', 'open'], ['Planning', 'open'], ['Processing', 'open'], ['Complete', 'closed'], ['Cancelled', 'closed'],
    ];
    for (const [status, state] of cases) {
      it(`${status} → ${state}`, () => assert.deepEqual(assessFbaOrder(snapshot(status), T0 + HOUR, opts), { state }));
    }
  });

  it('Processing is never flagged as stuck in planning', () => {
    assert.deepEqual(assessFbaOrder(snapshot('Processing'), T0 + 100 * HOUR, opts), { state: 'open' });
  });

  describe('stuck in planning', () => {
    for (const status of ['New', 'Received', 'Planning'] as const) {
      it(`${status} past the threshold → open + order.stuck-in-planning`, () => {
        assert.deepEqual(assessFbaOrder(snapshot(status), T0 + 30 * HOUR, opts), {
          state: 'open',
          problem: {
            type: 'order.stuck-in-planning',
            reason: `${WHO} has been in status ${status} since ${UPDATED} (30 hours, more than the 24 hours allowed); Amazon has not started picking it.`,
          },
        });
      });
    }
    it('exactly at the threshold is not yet stuck; one millisecond later is', () => {
      assert.equal(assessFbaOrder(snapshot('Planning'), T0 + 24 * HOUR, opts).problem, undefined);
      assert.equal(assessFbaOrder(snapshot('Planning'), T0 + 24 * HOUR + 1, opts).problem?.type, 'order.stuck-in-planning');
    });
    it('measures from statusUpdatedDate, not receivedDate', () => {
      // 25 h after receipt, 23 h after the last status change.
      assert.equal(assessFbaOrder(snapshot('Planning'), Date.parse(RECEIVED) + 25 * HOUR, opts).problem, undefined);
    });
    it('falls back to receivedDate when statusUpdatedDate is unreadable', () => {
      const a = assessFbaOrder(snapshot('Planning', { statusUpdatedDate: '' }), Date.parse(RECEIVED) + 25 * HOUR, opts);
      assert.equal(a.problem?.reason, `${WHO} has been in status Planning since ${RECEIVED} (25 hours, more than the 24 hours allowed); Amazon has not started picking it.`);
    });
    it('no readable date: open without a problem', () => {
      assert.deepEqual(assessFbaOrder(snapshot('Planning', { statusUpdatedDate: 'x', receivedDate: 'y' }), T0 + 1000 * HOUR, opts), { state: 'open' });
    });
    it('a clock behind Amazon\'s is not stuck', () => {
      assert.deepEqual(assessFbaOrder(snapshot('Planning'), T0 - 5 * HOUR, opts), { state: 'open' });
    });
    it('custom threshold, long durations in days', () => {
      const a = assessFbaOrder(snapshot('Planning'), T0 + 76 * HOUR, { stuckInPlanningAfterMs: 6 * HOUR });
      assert.equal(a.problem?.reason, `${WHO} has been in status Planning since ${UPDATED} (3 days 4 hours, more than the 6 hours allowed); Amazon has not started picking it.`);
    });
  });

  describe('Unfulfillable', () => {
    it('names the SKUs and quantities Amazon could not fulfil', () => {
      const s = snapshot('Unfulfillable', { items: [item('line-a', 'MUG-RED', 3, 0, 2), item('line-b', 'MUG-BLUE', 1, 0, 0), item('line-c', 'CAP', 1, 0, 1)] });
      assert.deepEqual(assessFbaOrder(s, T0, opts), {
        state: 'closed',
        problem: { type: 'order.unfulfillable', reason: `${WHO}: Amazon cannot fulfil it: SKU "MUG-RED" 2 of 3 units unfulfillable; SKU "CAP" 1 of 1 unit unfulfillable.` },
      });
    });
    it('without quantities from Amazon, lists every SKU', () => {
      assert.deepEqual(assessFbaOrder(snapshot('Unfulfillable'), T0, opts).problem, {
        type: 'order.unfulfillable', reason: `${WHO}: Amazon cannot fulfil it: no unit can be shipped (SKU "MUG-RED" × 3, SKU "MUG-BLUE" × 1).`,
      });
    });
  });

  it('Invalid → closed + order.invalid', () => {
    assert.deepEqual(assessFbaOrder(snapshot('Invalid'), T0, opts), {
      state: 'closed',
      problem: {
        type: 'order.invalid',
        reason: `${WHO}: Amazon marked it Invalid (it could not validate the destination address, or found too little sellable stock); no item will ship.`,
      },
    });
  });

  describe('CompletePartialled', () => {
    it('names the lines that shipped short, counted from shipments', () => {
      const s = snapshot('CompletePartialled', {
        items: [item('line-a', 'MUG-RED', 3, 1, 1), item('line-b', 'MUG-BLUE', 1)],
        shipments: [
          shipment('S1', 'SHIPPED', [['line-a', 1], ['line-b', 1]]),
          shipment('S0', 'CANCELLED_BY_FULFILLER', [['line-a', 3]]),
        ],
      });
      assert.deepEqual(assessFbaOrder(s, T0, opts), {
        state: 'closed',
        problem: {
          type: 'order.partially-fulfilled',
          reason: `${WHO}: Amazon shipped only part of it: SKU "MUG-RED" (item line-a) shipped 1 of 3, 2 short (1 cancelled, 1 unfulfillable).`,
        },
      });
    });
    it('without shipments, from the cancelled and unfulfillable quantities', () => {
      const s = snapshot('CompletePartialled', { items: [item('line-a', 'MUG-RED', 3, 0, 3), item('line-b', 'MUG-BLUE', 2, 1, 0)] });
      assert.equal(assessFbaOrder(s, T0, opts).problem?.reason,
        `${WHO}: Amazon shipped only part of it: SKU "MUG-RED" (item line-a) shipped 0 of 3, 3 short (3 unfulfillable); SKU "MUG-BLUE" (item line-b) shipped 1 of 2, 1 short (1 cancelled).`);
    });
    it('when Amazon names no short item, says so', () => {
      const s = snapshot('CompletePartialled', { shipments: [shipment('S1', 'SHIPPED', [['line-a', 3], ['line-b', 1]])] });
      assert.equal(assessFbaOrder(s, T0, opts).problem?.reason,
        `${WHO}: Amazon shipped only part of it: Amazon names no item that shipped short; check the order in Seller Central.`);
    });
  });
});

describe('formatDuration', () => {
  const cases: Array<[number, string]> = [
    [0, '0 minutes'], [60_000, '1 minute'], [119 * 60_000, '119 minutes'], [2 * HOUR, '2 hours'], [47 * HOUR + 59 * 60_000, '47 hours'],
    [48 * HOUR, '2 days'], [49 * HOUR, '2 days 1 hour'], [75 * HOUR, '3 days 3 hours'],
  ];
  for (const [ms, text] of cases) it(`${ms} → ${text}`, () => assert.equal(formatDuration(ms), text));
});
