// The store as `start` hands it to the flows: the same store, telling the metrics what the flows write
// (audited writes to either system, exceptions raised), so no flow has to count anything itself.
// Counted when the statement ran; a transaction rolled back afterwards still counts (rare: the flows'
// transactions fail only when the database does).
import type { AuditInput, RaiseExceptionInput, Store } from '../ports/store.js';

export interface StoreWriteMetrics {
  audited(entry: AuditInput): void;
  exceptionRaised(input: RaiseExceptionInput): void;
}

export function meteredStore(store: Store, metrics: StoreWriteMetrics): Store {
  const audit: Store['audit'] = {
    append: async (entry) => { await store.audit.append(entry); metrics.audited(entry); },
    listForSubject: (connectionId, subjectIds, limit) => store.audit.listForSubject(connectionId, subjectIds, limit),
  };
  const exceptions: Store['exceptions'] = Object.create(store.exceptions, {
    raise: { value: async (input: RaiseExceptionInput, now: number) => { const r = await store.exceptions.raise(input, now); metrics.exceptionRaised(input); return r; } },
  }) as Store['exceptions'];
  // Everything else is the store's own (its methods keep their `this` through the prototype).
  return Object.create(store, {
    audit: { value: audit },
    exceptions: { value: exceptions },
    transaction: { value: <T>(fn: (tx: Store) => Promise<T>) => store.transaction((tx) => fn(meteredStore(tx, metrics))) },
  }) as Store;
}
