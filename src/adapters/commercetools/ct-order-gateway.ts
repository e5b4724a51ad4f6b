// The commercetools side of the order flows, over the official SDK. Writes that must not happen twice
// (deliveries, parcels, the export record) read the order first and send only what is missing, guarded
// by the caller's version: a stale version is a retryable ConcurrentModification, never a blind resend.
// Orders read or written lately are remembered by version (order-version-cache.ts), and the bridge's own
// custom type for a few minutes: an export then costs one read and one write, not four calls.
import type { Order, OrderUpdateAction, Type } from '@commercetools/platform-sdk';
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import { fail, failure, ok, type Failure, type Result } from '../../domain/shared/result.js';
import type { Clock } from '../../ports/clock.js';
import type {
  CommercetoolsOrderPort,
  FbaExportRecord,
  OrderPage,
  ShipmentWrite,
  ShipmentWritten,
} from '../../ports/commercetools-orders.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { FBA_EXPORT_CHANNEL_KEY, FBA_ORDER_TYPE_KEY } from './ct-bridge-resources.js';
import { read, send } from './ct-errors.js';
import { planFbaState, planShipmentActions } from './ct-order-actions.js';
import { ORDER_EXPANSIONS, toStorefrontOrder } from './ct-order-mapper.js';
import { ShippingMethodKeys } from './shipping-method-keys.js';
import { OrderLister } from './ct-order-lister.js';
import { OrderVersionCache } from './order-version-cache.js';

/** Orders remembered as last read or written: about the orders a busy hour keeps open at Amazon. */
const RECENT_ORDERS = 1_000;
/** How long the bridge's own order type is trusted without reading it again (setup may add fields). */
const BRIDGE_TYPE_TTL_MS = 5 * 60_000;

export class CommercetoolsOrderGateway implements CommercetoolsOrderPort {
  private exportChannelId: string | undefined;
  private bridgeType: { type: Type; readAt: number } | undefined;
  private readonly lister: OrderLister;
  private readonly recent = new OrderVersionCache(RECENT_ORDERS);
  private readonly methodKeys = new ShippingMethodKeys();

  constructor(
    private readonly api: CommercetoolsApi,
    private readonly clock: Clock,
  ) {
    this.lister = new OrderLister(api);
  }

  async getOrder(orderId: string): Promise<Result<StorefrontOrder | null>> {
    const found = await this.readOrder(orderId);
    return found.ok && found.value ? toStorefrontOrder(found.value) : (found as Result<null>);
  }

  recentOrder(orderId: string): StorefrontOrder | undefined {
    const known = this.recent.latest(orderId);
    const mapped = known ? toStorefrontOrder(known) : undefined;
    return mapped?.ok ? mapped.value : undefined;
  }

  orderFromMessage(payload: unknown): StorefrontOrder | undefined {
    if (!isOrderShaped(payload)) return undefined;
    const order = this.methodKeys.expand(payload);
    if (!order) return undefined;
    try {
      const mapped = toStorefrontOrder(order);
      return mapped.ok ? mapped.value : undefined;
    } catch {
      return undefined; // a payload shaped unlike an order: the first look reads the order instead
    }
  }

  async getOrderByNumber(orderNumber: string): Promise<Result<StorefrontOrder | null>> {
    const found = await read(() =>
      this.api.orders().withOrderNumber({ orderNumber }).get({ queryArgs: { expand: ORDER_EXPANSIONS } }).execute(),
    );
    return found.ok && found.value ? toStorefrontOrder(found.value) : (found as Result<null>);
  }

