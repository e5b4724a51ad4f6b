// Where a notification goes once made. Two outlets: the URL given at start (`--notify-url`, every
// notification of the two types it has always carried, under the simulator's own subscription ids) and
// the Notifications API's subscriptions (each type someone subscribed to, under that subscription's id,
// to the SQS queue of its destination). A notification is made once and handed to every outlet that
// takes its type, so both see the same NotificationId.
import type { SimulatorState } from '../state/simulator-state.js';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { deliveryBody, type Json, type NotificationSource, type NotificationType, type NotifyFormat } from './notification-json.js';
import { NotificationSender, type DeliveryRecord } from './notification-sender.js';
import { sqsTransport } from './sqs-transport.js';

export interface DeliveryMeta {
  readonly notificationId: string;
  readonly notificationType: NotificationType;
  readonly subject: string;
}

export interface NotificationOutlet {
  /** The subscription id `type` goes out under here, or undefined when this outlet does not take it. */
  subscriptionFor(type: NotificationType, source: NotificationSource): string | undefined;
  deliver(notification: Json, meta: DeliveryMeta, source: NotificationSource): void;
  idle(): Promise<void>;
  close(): void;
}

/** The types `--notify-url` carries (REPORT_PROCESSING_FINISHED only through a subscription). */
const URL_TYPES: ReadonlySet<NotificationType> = new Set(['FBA_INVENTORY_AVAILABILITY_CHANGES', 'FULFILLMENT_ORDER_STATUS']);

export class UrlOutlet implements NotificationOutlet {
  constructor(readonly sender: NotificationSender, readonly format: NotifyFormat) {}

  subscriptionFor(type: NotificationType, source: NotificationSource): string | undefined {
    return URL_TYPES.has(type) ? source.subscriptionIds[type] : undefined;
  }

  deliver(notification: Json, meta: DeliveryMeta, source: NotificationSource): void {
    this.sender.send(deliveryBody(source, this.format, notification), meta);
  }

  idle(): Promise<void> {
    return this.sender.idle();
  }

  close(): void {
    this.sender.close();
  }
}

/** Deliveries to the SQS destinations of the Notifications API's subscriptions. */
export class SubscriptionOutlet implements NotificationOutlet {
  readonly #state: SimulatorState;
  readonly #client: SQSClient;
  readonly #retryDelaysMs: readonly number[] | undefined;
  /** One sender per destination queue. */
  readonly #senders = new Map<string, NotificationSender>();
  /** Notifications whose subscription's destination was deleted: Amazon cannot deliver them either. */
  undeliverable = 0;

  constructor(state: SimulatorState, client: SQSClient, retryDelaysMs?: readonly number[]) {
    this.#state = state;
    this.#client = client;
    this.#retryDelaysMs = retryDelaysMs;
  }

  subscriptionFor(type: NotificationType): string | undefined {
    return this.#state.subscriptions.get(type)?.subscriptionId;
  }

  deliver(notification: Json, meta: DeliveryMeta): void {
    const subscription = this.#state.subscriptions.get(meta.notificationType);
    const destination = subscription ? this.#state.destinations.get(subscription.destinationId) : undefined;
    if (!destination) {
      this.undeliverable += 1;
      return;
    }
    let sender = this.#senders.get(destination.sqsArn);
    if (!sender) {
      sender = new NotificationSender({
        transport: sqsTransport(this.#client, destination.sqsArn),
        ...(this.#retryDelaysMs ? { retryDelaysMs: this.#retryDelaysMs } : {}),
      });
      this.#senders.set(destination.sqsArn, sender);
    }
    sender.send(notification, meta);
  }

  /** Per destination queue: counts and the most recent deliveries. */
  report(): Array<{ queue: string; counts: NotificationSender['counts'] & { pending: number }; recent: DeliveryRecord[] }> {
    return [...this.#senders.values()].map((s) => ({ queue: s.url, counts: { ...s.counts, pending: s.pending }, recent: s.recent.slice(-100) }));
  }

  async idle(): Promise<void> {
    await Promise.all([...this.#senders.values()].map((s) => s.idle()));
  }

  close(): void {
    for (const sender of this.#senders.values()) sender.close();
    this.#client.destroy();
  }
}
