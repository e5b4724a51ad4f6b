import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LEGACY_COLUMNS, V2_COLUMNS, type SettlementColumn } from './settlement-columns.js';
import { collectSettlement, readSettlement } from './settlement-reader.js';

// A small V2 file in the DE locale: summary (line 2) and two detail rows (lines 3, 4) summing to 10,00.
type Values = Partial<Record<SettlementColumn, string>>;
const v2 = (values: Values): string => V2_COLUMNS.map((c) => values[c] ?? '').join('\t');
const legacy = (values: Values): string => LEGACY_COLUMNS.map((c) => values[c] ?? '').join('\t');
const HEADER = V2_COLUMNS.join('\t');
const SUMMARY: Values = {
  'settlement-id': '1001', 'settlement-start-date': '11.10.2024 08:59:52 UTC', 'settlement-end-date': '25.10.2024 08:59:51 UTC',
  'deposit-date': '27.10.2024 08:59:51 UTC', 'total-amount': '10,00', currency: 'EUR',
};
const ORDER: Values = {
  'settlement-id': '1001', 'transaction-type': 'Order', 'order-id': '303-1589271-6833160', 'merchant-order-id': '303-1589271-6833160',
  'marketplace-name': 'Amazon.de', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '12,50', 'fulfillment-id': 'AFN',
  'posted-date': '14.10.2024', 'posted-date-time': '14.10.2024 04:15:46 UTC', sku: 'TASSE-GRÜN', 'merchant-order-item-id': 'zeile-GRÜN', 'quantity-purchased': '1',
};
const FEE: Values = { ...ORDER, 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: '-2,50' };
const file = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');
const GOOD = file(HEADER, v2(SUMMARY), v2(ORDER), v2(FEE));

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concatBytes = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

interface MalformedCase {
  readonly name: string;
  readonly input: string | Uint8Array;
  readonly problems: ReadonlyArray<readonly [number, string]>;
  readonly rows?: number;
  readonly readToEnd?: boolean;
}

const SUM_WRONG = (sum: string, total = '10,00', unread = ''): string => `the detail amounts sum to ${sum} EUR, but total-amount is ${total} EUR${unread}`;

