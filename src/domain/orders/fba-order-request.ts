// A storefront order (its FBA lines) as a CreateFulfillmentOrder request, validated before it is sent:
// every problem is collected so a person fixes the order once, and nothing half-right goes to Amazon.
// Docs: ../spapi-models/fulfillmentOutbound_2020-07-01.json (CreateFulfillmentOrderRequest,
// CreateFulfillmentOrderItem); limits of 100 lines and 250 units per order from ../shared/docs/amazon-facts.md.
import { fail, ok, type Result } from '../shared/result.js';
import type { ExceptionType } from '../exceptions/exception-types.js';
import { formatMinorUnits } from '../shared/money.js';
import { mapDestinationAddress } from './destination-address.js';
import type { FbaOrderItemRequest, FbaOrderRequest, FulfillmentPolicy } from './fba-order.js';
import { isLatin1, toLatin1 } from './latin1-text.js';
import type { RoutingDecision } from './routing.js';
import {
  isValidSellerFulfillmentOrderId, sellerFulfillmentOrderIdFor, sellerFulfillmentOrderItemIdFor,
} from './seller-fulfillment-order-id.js';
import type { StorefrontLineItem, StorefrontOrder } from './storefront-order.js';

export interface OrderMappingOptions {
  readonly marketplaceId?: string;
  /** Printed on the packing slip, e.g. 'Thank you for your order'. */
  readonly displayableOrderComment: string;
  readonly fulfillmentPolicy: FulfillmentPolicy;
  readonly maxLines: number;
  readonly maxUnits: number;
  /** SKUs FBA stocks; null = not checked. */
  readonly knownSkus: ReadonlySet<string> | null;
  readonly includeDeclaredValue: boolean;
  /** Pass the customer's e-mail so Amazon notifies them too. */
  readonly notificationEmails: boolean;
  /**
   * The id the caller has already recorded for this order (e.g. on its order link): used as it is, so
   * the request carries exactly the id the bridge will look the order up by.
   */
  readonly sellerFulfillmentOrderId?: string;
  /** Prefix of the sellerFulfillmentOrderId when it is derived here (see sellerFulfillmentOrderIdFor). */
  readonly sellerFulfillmentOrderIdPrefix?: string;
  /** Print each line's product name on the packing slip (item displayableComment). */
  readonly itemComments?: boolean;
}

export const DEFAULT_ORDER_MAPPING: Omit<OrderMappingOptions, 'knownSkus' | 'marketplaceId'> = {
  displayableOrderComment: 'Thank you for your order',
  fulfillmentPolicy: 'FillOrKill',
  maxLines: 100,
  maxUnits: 250,
  includeDeclaredValue: true,
  // Off by default: the storefront sends its own shipping e-mails, and it keeps personal data at home.
  notificationEmails: false,
};

export interface OrderProblem {
  readonly type: ExceptionType;
  /** Plain words for an operations or ecommerce person, naming the field, SKU or line and what is wrong. */
  readonly reason: string;
}

/** The request with notes of what was adapted to fit Amazon, or every problem that stops it. */
export type OrderMappingResult = Result<{ readonly request: FbaOrderRequest; readonly notes: string[] }, OrderProblem[]>;

