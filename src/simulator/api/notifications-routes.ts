// Notifications API v1 (`/notifications/v1`), the operations a bridge needs to receive notifications in
// its own SQS queue: destinations (createDestination, getDestinations, getDestination, deleteDestination:
// grantless, so they need a client_credentials token of scope sellingpartnerapi::notifications) and
// subscriptions (getSubscription and createSubscription per notification type with the seller's token;
// getSubscriptionById and deleteSubscriptionById grantless). What a subscription delivers, and where, is
// notifications/subscription-outlet.ts.
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-reference;
// ../shared/spapi-models/notifications.json.
import { errorAnswer, type ErrorAnswer } from '../amazon-errors.js';
import { json, type Route, type SimRequest, type SimResponse } from '../http/route.js';
import { streamFor } from '../seeded-random.js';
import type { SimulatorState } from '../state/simulator-state.js';
import type { SimDestination, SimSubscription } from '../state/sim-records.js';
import { NOTIFICATION_TYPES } from '../notifications/notification-json.js';

const PREFIX = '/notifications/v1';
export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';
/** The model's SqsResource.arn pattern. */
const SQS_ARN = /^arn:aws:sqs:\S+:\S+:\S+/;
const MAX_NAME = 256;

const fail = (error: ErrorAnswer): SimResponse => ({ status: error.status, body: error.body });
const invalid = (message: string): SimResponse => fail(errorAnswer(400, 'InvalidInput', message));
// Unverified wordings below: Amazon answers these cases with the codes the model lists (404, 409).
const notFound = (what: string): SimResponse => fail(errorAnswer(404, 'NotFound', `${what} not found`));
const conflict = (message: string): SimResponse => fail(errorAnswer(409, 'Conflict', message));

