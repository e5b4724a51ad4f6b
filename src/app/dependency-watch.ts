// What the runtime does when a dependency circuit changes state: log it, wake the work runner when a
// circuit closes (the paused backlog resumes at once), and keep exactly ONE credentials exception per
// connection and system while its credentials are refused, closed by itself once they are accepted
// again (docs/adr/0013). Store writes are chained so they land in the order the changes happened.
import { EXCEPTION_INFO, type ExceptionType } from '../domain/exceptions/exception-types.js';
import type { DependencyCircuits } from '../engine/dependency-circuit.js';
import type { Clock } from '../ports/clock.js';
import type { DependencyName } from '../ports/dependency-health.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';

export interface DependencyWatchDeps {
  readonly circuits: DependencyCircuits;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A circuit closed: paused work may run now. */
  readonly resumed: () => void;
}

const CREDENTIALS_EXCEPTION: Partial<Record<DependencyName, ExceptionType>> = {
  'amazon-sp-api': 'amazon.credentials-refused',
  'amazon-lwa': 'amazon.credentials-refused',
  commercetools: 'commercetools.credentials-refused',
};

const WHO: Record<DependencyName, string> = {
  'amazon-sp-api': 'Amazon SP-API', 'amazon-lwa': 'Login with Amazon', commercetools: 'commercetools', database: 'the database',
};

export interface DependencyWatch {
  /** Resolves once every store write caused so far has been made (tests, shutdown). */
  settled(): Promise<void>;
}

export function watchDependencies(deps: DependencyWatchDeps): DependencyWatch {
  let chain: Promise<void> = Promise.resolve();
  const later = (what: string, write: () => Promise<unknown>) => {
    chain = chain.then(write).then(() => undefined, (error: unknown) => {
      deps.logger.error(`could not record ${what}`, { error: error instanceof Error ? error.message : String(error) });
    });
  };
  deps.circuits.onChange((status, previous) => {
    const fields = { dependency: status.dependency, connection: status.connectionId, from: previous, to: status.state, failure: status.lastFailure?.kind, reason: status.lastFailure?.message };
    if (status.state === 'open' && previous === 'closed') deps.logger.warn(`${WHO[status.dependency]} unavailable: work paused (no attempt is spent meanwhile)`, fields);
    else if (status.state === 'closed') deps.logger.info(`${WHO[status.dependency]} answers again: work resumes`, fields);
    else deps.logger.debug('dependency circuit changed', fields);

    const type = CREDENTIALS_EXCEPTION[status.dependency];
    if (!type || status.connectionId === null) {
      if (status.state === 'closed') deps.resumed();
      return;
    }
    const connectionId = status.connectionId;
    const failure = status.lastFailure;
    if (status.state === 'open' && failure?.kind === 'auth-refused') {
      later(`the ${type} exception`, () => deps.store.exceptions.raise({
        connectionId, type, owner: EXCEPTION_INFO[type].owner, subjectType: 'connection', subjectId: connectionId, subjectLabel: `connection ${connectionId}`,
        reason: `${WHO[status.dependency]} refused the credentials of connection "${connectionId}" (${credentialNames(status.dependency)}): ${failure.message}. Orders, tracking and inventory for this connection wait; nothing is dropped.`,
        action: EXCEPTION_INFO[type].action,
      }, deps.clock.now().getTime()));
    }
    if (status.state === 'closed') {
      const sameSystemStillRefused = deps.circuits.list().some((c) => c.connectionId === connectionId && CREDENTIALS_EXCEPTION[c.dependency] === type && c.state !== 'closed');
      if (!sameSystemStillRefused) later(`closing the ${type} exception`, () => deps.store.exceptions.resolveForSubject(connectionId, 'connection', connectionId, deps.clock.now().getTime(), [type]));
      deps.resumed();
    }
  });
  return { settled: () => chain };
}

function credentialNames(dependency: DependencyName): string {
  return dependency === 'commercetools' ? 'CTP_CLIENT_ID, CTP_CLIENT_SECRET' : 'LWA_CLIENT_ID, LWA_CLIENT_SECRET, LWA_REFRESH_TOKEN';
}

