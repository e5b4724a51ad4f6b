// A clock and timer pair that only moves when the test says so, for the rate governor's unit tests.
import type { SetTimer } from '../../src/engine/priority-rate-governor.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

export class ManualClock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];
  /** Every delay ever asked for, to check that nobody polls. */
  readonly armed: number[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly setTimer: SetTimer = (callback, delayMs) => {
    const timer: PendingTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false };
    this.armed.push(delayMs);
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward, firing due timers in order, each at its own instant; then lets promises settle. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      this.#timers = this.#timers.filter((t) => !t.cancelled);
      const next = [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next.at > until) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      await settle();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets every resolved promise's handlers run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Waits until `condition` holds, letting the event loop turn (I/O and promises run, manual time does
 * not move). Gives up after `turns` turns rather than after a wall-clock time, so a slow machine cannot
 * make it fail; a condition that never comes true still ends the test.
 */
export async function eventually(condition: () => boolean | Promise<boolean>, turns = 100_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (await condition()) return;
    await settle();
  }
  throw new Error(`condition not met after ${turns} turns of the event loop`);
}
