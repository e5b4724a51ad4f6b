import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { ShippingSpeed } from './fba-order.js';
import { workPriorityFor } from './order-priority.js';

describe('workPriorityFor', () => {
  const cases: Array<[ShippingSpeed, number]> = [
    ['Priority', CallPriority.orderPriority],
    ['Expedited', CallPriority.orderExpedited],
    ['Standard', CallPriority.orderStandard],
  ];
  for (const [speed, expected] of cases) {
    it(`${speed} matches CallPriority (${expected})`, () => assert.equal(workPriorityFor(speed), expected));
  }
  it('has the documented values and order', () => {
    assert.deepEqual([workPriorityFor('Priority'), workPriorityFor('Expedited'), workPriorityFor('Standard')], [500, 450, 400]);
    assert.ok(workPriorityFor('Standard') > CallPriority.tracking, 'orders go before tracking calls');
  });
});
