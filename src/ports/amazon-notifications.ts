// What the bridge needs of Amazon's Notifications API: an SQS destination for its queue, and a
// subscription per notification type delivering there. Implemented over SP-API (adapters/amazon).
import type { Result } from '../domain/shared/result.js';

export interface NotificationDestination {
  readonly destinationId: string;
  readonly name: string;
  /** The SQS queue ARN, for an SQS destination. */
  readonly sqsArn?: string;
}

export interface NotificationSubscription {
  readonly subscriptionId: string;
  readonly destinationId: string;
  readonly payloadVersion: string;
}

export interface AmazonNotificationsPort {
  listDestinations(): Promise<Result<NotificationDestination[]>>;
  createSqsDestination(name: string, queueArn: string): Promise<Result<NotificationDestination>>;
  /** The subscription of `notificationType`, or null when there is none. */
  getSubscription(notificationType: string): Promise<Result<NotificationSubscription | null>>;
  createSubscription(notificationType: string, payloadVersion: string, destinationId: string): Promise<Result<NotificationSubscription>>;
  deleteSubscription(notificationType: string, subscriptionId: string): Promise<Result<void>>;
}