const MALFORMED: readonly MalformedCase[] = [
  {
    name: 'truncated: the last line is cut off',
    input: file(HEADER, v2(SUMMARY), v2(ORDER)) + v2(FEE).split('\t').slice(0, 15).join('\t'),
    problems: [
      [4, 'the line has 15 columns, the header 24 (the line is cut off: is the file truncated?)'],
      [2, SUM_WRONG('12,50')],
    ],
    rows: 1,
  },
  {
    name: 'truncated after a whole line: only the total tells',
    input: file(HEADER, v2(SUMMARY), v2(ORDER)),
    problems: [[2, SUM_WRONG('12,50')]],
    rows: 1,
  },
  {
    name: 'a core column is missing',
    input: file(V2_COLUMNS.filter((c) => c !== 'amount').join('\t'), v2(SUMMARY)),
    problems: [[1, 'the GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 header lacks the required column amount']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'two core columns are missing from the older file',
    input: file(LEGACY_COLUMNS.filter((c) => c !== 'currency' && c !== 'transaction-type').join('\t')),
    problems: [[1, 'the GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE header lacks the required columns currency, transaction-type']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'the total is wrong',
    input: file(HEADER, v2({ ...SUMMARY, 'total-amount': '10,01' }), v2(ORDER), v2(FEE)),
    problems: [[2, SUM_WRONG('10,00', '10,01')]],
    rows: 2,
  },
  {
    name: 'a bad number',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, amount: 'zwölf' })),
    problems: [[4, "column amount: 'zwölf' is not a number"], [2, SUM_WRONG('12,50', '10,00', ' (1 amount could not be read)')]],
    rows: 1,
  },
  {
    name: 'an empty amount',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, amount: '' })),
    problems: [[4, 'column amount: is empty'], [2, SUM_WRONG('12,50', '10,00', ' (1 amount could not be read)')]],
    rows: 1,
  },
  {
    name: 'too many decimals',
    input: file(HEADER, v2(SUMMARY), v2({ ...ORDER, amount: '12,505' }), v2(FEE)),
    problems: [[3, "column amount: '12,505' has more decimals than EUR has (2)"], [2, SUM_WRONG('-2,50', '10,00', ' (1 amount could not be read)')]],
    rows: 1,
  },
  {
    name: 'a decimal point in a decimal-comma file',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, amount: '-2.50' })),
    problems: [
      [4, "column amount: '-2.50' is written with a decimal point, but this file uses a decimal comma (a file must not mix locales)"],
      [2, SUM_WRONG('12,50', '10,00', ' (1 amount could not be read)')],
    ],
    rows: 1,
  },
  {
    name: 'an ISO date in a dd.mm.yyyy file',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, 'posted-date': '2024-10-14', 'posted-date-time': '' })),
    problems: [[4, "column posted-date: '2024-10-14' is a yyyy-mm-dd date, but this file writes dd.mm.yyyy dates (a file must not mix locales)"]],
    rows: 1,
  },
  {
    name: 'a date that is not on the calendar',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, 'posted-date-time': '31.09.2024 10:00:00 UTC' })),
    problems: [[4, "column posted-date-time: '31.09.2024 10:00:00 UTC' is not a date (expected dd.mm.yyyy HH:MM:SS UTC)"]],
    rows: 1,
  },
  {
    name: 'a bad quantity',
    input: file(HEADER, v2(SUMMARY), v2({ ...ORDER, 'quantity-purchased': 'eins' }), v2(FEE)),
    problems: [[3, "column quantity-purchased: 'eins' is not a whole number"]],
    rows: 1,
  },
  {
    name: 'an amount without a transaction type',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, 'transaction-type': '' })),
    problems: [[4, 'column transaction-type is empty']],
    rows: 1,
  },
  {
    name: "a row of another settlement",
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, 'settlement-id': '1002' })),
    problems: [[4, "column settlement-id: '1002' is not this settlement's '1001' (line 2)"]],
    rows: 1,
  },
  {
    name: 'a detail row with another total',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), v2({ ...FEE, 'total-amount': '11,00' })),
    problems: [[4, "column total-amount: '11,00' differs from the summary row's '10,00' (line 2)"]],
    rows: 2,
  },
  {
    name: 'a line with a column too many',
    input: file(HEADER, v2(SUMMARY), v2(ORDER), `${v2(FEE)}\textra`),
    problems: [[4, 'the line has 25 columns, the header 24'], [2, SUM_WRONG('12,50')]],
    rows: 1,
  },
  {
    name: 'no summary row: the first data line is a detail row',
    input: file(HEADER, v2(ORDER), v2(FEE)),
    problems: [[2, 'the first data line must be the settlement summary (settlement-id, dates, total-amount, currency), but its total-amount is empty']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'the summary row has an unknown currency',
    input: file(HEADER, v2({ ...SUMMARY, currency: 'EURO' }), v2(ORDER), v2(FEE)),
    problems: [[2, "column currency: 'EURO' is not a currency code"]],
    rows: 0, readToEnd: false,
  },
  {
    name: 'the summary row has an unreadable start date',
    input: file(HEADER, v2({ ...SUMMARY, 'settlement-start-date': '11/10/2024' }), v2(ORDER), v2(FEE)),
    problems: [[2, "column settlement-start-date: '11/10/2024' is not a date (expected dd.mm.yyyy HH:MM:SS UTC or yyyy-mm-dd HH:MM:SS UTC)"]],
    rows: 0, readToEnd: false,
  },
  {
    name: 'the summary row mixes locales',
    input: file(HEADER, v2({ ...SUMMARY, 'deposit-date': '2024-10-27 08:59:51 UTC' }), v2(ORDER), v2(FEE)),
    problems: [[2, "column deposit-date: '2024-10-27 08:59:51 UTC' is a yyyy-mm-dd date, but this file writes dd.mm.yyyy dates (a file must not mix locales)"]],
    rows: 0, readToEnd: false,
  },
  { name: 'an empty file', input: '', problems: [[1, 'the file is empty']], rows: 0 },
  { name: 'only the header', input: file(HEADER), problems: [[2, 'the file ends without the settlement summary row']], rows: 0 },
  {
    name: 'not a settlement file',
    input: file('order-id,amount,currency', '1,2,3'),
    problems: [[1, 'this is not a settlement flat-file header (no amount or price-amount column)']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'a column named twice',
    input: file(`${HEADER}\tsku`),
    problems: [[1, "the header names column 'sku' twice"]],
    rows: 0, readToEnd: false,
  },
  {
    name: 'UTF-8 text, then a line in Latin-1',
    input: concatBytes(utf8(file(HEADER, v2(SUMMARY), v2(ORDER))), latin1(file(v2(FEE)))),
    problems: [[4, 'the line is not valid UTF-8, but earlier lines are UTF-8 text (a file must be in one encoding)']],
    rows: 2,
  },
  {
    name: 'UTF-16',
    input: concatBytes(new Uint8Array([0xff, 0xfe]), utf8(GOOD)),
    problems: [[1, 'the file is UTF-16; settlement files are read as UTF-8 or Latin-1']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'still gzip-compressed',
    input: new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x0a]),
    problems: [[1, 'the file is gzip-compressed; decompress it first']],
    rows: 0, readToEnd: false,
  },
  {
    name: 'older file: a bad price amount (an unknown transaction type beside it is no problem)',
    input: file(
      LEGACY_COLUMNS.join('\t'),
      legacy({ ...SUMMARY, 'total-amount': '-1,00' }),
      legacy({ 'settlement-id': '1001', 'transaction-type': 'Lagergebühr', 'other-amount': '-1,00', 'posted-date': '14.10.2024' }),
      legacy({ 'settlement-id': '1001', 'transaction-type': 'Order', 'order-id': '303-1', 'price-type': 'Principal', 'price-amount': '1,0x', 'posted-date': '14.10.2024' }),
    ),
    problems: [
      [4, "column price-amount: '1,0x' is not a number"],
    ],
    rows: 1,
  },
];

