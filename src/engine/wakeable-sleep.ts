// A sleep that can be cut short. The work runner idles until the next item is due, but new work (an
// event, a finished handler) or stop() must not wait for that timer. A wake() that arrives while not
// sleeping is remembered, so a wake between "decide to sleep" and "sleep" is never lost. shorten()
// brings the end of a sleep forward without ending it now (work enqueued for a little later).
import { systemSetTimer, type SetTimer } from './set-timer.js';

export class WakeableSleep {
  private wakeRequested = false;
  private finishCurrent: (() => void) | null = null;
  private rearmCurrent: ((ms: number) => void) | null = null;

  constructor(private readonly setTimer: SetTimer = systemSetTimer) {}

  /** Resolves after `ms`, or at the next wake(), whichever is first. */
  sleep(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      let cancelTimer = (): void => undefined;
      const finish = (): void => {
        cancelTimer();
        if (this.finishCurrent === finish) {
          this.finishCurrent = null;
          this.rearmCurrent = null;
        }
        resolve();
      };
      this.finishCurrent = finish;
      this.rearmCurrent = (shorter: number): void => {
        cancelTimer();
        cancelTimer = this.setTimer(finish, shorter);
      };
      cancelTimer = this.setTimer(finish, ms);
    });
  }

  /** True between sleep() and its end. */
  get sleeping(): boolean {
    return this.finishCurrent !== null;
  }

  /** The current sleep ends `ms` from now instead (the caller knows it is sooner); no effect when not sleeping. */
  shorten(ms: number): void {
    this.rearmCurrent?.(Math.max(0, ms));
  }

  wake(): void {
    if (this.finishCurrent) this.finishCurrent();
    else this.wakeRequested = true;
  }
}
