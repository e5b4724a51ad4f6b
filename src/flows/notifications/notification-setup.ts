// Makes Amazon deliver the bridge's notifications to its SQS queue, idempotently: finds the SQS
// destination for the queue (or creates it under SPAPI_DESTINATION_NAME), then finds or creates one
// subscription per notification type the bridge reads. A subscription that delivers to another
// destination is replaced, so the queue `start` reads is the one that receives. Run by `setup`.
// Docs: https://developer-docs.amazon.com/sp-api/docs/notifications-api-v1-use-case-guide
import { ok, type Result } from '../../domain/shared/result.js';
import type { AmazonNotificationsPort } from '../../ports/amazon-notifications.js';

/** The types the bridge acts on, with the payload version it reads. */
export const BRIDGE_NOTIFICATIONS: ReadonlyArray<{ readonly type: string; readonly payloadVersion: string; readonly why: string }> = [
  { type: 'FULFILLMENT_ORDER_STATUS', payloadVersion: '1.0', why: 'shipments and status changes of orders sent to FBA' },
  { type: 'FBA_INVENTORY_AVAILABILITY_CHANGES', payloadVersion: '1.0', why: 'FBA stock changes, synced at once' },
  { type: 'REPORT_PROCESSING_FINISHED', payloadVersion: '2020-09-04', why: 'a new settlement report: imported at once' },
];

export interface NotificationSetupLine {
  readonly resource: 'destination' | 'subscription';
  readonly key: string;
  /** `missing` and `to-replace` only when not applying (setup --dry-run). */
  readonly action: 'found' | 'created' | 'replaced' | 'missing' | 'to-replace';
  readonly description: string;
}

export interface NotificationSetupTarget {
  readonly queueArn: string;
  readonly destinationName: string;
}

export async function ensureNotificationDelivery(amazon: AmazonNotificationsPort, target: NotificationSetupTarget, apply = true): Promise<Result<NotificationSetupLine[]>> {
  const lines: NotificationSetupLine[] = [];
  const destinations = await amazon.listDestinations();
  if (!destinations.ok) return destinations;
  // The queue is what matters: an existing destination for it is used whatever its name.
  let destination = destinations.value.find((d) => d.sqsArn === target.queueArn);
  if (destination) {
    lines.push({ resource: 'destination', key: destination.name, action: 'found', description: `${destination.destinationId} → ${target.queueArn}` });
  } else if (!apply) {
    lines.push({ resource: 'destination', key: target.destinationName, action: 'missing', description: `→ ${target.queueArn}` });
    for (const wanted of BRIDGE_NOTIFICATIONS) lines.push({ resource: 'subscription', key: wanted.type, action: 'missing', description: wanted.why });
    return ok(lines);
  } else {
    const created = await amazon.createSqsDestination(target.destinationName, target.queueArn);
    if (!created.ok) return created;
    destination = created.value;
    lines.push({ resource: 'destination', key: destination.name, action: 'created', description: `${destination.destinationId} → ${target.queueArn}` });
  }
  for (const wanted of BRIDGE_NOTIFICATIONS) {
    const existing = await amazon.getSubscription(wanted.type);
    if (!existing.ok) return existing;
    if (existing.value && existing.value.destinationId === destination.destinationId) {
      lines.push({ resource: 'subscription', key: wanted.type, action: 'found', description: `${existing.value.subscriptionId}: ${wanted.why}` });
      continue;
    }
    if (!apply) {
      lines.push({ resource: 'subscription', key: wanted.type, action: existing.value ? 'to-replace' : 'missing', description: wanted.why });
      continue;
    }
    if (existing.value) {
      const removed = await amazon.deleteSubscription(wanted.type, existing.value.subscriptionId);
      if (!removed.ok) return removed;
    }
    const created = await amazon.createSubscription(wanted.type, wanted.payloadVersion, destination.destinationId);
    if (!created.ok) return created;
    lines.push({
      resource: 'subscription', key: wanted.type, action: existing.value ? 'replaced' : 'created',
      description: `${created.value.subscriptionId}: ${wanted.why}${existing.value ? ` (it delivered to destination ${existing.value.destinationId})` : ''}`,
    });
  }
  return ok(lines);
}
