// Named periodic tasks (the sweeps of architecture §1: poll for changes, reconcile open orders, purge
// the inbox). Each task's next run is timed from the start of its last, and is never started while the
// previous one still runs; a run that overruns its interval is followed straight away by the next.
// A failing run is logged and the schedule goes on. Each process runs its own scheduler, so with
// several workers a task runs in each: tasks must be idempotent (level-triggered sweeps are).
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';

export interface ScheduledTask {
  readonly name: string;
  readonly intervalMs: number;
  /** Delay before the first run. Default 0: run at start. */
  readonly initialDelayMs?: number;
  /** The signal is aborted by stop(): long runs should finish early, leaving the rest to the next run. */
  run(signal: AbortSignal): Promise<void>;
}

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly setTimer?: SetTimer;
}

interface TaskState {
  readonly task: ScheduledTask;
  cancelTimer: (() => void) | null;
  running: Promise<void> | null;
}

export class Scheduler {
  private readonly tasks = new Map<string, TaskState>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly setTimer: SetTimer;
  private readonly stopController = new AbortController();
  private started = false;

  constructor(tasks: readonly ScheduledTask[], options: SchedulerOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.setTimer = options.setTimer ?? systemSetTimer;
    for (const task of tasks) {
      if (this.tasks.has(task.name)) throw new Error(`Two scheduled tasks are named "${task.name}".`);
      if (!(task.intervalMs > 0)) throw new Error(`Scheduled task "${task.name}" needs a positive interval.`);
      this.tasks.set(task.name, { task, cancelTimer: null, running: null });
    }
  }

  start(): void {
    if (this.stopController.signal.aborted) throw new Error('This Scheduler was stopped; create a new one.');
    if (this.started) return;
    this.started = true;
    for (const state of this.tasks.values()) this.arm(state, state.task.initialDelayMs ?? 0);
  }

  /** Runs a task now (e.g. after a push notification) unless it is already running; resolves when that run ends. */
  runNow(name: string): Promise<void> {
    const state = this.tasks.get(name);
    if (!state) throw new Error(`No scheduled task is named "${name}".`);
    if (state.running) return state.running;
    if (this.stopController.signal.aborted) return Promise.resolve();
    state.cancelTimer?.();
    return this.runTask(state);
  }

  /** Cancels what is scheduled, signals running tasks, and waits for them to return. */
  async stop(): Promise<void> {
    this.stopController.abort(new Error('scheduler stopping'));
    for (const state of this.tasks.values()) {
      state.cancelTimer?.();
      state.cancelTimer = null;
    }
    await Promise.all([...this.tasks.values()].map((state) => state.running));
  }

  private arm(state: TaskState, delayMs: number): void {
    if (this.stopController.signal.aborted) return;
    state.cancelTimer = this.setTimer(() => {
      state.cancelTimer = null;
      void this.runTask(state);
    }, Math.max(0, delayMs));
  }

  private runTask(state: TaskState): Promise<void> {
    const { task } = state;
    const startedAt = this.now();
    const run = (async () => {
      try {
        await task.run(this.stopController.signal);
        this.logger.debug('scheduled task finished', { task: task.name, durationMs: this.now() - startedAt });
      } catch (error) {
        this.logger.error('scheduled task failed', {
          task: task.name,
          durationMs: this.now() - startedAt,
          error: error instanceof Error ? error.message : String(error),
        });
      } finally {
        state.running = null;
        // Timed from this run's start, so the cadence holds however long the run took.
        if (this.started) this.arm(state, startedAt + task.intervalMs - this.now());
      }
    })();
    state.running = run;
    return run;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
