// The limits every id, key and SKU from outside must keep before the bridge stores or acts on it.
// Anyone who can reach the port can post; an unbounded id would fill the disk and the logs, a control
// character (NUL) cannot be stored in PostgreSQL text and would make the message a poison message.
// Breaking a limit is the sender's problem: 400, which push senders do not retry.
// Docs: Amazon's models (../shared/spapi-models/fulfillmentOutbound_2020-07-01.json):
// CreateFulfillmentOrderItem.sellerSku maxLength 50, sellerFulfillmentOrderId maxLength 40.

/** commercetools ids and keys, message ids, seller ids: far longer than any real one. */
export const MAX_ID_LENGTH = 256;
export const MAX_SELLER_SKU_LENGTH = 50;
export const MAX_SELLER_FULFILLMENT_ORDER_ID_LENGTH = 40;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why `value` cannot be accepted as `name`, or null. Never quotes the value (it may be huge). */
export function identifierProblem(name: string, value: string, maxLength = MAX_ID_LENGTH): string | null {
  if (value.length === 0) return `${name} is empty`;
  if (value.length > maxLength) return `${name} is ${value.length} characters long; at most ${maxLength} are accepted`;
  if (CONTROL_CHARACTER.test(value)) return `${name} contains a control character`;
  return null;
}

/** The first problem among the named values that are present. */
export function firstIdentifierProblem(checks: ReadonlyArray<readonly [name: string, value: string | undefined, maxLength?: number]>): string | null {
  for (const [name, value, maxLength] of checks) {
    if (value === undefined) continue;
    const problem = identifierProblem(name, value, maxLength);
    if (problem) return problem;
  }
  return null;
}
