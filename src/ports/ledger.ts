// Where journal entries go: a file finance imports today (Xero, QuickBooks Online, JSON) or, later, an
// accounting system's API. Posting is idempotent by entry key (architecture.md §3): an entry whose key
// the ledger already holds is reported as alreadyPosted and not posted again, so a retry after a crash
// or a second import of the same settlement changes nothing.
import type { JournalEntry } from '../domain/settlements/journal-entry.js';
import type { Result } from '../domain/shared/result.js';

export interface LedgerPostOptions {
  /** Report what would be posted without posting anything. */
  readonly dryRun?: boolean;
}

export interface LedgerPostReport {
  /** Keys of the entries posted by this call (or that would be, on a dry run), in the order given. */
  readonly posted: readonly string[];
  /** Keys of the entries the ledger already held, unchanged. */
  readonly alreadyPosted: readonly string[];
}

export interface LedgerPort {
  /**
   * Posts the entries not posted before. Fails as a whole ('permanent', code 'LedgerConflict') when an
   * entry key was posted before with different content: a person must decide which version is right.
   */
  post(entries: readonly JournalEntry[], options?: LedgerPostOptions): Promise<Result<LedgerPostReport>>;
}
