// Simulated time. The warehouse lives on this clock, so a peak day can be rehearsed in minutes
// (timeScale = simulated seconds per real second) and tests can jump hours with advance(). Rate-limit
// buckets and access-token expiry deliberately stay on REAL time (see http/token-bucket.ts).

export interface SimulatorClock {
  /** Simulated now, epoch milliseconds (UTC). */
  now(): number;
  /** Moves simulated time forward; never backwards. */
  advance(seconds: number): void;
  readonly timeScale: number;
}

export interface ScaledClockOptions {
  /** Simulated time at start, epoch ms; defaults to the real time at start. */
  readonly startMs?: number;
  readonly timeScale?: number;
  /** Real-time source, epoch ms; injectable for tests. */
  readonly realNow?: () => number;
}

/** Runs `timeScale`× real time from `startMs`, plus whatever advance() added. */
export class ScaledClock implements SimulatorClock {
  readonly timeScale: number;
  readonly #realNow: () => number;
  readonly #realStart: number;
  readonly #simStart: number;
  #offsetMs = 0;

  constructor(options: ScaledClockOptions = {}) {
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0) || !Number.isFinite(this.timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${options.timeScale}`);
    }
    this.#realNow = options.realNow ?? Date.now;
    this.#realStart = this.#realNow();
    this.#simStart = options.startMs ?? this.#realStart;
  }

  now(): number {
    return Math.floor(this.#simStart + (this.#realNow() - this.#realStart) * this.timeScale + this.#offsetMs);
  }

  advance(seconds: number): void {
    assertAdvance(seconds);
    this.#offsetMs += seconds * 1000;
  }
}

/** Stands still until advanced: for tests that assert exact simulated timings. */
export class ManualClock implements SimulatorClock {
  readonly timeScale = 0;
  #nowMs: number;

  constructor(startMs: number | string = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.#nowMs = typeof startMs === 'string' ? Date.parse(startMs) : startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  advance(seconds: number): void {
    assertAdvance(seconds);
    this.#nowMs += seconds * 1000;
  }
}

function assertAdvance(seconds: number): void {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`cannot advance the clock by ${seconds} s`);
}
