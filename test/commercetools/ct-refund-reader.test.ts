// The refund reader against commercetools-mock over loopback HTTP (real SDK, OAuth included): an
// order's payments expanded, only successful Refund transactions kept, in minor units with their time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Order, TransactionDraft } from '@commercetools/platform-sdk';
import { createCommercetoolsApi } from '../../src/adapters/commercetools/ct-api-client.js';
import { CommercetoolsRefundReader, REFUND_READ_PAGE } from '../../src/adapters/commercetools/ct-refund-reader.js';
import { createDemoOrder } from '../../src/demo/seeders/demo-orders.js';
import { Secret } from '../../src/config/secret.js';
import { anOrderSpec, startTestProject, type TestProject } from './ct-test-project.js';

let project: TestProject;

before(async () => {
  project = await startTestProject({ seed: true });
});

after(async () => {
  await project.server.close();
});

async function addPayment(order: Order, transactions: readonly TransactionDraft[]): Promise<Order> {
  const payment = (await project.api.payments().post({
    body: { amountPlanned: { currencyCode: 'EUR', centAmount: 10_000 }, transactions: [...transactions] },
  }).execute()).body;
  const current = (await project.api.orders().withId({ ID: order.id }).get().execute()).body;
  return (await project.api.orders().withId({ ID: order.id }).post({
    body: { version: current.version, actions: [{ action: 'addPayment', payment: { typeId: 'payment', id: payment.id } }] },
  }).execute()).body;
}

const eur = (centAmount: number) => ({ currencyCode: 'EUR', centAmount });

describe('CommercetoolsRefundReader (commercetools-mock over HTTP)', () => {
  it('reads the successful Refund transactions of every payment of the order, oldest first', async () => {
    const order = await createDemoOrder(project.api, anOrderSpec());
    await addPayment(order, [
      { type: 'Charge', amount: eur(10_000), state: 'Success', timestamp: '2026-01-01T10:00:00.000Z' },
      { type: 'Refund', amount: eur(1_999), state: 'Success', timestamp: '2026-01-10T12:00:00.000Z' },
      { type: 'Refund', amount: eur(500), state: 'Failure', timestamp: '2026-01-11T12:00:00.000Z' },
      { type: 'Refund', amount: eur(700), state: 'Pending', timestamp: '2026-01-11T12:00:00.000Z' },
    ]);
    await addPayment(order, [{ type: 'Refund', amount: eur(250), state: 'Success', timestamp: '2026-01-05T08:30:00.000Z' }]);
    const plain = await createDemoOrder(project.api, anOrderSpec());

    const read = await new CommercetoolsRefundReader(project.api).refundsOf([order.id, plain.id, 'no-such-order']);
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    const refunds = read.value.get(order.id);
    assert.equal(refunds?.orderNumber, order.orderNumber);
    assert.deepEqual(refunds?.refunds.map((r) => [r.amount, r.currency, r.fractionDigits, new Date(r.at).toISOString()]), [
      [250, 'EUR', 2, '2026-01-05T08:30:00.000Z'],
      [1_999, 'EUR', 2, '2026-01-10T12:00:00.000Z'],
    ]);
    assert.ok(refunds?.refunds.every((r) => r.paymentId.length > 0 && r.transactionId.length > 0));
    assert.deepEqual(read.value.get(plain.id)?.refunds, []);
    assert.equal(read.value.has('no-such-order'), false);
  });

  it('a refund without a timestamp takes the payment\'s last modification', async () => {
    const order = await createDemoOrder(project.api, anOrderSpec());
    const withPayment = await addPayment(order, [{ type: 'Refund', amount: eur(100), state: 'Success' }]);
    const paymentId = withPayment.paymentInfo?.payments[0]?.id;
    assert.ok(paymentId);
    const payment = (await project.api.payments().withId({ ID: paymentId }).get().execute()).body;
    const read = await new CommercetoolsRefundReader(project.api).refundsOf([order.id]);
    assert.ok(read.ok);
    assert.equal(read.value.get(order.id)?.refunds[0]?.at, Date.parse(payment.lastModifiedAt));
  });

  it('reads more orders than fit one query in pages', async () => {
    const ids = Array.from({ length: REFUND_READ_PAGE + 3 }, (_, i) => `missing-${i}`);
    const order = await createDemoOrder(project.api, anOrderSpec());
    await addPayment(order, [{ type: 'Refund', amount: eur(42), state: 'Success', timestamp: '2026-02-01T00:00:00.000Z' }]);
    const read = await new CommercetoolsRefundReader(project.api).refundsOf([...ids, order.id]);
    assert.ok(read.ok);
    assert.deepEqual([...read.value.keys()], [order.id]);
    assert.equal(read.value.get(order.id)?.refunds[0]?.amount, 42);
  });

  it('an unreachable commercetools is a retryable failure, not a throw', async () => {
    const api = createCommercetoolsApi({
      projectKey: 'x', clientId: 'c', clientSecret: new Secret('s'), authUrl: 'http://127.0.0.1:9', apiUrl: 'http://127.0.0.1:9',
      scopes: ['manage_project:x'], timeoutMs: 2_000,
    });
    const read = await new CommercetoolsRefundReader(api).refundsOf(['a']);
    assert.equal(read.ok, false);
    if (!read.ok) assert.equal(read.error.category, 'retryable');
  });
});
