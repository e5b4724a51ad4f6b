// The simulated Amazon fulfillment network behind the HTTP routes: one place that knows the clock,
// the seed and the state, so routes only translate between HTTP and these calls. Time is advanced
// lazily: before anyone looks, every order due to move is moved to its scheduled moment.
import { fail, ok } from '../../domain/shared/result.js';
import type { FbaOrderStatus } from '../../domain/orders/fba-order.js';
import { FBA_ORDER_STATUSES } from '../../domain/orders/fba-order.js';
import { AmazonErrors, type ErrorAnswer } from '../amazon-errors.js';
import type { SimulatorClock } from '../simulator-clock.js';
import type { SimInboundShipment, SimMarketplaceSale, SimOrder } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { previewFulfillment } from './fulfillment-preview.js';
import { InventoryLedger, type AdjustableBucket } from './inventory-ledger.js';
import { cancelByRequest, forceStatus } from './order-commands.js';
import { acceptOrder } from './order-intake.js';
import { advanceOrder, type WarehouseContext } from './order-lifecycle.js';
import { orderIdOf, validateCreateOrder, type Checked } from './order-validation.js';
import { packageTracking, type PackageTrackingJson } from './package-tracking.js';
import { StockTimeline } from './stock-timeline.js';

export interface WarehouseDeps {
  readonly seed: number;
  readonly state: SimulatorState;
  readonly clock: SimulatorClock;
  /** Read at each order's arrival, so a change at run time affects new orders only. */
  readonly stuckRate: () => number;
  /** Amazon marketplace sales per SKU per simulated hour (default 0: none). */
  readonly marketplaceSalesPerHour?: number;
}

/** Who wants to hear about changes (the notifications). */
export interface WarehouseObserver {
  /** The order's history grew: it was accepted, changed status or a shipment shipped. */
  orderChanged?(order: SimOrder): void;
  /** The warehouse caught up with simulated `now`. */
  caughtUp?(now: number): void;
}

export class Warehouse {
  readonly ledger: InventoryLedger;
  readonly stock: StockTimeline;
  readonly #deps: WarehouseDeps;
  readonly #ctx: WarehouseContext;
  readonly #observers: WarehouseObserver[] = [];
  /** Whose each order is (the refresh token that created it), for per-seller listings. */
  readonly #sellerOf = new Map<string, string>();

  constructor(deps: WarehouseDeps) {
    this.#deps = deps;
    this.ledger = new InventoryLedger(deps.state, deps.seed);
    this.#ctx = { seed: deps.seed, state: deps.state, ledger: this.ledger };
    this.stock = new StockTimeline({
      seed: deps.seed, state: deps.state, ledger: this.ledger, marketplaceSalesPerHour: deps.marketplaceSalesPerHour ?? 0, now: deps.clock.now(),
    });
  }

  observe(observer: WarehouseObserver): void {
    this.#observers.push(observer);
  }

  get state(): SimulatorState {
    return this.#deps.state;
  }

  now(): number {
    return this.#deps.clock.now();
  }

