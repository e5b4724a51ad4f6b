import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileChart } from './chart-of-accounts.js';
import { DEFAULT_CHART_OF_ACCOUNTS } from './default-chart-of-accounts.js';
import { buildSettlementJournal, buildSettlementJournalFromStream, createJournalBuilder, ORDER_DETAIL_MAX, type JournalOptions } from './journal-builder.js';
import { entryImbalance, type SettlementJournal } from './journal-entry.js';
import type { SettlementHeader, SettlementRow } from './settlement-types.js';

const chart = DEFAULT_CHART_OF_ACCOUNTS;

function header(overrides: Partial<SettlementHeader> = {}): SettlementHeader {
  return {
    settlementId: '11112222333', startDate: '2024-01-25T08:00:00Z', endDate: '2024-02-08T08:00:00Z', depositDate: '2024-02-10T08:00:00Z',
    currency: 'EUR', fractionDigits: 2, totalAmount: 0, format: 'v2', ...overrides,
  };
}

let line = 1;
function row(transactionType: string, amountType: string, amountDescription: string, amount: number, postedDate: string | undefined, extra: Partial<SettlementRow> = {}): SettlementRow {
  line += 1;
  return { lineNumber: line, transactionType, amountType, amountDescription, amount, ...(postedDate === undefined ? {} : { postedDate }), marketplaceName: 'Amazon.de', ...extra };
}

const withTotal = (h: SettlementHeader, rows: readonly SettlementRow[]): SettlementHeader => ({ ...h, totalAmount: rows.reduce((n, r) => n + r.amount, 0) });

function build(h: SettlementHeader, rows: readonly SettlementRow[], options?: JournalOptions): SettlementJournal {
  const result = buildSettlementJournal(h, rows, chart, options);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

const lines = (journal: SettlementJournal) => journal.entries.flatMap((e) => e.lines);
/** credits − debits of an account over the journal. */
const netCredit = (journal: SettlementJournal, code: string) => lines(journal).filter((l) => l.accountCode === code).reduce((n, l) => n + l.credit - l.debit, 0);

// ---- property: balanced for random row sets --------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: ReadonlyArray<[string, string, string, string | undefined]> = [
  ['Order', 'ItemPrice', 'Principal', 'Amazon.de'], ['Order', 'ItemPrice', 'Tax', 'Amazon.de'], ['Order', 'ItemPrice', 'Shipping', 'Amazon.de'],
  ['Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', 'Amazon.de'], ['Order', 'ItemFees', 'Commission', 'Amazon.de'],
  ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', 'Non-Amazon DE'], ['Refund', 'ItemPrice', 'Principal', 'Amazon.de'],
  ['Refund', 'ItemFees', 'RefundCommission', 'Amazon.de'], ['Order', 'Promotion', 'Principal', 'Amazon.de'],
  ['other-transaction', 'other-transaction', 'Storage Fee', undefined], ['other-transaction', 'other-transaction', 'Current Reserve Amount', undefined],
  ['other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', undefined], ['ServiceFee', 'Cost of Advertising', 'TransactionTotalAmount', undefined],
  ['Mystery', 'ItemPrice', 'SomethingNew', 'Amazon.de'], ['other-transaction', 'other-transaction', 'Amazon Capital Services', undefined],
];

