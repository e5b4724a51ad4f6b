// The commercetools subscription that feeds the bridge order messages: created by a Connect
// deployment's post-deploy step towards the Pub/Sub topic Connect made for the event application, and
// removed by its pre-undeploy step. Idempotent: found as it should be → left alone; found pointing
// elsewhere (an older deployment's topic) → replaced; removing an absent one is not an error.
// Docs: https://docs.commercetools.com/api/projects/subscriptions
import type { Destination, Subscription } from '@commercetools/platform-sdk';
import { ok, type Result } from '../../domain/shared/result.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { read, send } from './ct-errors.js';

/** The subscription's key in every project the bridge is deployed to. */
export const BRIDGE_SUBSCRIPTION_KEY = 'fba-bridge-orders';
/** The order messages the bridge's intake acts on. */
export const BRIDGE_ORDER_MESSAGES = ['OrderCreated', 'OrderStateChanged', 'OrderPaymentStateChanged'] as const;

export type SubscriptionOutcome = 'created' | 'found' | 'replaced' | 'removed' | 'absent';

export class CommercetoolsSubscriptionSetup {
  constructor(private readonly api: CommercetoolsApi, private readonly key = BRIDGE_SUBSCRIPTION_KEY) {}

  /** Order messages to a Google Cloud Pub/Sub topic (what Connect gives an event application). */
  async ensurePubSub(projectId: string, topic: string): Promise<Result<SubscriptionOutcome>> {
    const destination: Destination = { type: 'GoogleCloudPubSub', projectId, topic };
    const found = await read(() => this.api.subscriptions().withKey({ key: this.key }).get().execute());
    if (!found.ok) return found;
    if (found.value && sameDestination(found.value, destination)) return ok('found');
    if (found.value) {
      const removed = await this.#delete(found.value);
      if (!removed.ok) return removed;
    }
    const created = await send(() => this.api.subscriptions().post({
      body: { key: this.key, destination, messages: [{ resourceTypeId: 'order', types: [...BRIDGE_ORDER_MESSAGES] }] },
    }).execute());
    if (!created.ok) return created;
    return ok(found.value ? 'replaced' : 'created');
  }

  async remove(): Promise<Result<SubscriptionOutcome>> {
    const found = await read(() => this.api.subscriptions().withKey({ key: this.key }).get().execute());
    if (!found.ok) return found;
    if (!found.value) return ok('absent');
    const removed = await this.#delete(found.value);
    return removed.ok ? ok('removed') : removed;
  }

  #delete(subscription: Subscription): Promise<Result<Subscription>> {
    return send(() => this.api.subscriptions().withKey({ key: this.key }).delete({ queryArgs: { version: subscription.version } }).execute());
  }
}

function sameDestination(subscription: Subscription, wanted: Destination): boolean {
  const d = subscription.destination;
  return d.type === 'GoogleCloudPubSub' && wanted.type === 'GoogleCloudPubSub' && d.projectId === wanted.projectId && d.topic === wanted.topic;
}
