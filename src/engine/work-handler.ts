// What a flow gives the work runner: a handler per work kind, and what each handler answers.
import type { Logger } from '../ports/logger.js';
import type { WorkItem, WorkKind } from '../ports/store.js';

export type WorkOutcome =
  /** Finished; the item is done (or runs again if it was marked dirty meanwhile). */
  | { readonly outcome: 'done' }
  /** Failed in a way that may pass: try again after `delayMs`, or after the backoff. Spends an attempt. */
  | { readonly outcome: 'retry'; readonly error: string; readonly delayMs?: number }
  /** Cannot succeed without a person: dead letter now, whatever the attempts left. */
  | { readonly outcome: 'dead'; readonly error: string }
  /** Not really started: give it back due now at this priority, without spending an attempt. */
  | { readonly outcome: 'requeue'; readonly priority: number };

export interface WorkContext {
  /**
   * Aborted when the lease was lost (another worker may now hold the item): stop soon, and do not
   * start writes to other systems after it fires. The outcome will not be recorded anyway.
   */
  readonly signal: AbortSignal;
  /** Carries the item's correlation fields (workId, kind, subjectId, connectionId, attempt). */
  readonly logger: Logger;
}

/** A thrown error counts as `{ outcome: 'retry', error: message }`. */
export type WorkHandler = (item: WorkItem, context: WorkContext) => Promise<WorkOutcome>;

export type WorkHandlers = Partial<Record<WorkKind, WorkHandler>>;