function randomSettlement(seed: number): { header: SettlementHeader; rows: SettlementRow[] } {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const day = (ms: number) => new Date(ms).toISOString();
  const start = Date.UTC(2024, int(0, 11), int(1, 28), 8);
  const end = start + 14 * 86_400_000;
  const rows: SettlementRow[] = [];
  const count = int(0, 150);
  for (let i = 0; i < count; i++) {
    const [transactionType, amountType, amountDescription, marketplaceName] = KINDS[int(0, KINDS.length - 1)] ?? KINDS[0]!;
    const orderId = transactionType === 'Order' || transactionType === 'Refund' ? `028-${int(1000000, 1000040)}-0000001` : undefined;
    rows.push({
      lineNumber: i + 3, transactionType, amountType, amountDescription, amount: int(-60_000, 60_000),
      ...(random() < 0.05 ? {} : { postedDate: day(start + int(-2, 15) * 86_400_000 + int(0, 86_399_999)) }),
      ...(marketplaceName === undefined ? {} : { marketplaceName }),
      ...(orderId === undefined ? {} : { orderId, merchantOrderId: orderId }),
    });
  }
  const h = withTotal(header({ settlementId: `S${seed}`, startDate: day(start), endDate: day(end), depositDate: day(end + 2 * 86_400_000) }), rows);
  return { header: h, rows };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed ^ 0x5bd1e995);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('journal of random settlements (property, 300 seeds × 3 option sets)', () => {
  const optionSets: JournalOptions[] = [{}, { bucket: 'day', orderDetail: 'all' }, { orderDetail: 'none' }];
  const compiled = compileChart(chart);

  it('balances exactly, posts every amount to its mapped account, empties clearing, deposits the total', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { header: h, rows } = randomSettlement(seed);
      for (const options of optionSets) {
        const journal = build(h, rows, options);
        const where = `seed ${seed} ${JSON.stringify(options)}`;
        for (const entry of journal.entries) {
          assert.equal(entryImbalance(entry), 0, `${where}: ${entry.key}`);
          for (const l of entry.lines) assert.ok((l.debit === 0) !== (l.credit === 0) && l.debit >= 0 && l.credit >= 0, `${where}: ${l.key}`);
        }
        assert.equal(journal.totalDebit, journal.totalCredit, where);
        assert.equal(netCredit(journal, '1250'), 0, `${where}: clearing`);
        assert.equal(netCredit(journal, '1200') + h.totalAmount, 0, `${where}: bank`);
        const expected = new Map<string, number>();
        for (const r of rows) {
          const code = compiled.resolve(r).account.code;
          expected.set(code, (expected.get(code) ?? 0) + r.amount);
        }
        for (const [code, amount] of expected) assert.equal(netCredit(journal, code), amount, `${where}: account ${code}`);
        const unmappedRows = rows.filter((r) => compiled.resolve(r).ruleIndex === null);
        assert.equal(journal.unmapped.reduce((n, g) => n + g.rowCount, 0), unmappedRows.length, where);
        assert.equal(journal.unmapped.reduce((n, g) => n + g.amount, 0), netCredit(journal, '9999'), where);
        assert.equal(new Set(lines(journal).map((l) => l.key)).size, lines(journal).length, `${where}: keys unique`);
        const dates = journal.entries.map((e) => e.date);
        assert.deepEqual(dates, [...dates].sort(), `${where}: entries in date order`);
      }
    }
  });

  it('gives the same journal, keys included, whatever the order of the rows', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { header: h, rows } = randomSettlement(seed);
      assert.deepEqual(build(h, shuffled(rows, seed)), build(h, rows), `seed ${seed}`);
    }
  });
});

// ---- month-end split and the deposit ----------------------------------------------------------------

