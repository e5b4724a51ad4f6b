// The corpus of real-shaped settlement files (test/fixtures/settlements/real-shaped): each marketplace
// style, both flat files, the quirks real files have (33/36-column older file, any column order, BOM,
// CRLF, blank lines, blank-padded values, UTF-8 / Windows-1252 / Latin-1, yen without decimals) and the
// values Amazon writes (transfers, reimbursements, storage, subscription, advertising, deals, coupons,
// liquidations) — each with its Seller Central summary worked out by hand in its .expected.json.
// Every file is imported, reproduces its summary to the cent, gives a balanced journal, and books the
// values the bridge does not know to suspense, each raised once.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSettlementFile } from '../../src/adapters/settlement-file/settlement-file.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { SUMMARY_CATEGORIES } from '../../src/domain/settlements/settlement-summary.js';
import { formatMinorUnits } from '../../src/domain/shared/money.js';
import { importSettlement } from '../../src/flows/settlements/settlement-import.js';

const CORPUS = fileURLToPath(new URL('../fixtures/settlements/real-shaped/', import.meta.url));

interface Expected {
  readonly format: string;
  readonly locale: string;
  readonly encoding: string;
  readonly byteOrderMark: boolean;
  readonly currency: string;
  readonly totalAmount: string;
  readonly rowCount: number;
  readonly summary: Readonly<Record<string, string>>;
  readonly unknownValues: ReadonlyArray<{ field: string; value: string; rowCount: number; amount: string }>;
}

const names = readdirSync(CORPUS).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', '')).sort();

describe('real-shaped settlement corpus', () => {
  it('covers both flat files and five marketplace styles', () => {
    assert.equal(names.length, 5);
    const expected = names.map((n) => JSON.parse(readFileSync(join(CORPUS, `${n}.expected.json`), 'utf8')) as Expected);
    assert.deepEqual(new Set(expected.map((e) => e.format)), new Set(['v2', 'legacy']));
    assert.deepEqual(new Set(expected.map((e) => e.currency)), new Set(['USD', 'EUR', 'JPY', 'GBP']));
  });

  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(CORPUS, `${name}.expected.json`), 'utf8')) as Expected;
    it(`${name}: imported, Seller Central's summary to the cent, balanced journal, unknown values in suspense and raised once each`, async () => {
      const store = await openStore(':memory:');
      try {
        const outcome = await importSettlement({
          store, connectionId: 'default', source: openSettlementFile(join(CORPUS, `${name}.txt`), { chunkSize: 700 }), chart: DEFAULT_CHART_OF_ACCOUNTS, now: 1_732_000_000_000,
        });
        assert.equal(outcome.status, 'imported', outcome.status === 'rejected' ? JSON.stringify(outcome.problems) : '');
        if (outcome.status !== 'imported') return;
        const digits = outcome.header.fractionDigits;
        const read = outcome.read;
        assert.deepEqual([read.format, read.locale, read.encoding, read.byteOrderMark], [expected.format, expected.locale, expected.encoding, expected.byteOrderMark]);
        assert.deepEqual([outcome.header.currency, formatMinorUnits(outcome.header.totalAmount, digits), read.rowCount], [expected.currency, expected.totalAmount, expected.rowCount]);
        const summary = Object.fromEntries([...SUMMARY_CATEGORIES, 'netProceeds' as const].map((c) => [c, formatMinorUnits(outcome.stored.summary[c], digits)]));
        assert.deepEqual(summary, expected.summary);
        assert.equal(outcome.journal.totalDebit, outcome.journal.totalCredit);
        const unknown = outcome.journal.unmapped.map((g) => ({
          field: g.unknownField, value: g.unknownField === null ? '' : g[g.unknownField], rowCount: g.rowCount, amount: formatMinorUnits(g.amount, digits),
        }));
        assert.deepEqual(unknown, expected.unknownValues);
        const raised = await store.exceptions.list({ connectionId: 'default', type: 'settlement.unknown-value' });
        assert.equal(raised.length, expected.unknownValues.length, 'one exception per unknown value');
        for (const value of expected.unknownValues) assert.ok(raised.some((e) => e.reason.includes(`'${value.value}'`) && e.reason.includes('"account":"<code>"')));
      } finally {
        await store.close();
      }
    });
  }
});
