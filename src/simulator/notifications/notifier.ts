// Notifications of the simulated Amazon: listens to the warehouse, the stock pool and the settlement clerk
// and makes FBA_INVENTORY_AVAILABILITY_CHANGES (batched per SKU per simulated minute),
// FULFILLMENT_ORDER_STATUS (at once) and REPORT_PROCESSING_FINISHED (when a report is made), handing each
// to the outlets that take its type (notification-outlets.ts). Each notification gets a NotificationId
// that never repeats; one nobody takes is not made.
import type { SimulatorState } from '../state/simulator-state.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { AvailabilityBatcher, type AvailabilityChange } from './availability-batcher.js';
import {
  availabilityPayload, envelope, notificationId, notificationSource, orderStatusPayload, reportFinishedPayload,
  type Json, type NotificationSource, type NotificationType,
} from './notification-json.js';
import type { NotificationOutlet } from './notification-outlets.js';
import type { SettlementClerk } from '../settlements/settlement-clerk.js';
import type { SimReport } from '../state/sim-records.js';
import { OrderStatusWatcher, type OrderStatusEvent } from './order-status-watcher.js';

export interface NotifierDeps {
  readonly seed: number;
  readonly sellerId: string;
  readonly warehouse: Warehouse;
  readonly clerk: SettlementClerk;
  readonly outlets: readonly NotificationOutlet[];
  /** Keeps NotificationIds of separate runs apart (the simulated start time). */
  readonly runKey: number;
}

export class Notifier {
  readonly source: NotificationSource;
  readonly #deps: NotifierDeps;
  readonly #state: SimulatorState;
  readonly #batcher: AvailabilityBatcher;
  readonly #orders: OrderStatusWatcher;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
    this.#state = deps.warehouse.state;
    this.source = notificationSource(deps.seed, deps.sellerId, deps.runKey);
    this.#batcher = new AvailabilityBatcher(this.#state.inventory.values());
    this.#orders = new OrderStatusWatcher(this.#state.orders.values());
    deps.warehouse.ledger.onChange((item, at) => {
      const closed = this.#batcher.changed(item, at);
      if (closed) this.#publishAvailability(closed);
    });
    deps.warehouse.observe({
      orderChanged: (order) => {
        for (const event of this.#orders.changes(order)) this.#publishOrderStatus(event);
      },
      caughtUp: (now) => {
        for (const change of this.#batcher.due(now)) this.#publishAvailability(change);
      },
    });
    deps.clerk.onReport((report) => this.#publishReportFinished(report));
  }

  #publishReportFinished(report: SimReport): void {
    this.#publish('REPORT_PROCESSING_FINISHED', report.reportId, report.createdAt, report.createdAt, reportFinishedPayload(this.source, report));
  }

  #publishAvailability(change: AvailabilityChange): void {
    const payload = availabilityPayload(this.source, change.item, change.figures);
    this.#publish('FBA_INVENTORY_AVAILABILITY_CHANGES', change.item.sellerSku, change.eventTime, change.publishTime, payload);
  }

  #publishOrderStatus(event: OrderStatusEvent): void {
    const payload = orderStatusPayload(this.source, event.order, event.status, event.at, event.shipment);
    this.#publish('FULFILLMENT_ORDER_STATUS', event.order.sellerFulfillmentOrderId, event.at, event.at, payload);
  }

  #publish(type: NotificationType, subject: string, eventTime: number, publishTime: number, payload: Json): void {
    const takers = this.#deps.outlets.flatMap((outlet) => {
      const subscriptionId = outlet.subscriptionFor(type, this.source);
      return subscriptionId === undefined ? [] : [{ outlet, subscriptionId }];
    });
    if (takers.length === 0) return;
    this.#state.counters.notifications += 1;
    const id = notificationId(this.source, this.#state.counters.notifications);
    for (const { outlet, subscriptionId } of takers) {
      const notification = envelope(this.source, type, id, eventTime, publishTime, payload, subscriptionId);
      outlet.deliver(notification, { notificationId: id, notificationType: type, subject }, this.source);
    }
  }
}
