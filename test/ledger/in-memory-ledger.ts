// A LedgerPort in memory, for flow tests; it must pass the same contract as the real adapters.
import { entryContentHash } from '../../src/adapters/ledger/file-ledger.js';
import type { JournalEntry } from '../../src/domain/settlements/journal-entry.js';
import { fail, failure, ok, type Result } from '../../src/domain/shared/result.js';
import type { LedgerPort, LedgerPostOptions, LedgerPostReport } from '../../src/ports/ledger.js';

export class InMemoryLedger implements LedgerPort {
  readonly entries = new Map<string, { entry: JournalEntry; sha256: string }>();

  async post(entries: readonly JournalEntry[], options: LedgerPostOptions = {}): Promise<Result<LedgerPostReport>> {
    const fresh = new Map<string, { entry: JournalEntry; sha256: string }>();
    const alreadyPosted: string[] = [];
    const conflicts: string[] = [];
    for (const entry of entries) {
      const sha256 = entryContentHash(entry);
      const seen = this.entries.get(entry.key) ?? fresh.get(entry.key);
      if (seen === undefined) fresh.set(entry.key, { entry, sha256 });
      else if (seen.sha256 !== sha256) conflicts.push(entry.key);
      else if (this.entries.has(entry.key)) alreadyPosted.push(entry.key);
    }
    if (conflicts.length > 0) return fail(failure('permanent', 'LedgerConflict', `entries ${conflicts.join(', ')} were posted before with different lines`));
    if (options.dryRun !== true) for (const [key, value] of fresh) this.entries.set(key, value);
    return ok({ posted: [...fresh.keys()], alreadyPosted });
  }
}
