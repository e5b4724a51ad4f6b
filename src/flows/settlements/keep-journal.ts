// Every accepted import keeps its journal, whichever way the file came in (discovered at Amazon by
// `start`, `settlement import` on the command line, or uploaded in the console), so finance can
// download it from the console's Settlements page in any format later.
import type { Store } from '../../ports/store.js';
import type { SettlementImportOutcome } from './settlement-import-types.js';

export async function keepJournal(store: Store, connectionId: string, outcome: SettlementImportOutcome, at: number): Promise<void> {
  if (outcome.status === 'rejected' || outcome.status === 'conflict') return;
  await store.console.saveJournal(connectionId, outcome.settlement.settlementId, JSON.stringify(outcome.journal), at);
}
