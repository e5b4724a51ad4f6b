// One circuit per dependency (docs/adr/0013): closed while it answers; open when it is unreachable,
// refuses the credentials, or fails repeatedly; half-open when a probe may try it again. While any
// circuit is not closed the work runner pauses: no item spends an attempt or dead-letters for an outage,
// and the backlog resumes by itself once a probe goes through.
//
// The interface other parts read (status, metrics, a later alerting flow): `DependencyCircuits.list()`
// gives per dependency its state, since when, and the last failure with its kind. Listeners hear every
// state change (the runtime raises one credentials exception from it, and closes it again).
import type { DependencyFailureKind, DependencyName, DependencyObserver } from '../ports/dependency-health.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface DependencyFailure {
  readonly kind: DependencyFailureKind;
  /** Scrubbed of secrets by whoever reported it. */
  readonly message: string;
  readonly at: number;
}

export interface DependencyStatus {
  readonly dependency: DependencyName;
  /** The connection whose credentials/endpoint this is; null for shared ones (the database). */
  readonly connectionId: string | null;
  readonly state: CircuitState;
  /** When it entered this state (epoch ms). */
  readonly since: number;
  readonly lastFailure: DependencyFailure | null;
  /** Failures since the last success. */
  readonly consecutiveFailures: number;
  /** While open: when the next probe may go. */
  readonly nextProbeAt: number | null;
}

export interface CircuitPolicy {
  /** Consecutive 'server-error' failures that open a closed circuit (unreachable and auth-refused open at once). Default 3. */
  readonly serverErrorsToOpen: number;
  /** First wait before a probe; doubles with each failed probe up to the cap. Default 1 s. */
  readonly probeBaseMs: number;
  /** Default 30 s. */
  readonly probeMaxMs: number;
  /** Refused credentials rarely fix themselves within seconds: probe at most this often. Default 30 s. */
  readonly authProbeMs: number;
}

export const DEFAULT_CIRCUIT_POLICY: CircuitPolicy = { serverErrorsToOpen: 3, probeBaseMs: 1_000, probeMaxMs: 30_000, authProbeMs: 30_000 };

export type CircuitListener = (status: DependencyStatus, previous: CircuitState) => void;

export class DependencyCircuit implements DependencyObserver {
  #state: CircuitState = 'closed';
  #since: number;
  #lastFailure: DependencyFailure | null = null;
  #consecutive = 0;
  #failedProbes = 0;
  #nextProbeAt: number | null = null;

  constructor(
    readonly dependency: DependencyName,
    readonly connectionId: string | null,
    private readonly now: () => number,
    private readonly policy: CircuitPolicy,
    private readonly onChange: CircuitListener,
  ) {
    this.#since = now();
  }

  get state(): CircuitState {
    return this.#state;
  }

  status(): DependencyStatus {
    return {
      dependency: this.dependency, connectionId: this.connectionId, state: this.#state, since: this.#since,
      lastFailure: this.#lastFailure, consecutiveFailures: this.#consecutive, nextProbeAt: this.#nextProbeAt,
    };
  }

  succeeded(): void {
    this.#consecutive = 0;
    this.#failedProbes = 0;
    this.#nextProbeAt = null;
    this.#move('closed');
  }

  failed(kind: DependencyFailureKind, message: string): void {
    const now = this.now();
    this.#lastFailure = { kind, message, at: now };
    this.#consecutive += 1;
    const opens = this.#state !== 'closed' || kind !== 'server-error' || this.#consecutive >= this.policy.serverErrorsToOpen;
    if (!opens) return;
    if (this.#state === 'half-open') this.#failedProbes += 1;
    const wait = kind === 'auth-refused'
      ? this.policy.authProbeMs
      : Math.min(this.policy.probeMaxMs, this.policy.probeBaseMs * 2 ** Math.min(this.#failedProbes, 20));
    // A failure reported by a call that started before the circuit opened must not push the probe back.
    if (this.#state !== 'open' || this.#nextProbeAt === null) this.#nextProbeAt = now + wait;
    this.#move('open');
  }

  /** Open and the probe is due: half-open now, so one probe may go. True when it moved. */
  tryHalfOpen(now: number): boolean {
    if (this.#state !== 'open' || this.#nextProbeAt === null || now < this.#nextProbeAt) return false;
    this.#move('half-open');
    return true;
  }

  #move(to: CircuitState): void {
    if (to === this.#state) return;
    const previous = this.#state;
    this.#state = to;
    this.#since = this.now();
    this.onChange(this.status(), previous);
  }
}

/** What the work runner asks before claiming. */
export type DependencyGate =
  | { readonly kind: 'closed' }
  /** Some circuit is open: claim nothing until `probeAt` (the latest due probe among them). */
  | { readonly kind: 'open'; readonly probeAt: number }
  /** Probing: run one item at a time until the circuits close or open again. */
  | { readonly kind: 'probing' };

export class DependencyCircuits {
  readonly #circuits = new Map<string, DependencyCircuit>();
  readonly #listeners: CircuitListener[] = [];

  constructor(private readonly now: () => number = Date.now, private readonly policy: CircuitPolicy = DEFAULT_CIRCUIT_POLICY) {}

  /** The circuit of one dependency (of one connection), created closed on first use. */
  circuit(dependency: DependencyName, connectionId: string | null = null): DependencyCircuit {
    const key = `${connectionId ?? '*'}|${dependency}`;
    let circuit = this.#circuits.get(key);
    if (!circuit) {
      circuit = new DependencyCircuit(dependency, connectionId, this.now, this.policy, (status, previous) => {
        for (const listener of this.#listeners) listener(status, previous);
      });
      this.#circuits.set(key, circuit);
    }
    return circuit;
  }

  onChange(listener: CircuitListener): void {
    this.#listeners.push(listener);
  }

  list(): DependencyStatus[] {
    return [...this.#circuits.values()].map((c) => c.status());
  }

  /** True while any circuit is open or half-open: a failure now is the dependency's, not the item's. */
  anyNotClosed(): boolean {
    return [...this.#circuits.values()].some((c) => c.state !== 'closed');
  }

  /**
   * Whether work may be claimed. Work needs every dependency, so one open circuit pauses it; when the
   * probes of all open circuits are due they turn half-open and one item at a time goes through.
   */
  gate(now: number): DependencyGate {
    const notClosed = [...this.#circuits.values()].filter((c) => c.state !== 'closed');
    if (notClosed.length === 0) return { kind: 'closed' };
    const open = notClosed.filter((c) => c.state === 'open');
    const probeAt = Math.max(...open.map((c) => c.status().nextProbeAt ?? now));
    if (open.length > 0 && probeAt > now) return { kind: 'open', probeAt };
    for (const c of open) c.tryHalfOpen(now);
    return { kind: 'probing' };
  }
}
