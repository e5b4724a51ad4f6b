// An in-memory commercetools for flow tests. It behaves like CommercetoolsOrderGateway against
// commercetools-mock where the flows depend on it (test/contracts/commercetools-orders-contract.ts holds
// both to it): every write insists on the caller's version (stale → retryable ConcurrentModification,
// 409); a write that changes something bumps the version and lastModifiedAt, one that changes nothing
// writes nothing; deliveries and parcels are keyed, so writing the same delivery twice adds nothing;
// listing pages by the gateway's own keyset cursor. Failures can be scripted per operation.
import { isDeepStrictEqual } from 'node:util';
import { decodeCursor, encodeCursor, normaliseSince } from '../../../src/adapters/commercetools/ct-order-cursor.js';
import type { StorefrontOrder } from '../../../src/domain/orders/storefront-order.js';
import { fail, failure, ok, type Failure, type Result } from '../../../src/domain/shared/result.js';
import type { Clock } from '../../../src/ports/clock.js';
import type {
  CommercetoolsOrderPort, FbaExportRecord, OrderPage, ParcelToWrite, ShipmentWrite, ShipmentWritten,
} from '../../../src/ports/commercetools-orders.js';

export type CtOperation = keyof CommercetoolsOrderPort;

export interface CtCall {
  readonly op: CtOperation;
  readonly orderId?: string;
  readonly arg?: unknown;
}

export function concurrentModification(orderId = 'order'): Failure {
  return failure('retryable', 'ConcurrentModification', `Order ${orderId} has a newer version: re-read and re-decide`, { status: 409 });
}

export class FakeCommercetoolsOrders implements CommercetoolsOrderPort {
  readonly calls: CtCall[] = [];
  private readonly orders = new Map<string, StorefrontOrder>();
  private readonly scripted = new Map<CtOperation, Failure[]>();
  private ids = 0;
  private recordProblem: Failure | undefined;
  /** Each order as last answered to the bridge (a storefront change does not reach it). */
  private readonly answered = new Map<string, StorefrontOrder>();

  constructor(private readonly clock: Clock) {}

  /** Stores the order as given (a storefront order placed before the test starts). */
  put(order: StorefrontOrder): StorefrontOrder {
    this.orders.set(order.id, order);
    return order;
  }

  /** A change made in the storefront (not by the bridge): new version, new lastModifiedAt. */
  change(orderId: string, patch: Partial<StorefrontOrder>): StorefrontOrder {
    return this.save({ ...this.order(orderId), ...patch });
  }

  order(orderId: string): StorefrontOrder {
    const found = this.orders.get(orderId);
    if (!found) throw new Error(`no order ${orderId} in the fake`);
    return found;
  }

  /** The next call of `op` answers this failure instead of doing anything. */
  failNext(op: CtOperation, error: Failure): void {
    this.scripted.set(op, [...(this.scripted.get(op) ?? []), error]);
  }

  /** The next writeShipments writes the shipments but not its FBA record, and answers this as why. */
  recordProblemNext(problem: Failure): void {
    this.recordProblem = problem;
  }

  count(op: CtOperation): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  /** Calls that changed an order. */
  writes(): CtCall[] {
    return this.calls.filter((c) => c.op !== 'getOrder' && c.op !== 'getOrderByNumber' && c.op !== 'listOrdersModifiedSince');
  }

  async getOrder(orderId: string): Promise<Result<StorefrontOrder | null>> {
    return this.call('getOrder', orderId, undefined, () => ok(this.answer(this.orders.get(orderId)) ?? null));
  }

  orderFromMessage(): StorefrontOrder | undefined {
    return undefined;
  }

  recentOrder(orderId: string): StorefrontOrder | undefined {
    return this.answered.get(orderId);
  }

  async getOrderByNumber(orderNumber: string): Promise<Result<StorefrontOrder | null>> {
    return this.call('getOrderByNumber', undefined, orderNumber, () => ok([...this.orders.values()].find((o) => o.orderNumber === orderNumber) ?? null));
  }

  async listOrdersModifiedSince(since: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>> {
    return this.call('listOrdersModifiedSince', undefined, { since, cursor, pageSize }, () => {
      const from = normaliseSince(since);
      if (!from.ok) return from;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after && !after.ok) return after;
      const key = (o: StorefrontOrder): [number, string] => [Date.parse(o.lastModifiedAt), o.id];
      const past: [number, string] | undefined = after ? [Date.parse(after.value.lastModifiedAt), after.value.id] : undefined;
      const all = [...this.orders.values()]
        .filter((o) => Date.parse(o.lastModifiedAt) >= Date.parse(from.value))
        .filter((o) => !past || compareKeys(key(o), past) > 0)
        .sort((a, b) => compareKeys(key(a), key(b)));
      const size = Math.max(1, Math.trunc(pageSize));
      const page = all.slice(0, size);
      const last = page.at(-1);
      return ok(all.length > size && last ? { orders: page, cursor: encodeCursor({ lastModifiedAt: last.lastModifiedAt, id: last.id }) } : { orders: page });
    });
  }

