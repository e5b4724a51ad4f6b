// Writes the bridge's view (Amazon id, FBA status, a plain-words note) onto the commercetools order,
// so people in the Merchant Center see it. Best effort: a failure here never undoes or blocks the
// Amazon side — the track flow writes the status again whenever it differs.
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import type { FbaExportRecord } from '../../ports/commercetools-orders.js';
import type { OrderFlowDeps } from './order-flow-types.js';

const MAX_VERSION_RETRIES = 3;

export async function recordOnOrder(deps: OrderFlowDeps, order: StorefrontOrder, record: FbaExportRecord): Promise<StorefrontOrder> {
  let current = order;
  for (let attempt = 0; attempt <= MAX_VERSION_RETRIES; attempt++) {
    if (alreadyRecorded(current, record)) return current;
    const written = await deps.commercetools.recordFbaState(current.id, current.version, record);
    if (written.ok) {
      await deps.store.audit.append({
        connectionId: deps.connectionId, system: 'commercetools', action: 'recordFbaState', subjectType: 'order', subjectId: order.id,
        outcome: 'ok', message: `fbaStatus=${record.fbaStatus}${record.message ? `: ${record.message}` : ''}`, at: deps.clock.now().getTime(),
      });
      return written.value;
    }
    if (written.error.code !== 'ConcurrentModification') {
      deps.logger.warn('could not record the FBA state on the commercetools order', { orderId: order.id, error: written.error.message });
      return current;
    }
    const reread = await deps.commercetools.getOrder(order.id);
    if (!reread.ok || !reread.value) return current;
    current = reread.value;
  }
  return current;
}

/** The note a mixed order keeps for as long as the bridge records its status: which lines FBA ships. */
export function splitNote(lineCount: number, fbaLines: number, localLines: number): string | undefined {
  return fbaLines > 0 && localLines > 0 ? `${fbaLines} of ${lineCount} lines sent to FBA; ${localLines} ${localLines === 1 ? 'stays' : 'stay'} with the merchant` : undefined;
}

function alreadyRecorded(order: StorefrontOrder, record: FbaExportRecord): boolean {
  return order.fields.fbaStatus === record.fbaStatus
    && (order.fields.sellerFulfillmentOrderId ?? '') === record.sellerFulfillmentOrderId
    && (record.message === undefined || order.fields.fbaMessage === record.message);
}
