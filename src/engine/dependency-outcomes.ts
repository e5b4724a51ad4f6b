// A small in-process record of how each dependency answered, call by call: the adapters report to a
// DependencyObserver (ports/dependency-health.ts) and this turns the outcomes into the read port the
// alert rules and /health consume (ports/dependency-status.ts). It decides nothing about pausing work:
// that is the dependency circuits' job (issue 8), which will feed the same read port at merge time.
//
// Semantics: the first failure after a success opens the record (since = that failure), later failures
// keep `since` and refresh the category and detail; the first success closes it (since = that success).
import type { DependencyFailureKind, DependencyName, DependencyObserver } from '../ports/dependency-health.js';
import type { DependencyStatusEntry, DependencyStatusSource } from '../ports/dependency-status.js';

interface Outcome {
  state: 'closed' | 'open';
  since: number;
  category: DependencyFailureKind | null;
  detail: string | null;
}

export class DependencyOutcomes implements DependencyStatusSource {
  readonly #records = new Map<string, { dependency: DependencyName; connectionId: string | null; outcome: Outcome }>();

  constructor(private readonly now: () => number) {}

  /** The observer an adapter reports to, for one dependency of one connection. */
  observer(dependency: DependencyName, connectionId: string | null): DependencyObserver {
    const key = `${dependency}\u0000${connectionId ?? ''}`;
    const record = () => {
      let r = this.#records.get(key);
      if (!r) {
        r = { dependency, connectionId, outcome: { state: 'closed', since: this.now(), category: null, detail: null } };
        this.#records.set(key, r);
      }
      return r;
    };
    record();
    return {
      succeeded: () => {
        const r = record();
        if (r.outcome.state !== 'closed') r.outcome = { state: 'closed', since: this.now(), category: null, detail: null };
      },
      failed: (kind, message) => {
        const r = record();
        const since = r.outcome.state === 'open' ? r.outcome.since : this.now();
        r.outcome = { state: 'open', since, category: kind, detail: message };
      },
    };
  }

  list(): DependencyStatusEntry[] {
    return [...this.#records.values()].map((r) => ({ dependency: r.dependency, connectionId: r.connectionId, ...r.outcome }));
  }
}
