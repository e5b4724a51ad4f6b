// Pure decisions: which update actions bring an order to what the bridge wants, given the order as read.
// No I/O here, so the rules (idempotency by key, which fields a custom type can take) are testable alone.
// An empty action list means "already so": the gateway then writes nothing.
import type {
  FieldDefinition,
  Order,
  OrderUpdateAction,
  ParcelDraft,
  TrackingData,
  Type,
} from '@commercetools/platform-sdk';
import type { DeliveryToWrite, FbaExportRecord, ParcelToWrite, ShipmentWrite } from '../../ports/commercetools-orders.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import { FBA_ORDER_FIELDS, FBA_ORDER_TYPE_KEY, FBA_TRACKING_PROVIDER } from './ct-bridge-resources.js';

export interface FbaStatePlan {
  readonly actions: OrderUpdateAction[];
  /** Fields the order's custom type lacks (or has with a non-String type): the state could not go there. */
  readonly unwritableFields: string[];
  /** Key of the custom type the fields went to (or would have). */
  readonly typeKey: string;
}

/**
 * @param orderType the type the fields go into: the order's own custom type (expanded) when it has one,
 *   else the bridge's `fba-bridge-order` type, which a setCustomType action then puts on the order.
 */
export function planFbaState(order: Order, orderType: Type, record: FbaExportRecord, exportChannelId: string, now: Date): FbaStatePlan {
  const desired: Record<string, string | undefined> = {
    [FBA_ORDER_FIELDS.sellerFulfillmentOrderId]: record.sellerFulfillmentOrderId,
    [FBA_ORDER_FIELDS.fbaStatus]: record.fbaStatus,
    [FBA_ORDER_FIELDS.fbaMessage]: record.message,
  };
  const writable = (name: string): boolean => isStringField(orderType.fieldDefinitions.find((f) => f.name === name));
  const unwritableFields = Object.keys(desired).filter((name) => desired[name] !== undefined && !writable(name));
  const actions: OrderUpdateAction[] = [];

  if (!order.custom) {
    const fields = Object.fromEntries(Object.entries(desired).filter(([name, value]) => value !== undefined && writable(name)));
    actions.push({ action: 'setCustomType', type: { typeId: 'type', key: FBA_ORDER_TYPE_KEY }, fields });
  } else {
    const current = order.custom.fields;
    for (const [name, value] of Object.entries(desired)) {
      if (!writable(name) || current[name] === value) continue;
      // No value removes the field: a message from an earlier state must not linger.
      if (value === undefined && current[name] === undefined) continue;
      actions.push(value === undefined ? { action: 'setCustomField', name } : { action: 'setCustomField', name, value });
    }
  }

  // syncInfo is written even when the custom fields cannot be: it is the native, type-free record of
  // "exported to FBA as <id>", and what lets a person (and the bridge) see the export happened.
  const synced = (order.syncInfo ?? []).some(
    (s) => s.channel.id === exportChannelId && s.externalId === record.sellerFulfillmentOrderId,
  );
  if (!synced) {
    actions.push({
      action: 'updateSyncInfo',
      channel: { typeId: 'channel', id: exportChannelId },
      externalId: record.sellerFulfillmentOrderId,
      syncedAt: now.toISOString(),
    });
  }
  return { actions, unwritableFields, typeKey: orderType.key };
}

function isStringField(field: FieldDefinition | undefined): boolean {
  return field?.type.name === 'String';
}

/**
 * addDelivery for a delivery the order does not have yet (by key); for one it has, addParcelToDelivery
 * for each parcel whose key is missing. Replaying the same shipment therefore writes nothing.
 */
export function planDelivery(order: Order, delivery: DeliveryToWrite): OrderUpdateAction[] {
  const existing = (order.shippingInfo?.deliveries ?? []).find((d) => d.key === delivery.key);
  if (!existing) {
    return [
      {
        action: 'addDelivery',
        deliveryKey: delivery.key,
        items: delivery.items.map((i) => ({ id: i.lineItemId, quantity: i.quantity })),
        parcels: delivery.parcels.map(toParcelDraft),
      },
    ];
  }
  const present = new Set(existing.parcels.map((p) => p.key));
  return delivery.parcels
    .filter((parcel) => !present.has(parcel.key))
    .map((parcel) => parcelToDeliveryAction(existing.id, parcel));
}

/**
 * Every action of one tracking look, for one update: new deliveries (or their missing parcels), parcels
 * for deliveries already on the order, and the shipment state when it differs. commercetools emits a
 * message per action (DeliveryAdded, ParcelAddedToDelivery, OrderShipmentStateChanged) however many one
 * update carries, so the storefront's notifications fire as if each had been its own update.
 */
export function planShipmentActions(order: Order, write: ShipmentWrite): Result<OrderUpdateAction[]> {
  const label = order.orderNumber ?? order.id;
  if (write.deliveries.length > 0 && !order.shippingInfo) {
    return fail(failure('permanent', 'OrderHasNoShippingInfo',
      `Order ${label} has no single shipping info (no shipping method, or Multiple shipping mode): deliveries cannot be recorded on it`));
  }
  const actions = write.deliveries.flatMap((delivery) => planDelivery(order, delivery));
  for (const { deliveryId, parcel } of write.parcels) {
    const delivery = order.shippingInfo?.deliveries?.find((d) => d.id === deliveryId);
    if (!delivery) return fail(failure('permanent', 'DeliveryNotFound', `Order ${label} has no delivery ${deliveryId}`));
    if (!delivery.parcels.some((p) => p.key === parcel.key)) actions.push(parcelToDeliveryAction(deliveryId, parcel));
  }
  if (write.shipmentState && write.shipmentState !== order.shipmentState) actions.push({ action: 'changeShipmentState', shipmentState: write.shipmentState });
  return ok(actions);
}

export function parcelToDeliveryAction(deliveryId: string, parcel: ParcelToWrite): OrderUpdateAction {
  const { key, ...draft } = toParcelDraft(parcel);
  return { action: 'addParcelToDelivery', deliveryId, ...(key !== undefined ? { parcelKey: key } : {}), ...draft };
}

function toParcelDraft(parcel: ParcelToWrite): ParcelDraft {
  const trackingData: TrackingData = {
    carrier: parcel.carrier,
    provider: FBA_TRACKING_PROVIDER,
    ...(parcel.trackingId !== undefined ? { trackingId: parcel.trackingId } : {}),
  };
  return {
    key: parcel.key,
    trackingData,
    ...(parcel.items ? { items: parcel.items.map((i) => ({ id: i.lineItemId, quantity: i.quantity })) } : {}),
  };
}
