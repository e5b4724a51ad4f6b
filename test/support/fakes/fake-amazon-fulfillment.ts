// An in-memory Amazon (Fulfillment Outbound and FBA Inventory) for flow tests. It answers the way the
// SP-API adapter does against the simulator (test/contracts/amazon-fulfillment-contract.ts holds both to
// it): a second create with the same id is 'DuplicateOrder', an unlisted SKU is 'InvalidSku', a cancel
// outside Received/Planning/New is 'NotCancellable', listing pages by a keyset nextToken, only shipped
// packages can be tracked. Failures can be scripted
// per operation, also "the create landed, but the answer was lost" (a timeout after storing).
import type {
  FbaOrderChange, FbaOrderRequest, FbaOrderSnapshot, FbaOrderStatus, FbaStockLevel, PackageTracking,
} from '../../../src/domain/orders/fba-order.js';
import { fail, failure, ok, type Failure, type Result } from '../../../src/domain/shared/result.js';
import type { Clock } from '../../../src/ports/clock.js';
import type {
  AmazonFulfillmentPort, AmazonInventoryPort, CallOptions, FulfillmentOrderPage,
} from '../../../src/ports/amazon-fulfillment.js';

export type AmazonOperation = keyof AmazonFulfillmentPort;

export interface AmazonCall {
  readonly op: AmazonOperation;
  readonly priority: number;
  readonly arg?: unknown;
}

interface Scripted {
  readonly error: Failure;
  /** Do the operation, then answer the failure (the outcome is lost on the way back). */
  readonly afterApplying: boolean;
}

export const amazonTimeout = (): Failure => failure('retryable', 'Timeout', 'Amazon did not answer createFulfillmentOrder within 20000 ms');

const CANCELLABLE: readonly FbaOrderStatus[] = ['New', 'Received', 'Planning'];