  /**
   * Moves every order whose next event is due, then runs the stock events due (inbound stages,
   * marketplace sales); cheap when nothing is due. Order events run before stock events of the same
   * catch-up: they only ever consume reservations, so the stock figures come out the same.
   */
  advance(): number {
    const now = this.now();
    for (const id of [...this.#deps.state.active]) {
      const order = this.#deps.state.orders.get(id);
      if (!order) {
        this.#deps.state.active.delete(id);
        continue;
      }
      const seen = order.history.length;
      advanceOrder(this.#ctx, order, now);
      if (order.history.length !== seen) this.#orderChanged(order);
    }
    this.stock.runDue(now);
    for (const observer of this.#observers) observer.caughtUp?.(now);
    return now;
  }

  /** Counts a create request by the id it names, before anything can fail (exactly-once evidence). */
  noteCreateRequest(body: unknown): void {
    const id = orderIdOf(body);
    if (id !== undefined) this.#deps.state.countCreateRequest(id);
  }

  /** `seller`: whose order it is (the caller's refresh token); listings show a seller its own orders. */
  createOrder(body: unknown, seller?: string): ErrorAnswer | undefined {
    const id = orderIdOf(body);
    // The duplicate check comes first, as in Amazon's sandbox: a retried create gets this answer.
    if (id !== undefined && this.#deps.state.orders.has(id)) return AmazonErrors.duplicateOrder(id);
    const checked = validateCreateOrder(body);
    if (!checked.ok) return checked.error;
    const input = checked.value;
    for (const item of input.items) {
      if (!this.ledger.get(item.sellerSku)) return AmazonErrors.invalidSku(item.sellerFulfillmentOrderItemId);
    }
    if (seller !== undefined) this.#sellerOf.set(input.sellerFulfillmentOrderId, seller);
    this.#orderChanged(acceptOrder(this.#ctx, input, this.now(), this.#deps.stuckRate()));
    return undefined;
  }

  /**
   * The order with this id; with `seller`, only when it is that seller's (or created without one:
   * admin, seeding). Amazon answers another seller's order as not found, as it does an unknown one.
   */
  findOrder(id: string, seller?: string): Checked<SimOrder> {
    const order = this.#deps.state.orders.get(id);
    return order && this.#isSellers(order, seller) ? ok(order) : fail(AmazonErrors.orderNotFound(id));
  }

  cancelOrder(id: string, seller?: string): ErrorAnswer | undefined {
    const found = this.findOrder(id, seller);
    if (!found.ok) return found.error;
    const refused = cancelByRequest(this.#ctx, found.value, this.now());
    if (!refused) this.#orderChanged(found.value);
    return refused;
  }

  submitStatusUpdate(id: string, status: unknown, seller?: string): ErrorAnswer | undefined {
    const found = this.findOrder(id, seller);
    if (!found.ok) return found.error;
    if (status === undefined) return AmazonErrors.missingParameter('FulfillmentOrderStatus');
    // Old sandbox answers use UPPER case: accept any casing.
    const target = FBA_ORDER_STATUSES.find((s) => typeof status === 'string' && s.toLowerCase() === status.toLowerCase());
    if (!target) return AmazonErrors.invalidValue(status, 'FulfillmentOrderStatus');
    const refused = forceStatus(this.#ctx, found.value, target as FbaOrderStatus, this.now());
    if (!refused) this.#orderChanged(found.value);
    return refused;
  }

  /** Admin: an inbound shipment of `quantity` units that become fulfillable after `arriveAfterMs`. */
  addInbound(sellerSku: string, quantity: number, arriveAfterMs: number): Checked<SimInboundShipment> {
    if (!this.ledger.get(sellerSku)) return fail(AmazonErrors.invalidValue(sellerSku, 'sellerSku', 'the item does not exist; create it with createInventoryItem first'));
    const shipment = this.stock.addInbound(sellerSku, quantity, arriveAfterMs, this.now());
    this.advance(); // an inbound shipment due at once arrives at once
    return ok(shipment);
  }

  /** Admin: a sale on Amazon's own marketplace now; undefined value when nothing was fulfillable. */
  sellOnMarketplace(sellerSku: string, quantity: number): Checked<SimMarketplaceSale | undefined> {
    if (!this.ledger.get(sellerSku)) return fail(AmazonErrors.invalidValue(sellerSku, 'sellerSku', 'the item does not exist'));
    const sale = this.stock.sellNow(sellerSku, quantity, this.now());
    this.advance();
    return ok(sale);
  }

  /** Admin: moves units between fulfillable and an unsellable bucket; answers the units moved. */
  adjustStock(sellerSku: string, bucket: AdjustableBucket, delta: number): Checked<number> {
    if (!this.ledger.get(sellerSku)) return fail(AmazonErrors.invalidValue(sellerSku, 'sellerSku', 'the item does not exist'));
    const moved = this.ledger.adjust(sellerSku, bucket, delta, this.now());
    this.advance();
    return ok(moved);
  }

  /**
   * Orders changed at or after `sinceMs`, oldest change first, then by id (a stable order for paging);
   * with `seller`, that seller's and those created without one (admin, seeding).
   */
  changedSince(sinceMs: number, seller?: string): SimOrder[] {
    return [...this.#deps.state.orders.values()]
      .filter((o) => o.lastChangedAt >= sinceMs && this.#isSellers(o, seller))
      .sort((a, b) => a.lastChangedAt - b.lastChangedAt || compare(a.sellerFulfillmentOrderId, b.sellerFulfillmentOrderId));
  }

  /** Whether the caller may see the order: no caller given, its creator, or an order created without one. */
  #isSellers(order: SimOrder, seller: string | undefined): boolean {
    return seller === undefined || (this.#sellerOf.get(order.sellerFulfillmentOrderId) ?? seller) === seller;
  }

  #orderChanged(order: SimOrder): void {
    for (const observer of this.#observers) observer.orderChanged?.(order);
  }

  preview(body: unknown): Checked<unknown> {
    return previewFulfillment(this.ledger, this.#deps.seed, body, this.now());
  }

  /** Tracking of a package that has shipped; unknown, not yet shipped or another seller's packages are not found. */
  tracking(packageNumber: number, seller?: string): PackageTrackingJson | undefined {
    const ref = this.#deps.state.packages.get(packageNumber);
    const found = ref && this.#deps.state.orders.get(ref.sellerFulfillmentOrderId);
    const order = found && this.#isSellers(found, seller) ? found : undefined;
    const shipment = order?.shipments[ref!.shipmentIndex];
    const pkg = shipment?.packages[ref!.packageIndex];
    if (!order || !shipment || !pkg || shipment.status !== 'SHIPPED') return undefined;
    return packageTracking(order, shipment, pkg, this.now());
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
