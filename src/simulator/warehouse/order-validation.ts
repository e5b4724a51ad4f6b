// Validates createFulfillmentOrder and getFulfillmentPreview bodies the way Amazon refuses them: the
// first problem found, as one InvalidInput error with Amazon's wording (amazon-errors.ts).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference#createfulfillmentorderrequest
import type { FulfillmentPolicy } from '../../domain/orders/fba-order.js';
import { AmazonErrors, type ErrorAnswer } from '../amazon-errors.js';
import {
  FULFILLMENT_ACTIONS, FULFILLMENT_POLICIES, SHIPPING_SPEEDS,
  type SimAddress, type SimFeatureConstraint, type SimFulfillmentAction, type SimMoney, type SimShippingSpeed,
} from '../state/sim-records.js';
import { parseDateTime } from '../time-format.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';

export type Checked<T> = Result<T, ErrorAnswer>;
const good = ok;
const bad = fail<ErrorAnswer>;

/** Amazon accepts at most 100 lines per fulfillment order. */
export const MAX_ORDER_ITEMS = 100;

export interface ItemInput {
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  readonly giftMessage?: string;
  readonly displayableComment?: string;
  readonly perUnitDeclaredValue?: SimMoney;
  readonly perUnitPrice?: SimMoney;
  readonly perUnitTax?: SimMoney;
}

