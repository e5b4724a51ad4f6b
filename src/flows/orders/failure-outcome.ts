// Turns an expected failure of a port into what the engine should do with the work item.
import type { Failure } from '../../domain/shared/result.js';
import type { TaskOutcome } from './order-flow-types.js';

/**
 * Refused credentials are 'permanent' for the adapters (only a person fixes them) but not the item's
 * fault: the dependency circuit pauses the work and one credentials exception names the fix, so no order
 * is blocked or dead-lettered for it (docs/adr/0013).
 */
export function isCredentialRefusal(failure: Failure): boolean {
  return failure.code === 'Unauthorized' || failure.status === 401 || failure.status === 403;
}

/** A failure that says something about this item's data (not about a dependency): a person must act. */
export function isItemFailure(failure: Failure): boolean {
  return failure.category === 'permanent' && !isCredentialRefusal(failure);
}

export function outcomeOf(failure: Failure, what: string): TaskOutcome {
  const error = `${what}: ${failure.message}${failure.code ? ` (${failure.code})` : ''}`;
  switch (failure.category) {
    case 'throttled':
      return { outcome: 'retry', error, delayMs: 1_000 };
    case 'retryable':
      // A stale commercetools version only needs a fresh read: retry soon.
      return failure.code === 'ConcurrentModification' ? { outcome: 'retry', error, delayMs: 50 } : { outcome: 'retry', error };
    case 'permanent':
      return isCredentialRefusal(failure) ? { outcome: 'retry', error } : { outcome: 'dead', error };
  }
}
