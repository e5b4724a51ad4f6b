// The simulated Amazon's memory: orders, the FBA stock pool and the request counters that tests use to
// prove exactly-once behaviour. In memory only; state-file.ts can snapshot it across restarts.
import type { FbaOrderStatus } from '../../domain/orders/fba-order.js';
import { FBA_ORDER_STATUSES } from '../../domain/orders/fba-order.js';
import type {
  SimDestination, SimInboundShipment, SimInventoryItem, SimMarketplaceSale, SimOrder, SimPackageRef, SimPendingRefund, SimReport, SimShippedSale, SimSubscription,
} from './sim-records.js';

export interface StateSnapshot {
  readonly version: 1;
  readonly simNowMs: number;
  readonly orders: readonly SimOrder[];
  /** Items of older snapshots lack the inbound, unfulfillable and researching counts: read as 0. */
  readonly inventory: readonly SimInventoryItem[];
  readonly createRequests: ReadonlyArray<readonly [string, number]>;
  readonly addInventoryTokens: readonly string[];
  // Added with inbound stock, marketplace sales and notifications; absent from older snapshots.
  readonly inbound?: readonly SimInboundShipment[];
  readonly marketplaceSales?: readonly SimMarketplaceSale[];
  readonly counters?: Partial<SimCounters>;
  // Added with settlement reports; absent from older snapshots.
  readonly reports?: readonly SimReport[];
  readonly shippedSales?: readonly SimShippedSale[];
  readonly settlement?: SimSettlementBook;
  // Added with the Notifications API; absent from older snapshots.
  readonly destinations?: readonly SimDestination[];
  readonly subscriptions?: readonly SimSubscription[];
}

/** Where the open settlement period starts, the reserve each marketplace carries over and the refunds to come. */
export interface SimSettlementBook {
  periodStart: number | null;
  reserves: Record<string, number>;
  /** Sales of closed periods that will be refunded (added with refunds; absent from older snapshots). */
  pendingRefunds?: SimPendingRefund[];
}

/** Sequence numbers that must not repeat after a restart (ids are drawn from them). */
export interface SimCounters {
  inboundShipments: number;
  marketplaceSales: number;
  unitsSoldOnMarketplace: number;
  notifications: number;
  reports: number;
  /** Destinations and subscriptions made through the Notifications API (their ids are drawn from it). */
  notificationResources?: number;
}

const STOCK_COUNTS = [
  'reserved', 'pendingTransshipment', 'fcProcessing', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'unfulfillable', 'researching',
] as const;

export class SimulatorState {
  /** One entry per sellerFulfillmentOrderId: Amazon never holds two orders under one id. */
  readonly orders = new Map<string, SimOrder>();
  /** The FBA pool, by sellerSku. */
  readonly inventory = new Map<string, SimInventoryItem>();
  /** How many createFulfillmentOrder requests named each id (accepted, refused or faulted). */
  readonly createRequests = new Map<string, number>();
  readonly packages = new Map<number, SimPackageRef>();
  /** Ids of orders the warehouse still has to move (nextEventAt set). */
  readonly active = new Set<string>();
  /** x-amzn-idempotency-token values addInventory has applied already. */
  readonly addInventoryTokens = new Set<string>();
  /** Inbound shipments by shipment id, closed ones included. */
  readonly inbound = new Map<string, SimInboundShipment>();
  /** Amazon marketplace sales whose units are reserved and not yet shipped, by Amazon order id. */
  readonly marketplaceSales = new Map<string, SimMarketplaceSale>();
  readonly counters: SimCounters = { inboundShipments: 0, marketplaceSales: 0, unitsSoldOnMarketplace: 0, notifications: 0, reports: 0 };
  /** Reports by reportId (settlement reports, newest last). */
  readonly reports = new Map<string, SimReport>();
  /** Marketplace sales shipped since the last settlement closed. */
  shippedSales: SimShippedSale[] = [];
  readonly settlement: SimSettlementBook = { periodStart: null, reserves: {}, pendingRefunds: [] };
  /** Notifications API destinations by destinationId. */
  readonly destinations = new Map<string, SimDestination>();
  /** Notifications API subscriptions by notification type. */
  readonly subscriptions = new Map<string, SimSubscription>();

