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
  // Properties the flows rely on, not a copy of the table: a wrong entry breaks one of them.
  it('a status Amazon is done with can never be cancelled', () => {
    for (const status of FBA_ORDER_STATUSES) {
      if (isTerminalStatus(status)) assert.equal(isCancellableStatus(status), false, status);
    }
  });

  it('along the way an order travels (New, Received, Planning, Processing, Complete) cancelling stops once and for all', () => {
    const journey: FbaOrderStatus[] = ['New', 'Received', 'Planning', 'Processing', 'Complete'];
    const cancellable = journey.map(isCancellableStatus);
    const firstRefused = cancellable.indexOf(false);
    assert.ok(firstRefused > 0, 'a freshly received order can be cancelled');
    assert.ok(cancellable.slice(firstRefused).every((c) => !c), `once refused, refused from then on: ${cancellable.join(', ')}`);
  });

  it('picking started (Processing): too late to cancel, but Amazon is not done yet', () => {
    assert.equal(isCancellableStatus('Processing'), false);
    assert.equal(isTerminalStatus('Processing'), false);
  });

  it('before picking (Received, Planning) the order can still be cancelled and is still open', () => {
    for (const status of ['Received', 'Planning'] as const) {
      assert.equal(isCancellableStatus(status), true, status);
      assert.equal(isTerminalStatus(status), false, status);
    }
  });

  it('every way an order ends is terminal: shipped in full or in part, cancelled, refused', () => {
    for (const status of ['Complete', 'CompletePartialled', 'Cancelled', 'Unfulfillable', 'Invalid'] as const) {
      assert.equal(isTerminalStatus(status), true, status);
    }
    assert.ok(FBA_ORDER_STATUSES.some((s) => !isTerminalStatus(s)), 'not everything is terminal');
  });

  it('CANCELLABLE_STATUSES agrees with isCancellableStatus, in the model\'s order', () => {
    assert.deepEqual([...CANCELLABLE_STATUSES], FBA_ORDER_STATUSES.filter(isCancellableStatus));
  });
});
