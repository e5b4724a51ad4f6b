// Notifications of the simulated Amazon: listens to the warehouse and the stock pool and posts
// FBA_INVENTORY_AVAILABILITY_CHANGES (batched per SKU per simulated minute) and FULFILLMENT_ORDER_STATUS
// (at once) to the configured URL. Each notification gets a NotificationId that never repeats.
import type { SimulatorState } from '../state/simulator-state.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { AvailabilityBatcher, type AvailabilityChange } from './availability-batcher.js';
import {
  availabilityPayload, deliveryBody, envelope, notificationId, notificationSource, orderStatusPayload,
  type Json, type NotificationSource, type NotificationType, type NotifyFormat,
} from './notification-json.js';
import type { NotificationSender } from './notification-sender.js';
import { OrderStatusWatcher, type OrderStatusEvent } from './order-status-watcher.js';

export interface NotifierDeps {
  readonly seed: number;
  readonly sellerId: string;
  readonly format: NotifyFormat;
  readonly warehouse: Warehouse;
  readonly sender: NotificationSender;
  /** Keeps NotificationIds of separate runs apart (the simulated start time). */
  readonly runKey: number;
}

export class Notifier {
  readonly source: NotificationSource;
  readonly format: NotifyFormat;
  readonly #deps: NotifierDeps;
  readonly #state: SimulatorState;
  readonly #batcher: AvailabilityBatcher;
  readonly #orders: OrderStatusWatcher;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
    this.#state = deps.warehouse.state;
    this.format = deps.format;
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
    this.#state.counters.notifications += 1;
    const id = notificationId(this.source, this.#state.counters.notifications);
    const notification = envelope(this.source, type, id, eventTime, publishTime, payload);
    this.#deps.sender.send(deliveryBody(this.source, this.format, notification), { notificationId: id, notificationType: type, subject });
  }
}