describe('a settlement spanning two months', () => {
  const rows = [
    row('Order', 'ItemPrice', 'Principal', 10_000, '2024-01-28T10:00:00Z', { orderId: 'A' }),
    row('Order', 'ItemFees', 'Commission', -1_500, '2024-01-28T10:00:00Z', { orderId: 'A' }),
    row('Order', 'ItemPrice', 'Principal', 4_000, '2024-02-03T23:59:59Z', { orderId: 'B' }),
    row('Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -700, '2024-02-01T00:00:00Z', { orderId: 'B' }),
    row('other-transaction', 'other-transaction', 'Storage Fee', -300, '2024-01-31T23:59:59Z'),
  ];
  const journal = build(withTotal(header(), rows), rows);

  it('is split at month end: one entry per month, dated at month end and at the settlement end, and the deposit', () => {
    assert.deepEqual(journal.entries.map((e) => [e.key, e.kind, e.date]), [
      ['AMZ-11112222333-1', 'activity', '2024-01-31'],
      ['AMZ-11112222333-2', 'activity', '2024-02-08'],
      ['AMZ-11112222333-3', 'deposit', '2024-02-10'],
    ]);
  });

  it('posts each row in the month of its posted date, each month balanced through clearing', () => {
    const [january, february] = journal.entries;
    assert.deepEqual(january?.lines.map((l) => [l.accountCode, l.debit, l.credit]), [['4000', 0, 10_000], ['6100', 1_500, 0], ['6120', 300, 0], ['1250', 8_200, 0]]);
    assert.deepEqual(february?.lines.map((l) => [l.accountCode, l.debit, l.credit]), [['4000', 0, 4_000], ['6110', 700, 0], ['1250', 3_300, 0]]);
  });

  it('moves the settlement total from clearing to the bank on the deposit date', () => {
    const deposit = journal.entries[2];
    assert.deepEqual(deposit?.lines.map((l) => [l.key, l.accountCode, l.role, l.debit, l.credit]), [
      ['AMZ-11112222333-3-1', '1200', 'bank', 11_500, 0],
      ['AMZ-11112222333-3-2', '1250', 'clearing', 0, 11_500],
    ]);
  });

  it('names the settlement and period in each memo', () => {
    assert.deepEqual(journal.entries.map((e) => e.memo), [
      'Amazon settlement 11112222333 (2024-01-25 to 2024-02-08): activity posted in January 2024 [AMZ-11112222333-1]',
      'Amazon settlement 11112222333 (2024-01-25 to 2024-02-08): activity posted in February 2024 [AMZ-11112222333-2]',
      'Amazon settlement 11112222333 (2024-01-25 to 2024-02-08): deposit of 115.00 EUR [AMZ-11112222333-3]',
    ]);
  });

  it('posts one entry per day when asked', () => {
    const daily = build(withTotal(header(), rows), rows, { bucket: 'day' });
    assert.deepEqual(daily.entries.map((e) => e.date), ['2024-01-28', '2024-01-31', '2024-02-01', '2024-02-03', '2024-02-10']);
  });
});

describe('the deposit', () => {
  it('runs from bank to clearing when Amazon charges the seller (negative total)', () => {
    const rows = [row('other-transaction', 'other-transaction', 'Subscription Fee', -3_900, '2024-02-01T00:00:00Z')];
    const journal = build(withTotal(header(), rows), rows);
    const deposit = journal.entries.at(-1);
    assert.deepEqual(deposit?.lines.map((l) => [l.accountCode, l.debit, l.credit]), [['1200', 0, 3_900], ['1250', 3_900, 0]]);
    assert.match(deposit?.memo ?? '', /39\.00 EUR charged by Amazon/);
  });

  it('is left out when the settlement nets to zero', () => {
    const rows = [row('Order', 'ItemPrice', 'Principal', 500, '2024-02-01T00:00:00Z'), row('Order', 'ItemFees', 'Commission', -500, '2024-02-01T00:00:00Z')];
    const journal = build(withTotal(header(), rows), rows);
    assert.deepEqual(journal.entries.map((e) => e.kind), ['activity']);
    assert.equal(journal.entries[0]?.lines.length, 2, 'sales and fees; clearing nets to zero');
  });

  it('is posted alone for a settlement with no rows', () => {
    const journal = build(header({ totalAmount: 1_000 }), []);
    assert.deepEqual(journal.entries.map((e) => e.kind), ['deposit']);
    assert.equal(journal.warnings[0]?.code, 'total-mismatch');
  });
});

// ---- suspense, refunds, reserves, problems ----------------------------------------------------------

describe('rows no rule maps', () => {
  const rows = [
    row('Order', 'ItemPrice', 'Principal', 2_000, '2024-02-01T00:00:00Z'),
    row('Transfer', 'other-transaction', 'Failed Disbursement', 7_700, '2024-02-02T00:00:00Z'),
    row('Transfer', 'other-transaction', 'Failed Disbursement', 300, '2024-02-03T00:00:00Z'),
    row('Order', 'ItemPrice', 'BrandNewThing', -50, '2024-02-03T00:00:00Z'),
  ];
  const journal = build(withTotal(header(), rows), rows);

  it('are posted to suspense, never dropped', () => {
    assert.equal(netCredit(journal, '9999'), 7_950);
    const suspense = lines(journal).find((l) => l.accountCode === '9999');
    assert.equal(suspense?.role, 'suspense');
    assert.equal(suspense?.rowCount, 3);
    assert.equal(suspense?.description, 'Unmapped, map it in the chart of accounts: ItemPrice BrandNewThing, other-transaction Failed Disbursement (3 rows)');
  });

  it('are reported by kind with their lines, and in a warning finance can act on', () => {
    assert.deepEqual(journal.unmapped.map((g) => [g.transactionType, g.amountType, g.amountDescription, g.rowCount, g.amount, g.lineNumbers.length]), [
      ['Order', 'ItemPrice', 'BrandNewThing', 1, -50, 1],
      ['Transfer', 'other-transaction', 'Failed Disbursement', 2, 8_000, 2],
    ]);
    const warning = journal.warnings.find((w) => w.code === 'unmapped-rows');
    assert.match(warning?.message ?? '', /^3 row\(s\) match no rule of the chart of accounts and were posted to 9999 Suspense \(79\.50 EUR\): Order \/ ItemPrice \/ BrandNewThing; Transfer \/ other-transaction \/ Failed Disbursement\. Add rules/);
    assert.equal(warning?.lineNumbers?.length, 3);
  });
});

describe('refunds', () => {
  const rows = [
    row('Refund', 'ItemPrice', 'Principal', -5_420, '2024-02-01T00:00:00Z', { orderId: '028-1', merchantOrderId: 'ct-1001' }),
    row('Refund', 'ItemFees', 'Commission', 1_044, '2024-02-01T00:00:00Z', { orderId: '028-1', merchantOrderId: 'ct-1001' }),
    row('Refund', 'ItemFees', 'RefundCommission', -209, '2024-02-01T00:00:00Z', { orderId: '028-1', merchantOrderId: 'ct-1001' }),
    row('Refund', 'ItemPrice', 'Principal', -1_000, '2024-02-01T00:00:00Z', { orderId: '028-2' }),
    row('Order', 'ItemPrice', 'Principal', 9_000, '2024-02-01T00:00:00Z', { orderId: '028-3' }),
  ];

  it('keep one line per original order and account, carrying the order ids', () => {
    const journal = build(withTotal(header(), rows), rows);
    const refundLines = lines(journal).filter((l) => l.transactionType === 'Refund');
    assert.deepEqual(refundLines.map((l) => [l.accountCode, l.orderId, l.merchantOrderId, l.debit, l.credit, l.description]), [
      ['4090', '028-1', 'ct-1001', 5_420, 0, 'Refund 028-1: ItemPrice Principal (1 row)'],
      ['4090', '028-2', undefined, 1_000, 0, 'Refund 028-2: ItemPrice Principal (1 row)'],
      ['6100', '028-1', 'ct-1001', 0, 835, 'Refund 028-1: ItemFees Commission, ItemFees RefundCommission (2 rows)'],
    ]);
    assert.equal(lines(journal).find((l) => l.accountCode === '4000')?.orderId, undefined, 'sales stay merged by default');
  });

  it('merge into the account totals with orderDetail "none"', () => {
    const journal = build(withTotal(header(), rows), rows, { orderDetail: 'none' });
    assert.deepEqual(lines(journal).filter((l) => l.accountCode === '4090').map((l) => [l.debit, l.orderId]), [[6_420, undefined]]);
  });

  /** `orders` refunded orders (principal and commission each), and one sale. */
  const refunded = (orders: number): SettlementRow[] => [
    ...Array.from({ length: orders }, (_, i) => [
      row('Refund', 'ItemPrice', 'Principal', -1_000 - i, '2024-02-01T00:00:00Z', { orderId: `028-${i}` }),
      row('Refund', 'ItemFees', 'Commission', 150, '2024-02-01T00:00:00Z', { orderId: `028-${i}` }),
    ]).flat(),
    row('Order', 'ItemPrice', 'Principal', 900_000, '2024-02-01T00:00:00Z', { orderId: '028-sale' }),
  ];

  it(`keep their order lines up to ${ORDER_DETAIL_MAX} refunded orders`, () => {
    const many = refunded(ORDER_DETAIL_MAX);
    const journal = build(withTotal(header(), many), many);
    const refundLines = lines(journal).filter((l) => l.transactionType === 'Refund');
    assert.equal(refundLines.length, 2 * ORDER_DETAIL_MAX);
    assert.ok(refundLines.every((l) => l.orderId !== undefined && l.rowCount === 1));
    assert.equal(journal.warnings.find((w) => w.code === 'order-detail-aggregated'), undefined);
  });

  it(`merge per account past ${ORDER_DETAIL_MAX} refunded orders, with a warning, the same for rows in any order`, () => {
    const many = refunded(ORDER_DETAIL_MAX + 1);
    const h = withTotal(header(), many);
    const journal = build(h, many);
    const perOrder = build(h, many, { orderDetail: 'refunds', orderDetailMax: Number.MAX_SAFE_INTEGER });
    assert.deepEqual(lines(journal).filter((l) => l.role !== 'clearing' && l.role !== 'bank').map((l) => [l.accountCode, l.debit, l.credit, l.rowCount, l.orderId, l.description]), [
      ['4000', 0, 900_000, 1, undefined, 'ItemPrice Principal (1 row)'],
      ['4090', 501 * 1_000 + (500 * 501) / 2, 0, 501, undefined, 'Refunds of all orders: ItemPrice Principal (501 rows)'],
      ['6100', 0, 501 * 150, 501, undefined, 'Refunds of all orders: ItemFees Commission (501 rows)'],
    ]);
    for (const code of ['4000', '4090', '6100', '1250']) assert.equal(netCredit(journal, code), netCredit(perOrder, code), code);
    assert.equal(journal.totalDebit, journal.totalCredit);
    const warning = journal.warnings.find((w) => w.code === 'order-detail-aggregated');
    assert.match(warning?.message ?? '', /^more than 500 orders with refunds in settlement 11112222333: their refunds are posted per account, not on a line per order.*Xero imports at most 300 lines/);
    assert.deepEqual(build(h, [...many].reverse()), journal, 'the rows in reverse give the same journal');
  });

  it('merge every order\'s lines past the bound with orderDetail "all", into the account lines', () => {
    const few = [...rows, row('Order', 'ItemFees', 'Commission', -100, '2024-02-01T00:00:00Z', { orderId: '028-3' })];
    const journal = build(withTotal(header(), few), few, { orderDetail: 'all', orderDetailMax: 2 });
    assert.ok(lines(journal).every((l) => l.orderId === undefined));
    assert.deepEqual(lines(journal).filter((l) => l.accountCode === '4000').map((l) => [l.credit, l.description]), [[9_000, 'ItemPrice Principal (1 row)']]);
    assert.deepEqual(lines(journal).filter((l) => l.accountCode === '4090').map((l) => [l.debit, l.description]), [[6_420, 'Refunds of all orders: ItemPrice Principal (2 rows)']]);
    assert.match(journal.warnings.find((w) => w.code === 'order-detail-aggregated')?.message ?? '', /^more than 2 orders in settlement 11112222333: their rows are posted per account/);
  });
});

it('keeps the reserve released and the reserve held apart', () => {
  const rows = [
    row('other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', 18_095, '2024-01-25T08:00:00Z'),
    row('other-transaction', 'other-transaction', 'Current Reserve Amount', -32_410, '2024-02-08T08:00:00Z'),
  ];
  const journal = build(withTotal(header({ startDate: '2024-02-01T00:00:00Z' }), rows), rows, { orderDetail: 'none' });
  const reserve = lines(journal).filter((l) => l.role === 'reserve');
  assert.deepEqual(reserve.map((l) => [l.accountCode, l.debit, l.credit]), [['1260', 0, 18_095], ['1260', 32_410, 0]]);
});

describe('problems', () => {
  it('refuses an amount that is not whole minor units, naming the line', () => {
    const bad = row('Order', 'ItemPrice', 'Principal', 12.5, '2024-02-01T00:00:00Z');
    const result = buildSettlementJournal(header(), [bad], chart);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'InvalidSettlementRow');
    assert.equal(result.error.message, `settlement 11112222333: line ${bad.lineNumber}: amount 12.5 is not a whole number of minor units`);
  });

  it('refuses a header with a date that is not one', () => {
    const result = buildSettlementJournal(header({ depositDate: '27.10.2024' }), [], chart);
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'settlement 11112222333: depositDate "27.10.2024" is not an ISO 8601 date');
  });

  it('warns when the rows do not add up to the declared total, and leaves the difference on clearing', () => {
    const rows = [row('Order', 'ItemPrice', 'Principal', 1_000, '2024-02-01T00:00:00Z')];
    const journal = build(header({ totalAmount: 900 }), rows);
    assert.equal(netCredit(journal, '1250'), -100);
    assert.match(journal.warnings[0]?.message ?? '', /^the rows add up to 10\.00 EUR but settlement 11112222333 declares 9\.00 EUR: 1\.00 EUR stays on 1250 Amazon clearing/);
  });

  it('posts a row without posted date on the settlement end date, and says so', () => {
    const undated = row('Order', 'ItemPrice', 'Principal', 1_000, undefined);
    const journal = build(header({ totalAmount: 1_000 }), [undated]);
    assert.equal(journal.entries[0]?.date, '2024-02-08');
    assert.deepEqual(journal.warnings.map((w) => [w.code, w.lineNumbers]), [['missing-posted-date', [undated.lineNumber]]]);
  });
});