  listOrdersModifiedSince(since: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>> {
    return this.lister.list(since, undefined, cursor, pageSize);
  }

  /**
   * As listOrdersModifiedSince, narrowed by a query predicate — e.g. CANCELLED_EXPORTED_ORDERS for the
   * cancellation sweep, or FBA_MARKED_ORDERS — so a sweep pages through only the orders it acts on.
   */
  listOrdersModifiedSinceWhere(since: string, where: string, cursor: string | undefined, pageSize: number): Promise<Result<OrderPage>> {
    return this.lister.list(since, where, cursor, pageSize);
  }

  async recordFbaState(orderId: string, version: number, record: FbaExportRecord): Promise<Result<StorefrontOrder>> {
    const order = await this.readAtVersion(orderId, version);
    if (!order.ok) return order;
    const plan = await this.planRecord(order.value, record);
    if (!plan.ok) return plan;
    const written = await this.update(order.value, plan.value.actions);
    if (!written.ok || !plan.value.problem) return written;
    return fail(plan.value.problem);
  }

  async writeShipments(orderId: string, version: number, write: ShipmentWrite): Promise<Result<ShipmentWritten>> {
    const order = await this.readAtVersion(orderId, version);
    if (!order.ok) return order;
    const shipments = planShipmentActions(order.value, write);
    if (!shipments.ok) return shipments;
    // The record is best effort (as recordFbaState's callers treat it): what cannot be planned stays out,
    // and the shipments are written all the same.
    const record = write.fbaRecord ? await this.planRecord(order.value, write.fbaRecord) : ok(undefined);
    const recordActions = record.ok ? record.value?.actions ?? [] : [];
    const recordProblem = record.ok ? record.value?.problem : record.error;
    const written = await this.update(order.value, [...shipments.value, ...recordActions]);
    if (!written.ok) return written;
    return ok({ order: written.value, ...(recordProblem ? { recordProblem } : {}) });
  }

  /** The actions recording `record`, and the fields that could not go anywhere as a permanent failure. */
  private async planRecord(order: Order, record: FbaExportRecord): Promise<Result<{ actions: OrderUpdateAction[]; problem?: Failure }>> {
    const channelId = await this.exportChannel();
    if (!channelId.ok) return channelId;
    let type = await this.typeForFields(order);
    if (!type.ok) return type;

    let plan = planFbaState(order, type.value, record, channelId.value, this.clock.now());
    if (plan.unwritableFields.length > 0 && this.bridgeType?.type === type.value) {
      // The remembered type may predate a setup that added the fields: ask commercetools before failing.
      this.bridgeType = undefined;
      type = await this.typeForFields(order);
      if (!type.ok) return type;
      plan = planFbaState(order, type.value, record, channelId.value, this.clock.now());
    }
    if (plan.unwritableFields.length === 0) return ok({ actions: plan.actions });
    const fields = plan.unwritableFields.join(', ');
    const fix =
      plan.typeKey === FBA_ORDER_TYPE_KEY
        ? 'Run the bridge setup with apply to add them.'
        : `Add them (type String) to "${plan.typeKey}", or let the bridge's own type "${FBA_ORDER_TYPE_KEY}" be used.`;
    const problem = failure(
      'permanent',
      'OrderCustomTypeLacksFields',
      `Order ${order.orderNumber ?? order.id} has custom type "${plan.typeKey}" without String fields ${fields}; ` +
        `the FBA export ${record.sellerFulfillmentOrderId} (status ${record.fbaStatus}) is recorded in the order's syncInfo only. ${fix}`,
    );
    return ok({ actions: plan.actions, problem });
  }

  private remember(order: Order): void {
    this.recent.remember(order);
    this.methodKeys.learn(order);
  }

  private async readOrder(orderId: string): Promise<Result<Order | null>> {
    const found = await read(() => this.api.orders().withId({ ID: orderId }).get({ queryArgs: { expand: ORDER_EXPANSIONS } }).execute());
    if (found.ok && found.value) this.remember(found.value);
    return found;
  }

  /** Reads the order and insists on the version the caller decided on, as commercetools would on update. */
  private async readAtVersion(orderId: string, version: number): Promise<Result<Order>> {
    const known = this.recent.at(orderId, version);
    if (known) return ok(known);
    const found = await this.readOrder(orderId);
    if (!found.ok) return found;
    if (!found.value) return fail(failure('permanent', 'OrderNotFound', `Order ${orderId} does not exist in commercetools`, { status: 404 }));
    if (found.value.version !== version) {
      const message = `Order ${orderId} is at version ${found.value.version}, not ${version}: re-read and re-decide`;
      return fail(failure('retryable', 'ConcurrentModification', message, { status: 409 }));
    }
    return ok(found.value);
  }

  private async update(order: Order, actions: OrderUpdateAction[]): Promise<Result<StorefrontOrder>> {
    if (actions.length === 0) return toStorefrontOrder(order);
    const updated = await send(() =>
      this.api
        .orders()
        .withId({ ID: order.id })
        .post({ body: { version: order.version, actions }, queryArgs: { expand: ORDER_EXPANSIONS } })
        .execute(),
    );
    if (!updated.ok) return updated;
    this.remember(updated.value);
    return toStorefrontOrder(updated.value);
  }

  /** The type the bridge's fields go into: the order's own custom type, else the bridge's. */
  private async typeForFields(order: Order): Promise<Result<Type>> {
    const expanded = order.custom?.type.obj;
    if (expanded) return ok(expanded);
    if (order.custom) {
      const own = await read(() => this.api.types().withId({ ID: order.custom!.type.id }).get().execute());
      if (!own.ok) return own;
      return own.value ? ok(own.value) : fail(setupMissing(`custom type "${FBA_ORDER_TYPE_KEY}"`));
    }
    const now = this.clock.now().getTime();
    if (this.bridgeType && now - this.bridgeType.readAt < BRIDGE_TYPE_TTL_MS) return ok(this.bridgeType.type);
    const found = await read(() => this.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute());
    if (!found.ok) return found;
    if (!found.value) return fail(setupMissing(`custom type "${FBA_ORDER_TYPE_KEY}"`));
    this.bridgeType = { type: found.value, readAt: now };
    return ok(found.value);
  }

  private async exportChannel(): Promise<Result<string>> {
    if (this.exportChannelId) return ok(this.exportChannelId);
    const found = await read(() => this.api.channels().withKey({ key: FBA_EXPORT_CHANNEL_KEY }).get().execute());
    if (!found.ok) return found;
    if (!found.value) return fail(setupMissing(`channel "${FBA_EXPORT_CHANNEL_KEY}"`));
    // Cached: a channel's id never changes, and this saves a read on every export.
    this.exportChannelId = found.value.id;
    return ok(found.value.id);
  }
}

function setupMissing(what: string) {
  return failure('permanent', 'SetupMissing', `The commercetools project has no ${what}: run the bridge setup with apply`);
}

function isOrderShaped(payload: unknown): payload is Order {
  const o = payload as Partial<Order> | null;
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.version === 'number' && Array.isArray(o.lineItems) && typeof o.orderState === 'string';
}
