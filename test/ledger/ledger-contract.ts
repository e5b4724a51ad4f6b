// The LedgerPort contract: one suite, run against every adapter (file-ledger.test.ts, in-memory-ledger.test.ts).
// Posting is idempotent by entry key; a key posted before with other content is a conflict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEntry } from '../../src/domain/settlements/journal-entry.js';
import type { LedgerPort } from '../../src/ports/ledger.js';
import { smallJournal } from './small-settlement.js';

export interface LedgerUnderTest {
  readonly ledger: LedgerPort;
  /** A second instance over the same storage (a restarted process), when the adapter has storage. */
  reopen(): LedgerPort;
  dispose(): Promise<void>;
}

export function ledgerContract(name: string, open: () => Promise<LedgerUnderTest>): void {
  const [first, second] = smallJournal().entries as [JournalEntry, JournalEntry];

  const withLedger = (fn: (t: LedgerUnderTest) => Promise<void>) => async () => {
    const t = await open();
    try {
      await fn(t);
    } finally {
      await t.dispose();
    }
  };

  describe(`LedgerPort contract: ${name}`, () => {
    it('posts new entries and reports their keys', withLedger(async ({ ledger }) => {
      const result = await ledger.post([first, second]);
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.deepEqual(result.value, { posted: [first.key, second.key], alreadyPosted: [] });
    }));

    it('posts nothing twice, also after a restart', withLedger(async ({ ledger, reopen }) => {
      assert.ok((await ledger.post([first])).ok);
      const again = await reopen().post([first, second]);
      assert.ok(again.ok);
      assert.deepEqual(again.value, { posted: [second.key], alreadyPosted: [first.key] });
      const third = await reopen().post([first, second]);
      assert.ok(third.ok);
      assert.deepEqual(third.value, { posted: [], alreadyPosted: [first.key, second.key] });
    }));

    it('posts an entry given twice in one call once', withLedger(async ({ ledger }) => {
      const result = await ledger.post([first, first]);
      assert.ok(result.ok);
      assert.deepEqual(result.value, { posted: [first.key], alreadyPosted: [] });
    }));

    it('only reports on a dry run', withLedger(async ({ ledger }) => {
      const dry = await ledger.post([first], { dryRun: true });
      assert.ok(dry.ok);
      assert.deepEqual(dry.value.posted, [first.key]);
      const real = await ledger.post([first]);
      assert.ok(real.ok);
      assert.deepEqual(real.value.posted, [first.key], 'the dry run posted nothing');
    }));

    it('refuses an entry whose key was posted with other lines, posting nothing of the call', withLedger(async ({ ledger }) => {
      assert.ok((await ledger.post([first])).ok);
      const changed: JournalEntry = { ...first, lines: first.lines.map((l, i) => (i === 0 ? { ...l, description: 'edited' } : l)) };
      const result = await ledger.post([second, changed]);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'LedgerConflict');
      assert.equal(result.error.category, 'permanent');
      assert.match(result.error.message, new RegExp(first.key));
      const after = await ledger.post([second]);
      assert.ok(after.ok);
      assert.deepEqual(after.value.posted, [second.key], 'the refused call posted nothing');
    }));
  });
}
