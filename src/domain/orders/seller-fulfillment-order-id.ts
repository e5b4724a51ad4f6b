// The idempotency keys of the order flow. The same commercetools order always yields the same
// sellerFulfillmentOrderId, so a retry after a crash or a timeout finds (and adopts) the order it
// created instead of creating a second one.
// Docs: ../shared/docs/amazon-facts.md — sellerFulfillmentOrderId ≤ 40, kept to [A-Za-z0-9_-] because
// `+` decodes to a space on GET paths, double spaces give 403 and `#` needs encoding.
import { createHash } from 'node:crypto';
import { toLatin1 } from './latin1-text.js';

export const SELLER_FULFILLMENT_ORDER_ID_MAX = 40;
export const SELLER_FULFILLMENT_ORDER_ITEM_ID_MAX = 50;
/** A longer prefix would crowd out the readable order number; configuration must stay below it. */
export const SELLER_FULFILLMENT_ORDER_ID_PREFIX_MAX = 12;

const SAFE_ID = /^[A-Za-z0-9_-]+$/;
const HASH_LENGTH = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32 (lower case, unpadded) of the first bytes of sha-256: 10 characters = 50 bits. */
function shortHash(text: string, length: number): string {
  const digest = createHash('sha256').update(text, 'utf8').digest();
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/** Latin-1 letters without a decomposition to ASCII. */
const ASCII_FOLD: Readonly<Record<string, string>> = {
  'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'ø': 'o', 'Ø': 'O', 'þ': 'th', 'Þ': 'Th', 'ð': 'd', 'Ð': 'D',
};

/**
 * Transliterated like all text for Amazon ("Заказ" → "Zakaz"), accents dropped, anything outside
 * [A-Za-z0-9_-] turned into '-', runs collapsed, separators trimmed from both ends.
 */
function urlSafe(text: string): string {
  return toLatin1(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæÆøØþÞðÐ]/g, (ch) => ASCII_FOLD[ch] ?? '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/**
 * `<prefix><order number>-<hash of order id>`, e.g. `ct-10042-k3v9q2m7xa`: readable in Seller Central,
 * unique even when two order numbers sanitise to the same text ("A#1" and "A 1" both give "A-1").
 * A long order number keeps its end, where stores put the running sequence; without a usable order
 * number the order id stands in, from its start as commercetools shows it.
 *
 * The id depends on the order number, which commercetools lets a merchant set after creation: once an
 * id has been recorded on the order (fields.sellerFulfillmentOrderId), callers must reuse that one.
 */
export function sellerFulfillmentOrderIdFor(order: { id: string; orderNumber?: string }, prefix = ''): string {
  const safePrefix = prefix.replace(/[^A-Za-z0-9_-]/g, '');
  if (safePrefix.length > SELLER_FULFILLMENT_ORDER_ID_PREFIX_MAX) {
    throw new RangeError(`sellerFulfillmentOrderId prefix '${prefix}' is longer than ${SELLER_FULFILLMENT_ORDER_ID_PREFIX_MAX} characters`);
  }
  const hash = shortHash(order.id, HASH_LENGTH);
  const room = SELLER_FULFILLMENT_ORDER_ID_MAX - safePrefix.length - HASH_LENGTH - 1;
  const fromNumber = urlSafe(order.orderNumber ?? '');
  const kept = fromNumber !== ''
    ? fromNumber.slice(Math.max(0, fromNumber.length - room)).replace(/^[-_]+/, '')
    : urlSafe(order.id).slice(0, room).replace(/[-_]+$/, '');
  return kept === '' ? `${safePrefix}${hash}` : `${safePrefix}${kept}-${hash}`;
}

/**
 * The line item id itself (commercetools ids are UUIDs: 36 safe characters), so Amazon's shipment
 * items map straight back to the line. Anything else (never seen from commercetools) is made safe and
 * keeps uniqueness through a hash; shipment mapping applies this same function to find the line.
 */
export function sellerFulfillmentOrderItemIdFor(lineItemId: string): string {
  if (lineItemId.length <= SELLER_FULFILLMENT_ORDER_ITEM_ID_MAX && SAFE_ID.test(lineItemId)) return lineItemId;
  const hash = shortHash(lineItemId, HASH_LENGTH);
  const readable = urlSafe(lineItemId).slice(0, SELLER_FULFILLMENT_ORDER_ITEM_ID_MAX - HASH_LENGTH - 1);
  return readable === '' ? hash : `${readable}-${hash}`;
}

/** True when `id` can be sent as a sellerFulfillmentOrderId as it is. */
export function isValidSellerFulfillmentOrderId(id: string): boolean {
  return id.length <= SELLER_FULFILLMENT_ORDER_ID_MAX && SAFE_ID.test(id);
}