export interface CreateOrderInput {
  readonly sellerFulfillmentOrderId: string;
  readonly marketplaceId?: string;
  readonly displayableOrderId: string;
  readonly displayableOrderDate: number;
  readonly displayableOrderComment: string;
  readonly shippingSpeedCategory: SimShippingSpeed;
  readonly destinationAddress: SimAddress;
  readonly fulfillmentAction: SimFulfillmentAction;
  readonly fulfillmentPolicy: FulfillmentPolicy;
  readonly notificationEmails?: readonly string[];
  readonly featureConstraints?: readonly SimFeatureConstraint[];
  readonly items: readonly ItemInput[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The id alone, so a duplicate can be recognised before the rest is judged. */
export function orderIdOf(body: unknown): string | undefined {
  return isObject(body) ? text(body.sellerFulfillmentOrderId) : undefined;
}

export function validateCreateOrder(body: unknown): Checked<CreateOrderInput> {
  if (!isObject(body)) return bad(AmazonErrors.malformedBody());
  const id = text(body.sellerFulfillmentOrderId);
  if (id === undefined) return bad(AmazonErrors.missingParameter('SellerFulfillmentOrderId'));
  if (id.length > 40) return bad(AmazonErrors.invalidValue(id, 'SellerFulfillmentOrderId', 'the value is longer than 40 characters'));
  const displayableOrderId = text(body.displayableOrderId);
  if (displayableOrderId === undefined) return bad(AmazonErrors.missingParameter('DisplayableOrderId'));
  if (displayableOrderId.length > 40) return bad(AmazonErrors.invalidValue(displayableOrderId, 'DisplayableOrderId', 'the value is longer than 40 characters'));
  if (body.displayableOrderDate === undefined) return bad(AmazonErrors.missingParameter('DisplayableOrderDate'));
  const displayableOrderDate = parseDateTime(body.displayableOrderDate);
  if (displayableOrderDate === undefined) return bad(AmazonErrors.invalidValue(body.displayableOrderDate, 'DisplayableOrderDate'));
  const comment = text(body.displayableOrderComment);
  if (comment === undefined) return bad(AmazonErrors.missingParameter('DisplayableOrderComment'));
  if (comment.length > 750) return bad(AmazonErrors.invalidValue('(750+ characters)', 'DisplayableOrderComment', 'the value is longer than 750 characters'));
  if (body.shippingSpeedCategory === undefined) return bad(AmazonErrors.missingParameter('ShippingSpeedCategory'));
  const speed = oneOf(body.shippingSpeedCategory, SHIPPING_SPEEDS);
  if (speed === undefined) return bad(AmazonErrors.invalidValue(body.shippingSpeedCategory, 'ShippingSpeedCategory'));
  const address = validateAddress(body.destinationAddress, 'DestinationAddress');
  if (!address.ok) return address;
  const action = body.fulfillmentAction === undefined ? 'Ship' : oneOf(body.fulfillmentAction, FULFILLMENT_ACTIONS);
  if (action === undefined) return bad(AmazonErrors.invalidValue(body.fulfillmentAction, 'FulfillmentAction'));
  const policy = body.fulfillmentPolicy === undefined ? 'FillOrKill' : oneOf(body.fulfillmentPolicy, FULFILLMENT_POLICIES);
  if (policy === undefined) return bad(AmazonErrors.invalidValue(body.fulfillmentPolicy, 'FulfillmentPolicy'));
  if (body.marketplaceId !== undefined && text(body.marketplaceId) === undefined) return bad(AmazonErrors.invalidValue(body.marketplaceId, 'MarketplaceId'));
  const items = validateItems(body.items);
  if (!items.ok) return items;
  return good({
    sellerFulfillmentOrderId: id,
    ...(typeof body.marketplaceId === 'string' ? { marketplaceId: body.marketplaceId } : {}),
    displayableOrderId,
    displayableOrderDate,
    displayableOrderComment: comment,
    shippingSpeedCategory: speed,
    destinationAddress: address.value,
    fulfillmentAction: action,
    fulfillmentPolicy: policy,
    ...(Array.isArray(body.notificationEmails) ? { notificationEmails: body.notificationEmails.filter((e): e is string => typeof e === 'string') } : {}),
    ...(Array.isArray(body.featureConstraints) ? { featureConstraints: featureConstraints(body.featureConstraints) } : {}),
    items: items.value,
  });
}

/** `parameter` names the address in the "must contain" message when the whole address is missing. */
export function validateAddress(value: unknown, parameter: string): Checked<SimAddress> {
  if (!isObject(value)) return bad(AmazonErrors.missingParameter(parameter));
  const name = text(value.name);
  if (name === undefined) return bad(AmazonErrors.missingParameter('Address.Name'));
  const addressLine1 = text(value.addressLine1);
  if (addressLine1 === undefined) return bad(AmazonErrors.missingParameter('Address.AddressLine1'));
  if (value.countryCode === undefined || value.countryCode === null) return bad(AmazonErrors.missingParameter('Address.CountryCode'));
  if (typeof value.countryCode !== 'string' || !/^[A-Z]{2}$/.test(value.countryCode)) {
    return bad(AmazonErrors.invalidValue(value.countryCode, 'CountryCode'));
  }
  const countryCode = value.countryCode;
  // Docs: Address.city "is required in all countries except Japan".
  const city = text(value.city);
  if (city === undefined && countryCode !== 'JP') return bad(AmazonErrors.missingParameter('Address.City'));
  const postalCode = text(value.postalCode);
  if (postalCode === undefined) return bad(AmazonErrors.missingParameter('Address.PostalCode'));
  const optional = (key: keyof SimAddress) => (typeof value[key] === 'string' && value[key] !== '' ? { [key]: value[key] as string } : {});
  return good({
    name, addressLine1, ...optional('addressLine2'), ...optional('addressLine3'), ...(city !== undefined ? { city } : {}),
    ...optional('districtOrCounty'), ...optional('stateOrRegion'), postalCode, countryCode, ...optional('phone'),
  });
}

export function validateItems(value: unknown): Checked<ItemInput[]> {
  if (!Array.isArray(value) || value.length === 0) return bad(AmazonErrors.missingParameter('Items'));
  if (value.length > MAX_ORDER_ITEMS) {
    return bad(AmazonErrors.invalidValue(value.length, 'Items', `MaxItemsExceeded. A fulfillment order can contain at most ${MAX_ORDER_ITEMS} items`));
  }
  const seen = new Set<string>();
  const items: ItemInput[] = [];
  for (const raw of value) {
    if (!isObject(raw)) return bad(AmazonErrors.missingParameter('Items.SellerSKU'));
    const sellerSku = text(raw.sellerSku);
    if (sellerSku === undefined) return bad(AmazonErrors.missingParameter('Items.SellerSKU'));
    if (sellerSku.length > 50) return bad(AmazonErrors.invalidValue(sellerSku, 'Items.SellerSKU', 'the value is longer than 50 characters'));
    const itemId = text(raw.sellerFulfillmentOrderItemId);
    if (itemId === undefined) return bad(AmazonErrors.missingParameter('Items.SellerFulfillmentOrderItemId'));
    if (itemId.length > 50) return bad(AmazonErrors.invalidValue(itemId, 'Items.SellerFulfillmentOrderItemId', 'the value is longer than 50 characters'));
    if (seen.has(itemId)) return bad(AmazonErrors.invalidValue(itemId, 'Items.SellerFulfillmentOrderItemId', 'DuplicateValue'));
    seen.add(itemId);
    const quantity = raw.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 2_147_483_647) {
      return bad(AmazonErrors.invalidValue(quantity, 'Items.Quantity'));
    }
    items.push({
      sellerSku,
      sellerFulfillmentOrderItemId: itemId,
      quantity,
      ...(typeof raw.giftMessage === 'string' ? { giftMessage: raw.giftMessage } : {}),
      ...(typeof raw.displayableComment === 'string' ? { displayableComment: raw.displayableComment } : {}),
      ...money('perUnitDeclaredValue', raw.perUnitDeclaredValue),
      ...money('perUnitPrice', raw.perUnitPrice),
      ...money('perUnitTax', raw.perUnitTax),
    });
  }
  return good(items);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function money(key: string, value: unknown): Record<string, SimMoney> {
  if (!isObject(value) || typeof value.currencyCode !== 'string' || typeof value.value !== 'string') return {};
  return { [key]: { currencyCode: value.currencyCode, value: value.value } };
}

function featureConstraints(values: readonly unknown[]): SimFeatureConstraint[] {
  return values.filter(isObject).map((f) => ({
    ...(typeof f.featureName === 'string' ? { featureName: f.featureName } : {}),
    ...(typeof f.featureFulfillmentPolicy === 'string' ? { featureFulfillmentPolicy: f.featureFulfillmentPolicy } : {}),
  }));
}
