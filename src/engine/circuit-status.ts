// The dependency circuits (dependency-circuit.ts, ADR 13) as the read port the alert rules and /health
// consume (ports/dependency-status.ts). A circuit's `since` restarts at every state change, and an
// outage flips it open → half-open → open with each failed probe; what an alert threshold needs is how
// long the dependency has been failing, so this keeps, per circuit, when it last left `closed`.
import type { DependencyStatusEntry, DependencyStatusSource } from '../ports/dependency-status.js';
import type { DependencyCircuits } from './dependency-circuit.js';

export class CircuitStatus implements DependencyStatusSource {
  readonly #failingSince = new Map<string, number>();

  constructor(circuits: DependencyCircuits) {
    this.circuits = circuits;
    // Every state change is heard, so a failure is dated when the circuit opened, not when someone looked.
    circuits.onChange((status, previous) => {
      const key = keyOf(status.dependency, status.connectionId);
      if (status.state === 'closed') this.#failingSince.delete(key);
      else if (previous === 'closed' || !this.#failingSince.has(key)) this.#failingSince.set(key, status.since);
    });
  }

  private readonly circuits: DependencyCircuits;

  list(): DependencyStatusEntry[] {
    return this.circuits.list().map((s) => {
      const failing = s.state !== 'closed';
      return {
        dependency: s.dependency, connectionId: s.connectionId, state: s.state,
        since: failing ? (this.#failingSince.get(keyOf(s.dependency, s.connectionId)) ?? s.since) : s.since,
        category: failing ? (s.lastFailure?.kind ?? null) : null,
        detail: failing ? (s.lastFailure?.message ?? null) : null,
      };
    });
  }
}

function keyOf(dependency: string, connectionId: string | null): string {
  return `${dependency}\u0000${connectionId ?? ''}`;
}
