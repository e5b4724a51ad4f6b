import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileLedger, LEDGER_MANIFEST_FILE, type FileLedgerOptions, type JournalFileFormat } from '../../src/adapters/ledger/file-ledger.js';
import { toJournalJson } from '../../src/adapters/ledger/journal-json.js';
import { toQuickBooksJournalCsv } from '../../src/adapters/ledger/quickbooks-journal-csv.js';
import { toXeroManualJournalCsv } from '../../src/adapters/ledger/xero-manual-journal-csv.js';
import type { JournalEntry } from '../../src/domain/settlements/journal-entry.js';
import { ledgerContract } from './ledger-contract.js';
import { smallJournal } from './small-settlement.js';

async function folder(): Promise<{ directory: string; dispose: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'fba-bridge-ledger-'));
  return { directory, dispose: () => rm(directory, { recursive: true, force: true }) };
}

for (const format of ['xero', 'quickbooks', 'json'] as const) {
  ledgerContract(`FileLedger (${format})`, async () => {
    const { directory, dispose } = await folder();
    const options: FileLedgerOptions = { directory: join(directory, 'journals'), format };
    return { ledger: new FileLedger(options), reopen: () => new FileLedger(options), dispose };
  });
}

describe('FileLedger files', () => {
  const entries = smallJournal().entries;
  const render: Record<JournalFileFormat, (e: readonly JournalEntry[]) => string> = {
    xero: (e) => toXeroManualJournalCsv(e), quickbooks: (e) => toQuickBooksJournalCsv(e), json: toJournalJson,
  };

  for (const format of ['xero', 'quickbooks', 'json'] as const) {
    it(`writes one ${format} import file per settlement, as the exporter renders it, and a manifest`, async () => {
      const { directory, dispose } = await folder();
      try {
        assert.ok((await new FileLedger({ directory, format }).post(entries)).ok);
        const names = (await readdir(directory)).sort();
        const file = `amazon-settlement-12345678901-entries-1-2.${format === 'json' ? 'json' : `${format}.csv`}`;
        assert.deepEqual(names, [file, LEDGER_MANIFEST_FILE].sort(), 'no temporary files left behind');
        assert.equal(await readFile(join(directory, file), 'utf8'), render[format](entries));
        const manifest = JSON.parse(await readFile(join(directory, LEDGER_MANIFEST_FILE), 'utf8'));
        assert.deepEqual(Object.keys(manifest.entries), entries.map((e) => e.key));
        assert.equal(manifest.entries[entries[0]!.key].file, file);
      } finally {
        await dispose();
      }
    });
  }

  it('splits a Xero export into files of at most 300 lines', async () => {
    const { directory, dispose } = await folder();
    try {
      const big = (n: number): JournalEntry => ({ ...entries[0]!, key: `AMZ-9-${n}`, settlementId: '9', entryNumber: n, lines: Array.from({ length: 150 }, (_, i) => ({ ...entries[0]!.lines[i % 2]!, key: `AMZ-9-${n}-${i + 1}` })) });
      assert.ok((await new FileLedger({ directory, format: 'xero' }).post([big(1), big(2), big(3)])).ok);
      assert.deepEqual((await readdir(directory)).filter((n) => n.endsWith('.csv')).sort(), [
        'amazon-settlement-9-entries-1-2-part1.xero.csv', 'amazon-settlement-9-entries-3-3-part2.xero.csv',
      ]);
    } finally {
      await dispose();
    }
  });

  it('refuses an entry too long for a Xero import file, saying what to do', async () => {
    const { directory, dispose } = await folder();
    try {
      const huge: JournalEntry = { ...entries[0]!, lines: Array.from({ length: 301 }, () => entries[0]!.lines[0]!) };
      const result = await new FileLedger({ directory, format: 'xero' }).post([huge]);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'XeroFileTooLarge');
      assert.match(result.error.message, /orderDetail "none"/);
      assert.deepEqual(await readdir(directory), []);
    } finally {
      await dispose();
    }
  });

  it('refuses entries in another currency than the ledger', async () => {
    const { directory, dispose } = await folder();
    try {
      const result = await new FileLedger({ directory, format: 'quickbooks', baseCurrency: 'GBP' }).post(entries);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'CurrencyMismatch');
    } finally {
      await dispose();
    }
  });

  it('refuses to guess when the manifest is damaged', async () => {
    const { directory, dispose } = await folder();
    try {
      await writeFile(join(directory, LEDGER_MANIFEST_FILE), '{"version": 1, "entr');
      const result = await new FileLedger({ directory, format: 'json' }).post(entries);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'LedgerManifestDamaged');
    } finally {
      await dispose();
    }
  });
});