  async recordFbaState(orderId: string, version: number, record: FbaExportRecord): Promise<Result<StorefrontOrder>> {
    return this.write('recordFbaState', orderId, version, record, (o) => ({
      ...o,
      // As the gateway: no message removes the field, so a note from an earlier state does not linger.
      fields: withoutMessage({ ...o.fields, sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: record.fbaStatus }, record.message),
    }));
  }

  async writeShipments(orderId: string, version: number, write: ShipmentWrite): Promise<Result<ShipmentWritten>> {
    const recordProblem = this.recordProblem;
    this.recordProblem = undefined;
    const written = await this.write('writeShipments', orderId, version, write, (o) => {
      const label = o.orderNumber ?? orderId;
      let deliveries = o.deliveries;
      for (const delivery of write.deliveries) {
        const existing = deliveries.find((d) => d.key === delivery.key);
        if (!existing) {
          deliveries = [...deliveries, {
            id: `delivery-${++this.ids}`, key: delivery.key,
            items: delivery.items.map((i) => ({ id: i.lineItemId, quantity: i.quantity })),
            parcels: delivery.parcels.map((p) => this.parcel(p)),
          }];
          continue;
        }
        const missing = delivery.parcels.filter((p) => !existing.parcels.some((q) => q.key === p.key));
        deliveries = deliveries.map((d) => (d === existing ? { ...d, parcels: [...d.parcels, ...missing.map((p) => this.parcel(p))] } : d));
      }
      for (const { deliveryId, parcel } of write.parcels) {
        const target = deliveries.find((d) => d.id === deliveryId);
        if (!target) return fail(failure('permanent', 'DeliveryNotFound', `Order ${label} has no delivery ${deliveryId}`));
        if (!target.parcels.some((p) => p.key === parcel.key)) deliveries = deliveries.map((d) => (d === target ? { ...d, parcels: [...d.parcels, this.parcel(parcel)] } : d));
      }
      const record = recordProblem ? undefined : write.fbaRecord;
      return {
        ...o, deliveries,
        ...(write.shipmentState ? { shipmentState: write.shipmentState } : {}),
        ...(record ? { fields: withoutMessage({ ...o.fields, sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: record.fbaStatus }, record.message) } : {}),
      };
    });
    return written.ok ? ok({ order: written.value, ...(recordProblem ? { recordProblem } : {}) }) : written;
  }

  private parcel(p: ParcelToWrite) {
    return { id: `parcel-${++this.ids}`, key: p.key, carrier: p.carrier, ...(p.trackingId === undefined ? {} : { trackingId: p.trackingId }) };
  }

  private answer<T extends StorefrontOrder | undefined>(order: T): T {
    if (order) this.answered.set(order.id, order);
    return order;
  }

  private save(order: StorefrontOrder): StorefrontOrder {
    const saved = { ...order, version: order.version + 1, lastModifiedAt: this.clock.now().toISOString() };
    this.orders.set(saved.id, saved);
    return saved;
  }

  private async call<T>(op: CtOperation, orderId: string | undefined, arg: unknown, run: () => Result<T>): Promise<Result<T>> {
    this.calls.push({ op, ...(orderId === undefined ? {} : { orderId }), ...(arg === undefined ? {} : { arg }) });
    const scripted = this.scripted.get(op)?.shift();
    return scripted ? fail(scripted) : run();
  }

  /** `change` answers the order as it should be (or a refusal); an order left as it was is not saved. */
  private write(op: CtOperation, orderId: string, version: number, arg: unknown, change: (o: StorefrontOrder) => StorefrontOrder | Result<never>): Promise<Result<StorefrontOrder>> {
    return this.call(op, orderId, arg, () => {
      const current = this.orders.get(orderId);
      if (!current) return fail(failure('permanent', 'OrderNotFound', `Order ${orderId} does not exist in commercetools`, { status: 404 }));
      if (current.version !== version) return fail(concurrentModification(orderId));
      const changed = change(current);
      if ('ok' in changed) return changed;
      return ok(this.answer(isDeepStrictEqual(changed, current) ? current : this.save(changed)));
    });
  }
}

function withoutMessage(fields: StorefrontOrder['fields'], message: string | undefined): StorefrontOrder['fields'] {
  const { fbaMessage: _dropped, ...rest } = fields;
  return message === undefined ? rest : { ...rest, fbaMessage: message };
}

function compareKeys([atA, idA]: [number, string], [atB, idB]: [number, string]): number {
  return atA - atB || (idA < idB ? -1 : idA > idB ? 1 : 0);
}
