import { InMemoryLedger } from './in-memory-ledger.js';
import { ledgerContract } from './ledger-contract.js';

ledgerContract('InMemoryLedger', async () => {
  const ledger = new InMemoryLedger();
  return { ledger, reopen: () => ledger, dispose: async () => {} };
});
