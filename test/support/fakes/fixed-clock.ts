// A clock that stands still until a test moves it, so every timestamp a flow writes is known exactly.
import type { Clock } from '../../../src/ports/clock.js';

export const T0 = Date.parse('2025-03-03T09:00:00.000Z');

export class FixedClock implements Clock {
  constructor(public ms: number = T0) {}

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** Milliseconds since the epoch, for code that reads time as a number (the simulator's real time). */
  readonly epochMs = (): number => this.ms;

  iso(): string {
    return new Date(this.ms).toISOString();
  }
}
