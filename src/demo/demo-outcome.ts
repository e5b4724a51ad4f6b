// What became of each demo order, read from the bridge's own records, compared with what should have.
import type { Store, OrderLink, ExceptionRecord } from '../ports/store.js';
import type { DemoOrder, ExpectedOutcome } from './demo-scenario.js';

export interface ObservedOrder {
  readonly orderNumber: string;
  readonly case: DemoOrder['case'];
  readonly expected: ExpectedOutcome;
  readonly state: string;
  readonly fbaStatus: string | null;
  readonly sellerFulfillmentOrderId: string | null;
  readonly exceptions: ReadonlyArray<Pick<ExceptionRecord, 'id' | 'type' | 'owner' | 'reason'>>;
  /** The order reached a final outcome. */
  readonly settled: boolean;
  /** …and it is the expected one. */
  readonly asExpected: boolean;
}

export async function observeOrders(store: Store, connectionId: string, orders: ReadonlyArray<DemoOrder & { readonly id: string }>): Promise<ObservedOrder[]> {
  const open = await store.exceptions.list({ connectionId, status: 'open', limit: 10_000 });
  return Promise.all(orders.map(async (o) => {
    const link = await store.orderLinks.get(connectionId, o.id);
    const exceptions = open.filter((e) => e.subjectId === o.id).map(({ id, type, owner, reason }) => ({ id, type, owner, reason }));
    const { settled, asExpected } = judge(o.expected, link, exceptions);
    return {
      orderNumber: o.spec.orderNumber, case: o.case, expected: o.expected, state: link?.state ?? 'not seen yet', fbaStatus: link?.fbaStatus ?? null,
      sellerFulfillmentOrderId: link?.sellerFulfillmentOrderId ?? null, exceptions, settled, asExpected,
    };
  }));
}

function judge(expected: ExpectedOutcome, link: OrderLink | null, exceptions: ReadonlyArray<{ type: string }>): { settled: boolean; asExpected: boolean } {
  if (!link) return { settled: false, asExpected: false };
  switch (expected.kind) {
    case 'local':
      return { settled: link.state === 'local', asExpected: link.state === 'local' && exceptions.length === 0 };
    case 'shipped': {
      const settled = link.state === 'closed' || link.state === 'blocked';
      return { settled, asExpected: link.state === 'closed' && link.fbaStatus === 'Complete' && exceptions.length === 0 };
    }
    case 'cancelled': {
      const settled = link.state === 'closed' || exceptions.length > 0;
      return { settled, asExpected: link.state === 'closed' && link.fbaStatus === 'Cancelled' };
    }
    case 'exception': {
      const has = exceptions.some((e) => e.type === expected.type);
      const settled = has && (link.state === 'blocked' || link.state === 'closed');
      return { settled, asExpected: settled && exceptions.length === 1 };
    }
  }
}
