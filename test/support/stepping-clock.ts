// Time that jumps ahead to the next timer as soon as the event loop is free for it: a waiting component
// (the rate governor) sees its wait pass at once, and everything reading `now` (the simulator's token
// buckets through `realNow`) sees exactly that much time pass. A paced sequence then runs in
// milliseconds and its timing is asserted on this clock, identical on a fast or a slow machine.
// Suits sequential waits (one at a time); parallel waiters would see time run ahead of their requests.
import type { SetTimer } from '../../src/engine/set-timer.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly delayMs: number;
  readonly callback: () => void;
  cancelled: boolean;
}

export class SteppingClock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  #pumpScheduled = false;
  /** The delay of every timer that fired, in order. */
  readonly fired: number[] = [];

  constructor(startMs: number) {
    this.#now = startMs;
  }

  readonly now = (): number => this.#now;

  readonly setTimer: SetTimer = (callback, delayMs) => {
    const timer: Timer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, delayMs, callback, cancelled: false };
    this.#timers.push(timer);
    this.#schedulePump();
    return () => {
      timer.cancelled = true;
    };
  };

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#fireNext();
    });
  }

  #fireNext(): void {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    const next = [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (!next) return;
    this.#timers.splice(this.#timers.indexOf(next), 1);
    this.#now = Math.max(this.#now, next.at);
    this.fired.push(next.delayMs);
    next.callback();
    if (this.#timers.length > 0) this.#schedulePump();
  }
}