export function notificationsRoutes(seed: number, state: SimulatorState): Route[] {
  const newId = (): string => {
    state.counters.notificationResources = (state.counters.notificationResources ?? 0) + 1;
    const hex = streamFor(seed, 'notification-resource', state.counters.notificationResources).chars(32, '0123456789abcdef');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const grantless = { grantlessScope: NOTIFICATIONS_SCOPE } as const;

  return [
    {
      method: 'GET', pattern: `${PREFIX}/destinations`, operation: 'getDestinations', ...grantless,
      handle: () => json(200, { payload: [...state.destinations.values()].map(destinationJson) }),
    },
    {
      method: 'POST', pattern: `${PREFIX}/destinations`, operation: 'createDestination', ...grantless,
      handle(request) {
        const body = objectBody(request);
        if (!body) return invalid('The request body is malformed.');
        const name = body.name;
        if (typeof name !== 'string' || name.trim() === '') return invalid('The request must contain the parameter name.');
        if (name.length > MAX_NAME) return invalid(`Value ${name} for parameter name is invalid. Reason: at most ${MAX_NAME} characters.`);
        const spec = isObject(body.resourceSpecification) ? body.resourceSpecification : undefined;
        if (!spec) return invalid('The request must contain the parameter resourceSpecification.');
        if (spec.eventBridge !== undefined) return invalid('The simulator delivers to SQS only: give resourceSpecification.sqs.arn.');
        const arn = isObject(spec.sqs) ? spec.sqs.arn : undefined;
        if (typeof arn !== 'string' || !SQS_ARN.test(arn)) return invalid(`Value ${typeof arn === 'string' ? arn : ''} for parameter resourceSpecification.sqs.arn is invalid. Reason: InvalidValue.`);
        if ([...state.destinations.values()].some((d) => d.sqsArn === arn)) return conflict(`A destination for ${arn} already exists.`);
        const destination: SimDestination = { destinationId: newId(), name, sqsArn: arn };
        state.destinations.set(destination.destinationId, destination);
        return json(200, { payload: destinationJson(destination) });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/destinations/{destinationId}`, operation: 'getDestination', ...grantless,
      handle(request) {
        const destination = state.destinations.get(request.params.destinationId ?? '');
        return destination ? json(200, { payload: destinationJson(destination) }) : notFound(`Destination ${request.params.destinationId ?? ''}`);
      },
    },
    {
      method: 'DELETE', pattern: `${PREFIX}/destinations/{destinationId}`, operation: 'deleteDestination', ...grantless,
      handle(request) {
        // Subscriptions that point at it stay; their deliveries fail (as Amazon's would to a deleted queue).
        return state.destinations.delete(request.params.destinationId ?? '') ? json(200, {}) : notFound(`Destination ${request.params.destinationId ?? ''}`);
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/subscriptions/{notificationType}`, operation: 'getSubscription',
      handle(request) {
        const type = request.params.notificationType ?? '';
        const unknown = unknownType(type);
        if (unknown) return unknown;
        const subscription = state.subscriptions.get(type);
        const version = request.query.get('payloadVersion');
        if (!subscription || (version !== null && version !== subscription.payloadVersion)) return notFound(`Subscription for ${type}`);
        return json(200, { payload: subscriptionJson(subscription) });
      },
    },
    {
      method: 'POST', pattern: `${PREFIX}/subscriptions/{notificationType}`, operation: 'createSubscription',
      handle(request) {
        const type = request.params.notificationType ?? '';
        const unknown = unknownType(type);
        if (unknown) return unknown;
        const body = objectBody(request);
        if (!body) return invalid('The request body is malformed.');
        if (typeof body.payloadVersion !== 'string' || body.payloadVersion === '') return invalid('The request must contain the parameter payloadVersion.');
        if (typeof body.destinationId !== 'string' || body.destinationId === '') return invalid('The request must contain the parameter destinationId.');
        if (!state.destinations.has(body.destinationId)) return invalid(`Value ${body.destinationId} for parameter destinationId is invalid. Reason: no such destination.`);
        const existing = state.subscriptions.get(type);
        if (existing) return conflict(`A subscription for ${type} already exists: ${existing.subscriptionId}.`);
        const subscription: SimSubscription = {
          subscriptionId: newId(), notificationType: type, payloadVersion: body.payloadVersion, destinationId: body.destinationId,
          ...(isObject(body.processingDirective) ? { processingDirective: body.processingDirective } : {}),
        };
        state.subscriptions.set(type, subscription);
        return json(200, { payload: subscriptionJson(subscription) });
      },
    },
    {
      method: 'GET', pattern: `${PREFIX}/subscriptions/{notificationType}/{subscriptionId}`, operation: 'getSubscriptionById', ...grantless,
      handle(request) {
        const subscription = byId(state, request);
        return subscription ? json(200, { payload: subscriptionJson(subscription) }) : notFound(`Subscription ${request.params.subscriptionId ?? ''}`);
      },
    },
    {
      method: 'DELETE', pattern: `${PREFIX}/subscriptions/{notificationType}/{subscriptionId}`, operation: 'deleteSubscriptionById', ...grantless,
      handle(request) {
        const subscription = byId(state, request);
        if (!subscription) return notFound(`Subscription ${request.params.subscriptionId ?? ''}`);
        state.subscriptions.delete(subscription.notificationType);
        return json(200, {});
      },
    },
  ];
}

/** The types the simulator can deliver; others are refused rather than silently never sent. */
function unknownType(type: string): SimResponse | undefined {
  if ((NOTIFICATION_TYPES as readonly string[]).includes(type)) return undefined;
  return invalid(`Value ${type} for parameter notificationType is invalid. Reason: the simulator delivers ${NOTIFICATION_TYPES.join(', ')}.`);
}

function byId(state: SimulatorState, request: SimRequest): SimSubscription | undefined {
  const subscription = state.subscriptions.get(request.params.notificationType ?? '');
  return subscription?.subscriptionId === request.params.subscriptionId ? subscription : undefined;
}

function destinationJson(d: SimDestination) {
  return { destinationId: d.destinationId, name: d.name, resource: { sqs: { arn: d.sqsArn } } };
}

function subscriptionJson(s: SimSubscription) {
  return {
    subscriptionId: s.subscriptionId, payloadVersion: s.payloadVersion, destinationId: s.destinationId,
    ...(s.processingDirective ? { processingDirective: s.processingDirective } : {}),
  };
}

function objectBody(request: SimRequest): Record<string, unknown> | undefined {
  return !request.malformedBody && isObject(request.body) ? request.body : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
