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

describe('real-shaped corpus: matching and mapping', () => {
  const file = join(CORPUS, 'v2-us-mcf-shuffled-bom.txt');
  const run = (store: Awaited<ReturnType<typeof openStore>>, chart = DEFAULT_CHART_OF_ACCOUNTS, now = 1_732_000_000_000) =>
    importSettlement({ store, connectionId: 'default', source: openSettlementFile(file), chart, now });

  it('multi-channel rows (Non-Amazon US, S01- order ids) match the order links of the ids the bridge sent; the partial refund is covered by its sale', async () => {
    const store = await openStore(':memory:');
    try {
      for (const [id, n] of [['BRIDGE-1001-k3j4h5g6f7', '1001'], ['BRIDGE-1002-z9y8x7w6v5', '1002']] as const) {
        await store.orderLinks.upsert({
          connectionId: 'default', ctOrderId: `ct-${n}`, orderNumber: n, sellerFulfillmentOrderId: id, state: 'closed', fbaStatus: 'COMPLETE',
          shippingSpeed: 'Standard', fbaLines: 1, localLines: 0, submittedAt: 0, fbaStatusAt: 0,
        }, 0);
      }
      const outcome = await run(store);
      assert.equal(outcome.status, 'imported');
      if (outcome.status !== 'imported') return;
      assert.deepEqual([outcome.stored.matching.multiChannelOrders, outcome.stored.matching.matchedOrders, outcome.stored.matching.refundsMatched], [2, 2, 1]);
      assert.equal(outcome.unmatchedCount, 0);
      const orders = await store.settlements.listOrders('default', '21000000002');
      assert.deepEqual(orders.filter((o) => o.channel === 'multi-channel').map((o) => [o.orderId, o.ctOrderNumber]), [['S01-1234567-1234567', '1001'], ['S01-7654321-7654321', '1002']]);
    } finally {
      await store.close();
    }
  });

  it('a value the chart does not map: suspense and one exception; mapped in the chart and imported again, it moves to its account and the exception closes', async () => {
    const store = await openStore(':memory:');
    try {
      const first = await run(store);
      assert.equal(first.status, 'imported');
      if (first.status !== 'imported') return;
      const suspense = (j: typeof first.journal): number => j.entries.flatMap((e) => e.lines).filter((l) => l.role === 'suspense').reduce((n, l) => n + l.debit - l.credit, 0);
      assert.equal(suspense(first.journal), 4_50);
      const [open] = await store.exceptions.list({ connectionId: 'default', type: 'settlement.unknown-value', status: 'open' });
      assert.match(open?.reason ?? '', /'Low-Inventory-Level Fee'.*2 row\(s\), -4\.50 USD in all, first on line \d+/);
      const mapped = {
        ...DEFAULT_CHART_OF_ACCOUNTS,
        rules: [{ transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'Low-Inventory*', account: '6120' }, ...DEFAULT_CHART_OF_ACCOUNTS.rules],
      };
      const again = await run(store, mapped, 1_732_000_100_000);
      assert.equal(again.status, 'unchanged');
      if (again.status !== 'unchanged') return;
      assert.equal(suspense(again.journal), 0);
      assert.ok(again.journal.entries.flatMap((e) => e.lines).some((l) => l.accountCode === '6120' && l.debit === 4_50));
      assert.deepEqual(await store.exceptions.list({ connectionId: 'default', type: 'settlement.unknown-value', status: 'open' }), []);
    } finally {
      await store.close();
    }
  });
});
