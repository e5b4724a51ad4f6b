// Turns an expected failure of a port into what the engine should do with the work item.
import type { Failure } from '../../domain/shared/result.js';
import type { TaskOutcome } from './order-flow-types.js';

export function outcomeOf(failure: Failure, what: string): TaskOutcome {
  const error = `${what}: ${failure.message}${failure.code ? ` (${failure.code})` : ''}`;
  switch (failure.category) {
    case 'throttled':
      return { outcome: 'retry', error, delayMs: 1_000 };
    case 'retryable':
      // A stale commercetools version only needs a fresh read: retry soon.
      return failure.code === 'ConcurrentModification' ? { outcome: 'retry', error, delayMs: 50 } : { outcome: 'retry', error };
    case 'permanent':
      return { outcome: 'dead', error };
  }
}
