// What a streamed pool sync keeps for its summary while its batches come and go: counters, and the
// first CHANGES_LISTED changes (docs/adr/0019). Nothing here grows with the pool but that short list.
import { CHANGES_LISTED, type InventoryChange, type PoolSyncSummary } from './inventory-flow-types.js';

export class SyncTally {
  skusDecided = 0;
  entriesRead = 0;
  unchanged = 0;
  written = 0;
  conflicts = 0;
  failed = 0;
  heldBack = 0;
  duplicates = 0;
  /** Writes answered so far (progress). */
  sent = 0;
  readonly #changes: InventoryChange[] = [];

  addChanges(changes: readonly InventoryChange[]): void {
    this.written += changes.length;
    for (const c of changes) {
      if (this.#changes.length >= CHANGES_LISTED) return;
      this.#changes.push(c);
    }
  }

  /** The summary's counts; skusRead and pages come from the Amazon read. */
  counts(amazon: { skusRead: number; pages: number }): Partial<PoolSyncSummary> {
    return {
      skusRead: amazon.skusRead, pages: amazon.pages, skusDecided: this.skusDecided, entriesRead: this.entriesRead, unchanged: this.unchanged,
      written: this.written, changes: [...this.#changes], conflicts: this.conflicts, failed: this.failed, heldBack: this.heldBack, duplicates: this.duplicates,
    };
  }
}
