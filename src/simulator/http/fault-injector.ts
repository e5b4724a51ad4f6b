// Deterministic fault injection. Each draw is a function of (seed, operation, subject, n) where n
// counts the requests about that subject — e.g. the 3rd create for order "A-1" — so a given seed
// fails the same requests however concurrent clients interleave, and a retry is a fresh draw.
import { unitFor } from '../seeded-random.js';
import type { ResolvedFaults } from '../simulator-options.js';
import type { OperationName } from './usage-plans.js';

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'throttle' }
  | { readonly kind: 'error'; readonly status: 500 | 503; readonly afterEffect: boolean }
  | { readonly kind: 'timeout'; readonly afterEffect: boolean };

export interface FaultDraw {
  readonly decision: FaultDecision;
  readonly latencyMs: number;
}

export interface InjectedFault {
  readonly operation: OperationName;
  readonly subject: string;
  readonly attempt: number;
  readonly kind: 'throttle' | 'error' | 'timeout';
  readonly status?: number;
  readonly afterEffect?: boolean;
}

export class FaultInjector {
  readonly #seed: number;
  readonly #faults: () => ResolvedFaults;
  readonly #attempts = new Map<string, number>();
  /** The most recent injected faults, newest last (admin API; capped). */
  readonly log: InjectedFault[] = [];

  constructor(seed: number, faults: () => ResolvedFaults) {
    this.#seed = seed;
    this.#faults = faults;
  }

  draw(operation: OperationName, subject: string): FaultDraw {
    const f = this.#faults();
    if (!f.operations.includes(operation)) return { decision: { kind: 'none' }, latencyMs: 0 };
    const key = `${operation}|${subject}`;
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.set(key, attempt);
    const u = (purpose: string) => unitFor(this.#seed, 'fault', purpose, operation, subject, attempt);

    const latencyMs = f.latencyMs > 0 ? Math.round(f.latencyMs * (0.5 + u('latency'))) : 0;
    const roll = u('kind');
    const afterEffect = u('after') < f.afterEffectShare;
    let decision: FaultDecision = { kind: 'none' };
    if (roll < f.faultRate) decision = { kind: 'error', status: u('status') < 0.7 ? 500 : 503, afterEffect };
    else if (roll < f.faultRate + f.timeoutRate) decision = { kind: 'timeout', afterEffect };
    else if (roll < f.faultRate + f.timeoutRate + f.throttleRate) decision = { kind: 'throttle' };
    if (decision.kind !== 'none') this.#record({ operation, subject, attempt, ...decision });
    return { decision, latencyMs };
  }

  #record(fault: InjectedFault): void {
    this.log.push(fault);
    if (this.log.length > 500) this.log.splice(0, this.log.length - 500);
  }
}