describe('readSettlement: malformed files are flagged with their line and problem', () => {
  for (const c of MALFORMED) {
    it(c.name, async () => {
      const { problems, rows, result } = await collectSettlement([c.input]);
      assert.deepEqual(problems.map((p) => [p.lineNumber, p.problem]), c.problems);
      assert.equal(result.verdict, 'rejected');
      assert.equal(result.problemCount, c.problems.length);
      if (c.rows !== undefined) assert.equal(rows.length, c.rows);
      assert.equal(result.readToEnd, c.readToEnd ?? true);
    });
  }
});

describe('readSettlement: well-formed files', () => {
  it('reads the rows with their line numbers, money in minor units, dates in ISO UTC', async () => {
    const { header, rows, problems, result } = await collectSettlement([GOOD]);
    assert.deepEqual(problems, []);
    assert.deepEqual(header, {
      settlementId: '1001', startDate: '2024-10-11T08:59:52Z', endDate: '2024-10-25T08:59:51Z', depositDate: '2024-10-27T08:59:51Z',
      currency: 'EUR', fractionDigits: 2, totalAmount: 1000, format: 'v2',
    });
    assert.deepEqual(rows.map((r) => [r.lineNumber, r.transactionType, r.amountType, r.amountDescription, r.amount]), [
      [3, 'Order', 'ItemPrice', 'Principal', 1250],
      [4, 'Order', 'ItemFees', 'Commission', -250],
    ]);
    assert.equal(rows[0]?.postedDate, '2024-10-14T04:15:46Z');
    assert.equal(rows[0]?.merchantOrderItemId, 'zeile-GRÜN');
    assert.equal(rows[0]?.quantityPurchased, 1);
    assert.equal(result.verdict, 'accepted');
    assert.equal(result.balanced, true);
    assert.equal(result.detailAmountSum, 1000);
    assert.equal(result.locale, 'decimal-comma');
    assert.equal(result.lineCount, 4);
  });

  it('ends with an end event after the header, rows and problems', async () => {
    const kinds: string[] = [];
    for await (const event of readSettlement([GOOD])) kinds.push(event.kind);
    assert.deepEqual(kinds, ['header', 'row', 'row', 'end']);
  });

  const variants: Array<[string, string | Uint8Array, Partial<{ encoding: string; byteOrderMark: boolean }>]> = [
    ['LF, UTF-8', utf8(GOOD), { encoding: 'utf-8', byteOrderMark: false }],
    ['CRLF', utf8(GOOD.replaceAll('\n', '\r\n')), { encoding: 'utf-8' }],
    ['UTF-8 with a byte order mark', concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(GOOD)), { encoding: 'utf-8', byteOrderMark: true }],
    ['Latin-1 (read as Windows-1252)', latin1(GOOD), { encoding: 'windows-1252' }],
    ['Latin-1 and CRLF', latin1(GOOD.replaceAll('\n', '\r\n')), { encoding: 'windows-1252' }],
    ['no line feed after the last line', utf8(GOOD.slice(0, -1)), {}],
    ['blank lines and a blank last line', utf8(GOOD.replace('\n', '\n\n') + '\r\n'), {}],
    ['text chunks with a byte order mark', `\ufeff${GOOD}`, { byteOrderMark: true }],
  ];
  for (const [name, input, expected] of variants) {
    it(`${name}: the same rows`, async () => {
      const { rows, result } = await collectSettlement([input]);
      assert.equal(result.verdict, 'accepted');
      assert.deepEqual(rows.map((r) => [r.amount, r.merchantOrderItemId]), [[1250, 'zeile-GRÜN'], [-250, 'zeile-GRÜN']]);
      for (const [key, value] of Object.entries(expected)) assert.equal(result[key as keyof typeof result], value, key);
    });
  }

  it('gives the same events however the bytes are cut into chunks', async () => {
    const bytes = concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(GOOD.replaceAll('\n', '\r\n')));
    const whole = JSON.stringify(await collectSettlement([bytes]));
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.equal(JSON.stringify(await collectSettlement([bytes.subarray(0, cut), bytes.subarray(cut)])), whole, `cut at ${cut}`);
    }
    const bytewise = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    assert.equal(JSON.stringify(await collectSettlement(bytewise)), whole);
    const text = GOOD.replaceAll('\n', '\r\n');
    assert.equal(JSON.stringify(await collectSettlement(Array.from(text))).replace('"byteOrderMark":false', ''),
      whole.replace('"byteOrderMark":true', ''));
  });

  it('a Latin-1 byte cut off from its line by a chunk boundary still switches the file to Latin-1', async () => {
    const bytes = latin1(GOOD);
    const at = bytes.indexOf(0xdc); // Ü
    const { rows, result } = await collectSettlement([bytes.subarray(0, at), bytes.subarray(at, at + 1), bytes.subarray(at + 1)]);
    assert.equal(rows[0]?.merchantOrderItemId, 'zeile-GRÜN');
    assert.equal(result.encoding, 'windows-1252');
  });

  it('UTF-8 text in one chunk and Latin-1 in a later one mix encodings', async () => {
    const { problems } = await collectSettlement([utf8(file(HEADER, v2(SUMMARY), v2(ORDER))), latin1(file(v2(FEE)))]);
    assert.deepEqual(problems, [{ lineNumber: 4, problem: 'the line is not valid UTF-8, but earlier lines are UTF-8 text (a file must be in one encoding)' }]);
  });

  it('stops pulling chunks once the header makes the file unreadable', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i === 0 ? 'not\ta\theader\n' : `${v2(ORDER)}\n`;
      }
    }
    const { result } = await collectSettlement(source());
    assert.equal(pulled, 1);
    assert.equal(result.readToEnd, false);
  });

  it('reads the older flat file: one row per amount column, the V2 names for types and descriptions', async () => {
    const text = file(
      LEGACY_COLUMNS.join('\t'),
      legacy({ ...SUMMARY, 'settlement-start-date': '2024-10-11T08:59:52+00:00', 'settlement-end-date': '2024-10-25T08:59:51+00:00', 'deposit-date': '2024-10-27T08:59:51+00:00', 'total-amount': '1,235.56', currency: 'USD' }),
      legacy({ 'settlement-id': '1001', 'transaction-type': 'Order', 'order-id': '111-1', 'merchant-order-id': 'DEMO-1-abc', 'marketplace-name': 'Non-Amazon US',
        'posted-date': '2024-10-14T04:15:46-07:00', 'price-type': 'Principal', 'price-amount': '1,200.00', 'item-related-fee-type': 'MarketplaceFacilitatorTax-Principal',
        'item-related-fee-amount': '-10.00', 'promotion-id': 'P1', 'promotion-type': 'Principal', 'promotion-amount': '-5.44', 'quantity-purchased': '2' }),
      legacy({ 'settlement-id': '1001', 'transaction-type': 'Order', 'order-id': '111-1', 'shipment-fee-type': 'FBA transportation fee', 'shipment-fee-amount': '-1.00',
        'order-fee-type': 'Order fee', 'order-fee-amount': '-1.00', 'misc-fee-amount': '-1.00', 'other-fee-amount': '-1.00', 'other-fee-reason-description': 'Other fee',
        'direct-payment-type': 'Direct payment', 'direct-payment-amount': '-1.00', 'other-amount': '-1.00' }),
      legacy({ 'settlement-id': '1001', 'transaction-type': 'current reserve amount', 'other-amount': '57.00', 'posted-date': '2024-10-25T08:00:00+00:00' }),
    );
    const { rows, result, problems } = await collectSettlement([text]);
    assert.deepEqual(problems, []);
    assert.equal(result.format, 'legacy');
    assert.equal(result.locale, 'decimal-point');
    assert.equal(result.verdict, 'accepted');
    assert.deepEqual(rows.map((r) => [r.lineNumber, r.transactionType, r.amountType, r.amountDescription, r.amount]), [
      [3, 'Order', 'ItemPrice', 'Principal', 120000],
      [3, 'Order', 'ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', -1000],
      [3, 'Order', 'Promotion', 'Principal', -544],
      [4, 'Order', 'ShipmentFees', 'FBA transportation fee', -100],
      [4, 'Order', 'OrderFees', 'Order fee', -100],
      [4, 'Order', 'MiscFees', '', -100],
      [4, 'Order', 'OtherFees', 'Other fee', -100],
      [4, 'Order', 'DirectPayment', 'Direct payment', -100],
      [4, 'Order', 'OtherAmount', '', -100],
      [5, 'other-transaction', 'other-transaction', 'Current Reserve Amount', 5700],
    ]);
    assert.equal(rows[0]?.postedDate, '2024-10-14T11:15:46Z');
    assert.equal(rows[0]?.merchantOrderId, 'DEMO-1-abc');
  });

  it('takes transaction types in any case and writes them as Amazon spells them', async () => {
    const { rows } = await collectSettlement([file(HEADER, v2(SUMMARY), v2({ ...ORDER, 'transaction-type': 'ORDER' }), v2(FEE))]);
    assert.deepEqual(rows.map((r) => r.transactionType), ['Order', 'Order']);
  });

  it('reads a currency without minor units', async () => {
    const text = file(HEADER, v2({ ...SUMMARY, 'settlement-start-date': '2024/10/11 08:59:52 UTC', 'settlement-end-date': '2024/10/25 08:59:51 UTC',
      'deposit-date': '2024/10/27 08:59:51 UTC', 'total-amount': '12345.00', currency: 'JPY' }),
    v2({ ...ORDER, amount: '12345', 'posted-date': '2024/10/14', 'posted-date-time': '2024/10/14 04:15:46 UTC' }));
    const { rows, result } = await collectSettlement([text]);
    assert.equal(result.verdict, 'accepted');
    assert.equal(result.header?.fractionDigits, 0);
    assert.equal(rows[0]?.amount, 12345);
  });
});

