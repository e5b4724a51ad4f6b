// commercetools subscriptions can deliver to SQS (destination type SQS, Platform format: the message
// JSON as the SQS body); CT_SQS_QUEUE_URL uses the same consumer as Amazon's notifications. Against a
// local SQS-compatible server with the real SDK: an OrderCreated message becomes order.export work
// and is deleted; its redelivery is recorded once; a message of another project stays for the
// redrive policy.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { openStore } from '../../src/adapters/store/open-store.js';
import { intakeHandlers } from '../../src/http/intake-handlers.js';
import { sqsIntake } from '../../src/app/sqs-intake.js';
import { silentLogger } from '../../src/adapters/logging/json-logger.js';
import type { BridgeConfig } from '../../src/config/bridge-config.js';
import { messagesIn, queueWithDeadLetters, startLocalSqs, type LocalSqs } from '../support/local-sqs.js';

let sqs: LocalSqs;

before(async () => { sqs = await startLocalSqs(); });
after(() => sqs.close());

const ORDER_ID = '9b2f6c1e-0000-4000-8000-0000000000aa';
const message = (id: string, projectKey = 'shop') => JSON.stringify({
  notificationType: 'Message', projectKey, id, version: 1, sequenceNumber: 1, type: 'OrderCreated',
  resource: { typeId: 'order', id: ORDER_ID }, resourceVersion: 1, createdAt: '2026-11-28T10:00:00.000Z',
});

test('commercetools messages from SQS: recorded once, deleted; another project\'s is left to the redrive policy', async () => {
  const store = await openStore(':memory:');
  await store.migrate();
  const { queueUrl, dlqUrl: dlq } = await queueWithDeadLetters(sqs.client, 'ct', 2);
  const config = { connections: [{ id: 'default', commercetools: { projectKey: 'shop' }, amazon: {} }] } as unknown as BridgeConfig;
  const intake = intakeHandlers({ store, config, workClock: { now: () => new Date(5_000) }, logger: silentLogger, wake: () => {} });
  const consumer = sqsIntake({ queueUrl, endpoint: sqs.endpoint, visibilityTimeoutSeconds: 1, waitTimeSeconds: 0 }, 'commercetools', intake.commercetools, silentLogger);
  await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message('m-1') }));
  await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message('m-1') }));
  await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message('m-2', 'another-project') }));
  // A refused message is seen again once its 1 s visibility timeout has passed; after 2 receipts SQS moves it.
  for (let i = 0; i < 4; i += 1) {
    await consumer.pollOnce();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  assert.equal(consumer.counts.recorded, 2, `the message and its redelivery: ${JSON.stringify(consumer.counts)}`);
  assert.ok(consumer.counts.unusable >= 2, `another project's message refused ${consumer.counts.unusable} times`);
  assert.equal((await store.work.get('default', 'order.export', ORDER_ID))?.state, 'pending');
  assert.equal(await messagesIn(sqs.client, queueUrl), 0);
  assert.equal(await messagesIn(sqs.client, dlq), 1, 'moved to the dead-letter queue after maxReceiveCount');
  await consumer.stop();
  await store.close();
});
