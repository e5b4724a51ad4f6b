// Parses what commercetools delivers to the intake: a Google Pub/Sub push envelope
// ({"message":{"data":"<base64 JSON>","messageId":"…"}}, as commercetools Connect event apps get it)
// or the plain message JSON. Pure: returns a value or a reason. Ids beyond the intake limits are refused.
// Docs: https://docs.commercetools.com/connect/event-applications
import { fail, ok, type Result } from '../domain/shared/result.js';
import { firstIdentifierProblem } from '../domain/shared/identifier-limits.js';

export interface OrderMessageRef {
  /** Dedupe key: commercetools' message id (or Pub/Sub's when the payload has none). */
  readonly messageId: string;
  readonly projectKey?: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly messageType?: string;
  readonly sequenceNumber?: number;
  /** OrderCreated carries the order as it was created (references not expanded): unchecked JSON. */
  readonly order?: unknown;
}

/** The message, or why the body is not one. */
export type ParsedMessage = Result<OrderMessageRef, string>;

export function parseCommercetoolsMessage(body: unknown): ParsedMessage {
  if (!isObject(body)) return fail('the body is not a JSON object');
  let payload: unknown = body;
  let pubSubId: string | undefined;
  if (isObject(body.message)) {
    const data = body.message.data;
    pubSubId = typeof body.message.messageId === 'string' ? body.message.messageId : typeof body.message.message_id === 'string' ? body.message.message_id : undefined;
    if (typeof data !== 'string') return fail('a Pub/Sub envelope without message.data');
    try {
      payload = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    } catch {
      return fail('message.data is not base64-encoded JSON');
    }
  }
  if (!isObject(payload)) return fail('the message is not a JSON object');
  const resource = payload.resource;
  if (!isObject(resource) || typeof resource.typeId !== 'string' || typeof resource.id !== 'string') {
    return fail('the message has no resource {typeId, id}');
  }
  // Change notifications (ResourceCreated/Updated/Deleted) carry no id of their own: the resource's
  // version names the change just as well.
  const changeId = typeof payload.notificationType === 'string' && payload.notificationType.startsWith('Resource') && typeof payload.version === 'number'
    ? `${resource.typeId}:${resource.id}:v${payload.version}` : undefined;
  const messageId = typeof payload.id === 'string' ? payload.id : changeId ?? pubSubId;
  if (!messageId) return fail('the message has no id');
  const projectKey = typeof payload.projectKey === 'string' ? payload.projectKey : undefined;
  const problem = firstIdentifierProblem([['resource.id', resource.id], ['resource.typeId', resource.typeId], ['the message id', messageId], ['projectKey', projectKey]]);
  if (problem) return fail(problem);
  return ok({
      messageId,
      resourceType: resource.typeId,
      resourceId: resource.id,
      ...(typeof payload.projectKey === 'string' ? { projectKey: payload.projectKey } : {}),
      ...(typeof payload.type === 'string' ? { messageType: payload.type } : {}),
      ...(typeof payload.sequenceNumber === 'number' ? { sequenceNumber: payload.sequenceNumber } : {}),
      ...(payload.type === 'OrderCreated' && isObject(payload.order) ? { order: payload.order } : {}),
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