describe('readSettlement: UTF-8 read as bytes gives what decoded text gives', () => {
  // Multi-byte characters in every field a row carries, blanks String.trim removes around them (no-break
  // space, ideographic space: trimmed when the field also has an ASCII blank at either end), a line of
  // such blanks only, and lines repeating each other around them (the reader's shortcuts for repeated
  // lines work on the bytes).
  const NBSP = '\u00a0';
  const IDEO = '\u3000';
  const order: Values = {
    ...ORDER, 'transaction-type': 'Rückbuchung', 'order-id': 'Bestellung-Ä1', 'merchant-order-id': ` Bestellung-Ä1${IDEO}`,
    'marketplace-name': 'Amazon.co.jp 🛒', 'amount-description': 'Grundpreis ✓', 'merchant-order-item-id': 'zeile-ÉÈ', amount: '12,50',
  };
  const fee: Values = { ...order, 'amount-type': 'ItemFees', 'amount-description': `  Provision€${NBSP}`, amount: '-2,50' };
  const fee2: Values = { ...fee, 'merchant-order-item-id': 'zeile-ÖÖ' };
  const bad: Values = { ...fee, amount: '-1,2ü' };
  const text = file(HEADER, v2({ ...SUMMARY, 'total-amount': '7,50' }), v2(order), v2(fee), ` ${NBSP}${IDEO}`, v2(fee2), v2(fee), v2(order), v2(bad), v2({ ...fee, amount: ` -2,50${NBSP}` }));

  it('rows, problems and the end are the same as when the text is decoded first', async () => {
    const decoded = await collectSettlement([text]);
    assert.deepEqual(decoded.problems, [
      { lineNumber: 9, problem: "column amount: '-1,2ü' is not a number" },
      { lineNumber: 2, problem: 'the detail amounts sum to 15,00 EUR, but total-amount is 7,50 EUR (1 amount could not be read)' },
    ]);
    assert.deepEqual(decoded.rows.map((r) => [r.lineNumber, r.transactionType, r.orderId, r.merchantOrderId, r.marketplaceName, r.amountDescription, r.merchantOrderItemId, r.amount]), [
      [3, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Grundpreis ✓', 'zeile-ÉÈ', 1250],
      [4, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Provision€', 'zeile-ÉÈ', -250],
      [6, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Provision€', 'zeile-ÖÖ', -250],
      [7, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Provision€', 'zeile-ÉÈ', -250],
      [8, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Grundpreis ✓', 'zeile-ÉÈ', 1250],
      [10, 'Rückbuchung', 'Bestellung-Ä1', 'Bestellung-Ä1', 'Amazon.co.jp 🛒', 'Provision€', 'zeile-ÉÈ', -250],
    ]);
    const bytes = utf8(text);
    const whole = JSON.stringify({ ...(await collectSettlement([bytes])), result: undefined });
    assert.equal(whole, JSON.stringify({ ...decoded, result: undefined }));
    for (let cut = 1; cut < bytes.length; cut += 7) {
      assert.equal(JSON.stringify({ ...(await collectSettlement([bytes.subarray(0, cut), bytes.subarray(cut)])), result: undefined }), whole, `cut at ${cut}`);
    }
  });

  it('a header and summary with multi-byte characters are read as decoded text is', async () => {
    const odd = file(HEADER, v2({ ...SUMMARY, 'settlement-id': '1001Ü' }), v2({ ...ORDER, 'settlement-id': '1001Ü', amount: '10,00' }), v2({ ...ORDER, 'settlement-id': '1002Ü', amount: '0,00' }));
    const decoded = await collectSettlement([odd]);
    assert.equal(decoded.header?.settlementId, '1001Ü');
    assert.deepEqual(decoded.problems, [{ lineNumber: 4, problem: "column settlement-id: '1002Ü' is not this settlement's '1001Ü' (line 2)" }]);
    assert.equal(JSON.stringify({ ...(await collectSettlement([utf8(odd)])), result: undefined }), JSON.stringify({ ...decoded, result: undefined }));
  });
});
