// Turns what the commercetools SDK throws into the bridge's Failure values. The category decides what
// the engine does: retryable (back off, re-read, re-decide), throttled, or permanent (a person must fix
// data or configuration). commercetools' own message is kept verbatim for the person who must act.
import { fail, failure, ok, type Failure, type Result } from '../../domain/shared/result.js';

interface CommercetoolsErrorBody {
  readonly message?: unknown;
  readonly errors?: ReadonlyArray<{ readonly code?: unknown; readonly message?: unknown; readonly currentVersion?: unknown }>;
}

/** The shape ts-client throws: `statusCode` and the parsed body, or (for network errors) a nested `error`. */
interface SdkError {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly body?: unknown;
  readonly error?: unknown;
}

/** Runs one SDK request; what commercetools (or the network) answered becomes a Failure, bugs still throw. */
export async function send<T>(request: () => Promise<{ body: T }>): Promise<Result<T>> {
  try {
    return ok((await request()).body);
  } catch (thrown) {
    return fail(toFailureOrRethrow(thrown));
  }
}

/** As send, for reads: 404 is an answer (ok(null)), not a failure. */
export async function read<T>(request: () => Promise<{ body: T }>): Promise<Result<T | null>> {
  try {
    return ok((await request()).body);
  } catch (thrown) {
    return statusOf(thrown) === 404 ? ok(null) : fail(toFailureOrRethrow(thrown));
  }
}

function toFailureOrRethrow(thrown: unknown): Failure {
  if (isSdkError(thrown)) return toFailure(thrown);
  // The token request (auth middleware) lets fetch's own errors through unwrapped.
  if (isNetworkError(thrown)) return failure('retryable', 'NetworkError', `commercetools unreachable: ${describeNetworkError(thrown)}`);
  // The token request's refusal comes as an HttpError without a status: invalid_client/invalid_scope mean
  // the API client's credentials or scopes are refused (the dependency circuit pauses the work and one
  // exception names them); anything else from the token endpoint is transient.
  if (isTokenError(thrown)) {
    const { code, message } = asSdkError(thrown);
    const said = firstString(message, code) ?? 'token request refused';
    return typeof code === 'string' && /^invalid_(client|scope|grant)$|^unauthorized/i.test(code)
      ? failure('permanent', 'Unauthorized', `commercetools refused the API client's credentials (${code}): ${said}`)
      : failure('retryable', 'ServerError', `commercetools could not issue an access token: ${said}`);
  }
  throw thrown;
}

function isTokenError(thrown: unknown): boolean {
  return thrown instanceof Error && thrown.name === 'HttpError' && statusOf(thrown) === 0;
}

function isNetworkError(thrown: unknown): thrown is Error {
  return thrown instanceof Error && (thrown.message === 'fetch failed' || thrown.name === 'AbortError' || thrown.name === 'TimeoutError');
}

function describeNetworkError(error: Error): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  return firstString(cause?.code, cause?.message, error.message) ?? 'network error';
}

function isSdkError(thrown: unknown): boolean {
  const e = asSdkError(thrown);
  return typeof e.statusCode === 'number' || (e.error !== undefined && 'body' in e);
}

export function statusOf(thrown: unknown): number {
  const e = asSdkError(thrown);
  const status = typeof e.statusCode === 'number' ? e.statusCode : asSdkError(e.error).statusCode;
  return typeof status === 'number' ? status : 0;
}

export function toFailure(thrown: unknown): Failure {
  const status = statusOf(thrown);
  const body = bodyOf(thrown);
  const first = body?.errors?.[0];
  const code = typeof first?.code === 'string' ? first.code : undefined;
  const message = firstString(body?.message, first?.message, asSdkError(thrown).message) ?? 'commercetools request failed';
  const details = body ? JSON.stringify(body) : undefined;
  const extra = { ...(status > 0 ? { status } : {}), ...(details ? { details } : {}), ...(code ? { partnerCode: code } : {}) };

  if (status === 409 || code === 'ConcurrentModification') {
    return failure('retryable', 'ConcurrentModification', message, extra);
  }
  if (status === 429) return failure('throttled', 'Throttled', message, extra);
  if (status === 0) return failure('retryable', 'NetworkError', networkMessage(thrown), extra);
  // commercetools' own code (InvalidOperation, DuplicateField, …) stays in `partnerCode`, the body in `details`.
  if (status >= 500) return failure('retryable', 'ServerError', message, extra);
  // 401/403 mean the API client's credentials or scopes are wrong: configuration a person must fix.
  if (status === 401 || status === 403) return failure('permanent', 'Unauthorized', message, extra);
  if (status === 404) return failure('permanent', 'ResourceNotFound', message, extra);
  return failure('permanent', 'InvalidInput', message, extra);
}

function bodyOf(thrown: unknown): CommercetoolsErrorBody | undefined {
  const body = asSdkError(thrown).body;
  return body && typeof body === 'object' ? (body as CommercetoolsErrorBody) : undefined;
}

// ts-client wraps fetch's TypeError ("fetch failed") in `error.body`; its cause has the useful code.
function networkMessage(thrown: unknown): string {
  const inner = asSdkError(asSdkError(thrown).error);
  const text = inner.body instanceof Error ? describeNetworkError(inner.body) : firstString(inner.message, asSdkError(thrown).message);
  return `commercetools unreachable: ${text ?? 'network error'}`;
}

function asSdkError(value: unknown): SdkError {
  return value && typeof value === 'object' ? (value as SdkError) : {};
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}
