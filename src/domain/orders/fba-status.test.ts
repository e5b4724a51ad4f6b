import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FBA_ORDER_STATUSES, type FbaOrderStatus } from './fba-order.js';
import {
  CANCELLABLE_STATUSES, isCancellableStatus, isTerminalStatus, parseFbaOrderStatus, parseFbaShipmentStatus,
} from './fba-status.js';

describe('parseFbaOrderStatus', () => {
  const cases: Array<[string, FbaOrderStatus | null]> = [
    ['New', 'New'], ['NEW', 'New'], ['Received', 'Received'], ['RECEIVED', 'Received'],
    ['Planning', 'Planning'], ['PLANNING', 'Planning'], ['planning', 'Planning'], [' Planning ', 'Planning'],
    ['Processing', 'Processing'], ['PROCESSING', 'Processing'], ['Cancelled', 'Cancelled'], ['CANCELLED', 'Cancelled'],
    ['Complete', 'Complete'], ['COMPLETE', 'Complete'],
    ['CompletePartialled', 'CompletePartialled'], ['COMPLETE_PARTIALLED', 'CompletePartialled'],
    ['COMPLETEPARTIALLED', 'CompletePartialled'], ['completePartialled', 'CompletePartialled'],
    ['Unfulfillable', 'Unfulfillable'], ['UNFULFILLABLE', 'Unfulfillable'], ['Invalid', 'Invalid'], ['INVALID', 'Invalid'],
    ['', null], ['Shipped', null], ['Canceled', null], ['Complete Partial', null], ['constructor', null], ['__proto__', null],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${String(expected)}`, () => assert.equal(parseFbaOrderStatus(raw), expected));
  }
  it('parses every status of the model as written', () => {
    for (const s of FBA_ORDER_STATUSES) assert.equal(parseFbaOrderStatus(s), s);
  });
});

describe('parseFbaShipmentStatus', () => {
  const cases: Array<[string, ReturnType<typeof parseFbaShipmentStatus>]> = [
    ['PENDING', 'PENDING'], ['Pending', 'PENDING'], ['SHIPPED', 'SHIPPED'], ['Shipped', 'SHIPPED'],
    ['CANCELLED_BY_FULFILLER', 'CANCELLED_BY_FULFILLER'], ['CancelledByFulfiller', 'CANCELLED_BY_FULFILLER'],
    ['CANCELLED_BY_SELLER', 'CANCELLED_BY_SELLER'], ['CancelledBySeller', 'CANCELLED_BY_SELLER'],
    ['DELIVERED', null], ['Cancelled', null], ['', null],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${String(expected)}`, () => assert.equal(parseFbaShipmentStatus(raw), expected));
  }
});

describe('status classification', () => {
  const table: Record<FbaOrderStatus, { cancellable: boolean; terminal: boolean }> = {
    New: { cancellable: true, terminal: false },
    Received: { cancellable: true, terminal: false },
    Planning: { cancellable: true, terminal: false },
    Processing: { cancellable: false, terminal: false },
    Cancelled: { cancellable: false, terminal: true },
    Complete: { cancellable: false, terminal: true },
    CompletePartialled: { cancellable: false, terminal: true },
    Unfulfillable: { cancellable: false, terminal: true },
    Invalid: { cancellable: false, terminal: true },
  };
  for (const status of FBA_ORDER_STATUSES) {
    it(status, () => {
      assert.equal(isTerminalStatus(status), table[status].terminal);
      assert.equal(isCancellableStatus(status), table[status].cancellable);
      assert.equal(CANCELLABLE_STATUSES.includes(status), table[status].cancellable);
    });
  }
  it('CANCELLABLE_STATUSES lists exactly New, Received, Planning', () => {
    assert.deepEqual([...CANCELLABLE_STATUSES], ['New', 'Received', 'Planning']);
  });
});
