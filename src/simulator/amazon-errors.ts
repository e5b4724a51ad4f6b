// Amazon's error answers, word for word where a real answer is known. Clients match on these texts
// (Amazon puts most business refusals under one code, InvalidInput), so the wording matters.
// Docs: https://developer-docs.amazon.com/sp-api/docs/response-format
// Known texts come from ../shared/docs/amazon-facts.md and the sandbox examples in the official
// models; those marked "unverified" follow Amazon's "Value … for parameter … is invalid" pattern.

export interface AmazonError {
  readonly code: string;
  readonly message: string;
  readonly details: string;
}

export interface ErrorBody {
  readonly errors: readonly AmazonError[];
}

/** An answer an operation gives instead of its payload. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
}

export function errorAnswer(status: number, code: string, message: string, details = ''): ErrorAnswer {
  return { status, body: { errors: [{ code, message, details }] } };
}

const invalidInput = (message: string): ErrorAnswer => errorAnswer(400, 'InvalidInput', message);

export const AmazonErrors = {
  // "The request must contain the parameter Address.CountryCode." (sandbox example, preview)
  missingParameter: (name: string) => invalidInput(`The request must contain the parameter ${name}.`),
  // "Value  for parameter CountryCode is invalid. Reason: InvalidValue." (sandbox example, create)
  invalidValue: (value: unknown, parameter: string, reason = 'InvalidValue') =>
    invalidInput(`Value ${value === undefined || value === null ? '' : String(value)} for parameter ${parameter} is invalid. Reason: ${reason}.`),
  // Seen in production answers (issue amzn/selling-partner-api-models#2979); the id is the item's.
  invalidSku: (sellerFulfillmentOrderItemId: string) =>
    invalidInput(`the SellerSKU for Item Id: ${sellerFulfillmentOrderItemId} is invalid.`),
  // Sandbox example for createFulfillmentOrder.
  duplicateOrder: (id: string) => invalidInput(`A create request already exists for MerchantFulfillmentOrderId : ${id}`),
  // Sandbox example for getFulfillmentOrder: Amazon answers 400 InvalidInput, not 404.
  orderNotFound: (id: string) => invalidInput(`Requested order '${id}' not found`),
  // Sandbox example for cancelFulfillmentOrder.
  duplicateCancel: (id: string) => AmazonErrors.invalidValue(id, 'SellerFulfillmentOrderId', 'DuplicateCancelRequest'),
  // Unverified wording: Amazon refuses cancellation once picking began (status Processing or later).
  notCancellable: (id: string, status: string) =>
    AmazonErrors.invalidValue(id, 'SellerFulfillmentOrderId', `OrderNotCancellable. The fulfillment order is ${status}`),
  // Sandbox example for listAllFulfillmentOrders with a bad queryStartDate.
  badTimestamp: () => invalidInput('timestamp must follow ISO8601'),
  // Sandbox example for getPackageTrackingDetails with an unknown package: the message really is "null".
  unknownPackage: () => invalidInput('null'),
  invalidNextToken: (token: string) => AmazonErrors.invalidValue(token, 'nextToken'),
  // getInventorySummaries with an expired, unknown or mismatched nextToken: the text reported from
  // production (issue amzn/selling-partner-api-models#4946); `details` says which, for people.
  summariesNextTokenRefused: (why: string) => errorAnswer(400, 'InvalidInput', 'Next token is invalid or expired', why),
  malformedBody: () => invalidInput('The request body is malformed.'),
  unauthorized: () => errorAnswer(403, 'Unauthorized', 'Access to requested resource is denied.'),
  quotaExceeded: () => errorAnswer(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.'),
  // Sandbox example (fbaInventory getInventorySummaries 500).
  internalFailure: () => errorAnswer(500, 'InternalFailure', 'We encountered an internal error. Please try again.'),
  // Unverified wording for a 503 from the SP-API gateway.
  serviceUnavailable: () => errorAnswer(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again later.'),
  notFound: (path: string) => errorAnswer(404, 'NotFound', `Resource not found: ${path}`),
} as const;
