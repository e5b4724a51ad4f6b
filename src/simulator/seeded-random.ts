// Deterministic randomness for the simulator. Every decision is a pure function of (seed, purpose,
// key…), never of call order, so a given seed yields the same warehouse timings, carriers, tracking
// numbers and faults however concurrent clients interleave their requests. Math.random is never used.

/** 32-bit FNV-1a over the text, then a murmur3 finaliser so close inputs spread over all bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast seeded generator (mulberry32) for sequences of draws about one subject. */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(choices: readonly T[]): T {
    if (choices.length === 0) throw new Error('pick() needs at least one choice');
    return choices[Math.floor(this.next() * choices.length)]!;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** A generator dedicated to one subject, e.g. `streamFor(seed, 'order', id)`. */
export function streamFor(seed: number, ...parts: ReadonlyArray<string | number>): SeededRandom {
  return new SeededRandom(hash32(`${seed}|${parts.join('|')}`));
}

/** One uniform draw in [0, 1) for one subject. */
export function unitFor(seed: number, ...parts: ReadonlyArray<string | number>): number {
  return streamFor(seed, ...parts).next();
}

export const DIGITS = '0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
