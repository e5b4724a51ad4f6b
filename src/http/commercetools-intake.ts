// POST /events/commercetools: records the order as dirty durably, then answers 2xx. If the store
// cannot record it, the answer is 503 so commercetools/Pub/Sub delivers the message again.
import type { Store, EnqueuedWork } from '../ports/store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { parseCommercetoolsMessage } from './commercetools-message.js';
import { TRIAGE_PRIORITY } from '../flows/orders/order-flow-types.js';

export interface IntakeConnection {
  readonly id: string;
  readonly projectKey: string;
}

export interface IntakeAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface IntakeDeps {
  readonly store: Store;
  readonly connections: readonly IntakeConnection[];
  readonly workClock: Clock;
  readonly logger: Logger;
  /** Called after work was recorded, so an idle worker starts at once. */
  /** New work was enqueued (what and when, where known): the work runners claim it. */
  readonly wake: (enqueued?: EnqueuedWork) => void;
  /**
   * The export priority of an order an OrderCreated message carries, when the message alone tells
   * (routing, speed); undefined otherwise. Without it every new order gets a first look above all
   * priorities (TRIAGE_PRIORITY), which reads the order to find its place in the backlog.
   */
  readonly orderPriority?: (connectionId: string, order: unknown) => number | undefined;
}

export async function acceptCommercetoolsMessage(deps: IntakeDeps, body: unknown): Promise<IntakeAnswer> {
  const parsed = parseCommercetoolsMessage(body);
  if (!parsed.ok) return { status: 400, body: { error: `not a commercetools message: ${parsed.error}` } };
  const m = parsed.value;
  const connection = m.projectKey ? deps.connections.find((c) => c.projectKey === m.projectKey) : deps.connections[0];
  if (!connection) return { status: 400, body: { error: `no connection is configured for commercetools project "${m.projectKey}"` } };
  if (m.resourceType !== 'order') return { status: 202, body: { ignored: `resource type ${m.resourceType}` } };
  const now = deps.workClock.now().getTime();
  // The order's own place in the backlog when the message says it: no first look needed (ADR 25).
  const priority = m.order !== undefined && m.order !== null && (m.order as { id?: unknown }).id === m.resourceId ? deps.orderPriority?.(connection.id, m.order) : undefined;
  try {
    const fresh = await deps.store.transaction(async (tx) => {
      const isNew = await tx.inbox.record(`commercetools:${connection.id}`, m.messageId, now);
      if (isNew) {
        await tx.work.enqueue({ connectionId: connection.id, kind: 'order.export', subjectId: m.resourceId, priority: priority ?? TRIAGE_PRIORITY, runAt: now }, now);
      }
      return isNew;
    });
    if (fresh) deps.wake({ kind: 'order.export', runAt: now });
    return { status: 202, body: fresh ? { accepted: m.resourceId } : { duplicate: m.messageId } };
  } catch (err) {
    deps.logger.error('could not record a commercetools message; asking for redelivery', { messageId: m.messageId, error: err });
    return { status: 503, body: { error: 'could not record the message; deliver it again' } };
  }
}
