// recordOnOrder: the bridge's view written on the commercetools order, best effort. Nothing is written
// when the order already says it; a stale version is re-read and written again (a few times at most);
// any other failure is logged and never thrown.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { recordOnOrder } from '../../../src/flows/orders/record-on-order.js';
import { failure } from '../../../src/domain/shared/result.js';
import { concurrentModification } from '../../support/fakes/fake-commercetools-orders.js';
import { CONNECTION, orderFlowWorld, storefrontOrder, type OrderFlowWorld } from '../../support/fakes/order-flow-world.js';

let w: OrderFlowWorld;
beforeEach(async () => { w = await orderFlowWorld(); });
afterEach(async () => { await w.close(); });

const RECORD = { sellerFulfillmentOrderId: '10001-abcdefghij', fbaStatus: 'Planning' };

describe('recordOnOrder', () => {
  it('writes the fields and audits the write', async () => {
    const order = w.ct.put(storefrontOrder());
    const written = await recordOnOrder(w.deps, order, { ...RECORD, message: 'a note' });
    assert.deepEqual(written.fields, { sellerFulfillmentOrderId: RECORD.sellerFulfillmentOrderId, fbaStatus: 'Planning', fbaMessage: 'a note' });
    assert.equal(written.version, order.version + 1);
    const audit = await w.store.audit.listForSubject(CONNECTION, [order.id], 5);
    assert.deepEqual(audit.map((a) => [a.system, a.action, a.message]), [['commercetools', 'recordFbaState', 'fbaStatus=Planning: a note']]);
  });

  for (const [name, fields, record] of [
    ['same status and id', { ...RECORD }, RECORD],
    ['same status, id and note', { ...RECORD, fbaMessage: 'n' }, { ...RECORD, message: 'n' }],
    ['Blocked with no id yet', { fbaStatus: 'Blocked' }, { sellerFulfillmentOrderId: '', fbaStatus: 'Blocked' }],
  ] as const) {
    it(`writes nothing when the order already says it (${name})`, async () => {
      const order = w.ct.put(storefrontOrder({ fields: fields }));
      assert.equal(await recordOnOrder(w.deps, order, record), order);
      assert.equal(w.ct.writes().length, 0);
    });
  }

  it('re-reads a stale order and writes at its current version', async () => {
    const stale = w.ct.put(storefrontOrder());
    w.ct.change(stale.id, { customerEmail: 'changed@example.com' });
    const written = await recordOnOrder(w.deps, stale, RECORD);
    assert.equal(written.fields.fbaStatus, 'Planning');
    assert.equal(written.customerEmail, 'changed@example.com');
    assert.deepEqual(w.ct.calls.map((c) => c.op), ['recordFbaState', 'getOrder', 'recordFbaState']);
  });

  it('gives up after three re-reads of a version that keeps moving, without throwing', async () => {
    const order = w.ct.put(storefrontOrder());
    for (let i = 0; i < 5; i++) w.ct.failNext('recordFbaState', concurrentModification(order.id));
    const result = await recordOnOrder(w.deps, order, RECORD);
    assert.equal(result.fields.fbaStatus, undefined);
    assert.equal(w.ct.count('recordFbaState'), 4);
  });

  it('logs any other failure and returns the order as it was', async () => {
    const order = w.ct.put(storefrontOrder());
    w.ct.failNext('recordFbaState', failure('permanent', 'SetupMissing', 'The commercetools project has no channel "fba-bridge-export"'));
    assert.equal(await recordOnOrder(w.deps, order, RECORD), order);
    assert.equal(w.ct.count('recordFbaState'), 1);
    const warning = w.logger.entries.find((e) => e.level === 'warn');
    assert.equal(warning?.msg, 'could not record the FBA state on the commercetools order');
    assert.deepEqual([warning?.fields.orderId, warning?.fields.connection], [order.id, CONNECTION]);
  });
});
