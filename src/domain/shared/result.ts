// Expected failures are values, not exceptions. The category decides what the engine does next:
// retryable → back off and try again; throttled → wait for the rate governor; permanent → a person
// must fix data (an exception record). Bugs still throw.
export type FailureCategory = 'retryable' | 'permanent' | 'throttled';

export interface Failure {
  readonly category: FailureCategory;
  /** A stable machine code, e.g. 'InvalidInput', 'ConcurrentModification', 'Timeout'. */
  readonly code: string;
  /** The message for the person who must act; for partner errors, the partner's own words. */
  readonly message: string;
  /** HTTP status when the failure came from an HTTP answer. */
  readonly status?: number;
  /** Extra detail kept verbatim (partner's `details`, request id, …). */
  readonly details?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: Failure): Result<T> => ({ ok: false, error });
export const failure = (category: FailureCategory, code: string, message: string, extra: Partial<Failure> = {}): Failure => ({
  category,
  code,
  message,
  ...extra,
});
