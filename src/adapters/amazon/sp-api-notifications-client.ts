// AmazonNotificationsPort over Notifications API v1. Destinations (and deleting a subscription by id)
// are grantless operations: they go through a second SP-API HTTP client whose token is a
// client_credentials grant of scope sellingpartnerapi::notifications. Subscriptions per type are the
// seller's: the connection's usual client. Both share the governor (rate 1/s, burst 5 per operation).
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-reference
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import type { AmazonNotificationsPort, NotificationDestination, NotificationSubscription } from '../../ports/amazon-notifications.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { SpApiHttpClient } from './sp-api-http.js';

const PREFIX = '/notifications/v1';
export const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';

interface DestinationJson { destinationId?: string; name?: string; resource?: { sqs?: { arn?: string } } }
interface SubscriptionJson { subscriptionId?: string; destinationId?: string; payloadVersion?: string }

export class SpApiNotificationsClient implements AmazonNotificationsPort {
  /**
   * @param seller the connection's client (refresh-token grant)
   * @param grantless a client of the same application whose token is a client_credentials grant of NOTIFICATIONS_SCOPE
   */
  constructor(private readonly seller: SpApiHttpClient, private readonly grantless: SpApiHttpClient, private readonly priority = CallPriority.reports) {}

  async listDestinations(): Promise<Result<NotificationDestination[]>> {
    const answer = await this.grantless.request<{ payload?: DestinationJson[] }>({ operation: 'getDestinations', method: 'GET', path: `${PREFIX}/destinations`, priority: this.priority });
    if (!answer.ok) return answer;
    return ok((answer.value.body.payload ?? []).flatMap((d) => { const parsed = destination(d); return parsed ? [parsed] : []; }));
  }

  async createSqsDestination(name: string, queueArn: string): Promise<Result<NotificationDestination>> {
    const answer = await this.grantless.request<{ payload?: DestinationJson }>({
      operation: 'createDestination', method: 'POST', path: `${PREFIX}/destinations`, priority: this.priority,
      body: { name, resourceSpecification: { sqs: { arn: queueArn } } },
    });
    if (!answer.ok) return answer;
    const created = destination(answer.value.body.payload);
    return created ? ok(created) : fail(unreadable('createDestination'));
  }

  async getSubscription(notificationType: string): Promise<Result<NotificationSubscription | null>> {
    const answer = await this.seller.request<{ payload?: SubscriptionJson }>({
      operation: 'getSubscription', method: 'GET', path: `${PREFIX}/subscriptions/${encodeURIComponent(notificationType)}`, priority: this.priority,
    });
    if (!answer.ok) return answer.error.status === 404 ? ok(null) : answer;
    const found = subscription(answer.value.body.payload);
    return found ? ok(found) : fail(unreadable('getSubscription'));
  }

  async createSubscription(notificationType: string, payloadVersion: string, destinationId: string): Promise<Result<NotificationSubscription>> {
    const answer = await this.seller.request<{ payload?: SubscriptionJson }>({
      operation: 'createSubscription', method: 'POST', path: `${PREFIX}/subscriptions/${encodeURIComponent(notificationType)}`, priority: this.priority,
      body: { payloadVersion, destinationId },
    });
    if (!answer.ok) return answer;
    const created = subscription(answer.value.body.payload);
    return created ? ok(created) : fail(unreadable('createSubscription'));
  }

  async deleteSubscription(notificationType: string, subscriptionId: string): Promise<Result<void>> {
    const answer = await this.grantless.request({
      operation: 'deleteSubscriptionById', method: 'DELETE', priority: this.priority,
      path: `${PREFIX}/subscriptions/${encodeURIComponent(notificationType)}/${encodeURIComponent(subscriptionId)}`,
    });
    return answer.ok ? ok(undefined) : answer;
  }
}

function destination(d: DestinationJson | undefined): NotificationDestination | undefined {
  if (!d?.destinationId || typeof d.name !== 'string') return undefined;
  return { destinationId: d.destinationId, name: d.name, ...(d.resource?.sqs?.arn ? { sqsArn: d.resource.sqs.arn } : {}) };
}

function subscription(s: SubscriptionJson | undefined): NotificationSubscription | undefined {
  if (!s?.subscriptionId || !s.destinationId) return undefined;
  return { subscriptionId: s.subscriptionId, destinationId: s.destinationId, payloadVersion: s.payloadVersion ?? '' };
}

function unreadable(operation: string) {
  return failure('retryable', 'ServerError', `Amazon answered ${operation} without the payload its model describes`);
}
