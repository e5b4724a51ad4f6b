// Named periodic tasks (the sweeps of architecture §1: poll for changes, reconcile open orders, purge
// the inbox). Each task's next run is timed from the start of its last, and is never started while the
// previous one still runs; a run that overruns its interval is followed straight away by the next.
// A failing run is logged and the schedule goes on.
//
// With task leases (the bridge always has them: docs/adr/0016) each timed run first claims the task's
// turn in the store, so across all workers on one database a task runs once per interval, and a dead
// worker's tasks are taken over within one lease (task-turns.ts). Without them (unit tests) every
// process runs every task. runNow — a push notification asking for a run at once — runs here without
// a turn: tasks are idempotent, and the notified worker is the one that should act.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ScheduledTaskLeaseRepository } from '../ports/scheduled-task-leases.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';
import { TaskTurns } from './task-turns.js';

export interface ScheduledTask {
  readonly name: string;
  readonly intervalMs: number;
  /** Delay before the first run. Default 0: run at start. */
  readonly initialDelayMs?: number;
  /** The signal is aborted by stop() (or when another worker took the task over): long runs should finish early, leaving the rest to the next run. */
  run(signal: AbortSignal): Promise<void>;
}

export interface SchedulerLeases {
  readonly leases: ScheduledTaskLeaseRepository;
  /** This worker's id. */
  readonly holder: string;
  /** JOB_LEASE_SECONDS in ms. */
  readonly leaseMs: number;
}

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly setTimer?: SetTimer;
  /** Run each task once per interval across the workers sharing this store. */
  readonly leases?: SchedulerLeases;
}

interface TaskState {
  readonly task: ScheduledTask;
  cancelTimer: (() => void) | null;
  /** Resolves true when a run happened, false when it was not this worker's turn. */
  running: Promise<boolean> | null;
  /** The running claimed turn (to abort it when the task was taken over); claimedAt: when the claim had returned. */
  claimed: { readonly claimedAt: number; readonly controller: AbortController } | null;
  lastStartedAt: number | null;
}

export class Scheduler {
  private readonly tasks = new Map<string, TaskState>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly setTimer: SetTimer;
  private readonly turns: TaskTurns | null;
  private readonly stopController = new AbortController();
  private started = false;

  constructor(tasks: readonly ScheduledTask[], options: SchedulerOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.setTimer = options.setTimer ?? systemSetTimer;
    this.turns = options.leases
      ? new TaskTurns({ ...options.leases, clock: this.clock, logger: this.logger, setTimer: this.setTimer }, (held, asOf) => this.abortTakenOver(held, asOf))
      : null;
    for (const task of tasks) {
      if (this.tasks.has(task.name)) throw new Error(`Two scheduled tasks are named "${task.name}".`);
      if (!(task.intervalMs > 0)) throw new Error(`Scheduled task "${task.name}" needs a positive interval.`);
      this.tasks.set(task.name, { task, cancelTimer: null, running: null, claimed: null, lastStartedAt: null });
    }
  }

  start(): void {
    if (this.stopController.signal.aborted) throw new Error('This Scheduler was stopped; create a new one.');
    if (this.started) return;
    this.started = true;
    this.turns?.start();
    for (const state of this.tasks.values()) this.arm(state, state.task.initialDelayMs ?? 0);
  }

  /** Runs a task now (e.g. after a push notification) unless it is already running; resolves when that run ends. */
  runNow(name: string): Promise<void> {
    const state = this.tasks.get(name);
    if (!state) throw new Error(`No scheduled task is named "${name}".`);
    if (state.running) return state.running.then(() => undefined);
    if (this.stopController.signal.aborted) return Promise.resolve();
    state.cancelTimer?.();
    return this.runTask(state, false).then(() => undefined);
  }

