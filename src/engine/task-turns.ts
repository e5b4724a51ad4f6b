// Whose turn it is to run a scheduled task, across every worker on one store (docs/adr/0016).
// A worker claims a task's turn in the store when the task is due; the claim succeeds when the task's
// lease is free, expired or already this worker's. The worker then keeps the leases it holds alive by
// renewing them every third of the lease (two renewals may fail before one expires), so its tasks stay
// with it while it lives; when it dies its leases run out and the next claim by another worker, made
// when the expiry it last saw has passed, takes each task over — within one lease of the death.
//
// The renewal also reads every task's lease: a worker waits for another holder's lease from that
// snapshot instead of asking the store again and again, so a live holder costs the others nothing.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ScheduledTaskLease, ScheduledTaskLeaseRepository } from '../ports/scheduled-task-leases.js';
import type { SetTimer } from './set-timer.js';

export interface TaskTurnsOptions {
  readonly leases: ScheduledTaskLeaseRepository;
  /** This worker's id. */
  readonly holder: string;
  /** JOB_LEASE_SECONDS in ms: how long a worker that stopped renewing keeps its tasks. */
  readonly leaseMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly setTimer: SetTimer;
}

export type TurnDecision =
  | { readonly run: true; readonly runId: number; readonly startedAt: number }
  | { readonly run: false; readonly retryAt: number };

// Asking again sooner than this after a refusal would only be a race with the store's own clock.
const MIN_RETRY_MS = 10;

export class TaskTurns {
  private readonly seen = new Map<string, ScheduledTaskLease>();
  private cancelTimer: (() => void) | null = null;
  private running = false;

  constructor(
    private readonly options: TaskTurnsOptions,
    /**
     * Told after each renewal which tasks this worker still held at `asOf` (when the renewal began): a
     * run claimed before then whose task is not among them was taken over by another worker.
     */
    private readonly onHeld: (held: ReadonlySet<string>, asOf: number) => void = () => undefined,
  ) {
    if (!(options.leaseMs > 0)) throw new Error('The scheduled task lease must be a positive number of milliseconds (JOB_LEASE_SECONDS).');
  }

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /** Starts renewing this worker's leases (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops renewing and gives the leases up, so another worker takes the tasks over at once. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    try {
      await this.options.leases.release(this.options.holder, this.now());
    } catch (error) {
      this.options.logger.warn('could not give up the scheduled task leases; other workers take them over when they expire', { error: message(error) });
    }
  }

  /** Claims the task's turn now, or says when to ask again. Throws when the store cannot be reached. */
  async claim(taskId: string, intervalMs: number): Promise<TurnDecision> {
    const { holder, leaseMs, leases, logger } = this.options;
    const now = this.now();
    const before = this.seen.get(taskId);
    if (before && before.holder !== holder && before.expiresAt > now) return this.waitFor(before, intervalMs, now);
    const claim = await leases.claimTurn({ taskId, holder, now, intervalMs, leaseMs });
    if (claim.claimed) {
      if (before && before.holder !== holder) logger.info('scheduled task taken over', { task: taskId, from: before.holder, leaseExpiredAt: new Date(before.expiresAt).toISOString() });
      this.seen.set(taskId, { taskId, holder, expiresAt: now + leaseMs, lastRunAt: now, intervalMs });
      return { run: true, runId: claim.runId, startedAt: now };
    }
    if (!claim.lease) return { run: false, retryAt: now + Math.ceil(leaseMs / 3) };
    this.seen.set(taskId, claim.lease);
    return this.waitFor(claim.lease, intervalMs, now);
  }

  async finished(runId: number, outcome: 'ok' | 'failed'): Promise<void> {
    try {
      await this.options.leases.finishRun(runId, outcome, this.now());
    } catch (error) {
      this.options.logger.warn('could not record the end of a scheduled run', { runId, error: message(error) });
    }
  }

  private waitFor(lease: ScheduledTaskLease, intervalMs: number, now: number): TurnDecision {
    const due = lease.lastRunAt + intervalMs;
    const retryAt = lease.holder !== this.options.holder && lease.expiresAt > now ? Math.max(due, lease.expiresAt) : due;
    return { run: false, retryAt: Math.max(retryAt, now + MIN_RETRY_MS) };
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.cancelTimer = this.options.setTimer(() => void this.renew(), delayMs);
  }

  private async renew(): Promise<void> {
    const { leases, holder, leaseMs, logger } = this.options;
    try {
      const asOf = this.now();
      const held = new Set(await leases.renew(holder, asOf + leaseMs));
      for (const lease of await leases.list()) this.seen.set(lease.taskId, lease);
      this.onHeld(held, asOf);
    } catch (error) {
      // The leases may well still be valid: keep trying; a lease that does run out is taken over.
      logger.warn('could not renew the scheduled task leases', { error: message(error) });
    }
    this.schedule(Math.max(1, Math.floor(leaseMs / 3)));
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