/** Amazon's limits on CreateFulfillmentOrderRequest fields (maxLength in the model). */
export const FBA_TEXT_LIMITS = {
  sellerSku: 50,
  displayableOrderId: 40,
  displayableOrderComment: 750,
  itemDisplayableComment: 250,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function describeLine(line: StorefrontLineItem): string {
  return `line "${line.name}" (line item ${line.id})`;
}

/** Free text that may be shortened (comments): Latin-1, then cut to `max` with a note. */
function fitComment(text: string, max: number, what: string, notes: string[]): string {
  const latin = toLatin1(text);
  if (!isLatin1(text)) notes.push(`${what} transliterated to ISO-8859-1 for Amazon.`);
  if (latin.length <= max) return latin;
  notes.push(`${what} shortened from ${latin.length} to ${max} characters (Amazon's limit).`);
  return latin.slice(0, max).trimEnd();
}

function lineProblems(line: StorefrontLineItem, knownSkus: ReadonlySet<string> | null): OrderProblem[] {
  const problems: OrderProblem[] = [];
  // The SKU is an identity: it is checked and sent exactly as commercetools holds it, never trimmed.
  const sku = line.sku ?? '';
  if (sku.trim() === '') {
    problems.push({ type: 'order.invalid-sku', reason: `The ${describeLine(line)} has no SKU; FBA needs the seller SKU to ship it.` });
  } else if (sku.length > FBA_TEXT_LIMITS.sellerSku) {
    problems.push({
      type: 'order.invalid-sku',
      reason: `SKU "${sku}" on the ${describeLine(line)} has ${sku.length} characters; Amazon accepts at most ${FBA_TEXT_LIMITS.sellerSku}.`,
    });
  } else if (knownSkus !== null && !knownSkus.has(sku)) {
    problems.push({
      type: 'order.unknown-sku',
      reason: `SKU "${sku}" on the ${describeLine(line)} is not stocked by FBA: no FBA listing has exactly this SKU.`,
    });
  }
  if (!Number.isInteger(line.quantity) || line.quantity < 1) {
    problems.push({
      type: 'order.invalid-line',
      reason: `The ${describeLine(line)} has quantity ${line.quantity}; Amazon needs a whole number of at least 1 unit per line.`,
    });
  }
  return problems;
}

function limitProblems(lines: readonly StorefrontLineItem[], options: OrderMappingOptions): OrderProblem[] {
  const problems: OrderProblem[] = [];
  if (lines.length === 0) {
    problems.push({ type: 'order.limits-exceeded', reason: 'The order has no line to send to FBA.' });
  }
  if (lines.length > options.maxLines) {
    problems.push({
      type: 'order.limits-exceeded',
      reason: `The order sends ${lines.length} lines to FBA; Amazon accepts at most ${options.maxLines} lines per order.`,
    });
  }
  const units = lines.reduce((sum, l) => sum + (Number.isFinite(l.quantity) ? l.quantity : 0), 0);
  if (units > options.maxUnits) {
    problems.push({
      type: 'order.limits-exceeded',
      reason: `The order sends ${units} units to FBA; Amazon accepts at most ${options.maxUnits} units per order.`,
    });
  }
  return problems;
}

function itemFor(line: StorefrontLineItem, options: OrderMappingOptions, notes: string[]): FbaOrderItemRequest {
  const comment = options.itemComments === true
    ? fitComment(line.name, FBA_TEXT_LIMITS.itemDisplayableComment, `Packing-slip comment of the ${describeLine(line)}`, notes)
    : '';
  let declared: FbaOrderItemRequest['perUnitDeclaredValue'];
  if (options.includeDeclaredValue) {
    if (line.unitPrice === undefined) notes.push(`No declared value for the ${describeLine(line)}: it has no unit price.`);
    else declared = { currencyCode: line.unitPrice.currencyCode, value: formatMinorUnits(line.unitPrice.centAmount, line.unitPrice.fractionDigits) };
  }
  return {
    sellerSku: line.sku ?? '',
    sellerFulfillmentOrderItemId: sellerFulfillmentOrderItemIdFor(line.id),
    quantity: line.quantity,
    ...(comment === '' ? {} : { displayableComment: comment }),
    ...(declared === undefined ? {} : { perUnitDeclaredValue: declared }),
  };
}

/**
 * An id recorded earlier wins over one derived now, so a later change of order number (commercetools
 * allows setting it after creation) cannot lead to a second send.
 */
function sellerFulfillmentOrderIdOf(order: StorefrontOrder, options: OrderMappingOptions): string {
  const given = options.sellerFulfillmentOrderId;
  if (given !== undefined) {
    if (!isValidSellerFulfillmentOrderId(given)) throw new RangeError(`'${given}' is not a valid sellerFulfillmentOrderId`);
    return given;
  }
  const recorded = order.fields.sellerFulfillmentOrderId;
  if (recorded !== undefined && isValidSellerFulfillmentOrderId(recorded)) return recorded;
  return sellerFulfillmentOrderIdFor(order, options.sellerFulfillmentOrderIdPrefix);
}

function displayableOrderIdOf(order: StorefrontOrder, notes: string[]): string {
  const fromNumber = toLatin1(order.orderNumber ?? '');
  if (order.orderNumber !== undefined && fromNumber === '') {
    notes.push('Order number cannot be written in ISO-8859-1; the packing slip shows the commercetools order id instead.');
  } else if (order.orderNumber !== undefined && !isLatin1(order.orderNumber)) {
    notes.push('Order number transliterated to ISO-8859-1 for the packing slip.');
  }
  const shown = fromNumber !== '' ? fromNumber : toLatin1(order.id);
  if (shown.length <= FBA_TEXT_LIMITS.displayableOrderId) return shown;
  notes.push(`Order number shortened to its first ${FBA_TEXT_LIMITS.displayableOrderId} characters on the packing slip.`);
  return shown.slice(0, FBA_TEXT_LIMITS.displayableOrderId).trimEnd();
}

function notificationEmailsOf(order: StorefrontOrder, options: OrderMappingOptions, notes: string[]): readonly string[] | undefined {
  if (!options.notificationEmails) return undefined;
  const email = (order.customerEmail ?? order.shippingAddress?.email ?? '').trim();
  if (email === '') return undefined;
  if (!EMAIL.test(email) || !isLatin1(email)) {
    notes.push('Customer e-mail is not an address Amazon accepts; Amazon will not e-mail the customer.');
    return undefined;
  }
  return [email];
}

export function buildFbaOrderRequest(
  order: StorefrontOrder,
  decision: Extract<RoutingDecision, { kind: 'fba' }>,
  options: OrderMappingOptions,
): OrderMappingResult {
  const lines = decision.fbaLines;
  const address = mapDestinationAddress(order.shippingAddress);
  const problems: OrderProblem[] = [
    ...lines.flatMap((line) => lineProblems(line, options.knownSkus)),
    ...limitProblems(lines, options),
    ...(address.ok ? [] : address.error),
  ];
  if (problems.length > 0 || !address.ok) return fail(problems);

  const notes: string[] = [...address.value.notes];
  const comment = fitComment(options.displayableOrderComment, FBA_TEXT_LIMITS.displayableOrderComment, 'Order comment', notes);
  const emails = notificationEmailsOf(order, options, notes);
  const request: FbaOrderRequest = {
    sellerFulfillmentOrderId: sellerFulfillmentOrderIdOf(order, options),
    displayableOrderId: displayableOrderIdOf(order, notes),
    displayableOrderDate: order.createdAt,
    // Amazon requires a comment; an empty configured one falls back to the default text.
    displayableOrderComment: comment !== '' ? comment : DEFAULT_ORDER_MAPPING.displayableOrderComment,
    shippingSpeedCategory: decision.speed,
    destinationAddress: address.value.address,
    items: lines.map((line) => itemFor(line, options, notes)),
    fulfillmentPolicy: options.fulfillmentPolicy,
    ...(options.marketplaceId === undefined ? {} : { marketplaceId: options.marketplaceId }),
    ...(emails === undefined ? {} : { notificationEmails: emails }),
  };
  return ok({ request, notes });
}
