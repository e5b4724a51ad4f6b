// Amazon notifications from an SQS queue, against a local SQS-compatible server speaking AWS's JSON
// protocol (local-aws-sqs) with the real SDK client: a recorded notification is deleted, a duplicate is
// recorded once and deleted, a message the intake cannot record stays for redelivery, and an unusable
// one is left to the queue's redrive policy (it lands in the dead-letter queue after maxReceiveCount);
// the notifications of one receive are recorded in one transaction.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { openStore } from '../../src/adapters/store/open-store.js';
import { acceptAmazonNotification, type StatusIntake } from '../../src/http/amazon-intake.js';
import { IntakeBatch } from '../../src/http/intake-batch.js';
import { sqsIntake } from '../../src/app/sqs-intake.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import type { Store } from '../../src/ports/store.js';
import { messagesIn as depth, queueWithDeadLetters, startLocalSqs, type LocalSqs } from '../support/local-sqs.js';

let local: LocalSqs;
let endpoint: string;
let sqs: SQSClient;

before(async () => {
  local = await startLocalSqs();
  endpoint = local.endpoint;
  sqs = local.client;
});

after(() => local.close());

function notification(id: string, sfo: string) {
  return {
    NotificationVersion: '1.0', NotificationType: 'FULFILLMENT_ORDER_STATUS', PayloadVersion: '1.0', EventTime: '2026-11-28T10:00:00Z',
    Payload: { FulfillmentOrderStatusNotification: { SellerId: 'A3TH9S8BH6GOGM', EventType: 'Shipment', StatusUpdatedDateTime: '2026-11-28T10:00:00Z', SellerFulfillmentOrderId: sfo, FulfillmentOrderStatus: 'Complete' } },
    NotificationMetadata: { ApplicationId: 'app', SubscriptionId: 'sub', PublishTime: '2026-11-28T10:00:01Z', NotificationId: id },
  };
}

async function queues(name: string): Promise<{ queueUrl: string; dlqUrl: string }> {
  return queueWithDeadLetters(sqs, name, 2);
}

async function messagesIn(queueUrl: string): Promise<number> {
  return depth(sqs, queueUrl);
}

async function storeWithOrder(): Promise<Store> {
  const store = await openStore(':memory:');
  await store.orderLinks.upsert({
    connectionId: 'default', ctOrderId: 'ct-1', orderNumber: 'N1', sellerFulfillmentOrderId: 'N1-abc', state: 'submitted', fbaStatus: 'Planning',
    shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: 1, fbaStatusAt: 1,
  }, 1);
  return store;
}

function consumer(store: Store, queueUrl: string, visibilityTimeoutSeconds = 30, statusBatch?: IntakeBatch<StatusIntake>) {
  const deps = { store, connections: [{ id: 'default' }], workClock: { now: () => new Date(5_000) }, logger: silentLogger, wake: () => {}, ...(statusBatch ? { statusBatch } : {}) };
  return sqsIntake({ queueUrl, endpoint, visibilityTimeoutSeconds, waitTimeSeconds: 0 }, 'amazon', (body) => acceptAmazonNotification(deps, body), silentLogger);
}

test('a notification is recorded once and deleted; its duplicate is deleted too', async () => {
  const store = await storeWithOrder();
  const { queueUrl } = await queues('recorded');
  const c = consumer(store, queueUrl);
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification('n-1', 'N1-abc')) }));
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification('n-1', 'N1-abc')) }));
  let received = 0;
  for (let i = 0; i < 5 && received < 2; i += 1) received += await c.pollOnce();
  assert.equal(received, 2);
  assert.deepEqual(c.counts, { recorded: 2, retried: 0, unusable: 0 });
  assert.equal((await store.work.get('default', 'order.track', 'ct-1'))?.state, 'pending');
  assert.equal(await messagesIn(queueUrl), 0, 'both deleted');
  await c.stop();
  await store.close();
});

test('a message the store could not record stays in the queue for redelivery', async () => {
  const store = await storeWithOrder();
  const { queueUrl } = await queues('retried');
  const failing: Store = { ...store, transaction: async () => { throw new Error('database is locked'); } } as Store;
  const c = consumer(failing, queueUrl, 1);
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification('n-2', 'N1-abc')) }));
  assert.equal(await c.pollOnce(), 1);
  assert.deepEqual(c.counts, { recorded: 0, retried: 1, unusable: 0 });
  await c.stop();
  // Once the store answers again, the redelivered message (visible again after 1 s) is recorded and deleted.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const healthy = consumer(store, queueUrl);
  let received = 0;
  for (let i = 0; i < 5 && received === 0; i += 1) received += await healthy.pollOnce();
  assert.equal(healthy.counts.recorded, 1);
  assert.equal(await messagesIn(queueUrl), 0);
  await healthy.stop();
  await store.close();
});

test('an unusable message is left to the redrive policy and ends in the dead-letter queue', async () => {
  const store = await storeWithOrder();
  const { queueUrl, dlqUrl } = await queues('unusable');
  const c = consumer(store, queueUrl, 0);
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'this is not a notification' }));
  for (let i = 0; i < 6; i += 1) await c.pollOnce();
  assert.ok(c.counts.unusable >= 2, `seen ${c.counts.unusable} times`);
  assert.equal(await messagesIn(queueUrl), 0);
  assert.equal(await messagesIn(dlqUrl), 1, 'moved to the dead-letter queue after maxReceiveCount');
  await c.stop();
  await store.close();
});

test('the notifications of one receive are recorded together, in one transaction', async () => {
  const store = await storeWithOrder();
  let transactions = 0;
  const counted: Store = { ...store, transaction: (fn) => { transactions += 1; return store.transaction(fn); } } as Store;
  const { queueUrl } = await queues('together');
  const c = consumer(counted, queueUrl, 30, new IntakeBatch<StatusIntake>(counted));
  for (let i = 0; i < 5; i += 1) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification(`t-${i}`, 'N1-abc')) }));
  const receives: number[] = [];
  while (receives.reduce((a, b) => a + b, 0) < 5 && receives.length < 10) {
    const n = await c.pollOnce();
    if (n > 0) receives.push(n);
  }
  assert.deepEqual(c.counts, { recorded: 5, retried: 0, unusable: 0 });
  assert.ok(receives.some((n) => n > 1), `the local server handed the messages over in receives of ${receives.join(', ')}: nothing to show`);
  assert.equal(transactions, receives.length, `one transaction per receive (receives of ${receives.join(', ')})`);
  assert.equal(await messagesIn(queueUrl), 0);
  await c.stop();
  await store.close();
});

