// How a WorkRunner is set up: the store and handlers it runs, its clock, concurrency, leases, attempt
// budget and backoff, what happens to a dead letter, and the dependency circuits it pauses on.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store, WorkItem } from '../ports/store.js';
import type { BackoffPolicy } from './backoff.js';
import type { DependencyCircuits } from './dependency-circuit.js';
import type { SetTimer } from './set-timer.js';
import type { WorkHandlers } from './work-handler.js';

export interface DeadLetter {
  readonly item: WorkItem;
  readonly error: string;
}

export interface WorkRunnerOptions {
  readonly store: Store;
  readonly handlers: WorkHandlers;
  /** Real time for runAt and leases (not a simulator's business clock: the runner sleeps on it). */
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names this runner in lease owners and logs. Default: host:pid:random. */
  readonly workerId?: string;
  /** Handlers running at once. Default 4. */
  readonly concurrency?: number;
  /** How long a claim is valid without renewal; renewed every third of it while the handler runs. Default 60 s. */
  readonly leaseMs?: number;
  /** Attempts before a failing item is dead-lettered. Default 8. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** [0, 1) source for the backoff jitter. */
  readonly random?: () => number;
  /** Longest idle sleep, so leases abandoned by others get reaped and a missed wake costs little. Default 5 s. */
  readonly maxIdleMs?: number;
  /** How often to return expired leases to pending. Default 10 s. */
  readonly reapEveryMs?: number;
  /**
   * Runs in the dead letter's own transaction (use `tx`), typically to raise the exception a person
   * will see. If it throws, the dead letter is rolled back and the item retried after a backoff.
   */
  readonly onDeadLetter?: (deadLetter: DeadLetter, tx: Store) => Promise<void>;
  readonly setTimer?: SetTimer;
  /**
   * The dependencies the handlers need. Absent: every failure is the item's. Present: work pauses while
   * a circuit is open, and failures meanwhile spend no attempt. The database circuit is fed from here.
   */
  readonly circuits?: DependencyCircuits;
  /** How long a probe item that failed waits, so the next probe tries another item. Default 5 s. */
  readonly failedProbeDelayMs?: number;
  /**
   * Serve connections in turns, each at most its share of the slots (docs/adr/0017). Default true.
   * With one connection the turns are its own claim order, so false claims the same items in plain
   * priority order, for a fraction of the database work (docs/adr/0023).
   */
  readonly fairShare?: boolean;
}
