// Routes an order work item to its flow, for the connection it belongs to, and turns dead letters
// into exceptions a person sees (with the last error in plain words).
import type { Store, WorkItem } from '../../ports/store.js';
import { EXCEPTION_INFO } from '../../domain/exceptions/exception-types.js';
import type { OrderFlowDeps, TaskOutcome } from './order-flow-types.js';
import { exportOrder } from './order-export-handler.js';
import { trackOrder } from '../shipments/order-track-handler.js';
import { GAVE_UP_TYPES, resolveOrderProblems } from './order-exceptions.js';

export function orderWorkHandler(depsByConnection: ReadonlyMap<string, OrderFlowDeps>): (item: WorkItem) => Promise<TaskOutcome> {
  return async (item) => {
    const deps = depsByConnection.get(item.connectionId);
    if (!deps) return { outcome: 'dead', error: `no connection "${item.connectionId}" is configured any more` };
    const outcome = item.kind === 'order.export' ? await exportOrder(deps, item) : await trackOrder(deps, item);
    if (outcome.outcome === 'done') {
      // The work that once gave up has gone through: its exception closes by itself.
      const why = item.kind === 'order.export' ? 'the storefront side of the order went through' : 'the shipments and status were written back';
      await resolveOrderProblems(deps.store, { connectionId: deps.connectionId, orderId: item.subjectId }, deps.clock.now().getTime(), GAVE_UP_TYPES[item.kind], why);
    }
    return outcome;
  };
}

/** `store` is the dead letter's own transaction, so the exception and the dead letter commit together. */
export async function raiseDeadLetter(deps: OrderFlowDeps, store: Store, item: WorkItem, error: string): Promise<void> {
  const type = item.kind === 'order.export' ? 'order.send-failed' : 'shipment.write-failed';
  const link = await store.orderLinks.get(deps.connectionId, item.subjectId);
  const what = item.kind === 'order.export' ? 'send this order to Amazon' : 'bring this order\'s shipments back to commercetools';
  await store.exceptions.raise({
    connectionId: deps.connectionId, type, owner: EXCEPTION_INFO[type].owner, subjectType: 'order', subjectId: item.subjectId,
    subjectLabel: link?.orderNumber ?? null,
    reason: `The bridge tried ${item.attempts} times to ${what} and gave up. Last error: ${error}`,
    action: EXCEPTION_INFO[type].action,
  }, deps.clock.now().getTime());
}
