// parseCommercetoolsMessage: a Google Pub/Sub push envelope (base64 JSON in message.data) or the plain
// message JSON become a reference to the resource; anything else becomes a reason a person can read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommercetoolsMessage } from '../../src/http/commercetools-message.js';

const ORDER_ID = '9b2f6c1e-0000-4000-8000-000000000001';
const MESSAGE = {
  notificationType: 'Message', projectKey: 'shop', id: 'msg-1', version: 1, sequenceNumber: 3, type: 'OrderCreated',
  resource: { typeId: 'order', id: ORDER_ID }, resourceVersion: 1, resourceUserProvidedIdentifiers: { orderNumber: '10001' },
};

const base64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
const envelope = (data: unknown, extra: Record<string, unknown> = {}) => ({ message: { data: base64(data), messageId: 'pubsub-7', ...extra }, subscription: 'projects/p/subscriptions/s' });

describe('parseCommercetoolsMessage: accepted', () => {
  const full = { messageId: 'msg-1', projectKey: 'shop', resourceType: 'order', resourceId: ORDER_ID, messageType: 'OrderCreated', sequenceNumber: 3 };
  const cases: Array<[string, unknown, object]> = [
    ['a Pub/Sub envelope with base64 data', envelope(MESSAGE), full],
    ['the plain message JSON', MESSAGE, full],
    ["a payload without an id: Pub/Sub's messageId", envelope({ resource: { typeId: 'order', id: ORDER_ID } }), { messageId: 'pubsub-7', resourceType: 'order', resourceId: ORDER_ID }],
    ["Pub/Sub's message_id spelling", { message: { data: base64({ resource: { typeId: 'order', id: 'o' } }), message_id: 'pubsub-8' } }, { messageId: 'pubsub-8', resourceType: 'order', resourceId: 'o' }],
    ['a change notification of another resource', { id: 'm', resource: { typeId: 'product', id: 'p-1' } }, { messageId: 'm', resourceType: 'product', resourceId: 'p-1' }],
    ['a ResourceUpdated change notification: the version names the change', { notificationType: 'ResourceUpdated', projectKey: 'shop', resource: { typeId: 'order', id: ORDER_ID }, version: 5, oldVersion: 4 },
      { messageId: `order:${ORDER_ID}:v5`, projectKey: 'shop', resourceType: 'order', resourceId: ORDER_ID }],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => assert.deepEqual(parseCommercetoolsMessage(body), { ok: true, value: expected }));
  }
});

describe('parseCommercetoolsMessage: refused with a reason', () => {
  const cases: Array<[string, unknown, string]> = [
    ['nothing', undefined, 'the body is not a JSON object'],
    ['an array', [MESSAGE], 'the body is not a JSON object'],
    ['a string', 'order', 'the body is not a JSON object'],
    ['an envelope without data', { message: { messageId: 'x' } }, 'a Pub/Sub envelope without message.data'],
    ['data that is not JSON', { message: { data: base64('{"id": "m", resource') } }, 'message.data is not base64-encoded JSON'],
    ['data that is a JSON array', envelope([1, 2]), 'the message is not a JSON object'],
    ['no resource', { id: 'm', type: 'OrderCreated' }, 'the message has no resource {typeId, id}'],
    ['a resource without id', { id: 'm', resource: { typeId: 'order' } }, 'the message has no resource {typeId, id}'],
    ['a resource id that is not a string', { id: 'm', resource: { typeId: 'order', id: 42 } }, 'the message has no resource {typeId, id}'],
    ['no message id at all', { resource: { typeId: 'order', id: ORDER_ID } }, 'the message has no id'],
    ['an order id of half a megabyte', { id: 'm', resource: { typeId: 'order', id: 'x'.repeat(524_288) } }, 'resource.id is 524288 characters long; at most 256 are accepted'],
    ['a NUL byte in the order id (PostgreSQL cannot store it)', { id: 'm', resource: { typeId: 'order', id: 'a\u0000b' } }, 'resource.id contains a control character'],
    ['a newline in the message id', { id: 'm\n1', resource: { typeId: 'order', id: ORDER_ID } }, 'the message id contains a control character'],
    ['a project key beyond the limit', { id: 'm', projectKey: 'p'.repeat(300), resource: { typeId: 'order', id: ORDER_ID } }, 'projectKey is 300 characters long; at most 256 are accepted'],
  ];
  for (const [name, body, reason] of cases) {
    it(name, () => assert.deepEqual(parseCommercetoolsMessage(body), { ok: false, error: reason }));
  }
});