  countCreateRequest(id: string): number {
    const n = (this.createRequests.get(id) ?? 0) + 1;
    this.createRequests.set(id, n);
    return n;
  }

  putOrder(order: SimOrder): void {
    this.orders.set(order.sellerFulfillmentOrderId, order);
    this.track(order);
  }

  /** Keeps the active set in step with the order's next event. */
  track(order: SimOrder): void {
    if (order.nextEventAt === null) this.active.delete(order.sellerFulfillmentOrderId);
    else this.active.add(order.sellerFulfillmentOrderId);
  }

  ordersByStatus(): Record<FbaOrderStatus, number> {
    const counts = Object.fromEntries(FBA_ORDER_STATUSES.map((s) => [s, 0])) as Record<FbaOrderStatus, number>;
    for (const order of this.orders.values()) counts[order.status] += 1;
    return counts;
  }

  toSnapshot(simNowMs: number): StateSnapshot {
    return {
      version: 1,
      simNowMs,
      orders: [...this.orders.values()],
      inventory: [...this.inventory.values()],
      createRequests: [...this.createRequests.entries()],
      addInventoryTokens: [...this.addInventoryTokens],
      inbound: [...this.inbound.values()],
      marketplaceSales: [...this.marketplaceSales.values()],
      counters: { ...this.counters },
      reports: [...this.reports.values()],
      shippedSales: [...this.shippedSales],
      settlement: {
        periodStart: this.settlement.periodStart, reserves: { ...this.settlement.reserves }, pendingRefunds: [...(this.settlement.pendingRefunds ?? [])],
      },
      destinations: [...this.destinations.values()],
      subscriptions: [...this.subscriptions.values()],
    };
  }

  /** Replaces everything with a snapshot's content (used at start-up only). */
  restore(snapshot: StateSnapshot): void {
    this.orders.clear();
    this.inventory.clear();
    this.createRequests.clear();
    this.packages.clear();
    this.active.clear();
    this.addInventoryTokens.clear();
    this.inbound.clear();
    this.marketplaceSales.clear();
    for (const item of snapshot.inventory) {
      const counts = Object.fromEntries(STOCK_COUNTS.map((key) => [key, item[key] ?? 0]));
      this.inventory.set(item.sellerSku, { ...item, ...counts, marketplaceIds: [...item.marketplaceIds] });
    }
    for (const shipment of snapshot.inbound ?? []) this.inbound.set(shipment.shipmentId, { ...shipment });
    for (const sale of snapshot.marketplaceSales ?? []) this.marketplaceSales.set(sale.amazonOrderId, sale);
    Object.assign(this.counters, snapshot.counters ?? {});
    this.reports.clear();
    for (const report of snapshot.reports ?? []) this.reports.set(report.reportId, report);
    this.shippedSales = [...(snapshot.shippedSales ?? [])];
    this.settlement.periodStart = snapshot.settlement?.periodStart ?? null;
    this.settlement.reserves = { ...(snapshot.settlement?.reserves ?? {}) };
    this.settlement.pendingRefunds = [...(snapshot.settlement?.pendingRefunds ?? [])];
    this.destinations.clear();
    for (const d of snapshot.destinations ?? []) this.destinations.set(d.destinationId, d);
    this.subscriptions.clear();
    for (const s of snapshot.subscriptions ?? []) this.subscriptions.set(s.notificationType, s);
    for (const order of snapshot.orders) {
      this.putOrder(order);
      order.shipments.forEach((shipment, shipmentIndex) =>
        shipment.packages.forEach((pkg, packageIndex) =>
          this.packages.set(pkg.packageNumber, { sellerFulfillmentOrderId: order.sellerFulfillmentOrderId, shipmentIndex, packageIndex })));
    }
    for (const [id, n] of snapshot.createRequests) this.createRequests.set(id, n);
    for (const token of snapshot.addInventoryTokens) this.addInventoryTokens.add(token);
  }
}
