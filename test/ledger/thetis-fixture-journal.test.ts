// The journal of a real settlement (../shared/fixtures/settlement, Amazon.de, German locale). The file is
// read by a tiny TSV reader here, not by the project's parser, so this test checks the journal alone.
// Seller Central's own summary of this settlement (fixtures/PROVENANCE.md): beginning balance 180.95,
// product charges 650.40, shipping 7.46, refunded sales -108.40, refunded expenses 16.70,
// Amazon fees -226.36, account reserve -324.10, net proceeds 196.65.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { buildSettlementJournal } from '../../src/domain/settlements/journal-builder.js';
import { entryImbalance, type SettlementJournal } from '../../src/domain/settlements/journal-entry.js';
import type { SettlementHeader, SettlementRow } from '../../src/domain/settlements/settlement-types.js';

const FIXTURE = fileURLToPath(new URL('../../../shared/fixtures/settlement/thetis_DE_V2_23167452842.txt', import.meta.url));

/** "1.234,56" / "-3,79" → minor units (2 decimals), by digits alone. */
function germanAmount(text: string): number {
  const m = /^(-?)([\d.]*),(\d{2})$/.exec(text.trim());
  if (m === null) throw new Error(`not a German amount: "${text}"`);
  let minor = 0;
  for (const ch of `${(m[2] ?? '').replace(/\./g, '')}${m[3] ?? ''}`) minor = minor * 10 + (ch.charCodeAt(0) - 48);
  return m[1] === '-' ? -minor : minor;
}

/** "11.10.2024 08:59:52 UTC" or "14.10.2024" → ISO 8601 UTC. */
function germanDate(text: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}:\d{2}:\d{2}) UTC)?$/.exec(text.trim());
  if (m === null) throw new Error(`not a German date: "${text}"`);
  return `${m[3]}-${m[2]}-${m[1]}T${m[4] ?? '00:00:00'}Z`;
}

function readFixture(): { header: SettlementHeader; rows: SettlementRow[] } {
  const lines = readFileSync(FIXTURE, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const names = (lines[0] ?? '').split('\t');
  const records = lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return (name: string): string => cells[names.indexOf(name)] ?? '';
  });
  const summary = records[0];
  assert.ok(summary !== undefined);
  const header: SettlementHeader = {
    settlementId: summary('settlement-id'), startDate: germanDate(summary('settlement-start-date')),
    endDate: germanDate(summary('settlement-end-date')), depositDate: germanDate(summary('deposit-date')),
    currency: summary('currency'), fractionDigits: 2, totalAmount: germanAmount(summary('total-amount')), format: 'v2',
  };
  const optional = (value: string) => (value === '' ? undefined : value);
  const rows = records.slice(1).map((get, i): SettlementRow => ({
    lineNumber: i + 3, transactionType: get('transaction-type'), orderId: optional(get('order-id')),
    merchantOrderId: optional(get('merchant-order-id')),
    marketplaceName: optional(get('marketplace-name')), amountType: get('amount-type'), amountDescription: get('amount-description'),
    amount: germanAmount(get('amount')), postedDate: germanDate(get('posted-date-time') || get('posted-date')),
  }));
  return { header, rows };
}

/** Net credit (credits − debits) of an account over the journal, minor units. */
function netCredit(journal: SettlementJournal, code: string): number {
  return journal.entries.flatMap((e) => e.lines).filter((l) => l.accountCode === code).reduce((n, l) => n + l.credit - l.debit, 0);
}

describe('journal of the real Amazon.de settlement 23167452842', { skip: existsSync(FIXTURE) ? false : `../shared is absent: ${FIXTURE} not found` }, () => {
  const { header, rows } = existsSync(FIXTURE) ? readFixture() : { header: undefined, rows: [] };

  it('balances, every entry and in total, and maps every row', () => {
    assert.ok(header !== undefined);
    const result = buildSettlementJournal(header, rows, DEFAULT_CHART_OF_ACCOUNTS);
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const journal = result.value;
    assert.equal(journal.rowCount, 102);
    for (const entry of journal.entries) assert.equal(entryImbalance(entry), 0, entry.key);
    assert.equal(journal.totalDebit, journal.totalCredit);
    assert.deepEqual(journal.unmapped, []);
    assert.deepEqual(journal.warnings, []);
  });

  it('deposits 196.65 EUR to the bank on 27 Oct 2024 and leaves clearing at zero', () => {
    assert.ok(header !== undefined);
    const result = buildSettlementJournal(header, rows, DEFAULT_CHART_OF_ACCOUNTS);
    assert.ok(result.ok);
    const deposit = result.value.entries.at(-1);
    assert.equal(deposit?.kind, 'deposit');
    assert.equal(deposit?.date, '2024-10-27');
    assert.deepEqual(deposit?.lines.map((l) => [l.accountCode, l.debit, l.credit]), [['1200', 19665, 0], ['1250', 0, 19665]]);
    assert.equal(netCredit(result.value, '1250'), 0);
    assert.equal(result.value.entries.length, 2, 'one month of activity, one deposit');
    assert.equal(result.value.entries[0]?.date, '2024-10-25');
  });

  it("reproduces Seller Central's summary on the accounts", () => {
    assert.ok(header !== undefined);
    const result = buildSettlementJournal(header, rows, DEFAULT_CHART_OF_ACCOUNTS);
    assert.ok(result.ok);
    const journal = result.value;
    assert.equal(netCredit(journal, '4000'), 65040, 'product charges');
    assert.equal(netCredit(journal, '4010'), 746, 'shipping');
    assert.equal(netCredit(journal, '4090'), -10840, 'refunded sales');
    assert.equal(netCredit(journal, '6100') + netCredit(journal, '6110'), -22636 + 1670, 'Amazon fees and refunded expenses');
    assert.equal(netCredit(journal, '1260'), 18095 - 32410, 'reserve (an asset): 324.10 held back is a debit, 180.95 released a credit');
    assert.equal(netCredit(journal, '2200'), 0, 'VAT collected and withheld by Amazon cancel out');
  });

  it('keeps each refund on its own lines with the original order id', () => {
    assert.ok(header !== undefined);
    const result = buildSettlementJournal(header, rows, DEFAULT_CHART_OF_ACCOUNTS);
    assert.ok(result.ok);
    const refundLines = result.value.entries.flatMap((e) => e.lines).filter((l) => l.transactionType === 'Refund');
    assert.deepEqual([...new Set(refundLines.map((l) => l.orderId))].sort(), ['028-0397539-8871532', '028-5107213-8109941']);
    const principal = refundLines.find((l) => l.orderId === '028-5107213-8109941' && l.accountCode === '4090');
    assert.equal(principal?.debit, 5420);
    assert.equal(principal?.merchantOrderId, '028-5107213-8109941');
  });
});
