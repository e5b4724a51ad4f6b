// Simulated time whose speed can change while it runs: the demo lets orders reach Amazon (and a
// customer cancel one) at a pace where the cancellation window is real, then fast-forwards the
// warehouse so days of shipping and delivery pass in seconds.
import type { SimulatorClock } from '../simulator/simulator-clock.js';

export class PhasedClock implements SimulatorClock {
  #scale: number;
  #realMark: number;
  #simMark: number;

  constructor(scale: number, private readonly realNow: () => number = Date.now) {
    this.#scale = scale;
    this.#realMark = realNow();
    this.#simMark = this.#realMark;
  }

  get timeScale(): number {
    return this.#scale;
  }

  now(): number {
    return Math.floor(this.#simMark + (this.realNow() - this.#realMark) * this.#scale);
  }

  advance(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`cannot advance the clock by ${seconds} s`);
    this.#simMark += seconds * 1000;
  }

  /** From now on, `scale` simulated seconds pass per real second; time never jumps. */
  setScale(scale: number): void {
    this.#simMark = this.now();
    this.#realMark = this.realNow();
    this.#scale = scale;
  }
}