/** Code-unit order, as the simulator sorts ids (not the locale's). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class FakeAmazonFulfillment implements AmazonFulfillmentPort {
  readonly calls: AmazonCall[] = [];
  readonly created: FbaOrderRequest[] = [];
  readonly orders = new Map<string, FbaOrderSnapshot>();
  readonly tracking = new Map<number, PackageTracking>();
  /** SKUs Amazon's catalogue knows for createFulfillmentOrder (null: all). */
  knownSkus: ReadonlySet<string> | null = null;
  listPageSize = 100;
  private readonly scripted = new Map<AmazonOperation, Scripted[]>();

  constructor(private readonly clock: Clock) {}

  failNext(op: AmazonOperation, error: Failure, options: { afterApplying?: boolean } = {}): void {
    this.scripted.set(op, [...(this.scripted.get(op) ?? []), { error, afterApplying: options.afterApplying ?? false }]);
  }

  count(op: AmazonOperation): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  /** Amazon moves the order on (status, shipments, quantities); statusUpdatedDate follows the clock. */
  update(id: string, patch: Partial<FbaOrderSnapshot>): FbaOrderSnapshot {
    const current = this.orders.get(id);
    if (!current) throw new Error(`Amazon fake has no order ${id}`);
    const next = { ...current, statusUpdatedDate: this.clock.now().toISOString(), ...patch };
    this.orders.set(id, next);
    return next;
  }

  async createFulfillmentOrder(request: FbaOrderRequest, options: CallOptions): Promise<Result<void>> {
    return this.call('createFulfillmentOrder', options, request, () => {
      if (this.orders.has(request.sellerFulfillmentOrderId)) {
        return fail(failure('permanent', 'DuplicateOrder', `A create request already exists for MerchantFulfillmentOrderId : ${request.sellerFulfillmentOrderId}`, { status: 400 }));
      }
      const unknown = this.knownSkus === null ? undefined : request.items.find((i) => !this.knownSkus?.has(i.sellerSku));
      if (unknown) {
        return fail(failure('permanent', 'InvalidSku', `Invalid seller SKU for item ${unknown.sellerFulfillmentOrderItemId}: ${unknown.sellerSku}`, { status: 400 }));
      }
      const at = this.clock.now().toISOString();
      this.created.push(request);
      this.orders.set(request.sellerFulfillmentOrderId, {
        sellerFulfillmentOrderId: request.sellerFulfillmentOrderId, displayableOrderId: request.displayableOrderId,
        status: 'Received', statusUpdatedDate: at, receivedDate: at, shippingSpeedCategory: request.shippingSpeedCategory,
        items: request.items.map((i) => ({
          sellerSku: i.sellerSku, sellerFulfillmentOrderItemId: i.sellerFulfillmentOrderItemId, quantity: i.quantity, cancelledQuantity: 0, unfulfillableQuantity: 0,
        })),
        shipments: [],
      });
      return ok(undefined);
    });
  }

  async getFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<FbaOrderSnapshot | null>> {
    return this.call('getFulfillmentOrder', options, sellerFulfillmentOrderId, () => ok(this.orders.get(sellerFulfillmentOrderId) ?? null));
  }

  async listFulfillmentOrders(queryStartDate: string, nextToken: string | undefined, options: CallOptions): Promise<Result<FulfillmentOrderPage>> {
    return this.call('listFulfillmentOrders', options, { queryStartDate, nextToken }, () => {
      const since = Date.parse(queryStartDate);
      if (Number.isNaN(since)) return fail(failure('permanent', 'InvalidInput', 'timestamp must follow ISO8601', { status: 400 }));
      // As Amazon's nextToken (and the simulator's): a keyset after the last (change time, id) listed, so
      // an order that changes while a caller pages moves behind the cursor instead of pushing another out.
      const after = nextToken === undefined ? undefined : JSON.parse(nextToken) as { at: number; id: string };
      const changes = [...this.orders.values()]
        .map((o) => ({ o, at: Date.parse(o.statusUpdatedDate) }))
        .filter(({ at }) => at >= since)
        .sort((a, b) => a.at - b.at || compare(a.o.sellerFulfillmentOrderId, b.o.sellerFulfillmentOrderId))
        .filter(({ o, at }) => !after || at > after.at || (at === after.at && o.sellerFulfillmentOrderId > after.id));
      const page = changes.slice(0, this.listPageSize);
      const last = page.at(-1);
      const orders: FbaOrderChange[] = page.map(({ o: { sellerFulfillmentOrderId, displayableOrderId, status, statusUpdatedDate } }) => ({ sellerFulfillmentOrderId, displayableOrderId, status, statusUpdatedDate }));
      return ok(changes.length > page.length && last ? { orders, nextToken: JSON.stringify({ at: last.at, id: last.o.sellerFulfillmentOrderId }) } : { orders });
    });
  }

  async cancelFulfillmentOrder(sellerFulfillmentOrderId: string, options: CallOptions): Promise<Result<void>> {
    return this.call('cancelFulfillmentOrder', options, sellerFulfillmentOrderId, () => {
      const order = this.orders.get(sellerFulfillmentOrderId);
      if (!order) return fail(failure('permanent', 'OrderNotFound', `No fulfillment order ${sellerFulfillmentOrderId}`, { status: 404 }));
      if (!CANCELLABLE.includes(order.status)) {
        return fail(failure('permanent', 'NotCancellable', `Order ${sellerFulfillmentOrderId} is ${order.status} and cannot be cancelled`, { status: 400 }));
      }
      // Amazon cancels every unit not shipped yet (nothing has shipped before Processing).
      this.update(sellerFulfillmentOrderId, { status: 'Cancelled', items: order.items.map((i) => ({ ...i, cancelledQuantity: i.quantity - i.unfulfillableQuantity })) });
      return ok(undefined);
    });
  }

  async getPackageTracking(packageNumber: number, options: CallOptions): Promise<Result<PackageTracking>> {
    return this.call('getPackageTracking', options, packageNumber, () => {
      const scripted = this.tracking.get(packageNumber);
      if (scripted) return ok(scripted);
      // Amazon tracks only packages it shipped; for any other number it answers 400 "null".
      const shipped = [...this.orders.values()].flatMap((o) => o.shipments.flatMap((s) => s.packages)).find((p) => p.packageNumber === packageNumber);
      if (!shipped) return fail(failure('permanent', 'InvalidInput', 'null', { status: 400 }));
      return ok({
        packageNumber, carrierCode: shipped.carrierCode, currentStatus: 'IN_TRANSIT',
        ...(shipped.trackingNumber === undefined ? {} : { trackingNumber: shipped.trackingNumber }),
        ...(shipped.estimatedArrivalDate === undefined ? {} : { estimatedArrivalDate: shipped.estimatedArrivalDate }),
      });
    });
  }

  private async call<T>(op: AmazonOperation, options: CallOptions, arg: unknown, run: () => Result<T>): Promise<Result<T>> {
    this.calls.push({ op, priority: options.priority, arg });
    const scripted = this.scripted.get(op)?.shift();
    if (!scripted) return run();
    if (scripted.afterApplying) run();
    return fail(scripted.error);
  }
}

export class FakeAmazonInventory implements AmazonInventoryPort {
  readonly requests: Array<{ marketplaceId: string; skus: readonly string[]; priority: number }> = [];
  /** SKU → fulfillable units; SKUs absent here are unknown to FBA. */
  readonly stock = new Map<string, number>();
  private readonly scripted: Failure[] = [];

  constructor(skus: readonly string[] = []) {
    for (const sku of skus) this.stock.set(sku, 10);
  }

  failNext(error: Failure): void {
    this.scripted.push(error);
  }

  async getStockLevels(marketplaceId: string, sellerSkus: readonly string[], options: CallOptions): Promise<Result<FbaStockLevel[]>> {
    this.requests.push({ marketplaceId, skus: [...sellerSkus], priority: options.priority });
    const scripted = this.scripted.shift();
    if (scripted) return fail(scripted);
    // As the adapter: each SKU once, however often it was asked for.
    return ok([...new Set(sellerSkus)].flatMap((sku) => {
      const units = this.stock.get(sku);
      return units === undefined ? [] : [{ sellerSku: sku, fulfillableQuantity: units, totalQuantity: units }];
    }));
  }
}