  /**
   * Runs, and waits for, the tasks that are due — for a process whose schedule is kept by someone else
   * (a commercetools Connect job). With leases, due means this worker could claim the task's turn;
   * without, that this scheduler has not started it within its interval. Answers the names run.
   */
  async runDue(): Promise<string[]> {
    if (this.stopController.signal.aborted) return [];
    this.turns?.start();
    const now = this.clock.now().getTime();
    const candidates = [...this.tasks.values()].filter((s) => !s.running && (this.turns || s.lastStartedAt === null || now - s.lastStartedAt >= s.task.intervalMs));
    const ran = await Promise.all(candidates.map((state) => this.runTask(state, this.turns !== null)));
    return candidates.filter((_, i) => ran[i]).map((s) => s.task.name);
  }

  /** Cancels what is scheduled, signals running tasks, waits for them to return, gives up the leases. */
  async stop(): Promise<void> {
    this.stopController.abort(new Error('scheduler stopping'));
    for (const state of this.tasks.values()) {
      state.cancelTimer?.();
      state.cancelTimer = null;
    }
    await Promise.all([...this.tasks.values()].map((state) => state.running));
    await this.turns?.stop();
  }

  private arm(state: TaskState, delayMs: number): void {
    if (this.stopController.signal.aborted) return;
    state.cancelTimer = this.setTimer(() => {
      state.cancelTimer = null;
      void this.runTask(state, this.turns !== null);
    }, Math.max(0, delayMs));
  }

  private runTask(state: TaskState, claimTurn: boolean): Promise<boolean> {
    const run = (async () => {
      let runId: number | null = null;
      let startedAt = this.now();
      if (claimTurn && this.turns) {
        const decision = await this.claim(state);
        if (!decision.run) {
          state.running = null;
          if (this.started) this.arm(state, decision.retryAt - this.now());
          return false;
        }
        ({ runId, startedAt } = decision);
      }
      await this.execute(state, startedAt, runId);
      return true;
    })();
    state.running = run;
    return run;
  }

  private async claim(state: TaskState): Promise<{ run: true; runId: number; startedAt: number } | { run: false; retryAt: number }> {
    try {
      return await this.turns!.claim(state.task.name, state.task.intervalMs);
    } catch (error) {
      this.logger.error('could not claim a scheduled task\'s turn; trying again shortly', { task: state.task.name, error: message(error) });
      return { run: false, retryAt: this.now() + Math.min(state.task.intervalMs, Math.ceil(this.turns!.leaseMs / 3)) };
    }
  }

  private async execute(state: TaskState, startedAt: number, runId: number | null): Promise<void> {
    const { task } = state;
    const controller = new AbortController();
    if (runId !== null) state.claimed = { claimedAt: this.now(), controller };
    state.lastStartedAt = startedAt;
    let outcome: 'ok' | 'failed' = 'ok';
    try {
      await task.run(AbortSignal.any([this.stopController.signal, controller.signal]));
      this.logger.debug('scheduled task finished', { task: task.name, durationMs: this.now() - startedAt });
    } catch (error) {
      outcome = 'failed';
      this.logger.error('scheduled task failed', { task: task.name, durationMs: this.now() - startedAt, error: message(error) });
    } finally {
      state.claimed = null;
      if (runId !== null) await this.turns?.finished(runId, outcome);
      state.running = null;
      // Timed from this run's start, so the cadence holds however long the run took.
      if (this.started) this.arm(state, startedAt + task.intervalMs - this.now());
    }
  }

  private abortTakenOver(held: ReadonlySet<string>, asOf: number): void {
    for (const state of this.tasks.values()) {
      // A claim that returned after the renewal began may not be in `held` yet, though it is this worker's.
      if (!state.claimed || state.claimed.claimedAt >= asOf || held.has(state.task.name)) continue;
      this.logger.warn('scheduled task taken over by another worker while running here (its lease ran out); stopping this run', { task: state.task.name });
      state.claimed.controller.abort(new Error(`scheduled task ${state.task.name} taken over by another worker`));
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
