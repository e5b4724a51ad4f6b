// An in-memory commercetools for flow tests. It behaves like CommercetoolsOrderGateway where the flows
// depend on it: every write insists on the caller's version (stale → retryable ConcurrentModification,
// 409), bumps the version and lastModifiedAt, and deliveries and parcels are keyed, so writing the same
// delivery twice adds nothing. Failures can be scripted per operation.
import type { ShipmentState, StorefrontDelivery, StorefrontOrder } from '../../../src/domain/orders/storefront-order.js';
import { fail, failure, ok, type Failure, type Result } from '../../../src/domain/shared/result.js';
import type { Clock } from '../../../src/ports/clock.js';
import type {
  CommercetoolsOrderPort, DeliveryToWrite, FbaExportRecord, OrderPage, ParcelToWrite,
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

  count(op: CtOperation): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  /** Calls that changed an order. */
  writes(): CtCall[] {
    return this.calls.filter((c) => c.op !== 'getOrder' && c.op !== 'getOrderByNumber' && c.op !== 'listOrdersModifiedSince');
  }

  async getOrder(orderId: string): Promise<Result<StorefrontOrder | null>> {
    return this.call('getOrder', orderId, undefined, () => ok(this.orders.get(orderId) ?? null));
  }

  async getOrderByNumber(orderNumber: string): Promise<Result<StorefrontOrder | null>> {
    return this.call('getOrderByNumber', undefined, orderNumber, () => ok([...this.orders.values()].find((o) => o.orderNumber === orderNumber) ?? null));
  }

  async listOrdersModifiedSince(since: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>> {
    return this.call('listOrdersModifiedSince', undefined, { since, cursor, pageSize }, () => {
      const all = [...this.orders.values()]
        .filter((o) => o.lastModifiedAt >= since)
        .sort((a, b) => a.lastModifiedAt.localeCompare(b.lastModifiedAt) || a.id.localeCompare(b.id));
      const start = cursor === undefined ? 0 : Number(cursor);
      const page = all.slice(start, start + pageSize);
      const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
      return ok(next === undefined ? { orders: page } : { orders: page, cursor: next });
    });
  }

  async recordFbaState(orderId: string, version: number, record: FbaExportRecord): Promise<Result<StorefrontOrder>> {
    return this.write('recordFbaState', orderId, version, record, (o) => ({
      ...o,
      // As the gateway: no message removes the field, so a note from an earlier state does not linger.
      fields: { ...o.fields, sellerFulfillmentOrderId: record.sellerFulfillmentOrderId, fbaStatus: record.fbaStatus, fbaMessage: record.message },
    }));
  }

  async addDelivery(orderId: string, version: number, delivery: DeliveryToWrite): Promise<Result<StorefrontOrder>> {
    return this.write('addDelivery', orderId, version, delivery, (o) => {
      const existing = o.deliveries.find((d) => d.key === delivery.key);
      if (existing) {
        const missing = delivery.parcels.filter((p) => !existing.parcels.some((q) => q.key === p.key));
        return { ...o, deliveries: o.deliveries.map((d) => (d === existing ? { ...d, parcels: [...d.parcels, ...missing.map((p) => this.parcel(p))] } : d)) };
      }
      const added: StorefrontDelivery = {
        id: `delivery-${++this.ids}`, key: delivery.key,
        items: delivery.items.map((i) => ({ id: i.lineItemId, quantity: i.quantity })),
        parcels: delivery.parcels.map((p) => this.parcel(p)),
      };
      return { ...o, deliveries: [...o.deliveries, added] };
    });
  }

  async addParcelToDelivery(orderId: string, version: number, deliveryId: string, parcel: ParcelToWrite): Promise<Result<StorefrontOrder>> {
    return this.write('addParcelToDelivery', orderId, version, { deliveryId, parcel }, (o) => ({
      ...o,
      deliveries: o.deliveries.map((d) => (d.id === deliveryId && !d.parcels.some((p) => p.key === parcel.key) ? { ...d, parcels: [...d.parcels, this.parcel(parcel)] } : d)),
    }));
  }

  async changeShipmentState(orderId: string, version: number, state: ShipmentState): Promise<Result<StorefrontOrder>> {
    return this.write('changeShipmentState', orderId, version, state, (o) => ({ ...o, shipmentState: state }));
  }

  private parcel(p: ParcelToWrite) {
    return { id: `parcel-${++this.ids}`, key: p.key, carrier: p.carrier, ...(p.trackingId === undefined ? {} : { trackingId: p.trackingId }) };
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

  private write(op: CtOperation, orderId: string, version: number, arg: unknown, change: (o: StorefrontOrder) => StorefrontOrder): Promise<Result<StorefrontOrder>> {
    return this.call(op, orderId, arg, () => {
      const current = this.orders.get(orderId);
      if (!current) return fail(failure('permanent', 'OrderNotFound', `Order ${orderId} does not exist in commercetools`, { status: 404 }));
      if (current.version !== version) return fail(concurrentModification(orderId));
      return ok(this.save(change(current)));
    });
  }
}
