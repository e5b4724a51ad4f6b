// What an adapter tells about the health of the system it talks to, call by call. The engine's
// dependency circuits (src/engine/dependency-circuit.ts) implement it; adapters only report, they never
// decide whether work pauses. A dependency outage is not the data's fault (docs/adr/0013).

/** The systems the bridge depends on, each with its own circuit (per connection where credentials differ). */
export type DependencyName = 'amazon-sp-api' | 'amazon-lwa' | 'commercetools' | 'database';

/**
 * Why a call failed, when the dependency (not the item) is to blame:
 * - 'unreachable': no connection (refused, reset, DNS);
 * - 'auth-refused': the credentials were refused (LWA invalid_grant, 401/403): only a person can fix it;
 * - 'server-error': the dependency answered 5xx or did not answer in time.
 */
export type DependencyFailureKind = 'unreachable' | 'auth-refused' | 'server-error';

export interface DependencyObserver {
  /** The dependency answered (any answer that is not a dependency failure, 4xx about the item included). */
  succeeded(): void;
  failed(kind: DependencyFailureKind, message: string): void;
}

/** For adapters used without circuits (CLI commands, unit tests). */
export const IGNORE_DEPENDENCY_HEALTH: DependencyObserver = { succeeded() {}, failed() {} };