describe('streaming', () => {
  it('builds the same journal from an async stream', async () => {
    const { header: h, rows } = randomSettlement(7);
    async function* stream() {
      for (const r of rows) yield r;
    }
    const streamed = await buildSettlementJournalFromStream(h, stream(), chart);
    assert.deepEqual(streamed, buildSettlementJournal(h, rows, chart));
  });

  it('keeps the journal as small as the chart, not the file (100,000 rows)', () => {
    const builder = createJournalBuilder(header(), chart, { orderDetail: 'none' });
    let total = 0;
    for (let i = 0; i < 100_000; i++) {
      const amount = i % 2 === 0 ? 1_999 : -301;
      total += amount;
      builder.add({ lineNumber: i + 3, transactionType: 'Order', orderId: `o-${i}`, amountType: 'ItemPrice', amountDescription: i % 2 === 0 ? 'Principal' : 'Tax', amount, postedDate: i % 3 === 0 ? '2024-01-30T00:00:00Z' : '2024-02-02T00:00:00Z' });
    }
    const result = builder.finish();
    assert.ok(result.ok);
    assert.equal(result.value.rowCount, 100_000);
    assert.ok(result.value.entries.reduce((n, e) => n + e.lines.length, 0) <= 8);
    assert.equal(netCredit(result.value, '4000') + netCredit(result.value, '2200'), total);
  });
});
