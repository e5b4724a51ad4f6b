// Leases of scheduled tasks (docs/adr/0016): which worker runs each periodic task (a poll, a sweep, a
// purge…), until when it holds it, and when the task last started, so that across all workers each
// task runs once per interval. Times are epoch milliseconds.

export interface ScheduledTaskLease {
  readonly taskId: string;
  /** The worker id that holds the task (or last held it, once expired). */
  readonly holder: string;
  readonly expiresAt: number;
  /** When the last run started, on whichever worker. */
  readonly lastRunAt: number;
  readonly intervalMs: number;
}

export type TurnClaim =
  /** This worker runs the task now; `runId` names the run in the history. */
  | { readonly claimed: true; readonly runId: number }
  /** Not this worker's turn; the lease as it stands (null: unknown, e.g. the row was just removed). */
  | { readonly claimed: false; readonly lease: ScheduledTaskLease | null };

export interface TurnRequest {
  readonly taskId: string;
  readonly holder: string;
  readonly now: number;
  readonly intervalMs: number;
  /** How long the claim holds the task without a renewal (JOB_LEASE_SECONDS). */
  readonly leaseMs: number;
}

export interface ScheduledTaskRun {
  readonly id: number;
  readonly taskId: string;
  readonly holder: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  /** 'ok', 'failed' or null while running (or when its worker died during the run). */
  readonly outcome: 'ok' | 'failed' | null;
}

export interface ScheduledTaskLeaseRepository {
  /**
   * Claims the task's turn in one atomic step: succeeds only when the task is due (never run, or its
   * last run started at least `intervalMs` ago) and its lease is free, expired or the claimer's own.
   * On success the claimer holds the lease until now + leaseMs, the run is recorded as started now.
   */
  claimTurn(request: TurnRequest): Promise<TurnClaim>;
  /** Records how a claimed run ended. */
  finishRun(runId: number, outcome: 'ok' | 'failed', now: number): Promise<void>;
  /** Extends every lease `holder` still holds to `expiresAt`; answers the task ids it holds. */
  renew(holder: string, expiresAt: number): Promise<string[]>;
  /** Gives up every lease `holder` holds (on shutdown), so another worker takes its tasks at once. */
  release(holder: string, now: number): Promise<void>;
  /** Every task's lease, by task id. */
  list(): Promise<ScheduledTaskLease[]>;
  /** Runs started at or after `since`, oldest first. */
  runsSince(since: number): Promise<ScheduledTaskRun[]>;
  /** Deletes run history started before `cutoff`; answers how many rows went. */
  purgeRunsBefore(cutoff: number): Promise<number>;
}
