// The simulator's Notifications API v1: destinations need a grantless token (client_credentials, scope
// sellingpartnerapi::notifications) and refuse a seller's; subscriptions per type need the seller's;
// answers conform to notifications.json; and a subscribed type is delivered to the destination's queue
// on a local SQS-compatible server (local-aws-sqs, AWS's JSON protocol) through the real SDK: order
// status, availability changes and REPORT_PROCESSING_FINISHED for a settlement report, each under its
// subscription's id.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueArn, startLocalSqs, type LocalSqs } from '../support/local-sqs.js';
import {
  MODELS_MISSING, SpApiTestClient, explain, modelValidator, modelsAvailable, notificationValidator, orderRequest, withHarness, type Answer,
} from './sim-harness.js';

const NOTIFICATIONS = '/notifications/v1';
const ARN = 'arn:aws:sqs:us-east-1:123456789012:fba-bridge-notifications';

let local: LocalSqs;
let sqsEndpoint: string;
let sqs: SQSClient;

before(async () => {
  local = await startLocalSqs();
  sqsEndpoint = local.endpoint;
  sqs = local.client;
});

after(() => local.close());

/** A client holding a grantless token of `scope`. */
async function grantless(url: string, scope = 'sellingpartnerapi::notifications'): Promise<{ client: SpApiTestClient; answer: Answer }> {
  const res = await fetch(`${url}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope, client_id: 'amzn1.application-oa2-client.test', client_secret: 'secret' }).toString(),
  });
  const json = await res.json() as { access_token?: string };
  const client = new SpApiTestClient(url);
  client.token = json.access_token ?? '';
  return { client, answer: { status: res.status, json, headers: res.headers } };
}

function conforms(answer: Answer, definition: string): void {
  const validate = modelValidator('notifications.json', definition);
  assert.ok(validate(answer.json), `${definition} (HTTP ${answer.status}): ${explain(validate)}\n${JSON.stringify(answer.json)}`);
}

test('destinations are grantless, subscriptions the seller\'s; both are kept once', async (t: TestContext) => {
  await withHarness(async ({ sim, api }) => {
    const badScope = await grantless(sim.url, 'sellingpartnerapi::orders');
    assert.equal(badScope.answer.status, 400);
    assert.equal(badScope.answer.json.error, 'invalid_scope');
    const { client: app } = await grantless(sim.url);

    const body = { name: 'fba-bridge', resourceSpecification: { sqs: { arn: ARN } } };
    assert.equal((await api.call('POST', `${NOTIFICATIONS}/destinations`, body)).status, 403, 'a seller token is refused for a grantless operation');
    const created = await app.call('POST', `${NOTIFICATIONS}/destinations`, body);
    assert.equal(created.status, 200);
    assert.equal((await app.call('POST', `${NOTIFICATIONS}/destinations`, body)).status, 409, 'one destination per queue');
    const listed = await app.call('GET', `${NOTIFICATIONS}/destinations`);
    assert.deepEqual(listed.json.payload, [created.json.payload]);
    const destinationId = created.json.payload.destinationId as string;

    const subscribe = { payloadVersion: '1.0', destinationId };
    assert.equal((await app.call('POST', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`, subscribe)).status, 403, 'a grantless token is refused for a seller operation');
    assert.equal((await api.call('GET', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`)).status, 404);
    const subscribed = await api.call('POST', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`, subscribe);
    assert.equal(subscribed.status, 200);
    assert.equal((await api.call('POST', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`, subscribe)).status, 409);
    const found = await api.call('GET', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`);
    assert.deepEqual(found.json.payload, subscribed.json.payload);
    assert.equal((await api.call('POST', `${NOTIFICATIONS}/subscriptions/ANY_OFFER_CHANGED`, subscribe)).status, 400, 'a type the simulator cannot deliver');
    assert.equal((await api.call('POST', `${NOTIFICATIONS}/subscriptions/REPORT_PROCESSING_FINISHED`, { payloadVersion: '2020-09-04', destinationId: 'nope' })).status, 400);

    const subscriptionId = subscribed.json.payload.subscriptionId as string;
    const byId = await app.call('GET', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS/${subscriptionId}`);
    assert.equal(byId.status, 200);
    if (modelsAvailable) {
      conforms(created, 'CreateDestinationResponse');
      conforms(listed, 'GetDestinationsResponse');
      conforms(subscribed, 'CreateSubscriptionResponse');
      conforms(found, 'GetSubscriptionResponse');
      conforms(byId, 'GetSubscriptionByIdResponse');
    } else t.diagnostic(MODELS_MISSING);

    const deleted = await app.call('DELETE', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS/${subscriptionId}`);
    assert.equal(deleted.status, 200);
    if (modelsAvailable) conforms(deleted, 'DeleteSubscriptionByIdResponse');
    assert.equal((await api.call('GET', `${NOTIFICATIONS}/subscriptions/FULFILLMENT_ORDER_STATUS`)).status, 404);
    assert.equal((await app.call('DELETE', `${NOTIFICATIONS}/destinations/${destinationId}`)).status, 200);
    assert.deepEqual((await app.call('GET', `${NOTIFICATIONS}/destinations`)).json.payload, []);
  });
});

