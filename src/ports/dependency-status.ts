// The read side of dependency health, as the alert rules and /health consume it: per dependency (and
// connection) whether it answers, since when it has been failing, and why. The engine's dependency
// circuits (ADR 13) feed it through src/engine/circuit-status.ts; the rules know nothing of circuits.
import type { DependencyFailureKind, DependencyName } from './dependency-health.js';

export type DependencyState = 'closed' | 'open' | 'half-open';

export interface DependencyStatusEntry {
  readonly dependency: DependencyName;
  /** The connection whose credentials/endpoint this is; null for shared ones (the database). */
  readonly connectionId: string | null;
  /** closed: it answers; open: its last calls failed (from `since`). */
  readonly state: DependencyState;
  /** When it entered this state (epoch ms). */
  readonly since: number;
  /** Why it is not closed; null while closed. */
  readonly category: DependencyFailureKind | null;
  /** The last failure's message (already scrubbed of secrets by the reporter); null while closed. */
  readonly detail: string | null;
}

export interface DependencyStatusSource {
  list(): readonly DependencyStatusEntry[];
}

/** No dependency has been observed (CLI commands that make no calls). */
export const NO_DEPENDENCY_STATUS: DependencyStatusSource = { list: () => [] };
