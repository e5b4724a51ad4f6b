// Expected failures are values, not exceptions. The category decides what the engine does next:
// retryable → back off and try again; throttled → wait for the rate governor; permanent → a person
// must fix data (an exception record). Bugs still throw.
import type { FailureCode } from './failure-code.js';

export type FailureCategory = 'retryable' | 'permanent' | 'throttled';

export interface Failure {
  readonly category: FailureCategory;
  /** A stable machine code the flows act on (failure-code.ts). */
  readonly code: FailureCode;
  /** The message for the person who must act; for partner errors, the partner's own words. */
  readonly message: string;
  /** The partner's own error code, verbatim (commercetools' DuplicateField, Amazon's InvalidInput…). */
  readonly partnerCode?: string;
  /** HTTP status when the failure came from an HTTP answer. */
  readonly status?: number;
  /** Extra detail kept verbatim (partner's `details`, request id, …). */
  readonly details?: string;
}

/**
 * The one shape of an expected outcome. `E` is a Failure for calls to the outside world; validations
 * that gather problems for a person use their own error type (a list of problems, a reason).
 */
export type Result<T, E = Failure> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const fail = <E = Failure>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
export const failure = (category: FailureCategory, code: FailureCode, message: string, extra: Partial<Failure> = {}): Failure => ({
  category,
  code,
  message,
  ...extra,
});