test('subscribed types are delivered to the destination queue through SQS, under their subscription id', async (t: TestContext) => {
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'fba-bridge-notifications' }))).QueueUrl!;
  const arn = await queueArn(sqs, queueUrl);
  assert.equal(arn, ARN);
  await withHarness(async ({ sim, api }) => {
    const { client: app } = await grantless(sim.url);
    const destinationId = (await app.call('POST', `${NOTIFICATIONS}/destinations`, { name: 'fba-bridge', resourceSpecification: { sqs: { arn } } })).json.payload.destinationId;
    const subscriptions = new Map<string, string>();
    for (const [type, payloadVersion] of [['FULFILLMENT_ORDER_STATUS', '1.0'], ['FBA_INVENTORY_AVAILABILITY_CHANGES', '1.0'], ['REPORT_PROCESSING_FINISHED', '2020-09-04']]) {
      const answer = await api.call('POST', `${NOTIFICATIONS}/subscriptions/${type}`, { payloadVersion, destinationId });
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      subscriptions.set(type!, answer.json.payload.subscriptionId);
    }
    await api.stock('MUG', 5);
    await api.createOrder(orderRequest('Q-1', [['MUG', 1]]));
    sim.advance(10 * 3600);
    assert.equal((await api.admin('POST', '/settlements/close')).status, 200);
    await sim.notificationsIdle();

    const bodies: any[] = [];
    for (let i = 0; i < 20; i++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (!got.Messages?.length) break;
      bodies.push(...got.Messages.map((m) => JSON.parse(m.Body!)));
    }
    const typeOf = (n: any): string => n.NotificationType ?? n.notificationType;
    const subscriptionOf = (n: any): string => n.NotificationMetadata?.SubscriptionId ?? n.notificationMetadata?.subscriptionId;
    const types = new Set(bodies.map(typeOf));
    assert.deepEqual([...types].sort(), ['FBA_INVENTORY_AVAILABILITY_CHANGES', 'FULFILLMENT_ORDER_STATUS', 'REPORT_PROCESSING_FINISHED']);
    for (const n of bodies) assert.equal(subscriptionOf(n), subscriptions.get(typeOf(n)), `${typeOf(n)} carries its subscription's id`);
    const shipped = bodies.find((n) => n.Payload?.FulfillmentOrderStatusNotification?.EventType === 'Shipment');
    assert.equal(shipped?.Payload.FulfillmentOrderStatusNotification.SellerFulfillmentOrderId, 'Q-1');
    const report = bodies.find((n) => typeOf(n) === 'REPORT_PROCESSING_FINISHED');
    assert.equal(report.payload.reportProcessingFinishedNotification.reportType, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2');
    assert.equal(report.payload.reportProcessingFinishedNotification.processingStatus, 'DONE');
    if (modelsAvailable) {
      const validate = notificationValidator('ReportProcessingFinishedNotification.json');
      assert.ok(validate(report), explain(validate));
    } else t.diagnostic(MODELS_MISSING);
    const seen = await api.admin('GET', '/notifications');
    assert.equal(seen.json.subscriptions.queues[0].queue, arn);
    assert.equal(seen.json.subscriptions.queues[0].counts.failed, 0);
  }, { sqsEndpoint, notifyRetryDelaysMs: [10, 10] });
});
