// Turns an SP-API error answer into a Failure whose category decides what the engine does and whose
// code the flows act on (AmazonFailureCode). Amazon answers most business refusals with a plain 400
// `InvalidInput`, so the distinction lives in the message text; the patterns below are taken from
// real answers (../shared/docs/amazon-facts.md). The message itself is always Amazon's, verbatim, for
// the person who has to act on it.
// Docs: https://developer-docs.amazon.com/sp-api/docs/response-format
import { failure, type Failure } from '../../domain/shared/result.js';
import type { AmazonFailureCode } from '../../ports/amazon-fulfillment.js';

/** One entry of an SP-API `errors` array (ModelError in the official models). */
export interface SpApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

export interface SpApiErrorAnswer {
  readonly operation: string;
  readonly status: number;
  readonly errors: readonly SpApiError[];
  readonly requestId?: string;
  /** The answer's text, quoted when it carries no `errors` (a gateway's HTML page, say). */
  readonly rawBody?: string;
}

/** Reads `{"errors":[{code,message,details}]}`; tolerates an absent or malformed body. */
export function parseSpApiErrors(body: unknown): SpApiError[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown): SpApiError[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { code, message, details } = entry as Record<string, unknown>;
    return [{
      code: typeof code === 'string' ? code : '',
      message: typeof message === 'string' ? message : '',
      ...(typeof details === 'string' && details !== '' ? { details } : {}),
    }];
  });
}

// "A create request already exists for MerchantFulfillmentOrderId : FBATestOrder-1"
const DUPLICATE_ORDER = /already exists/i;
// "Requested order 'FBATestOrder-10' not found"
const NOT_FOUND = /not found/i;
// "the SellerSKU for Item Id: xxxx-0 is invalid."
const INVALID_SKU = /seller\s*sku\b.*\bis invalid/i;
// "… Reason: DuplicateCancelRequest." and the wordings seen for orders past the cancellable states.
const CANCEL_REFUSED = /DuplicateCancelRequest|not\s*cancel+able|cannot be cancel+ed|can ?not cancel|already (been )?cancel+ed/i;
// On a cancel call, a refusal that names the order's state ("… Processing …") is the same refusal.
const CANCEL_STATE = /processing|status|state/i;

export function classifySpApiError(answer: SpApiErrorAnswer): Failure {
  const { status } = answer;
  const message = amazonMessage(answer);
  const extra = { status, details: detailsOf(answer) };
  const as = (category: Failure['category'], code: AmazonFailureCode): Failure => failure(category, code, message, extra);

  if (status === 429) return as('throttled', 'QuotaExceeded');
  if (status >= 500 || status === 408) return as('retryable', status === 408 ? 'Timeout' : 'ServerError');
  if (status === 401 || status === 403) return as('permanent', 'Unauthorized');
  if (status === 404) return as('permanent', 'OrderNotFound');
  if (status >= 400) {
    if (DUPLICATE_ORDER.test(message)) return as('permanent', 'DuplicateOrder');
    if (INVALID_SKU.test(message)) return as('permanent', 'InvalidSku');
    // A create cannot be about a missing order: whatever "not found" means there, the input is wrong.
    if (NOT_FOUND.test(message) && answer.operation !== 'createFulfillmentOrder') return as('permanent', 'OrderNotFound');
    if (CANCEL_REFUSED.test(message)) return as('permanent', 'NotCancellable');
    if (answer.operation === 'cancelFulfillmentOrder' && CANCEL_STATE.test(message)) return as('permanent', 'NotCancellable');
    return as('permanent', 'InvalidInput');
  }
  // 1xx/3xx never reach here from fetch in practice; treat the unexpected as transient.
  return as('retryable', 'ServerError');
}

export function timeoutFailure(operation: string, timeoutMs: number): Failure {
  return failure('retryable', 'Timeout', `Amazon did not answer ${operation} within ${timeoutMs} ms`, {
    details: JSON.stringify({ operation }),
  });
}

export function networkFailure(operation: string, error: unknown): Failure {
  return failure('retryable', 'NetworkError', `Amazon could not be reached for ${operation}: ${describeError(error)}`, {
    details: JSON.stringify({ operation }),
  });
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** Amazon's own words; several errors are kept in order, one per line. */
function amazonMessage(answer: SpApiErrorAnswer): string {
  const messages = answer.errors.map((e) => e.message).filter((m) => m !== '');
  if (messages.length > 0) return messages.join('\n');
  const raw = answer.rawBody?.trim().slice(0, 300);
  return `Amazon answered HTTP ${answer.status} to ${answer.operation}${raw ? `: ${raw}` : ' without an error message'}`;
}

/** Request id and Amazon's codes/details as JSON, so support tickets can quote them exactly. */
function detailsOf(answer: SpApiErrorAnswer): string {
  const codes = answer.errors.map((e) => e.code).filter((c) => c !== '');
  const amazonDetails = answer.errors.map((e) => e.details).filter((d): d is string => d !== undefined);
  return JSON.stringify({
    operation: answer.operation,
    ...(answer.requestId ? { requestId: answer.requestId } : {}),
    ...(codes.length > 0 ? { amazonCodes: codes } : {}),
    ...(amazonDetails.length > 0 ? { amazonDetails } : {}),
  });
}
